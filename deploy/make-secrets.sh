#!/bin/sh
# Writes the secret files docker-compose.yml mounts (deploy/secrets/, mode 0600, ignored by git):
# random passwords for PostgreSQL's superuser, owner and runtime roles, the two connection URLs
# built from them, and the CEC authority passphrase. Existing files are kept: run it once, back
# the passphrase up apart from the database backups (a backup without it cannot sign), and put
# the TLS certificate and key there as tls_certificate and tls_private_key.
set -eu
dir=$(dirname "$0")/secrets
umask 077
mkdir -p "$dir"
random() { head -c 24 /dev/urandom | base64 | tr -d '/+=\n'; }
keep() { [ -s "$dir/$1" ] || { printf '%s\n' "$2" >"$dir/$1"; echo "wrote $dir/$1"; }; }
keep postgres_password "$(random)"
keep evotare_owner_password "$(random)"
keep evotare_app_password "$(random)"
keep evotare_authority_passphrase "$(random)$(random)"
keep evotare_migration_url "postgres://evotare_owner:$(cat "$dir/evotare_owner_password")@postgres:5432/evotare"
keep evotare_database_url "postgres://evotare_app:$(cat "$dir/evotare_app_password")@postgres:5432/evotare"
[ -s "$dir/tls_certificate" ] || echo "missing: $dir/tls_certificate and $dir/tls_private_key (the voting host's TLS certificate and key)"
# docker compose (outside swarm) mounts a secret file with its owner and mode on this host: each
# file must belong to the user that reads it inside its container — `node` (uid 1000) in the
# server image, `postgres` (uid 999) for the init script of the postgres image; root reads all.
if [ "$(id -u)" -eq 0 ]; then
  chown 1000 "$dir/evotare_database_url" "$dir/evotare_migration_url" "$dir/evotare_authority_passphrase"
  chown 999 "$dir/evotare_owner_password" "$dir/evotare_app_password"
else
  echo "not root: chown 1000 the evotare_*_url and passphrase files, 999 the two role passwords (see above)"
fi
