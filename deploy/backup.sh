#!/usr/bin/env bash
# Back up PeerPath: the PostgreSQL database (pg_dump, custom format) and every
# uploaded or generated file (from the local disk or the S3 bucket, whichever is
# configured), with checksums.
#
#   deploy/backup.sh [DESTINATION]      (default: ./backups)
#
# Reads the same environment as PeerPath (DATABASE_URL, PEERPATH_DATA_DIR,
# STORAGE_S3_*): run it as the service user with /etc/peerpath/peerpath.env loaded,
# e.g. `sudo -u peerpath env $(cat /etc/peerpath/peerpath.env | xargs) deploy/backup.sh`.
# The result holds health information: keep it encrypted and off the server.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
peerpath="${PEERPATH:-$here/../.venv/bin/peerpath}"
destination="${1:-./backups}"
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL is not PostgreSQL" >&2; exit 2 ;;
esac

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$destination/peerpath-$stamp"
umask 077
mkdir -p "$target/files"

echo "Database → $target/database.dump"
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" \
  --file="$target/database.dump"

echo "Files → $target/files.tar.gz"
"$peerpath" storage_files export "$target/files"
tar -C "$target" -czf "$target/files.tar.gz" files
rm -rf "$target/files"

# Keys kept in the data folder (an installation without SECRET_KEY or
# FIELD_ENCRYPTION_KEYS in its environment): without them the backup is unreadable.
for key in secret_key field_encryption_key; do
  if [ -n "${PEERPATH_DATA_DIR:-}" ] && [ -f "$PEERPATH_DATA_DIR/$key" ]; then
    cp "$PEERPATH_DATA_DIR/$key" "$target/$key"
  fi
done

(cd "$target" && sha256sum -- * > SHA256SUMS)
echo "Backup complete: $target"
