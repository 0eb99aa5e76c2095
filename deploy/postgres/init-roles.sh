#!/bin/sh
# Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d/), as the
# superuser: the two roles of docs/OPERATIONS.md ("PostgreSQL roles") and the database.
#   evotare_owner  owns the database and every table, view, function and trigger; runs the
#                  migrations (`evotare db migrate`) and the backups (pg_dump).
#   evotare_app    what the servers connect as: may connect and, once `db migrate --grant-to
#                  evotare_app` ran, read and insert, but update or delete only tables that are not
#                  append-only; never ALTER, DROP or TRUNCATE (those are the owner's).
# The passwords come from the secret files, never from the environment.
set -eu
secrets=${EVOTARE_SECRETS_DIR:-/run/secrets}
owner_password=$(cat "$secrets/evotare_owner_password")
app_password=$(cat "$secrets/evotare_app_password")
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v owner_password="$owner_password" -v app_password="$app_password" <<'SQL'
create role evotare_owner login password :'owner_password';
create role evotare_app login password :'app_password';
create database evotare owner evotare_owner;
revoke all on database evotare from public;
grant connect, temporary on database evotare to evotare_app;
\connect evotare
-- PostgreSQL 15 and later already refuse CREATE in public to other roles; say it anyway.
revoke create on schema public from public;
SQL
