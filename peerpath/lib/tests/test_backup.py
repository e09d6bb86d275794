"""deploy/backup.sh and deploy/restore.sh: a backup restores into a scratch database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from peerpath.lib.tests.conftest import database_url

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
PEERPATH = Path(sys.executable).parent / "peerpath"

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the scripts back up PostgreSQL (CI runs the suite on PostgreSQL)",
)


def psql(url: str, sql: str) -> str:
    return subprocess.run(  # noqa: S603 - fixed command, our own SQL
        ["psql", "--dbname", url, "-Atc", sql],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@pytest.fixture
def scratch_url(transactional_db):  # type: ignore[no-untyped-def]
    name = f"{settings.DATABASES['default']['NAME']}_restore"
    server = database_url().rsplit("/", 1)[0]
    psql(f"{server}/postgres", f'drop database if exists "{name}"')
    psql(f"{server}/postgres", f'create database "{name}"')
    yield f"{server}/{name}"
    psql(f"{server}/postgres", f'drop database if exists "{name}" with (force)')


def run(script: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own scripts
        [str(DEPLOY / script), *args],
        env={**os.environ, "PEERPATH": str(PEERPATH), **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_a_backup_restores_into_an_empty_database(participant, scratch_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    original = tmp_path / "original"
    (original / "uploads" / "applications").mkdir(parents=True)
    (original / "uploads" / "applications" / "id.png").write_bytes(b"\x89PNG stored bytes")
    source = {"DATABASE_URL": database_url(), "PEERPATH_DATA_DIR": str(original)}

    made = run("backup.sh", str(tmp_path / "backups"), env=source)
    assert made.returncode == 0, made.stderr
    (backup,) = (tmp_path / "backups").iterdir()
    assert {p.name for p in backup.iterdir()} >= {"database.dump", "files.tar.gz", "SHA256SUMS"}

    restored = tmp_path / "restored"
    target = {"DATABASE_URL": scratch_url, "PEERPATH_DATA_DIR": str(restored)}
    done = run("restore.sh", str(backup), env=target)
    assert done.returncode == 0, done.stderr
    assert psql(scratch_url, "select email from accounts_user") == participant.email
    copy = restored / "uploads" / "applications" / "id.png"
    assert copy.read_bytes() == b"\x89PNG stored bytes"
    # The encryption key kept in the data folder comes back with the data it reads.
    key = (original / "field_encryption_key").read_text()
    assert (restored / "field_encryption_key").read_text() == key

    # Never over an existing install, and never from a damaged backup.
    again = run("restore.sh", str(backup), env=target)
    assert again.returncode != 0 and "empty one" in again.stderr
    (backup / "database.dump").write_bytes(b"damaged")
    damaged = run("restore.sh", str(backup), env=target)
    assert damaged.returncode != 0
