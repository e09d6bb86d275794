#!/usr/bin/env bash
# Restore a PeerPath backup made by deploy/backup.sh into an EMPTY database and
# storage (a new server, or a scratch database to test the backup).
#
#   deploy/restore.sh BACKUP_FOLDER
#
# DATABASE_URL names the database to restore into (create it first: createdb …);
# files go to the configured storage (PEERPATH_DATA_DIR/uploads or the S3 bucket).
# Stop the web and worker services first when restoring over a running install.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
peerpath="${PEERPATH:-$here/../.venv/bin/peerpath}"
backup="${1:?usage: restore.sh BACKUP_FOLDER}"
: "${DATABASE_URL:?DATABASE_URL must name the database to restore into}"

echo "Checking $backup"
(cd "$backup" && sha256sum --check --quiet SHA256SUMS)

# Keys that were kept in the data folder go back there first (never over existing
# ones): any peerpath command would otherwise make new ones.
for key in secret_key field_encryption_key; do
  if [ -f "$backup/$key" ] && [ -n "${PEERPATH_DATA_DIR:-}" ] \
    && [ ! -f "$PEERPATH_DATA_DIR/$key" ]; then
    mkdir -p "$PEERPATH_DATA_DIR"
    install -m 600 "$backup/$key" "$PEERPATH_DATA_DIR/$key"
  fi
done

tables="$(psql --dbname="$DATABASE_URL" -Atc \
  "select count(*) from information_schema.tables where table_schema = 'public'")"
if [ "$tables" != "0" ]; then
  echo "restore.sh: the database already has $tables tables; restore into an empty one" >&2
  exit 2
fi

echo "Database ← $backup/database.dump"
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$backup/database.dump"

echo "Files ← $backup/files.tar.gz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$backup/files.tar.gz"
"$peerpath" storage_files import "$work/files"


"$peerpath" migrate --check >/dev/null || echo "Note: run 'peerpath migrate' (the backup predates this version)."
echo "Restore complete."
