"""`peerpath check --deploy`: the encryption keys must not live beside the data."""

from __future__ import annotations

import os
from typing import Any

from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def encryption_keys_from_environment(app_configs: Any, **kwargs: Any) -> list[Warning]:
    if os.environ.get("FIELD_ENCRYPTION_KEYS", "").strip():
        return []
    return [
        Warning(
            "FIELD_ENCRYPTION_KEYS is not set: the key that encrypts sensitive fields and "
            "documents is kept in the data folder, next to what it protects.",
            hint="Set FIELD_ENCRYPTION_KEYS from your secret store (see docs/operations.md).",
            id="peerpath.privacy.W001",
        )
    ]
