"""An S3-compatible server (moto in server mode) for the object storage tests."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

BUCKET = "peerpath-test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The URL of the test database, for processes started by a test."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture(scope="session")
def s3_server() -> Iterator[str]:
    """The endpoint URL of a local S3-compatible server, for the whole test run."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_env(s3_server: str) -> Iterator[dict[str, str]]:
    """Settings for PeerPath's storage on an empty bucket of the local server."""
    import boto3

    env = {
        "STORAGE_S3_BUCKET": BUCKET,
        "STORAGE_S3_ENDPOINT_URL": s3_server,
        "STORAGE_S3_ACCESS_KEY_ID": "testing",
        "STORAGE_S3_SECRET_ACCESS_KEY": "testing",
        "STORAGE_S3_REGION": "us-east-1",
    }
    client = s3_client(env)
    client.create_bucket(Bucket=BUCKET)
    yield env
    bucket = boto3.resource(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    ).Bucket(BUCKET)
    bucket.objects.all().delete()
    bucket.delete()


def s3_client(env: dict[str, str]):  # type: ignore[no-untyped-def]
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=env["STORAGE_S3_ENDPOINT_URL"],
        aws_access_key_id=env["STORAGE_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=env["STORAGE_S3_SECRET_ACCESS_KEY"],
        region_name=env["STORAGE_S3_REGION"],
    )
