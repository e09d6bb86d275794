"""Where uploaded and generated files live: the local disk, or S3-compatible storage.

Local disk (`PEERPATH_DATA_DIR/uploads`) is the default. Setting
`STORAGE_S3_BUCKET` moves every file to a bucket through django-storages, so
several web servers and workers share them:

- `STORAGE_S3_BUCKET` the bucket (it must exist);
- `STORAGE_S3_ENDPOINT_URL` for a service other than AWS (MinIO, Ceph, a
  provider's S3-compatible endpoint);
- `STORAGE_S3_ACCESS_KEY_ID`, `STORAGE_S3_SECRET_ACCESS_KEY` (or the usual AWS
  environment, instance role …);
- `STORAGE_S3_REGION`, `STORAGE_S3_PREFIX` (default `uploads`).

Files are never served from the bucket directly: PeerPath reads them and answers
each download itself, after checking who asks, so the bucket stays private.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any


def default_storage_from_env(environ: Mapping[str, str], data_dir: Path) -> dict[str, Any]:
    bucket = environ.get("STORAGE_S3_BUCKET", "").strip()
    if not bucket:
        # Uploaded documents live outside the web root and are never served directly.
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": data_dir / "uploads", "base_url": None},
        }
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": environ.get("STORAGE_S3_PREFIX", "uploads").strip("/"),
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 300,
        # Two uploads with the same name never replace each other.
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "private, no-store"},
    }
    for option, name in (
        ("endpoint_url", "STORAGE_S3_ENDPOINT_URL"),
        ("access_key", "STORAGE_S3_ACCESS_KEY_ID"),
        ("secret_key", "STORAGE_S3_SECRET_ACCESS_KEY"),
        ("region_name", "STORAGE_S3_REGION"),
    ):
        if value := environ.get(name, "").strip():
            options[option] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
