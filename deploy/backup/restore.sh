#!/bin/sh
# Restores a dump of backup.sh into an EMPTY database that the owner role owns (docs/OPERATIONS.md,
# "Restoring"): restore.sh <file.dump> <database>. As the owner role, in one transaction, stopping
# at the first error, so a restore either is whole or leaves the database empty. Afterwards run
# `evotare db migrate` (the `migrate` service): it applies what a newer release added and grants
# the runtime role again. test/src/deployment.test.ts runs the same pg_restore on a dump taken
# while voters cast, and the verifier on the restored board.
set -eu
[ $# -eq 2 ] || { echo "usage: restore.sh <file.dump> <empty database owned by evotare_owner>" >&2; exit 2; }
: "${PGHOST:=postgres}" "${PGPORT:=5432}" "${PGUSER:=evotare_owner}"
export PGHOST PGPORT PGUSER
if [ -z "${PGPASSWORD:-}" ] && [ -n "${PGPASSWORD_FILE:-}" ]; then
  PGPASSWORD=$(cat "$PGPASSWORD_FILE")
  export PGPASSWORD
fi
tables=$(psql --dbname="$2" -Atc "select count(*) from pg_tables where schemaname = 'public'")
[ "$tables" -eq 0 ] || { echo "restore.sh: database $2 is not empty ($tables tables); restore into a new one" >&2; exit 1; }
pg_restore --exit-on-error --single-transaction --dbname="$2" "$1"
echo "restored $1 into $2; now run the migrate service (evotare db migrate --grant-to evotare_app)"
