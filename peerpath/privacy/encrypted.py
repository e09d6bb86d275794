"""Every column and file kept encrypted at rest: what `peerpath rotate-keys` walks."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from peerpath.lib.crypto import EncryptedMixin, EncryptedStorage


def encrypted_columns() -> list[tuple[type[models.Model], models.Field]]:
    """(model, field) for every encrypted text column of the installed apps."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.local_fields
        if isinstance(field, EncryptedMixin)
    ]


def encrypted_files() -> list[tuple[type[models.Model], models.Field]]:
    """(model, field) for every file field whose storage encrypts."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.local_fields
        if isinstance(field, models.FileField) and isinstance(field.storage, EncryptedStorage)
    ]
