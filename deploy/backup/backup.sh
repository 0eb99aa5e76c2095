#!/bin/sh
# The backup job (docker-compose.yml, service `backup`; docs/OPERATIONS.md, "Backups"): every
# EVOTARE_BACKUP_INTERVAL seconds, a consistent pg_dump of the whole database (one snapshot: the
# board, its tree heads and the roll agree), taken as the owner role, written under a temporary
# name, checked (pg_restore --list reads it through), then renamed; the newest EVOTARE_BACKUP_KEEP
# are kept. One JSON line per run on stdout. `backup.sh --once` takes one and exits.
# This is the floor, not the whole policy: a dump loses what was cast after it. A pilot also runs
# WAL archiving or a synchronous standby (docs/OPERATIONS.md).
set -eu
umask 077 # a dump holds the electoral roll: personal data
: "${PGHOST:=postgres}" "${PGPORT:=5432}" "${PGUSER:=evotare_owner}" "${PGDATABASE:=evotare}"
export PGHOST PGPORT PGUSER PGDATABASE
if [ -z "${PGPASSWORD:-}" ] && [ -n "${PGPASSWORD_FILE:-}" ]; then
  PGPASSWORD=$(cat "$PGPASSWORD_FILE")
  export PGPASSWORD
fi
dir=${EVOTARE_BACKUP_DIR:-/backups}
interval=${EVOTARE_BACKUP_INTERVAL:-3600}
keep=${EVOTARE_BACKUP_KEEP:-48}

log() { printf '{"time":"%s","level":"%s","msg":"%s"%s}\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" "$2" "${3:-}"; }

backup_once() {
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  file="$dir/$PGDATABASE-$stamp.dump"
  started=$(date +%s)
  if pg_dump --format=custom --compress=6 --file="$file.partial" \
    && pg_restore --list "$file.partial" >/dev/null \
    && mv "$file.partial" "$file"; then
    bytes=$(wc -c <"$file")
    log info "backup written" ",\"file\":\"$file\",\"bytes\":$bytes,\"seconds\":$(($(date +%s) - started))"
  else
    rm -f "$file.partial"
    log error "backup failed" ",\"database\":\"$PGDATABASE\""
    return 1
  fi
  # Keep the newest $keep dumps (names sort by time).
  ls -1 "$dir/$PGDATABASE"-*.dump 2>/dev/null | sort -r | tail -n +$((keep + 1)) | while read -r old; do
    rm -f "$old" && log info "old backup removed" ",\"file\":\"$old\""
  done
}

mkdir -p "$dir"
if [ "${1:-}" = "--once" ]; then
  backup_once
  exit $?
fi
while :; do
  backup_once || true
  sleep "$interval"
done
