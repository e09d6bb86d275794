"""Encryption at rest: model fields and a file storage sealed with Fernet.

Keys come from `settings.FIELD_ENCRYPTION_KEYS` (the environment variable of
the same name, comma-separated; the first key encrypts, every key decrypts).
Values are encrypted with `cryptography`'s `MultiFernet` (AES-128-CBC with an
HMAC-SHA256, a random IV per value), so the same text never gives the same
bytes twice: these fields cannot be searched, filtered or sorted in SQL, and the
fields refuse such lookups. An empty string stays empty and NULL stays NULL
(an empty answer reveals nothing and keeps constraints such as "a reason when
staff-only" working).

A value that no key opens raises `DecryptionError` at once: a wrong or missing
key must never look like data.
"""

from __future__ import annotations

import functools
import json
import secrets
from collections.abc import Iterator
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import connection, models, transaction
from django.db.models.lookups import Exact
from django.utils.deconstruct import deconstructible

TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - every Fernet token starts with its version byte, 0x80
# Lookups that stay meaningful on ciphertext: empty or not, NULL or not.
ALLOWED_LOOKUPS = frozenset({"isnull", "exact"})


class DecryptionError(RuntimeError):
    """A stored value that none of the configured keys opens."""


@functools.cache
def _fernet_for(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty.")
    try:
        fernets = [Fernet(key.encode()) for key in keys]
    except ValueError as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must be Fernet keys (32 url-safe base64-encoded bytes); "
            'make one with `python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"`.'
        ) from exc
    return MultiFernet(fernets), fernets[0]


def fernet() -> MultiFernet:
    """Encrypts with the current key, decrypts with any configured key."""
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))[0]


def current_fernet() -> Fernet:
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))[1]


def new_key() -> str:
    return Fernet.generate_key().decode()


def encrypt_text(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt_text(token: str, where: str = "a value") -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError(
            f"Cannot decrypt {where}: none of FIELD_ENCRYPTION_KEYS opens it "
            "(a key was removed or the wrong keys are configured)."
        ) from exc


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes, where: str = "a file") -> bytes:
    try:
        return fernet().decrypt(token)
    except InvalidToken as exc:
        raise DecryptionError(
            f"Cannot decrypt {where}: none of FIELD_ENCRYPTION_KEYS opens it."
        ) from exc


def is_current(token: bytes) -> bool:
    """Whether a token was made with the current (first) key."""
    try:
        current_fernet().decrypt(token)
    except InvalidToken:
        return False
    return True


class EncryptedMixin:
    """Stores the value as a Fernet token in a text column.

    `max_length` still limits the plain text (forms and validation), but the
    column is unbounded because a token is longer than its text.
    """

    def get_internal_type(self) -> str:
        return "TextField"

    def db_type(self, connection: Any) -> str | None:
        return models.TextField().db_type(connection)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)  # type: ignore[misc]
        if value is None or value == "":
            return value
        return encrypt_text(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return decrypt_text(value, f"{self.model.__name__}.{self.name}")  # type: ignore[attr-defined]

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name not in ALLOWED_LOOKUPS:
            raise FieldError(
                f"{self.name} is encrypted: it cannot be searched or compared "  # type: ignore[attr-defined]
                f"({lookup_name})."
            )
        if lookup_name == "exact":
            return EmptyOnlyExact
        return super().get_lookup(lookup_name)  # type: ignore[misc]


class EmptyOnlyExact(Exact):
    """`field=""` works (empty stays empty); comparing with any other value would
    silently match nothing, because the same text encrypts differently each time."""

    def get_prep_lookup(self) -> Any:
        if self.rhs not in ("", None):
            raise FieldError(
                f"{self.lhs.target.name} is encrypted: it can only be compared with an empty value."
            )
        return super().get_prep_lookup()


class EncryptedCharField(EncryptedMixin, models.CharField):
    pass


class EncryptedTextField(EncryptedMixin, models.TextField):
    pass


class EncryptedJSONField(EncryptedMixin, models.TextField):
    """A JSON value (dict, list …) stored as an encrypted JSON text; no JSON lookups."""

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        text = super().from_db_value(value, expression, connection)
        return None if text is None else json.loads(text or "null")

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(self.value_from_object(obj), ensure_ascii=False)


# --- files ---------------------------------------------------------------


@deconstructible(path="peerpath.lib.crypto.EncryptedStorage")
class EncryptedStorage(Storage):
    """Wraps the default storage: contents are sealed on save and opened on read.

    Names, sizes on disk and listing come from the wrapped storage; what it holds
    is only ever ciphertext. Works with any storage backend (local disk, object
    storage) because it goes through its `open` and `save`.
    """

    def __init__(self, alias: str = "default") -> None:
        self.alias = alias

    @property
    def inner(self) -> Storage:
        return storages[self.alias]

    def _open(self, name: str, mode: str = "rb") -> ContentFile:
        if "w" in mode or "a" in mode:
            raise ValueError("Encrypted files are written with save(), not opened for writing.")
        with self.inner.open(name, "rb") as handle:
            token = handle.read()
        return ContentFile(decrypt_bytes(token, f"the file {name}"), name=name)

    def _save(self, name: str, content: Any) -> str:
        content.seek(0) if hasattr(content, "seek") else None
        data = content.read()
        if isinstance(data, str):
            data = data.encode()
        return self.inner.save(name, ContentFile(encrypt_bytes(data)))

    def read_raw(self, name: str) -> bytes:
        with self.inner.open(name, "rb") as handle:
            return handle.read()

    def delete(self, name: str) -> None:
        self.inner.delete(name)

    def exists(self, name: str) -> bool:
        return self.inner.exists(name)

    def size(self, name: str) -> int:
        return self.inner.size(name)

    def url(self, name: str) -> str:
        raise NotImplementedError("Encrypted files are only served by access-checked views.")

    def path(self, name: str) -> str:
        raise NotImplementedError("Encrypted files have no readable path on disk.")

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        return self.inner.get_available_name(name, max_length)

    def generate_filename(self, filename: str) -> str:
        return self.inner.generate_filename(filename)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        return self.inner.listdir(path)


private_storage = EncryptedStorage()


def get_private_storage() -> EncryptedStorage:
    """For `FileField(storage=...)`: a callable keeps the migrations free of settings."""
    return private_storage


# --- bulk re-encryption (migrations and `peerpath rotate-keys`) -----------


def _rows(table: str, pk: str, column: str, after: Any, batch: int) -> list[tuple[Any, Any]]:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        where = f"{qn(column)} IS NOT NULL AND {qn(column)} <> ''"
        if after is not None:
            where += f" AND {qn(pk)} > %s"
        cursor.execute(
            f"SELECT {qn(pk)}, {qn(column)} FROM {qn(table)} WHERE {where} "  # noqa: S608
            f"ORDER BY {qn(pk)} LIMIT %s",
            ([after] if after is not None else []) + [batch],
        )
        return cursor.fetchall()


def seal_column(
    table: str, column: str, pk: str = "id", batch: int = 500, *, rotate: bool = False
) -> Iterator[int]:
    """Encrypts (or, with `rotate`, re-encrypts under the current key) one column.

    Plain values are encrypted; tokens are left alone, or re-encrypted with
    `rotate` when an older key made them. Each batch is its own transaction, so
    an interrupted run keeps what it did and a rerun skips it. Yields the number
    of rows changed per batch.
    """
    qn = connection.ops.quote_name
    after = None
    while True:
        rows = _rows(table, pk, column, after, batch)
        if not rows:
            return
        changed = []
        for row_id, value in rows:
            raw = value.encode() if isinstance(value, str) else bytes(value)
            if raw.startswith(TOKEN_PREFIX.encode()):
                if not rotate or is_current(raw):
                    continue
                try:
                    new = fernet().rotate(raw)
                except InvalidToken as exc:
                    raise DecryptionError(
                        f"Cannot decrypt {table}.{column} #{row_id} with FIELD_ENCRYPTION_KEYS."
                    ) from exc
            else:
                new = fernet().encrypt(raw)
            changed.append((new.decode(), row_id))
        with transaction.atomic(), connection.cursor() as cursor:
            for new_value, row_id in changed:
                cursor.execute(
                    f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE {qn(pk)} = %s",  # noqa: S608
                    [new_value, row_id],
                )
        yield len(changed)
        after = rows[-1][0]


def seal_files(
    table: str, column: str, pk: str = "id", batch: int = 100, *, rotate: bool = False
) -> Iterator[int]:
    """Encrypts plain stored files (or re-encrypts older tokens with `rotate`).

    The new bytes go under a new name; the row is pointed at it and only then is
    the old file removed, so a crash never leaves a row without its file.
    """
    qn = connection.ops.quote_name
    inner = private_storage.inner
    after = None
    while True:
        rows = _rows(table, pk, column, after, batch)
        if not rows:
            return
        done = 0
        for row_id, name in rows:
            if not inner.exists(name):
                continue
            raw = private_storage.read_raw(name)
            if raw.startswith(TOKEN_PREFIX.encode()):
                if not rotate or is_current(raw):
                    continue
                try:
                    new = fernet().rotate(raw)
                except InvalidToken as exc:
                    raise DecryptionError(f"Cannot decrypt the file {name}.") from exc
            else:
                new = fernet().encrypt(raw)
            new_name = inner.save(_fresh_name(name), ContentFile(new))
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE {qn(pk)} = %s",  # noqa: S608
                    [new_name, row_id],
                )
            inner.delete(name)
            done += 1
        yield done
        after = rows[-1][0]


def _fresh_name(name: str) -> str:
    folder, _, base = name.rpartition("/")
    extension = base.rpartition(".")[2] if "." in base else "bin"
    return f"{folder + '/' if folder else ''}{secrets.token_hex(16)}.{extension}"


def unseal_column(table: str, column: str, pk: str = "id", batch: int = 500) -> int:
    """Decrypts a column back to plain text (reversing the encrypting migration)."""
    qn = connection.ops.quote_name
    after, total = None, 0
    while rows := _rows(table, pk, column, after, batch):
        with transaction.atomic(), connection.cursor() as cursor:
            for row_id, value in rows:
                if str(value).startswith(TOKEN_PREFIX):
                    cursor.execute(
                        f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE {qn(pk)} = %s",  # noqa: S608
                        [decrypt_text(value, f"{table}.{column} #{row_id}"), row_id],
                    )
                    total += 1
        after = rows[-1][0]
    return total


def unseal_files(table: str, column: str, pk: str = "id", batch: int = 100) -> int:
    """Decrypts stored files back to plain files (reversing the encrypting migration)."""
    qn = connection.ops.quote_name
    inner = private_storage.inner
    after, total = None, 0
    while rows := _rows(table, pk, column, after, batch):
        for row_id, name in rows:
            if not inner.exists(name):
                continue
            raw = private_storage.read_raw(name)
            if not raw.startswith(TOKEN_PREFIX.encode()):
                continue
            new_name = inner.save(_fresh_name(name), ContentFile(decrypt_bytes(raw, name)))
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE {qn(pk)} = %s",  # noqa: S608
                    [new_name, row_id],
                )
            inner.delete(name)
            total += 1
        after = rows[-1][0]
    return total


def encrypt_columns_migration(*specs: tuple[str, str, tuple[str, ...]]) -> Any:
    """A `RunPython` function that encrypts existing rows of (app, model, fields)."""

    def forward(apps: Any, schema_editor: Any) -> None:
        for table, column, is_file in _columns(apps, specs):
            for _count in (seal_files if is_file else seal_column)(table, column):
                pass
        _fire_deferred_checks(schema_editor)

    return forward


def decrypt_columns_migration(*specs: tuple[str, str, tuple[str, ...]]) -> Any:
    """The reverse of `encrypt_columns_migration`: back to plain text and files."""

    def backward(apps: Any, schema_editor: Any) -> None:
        for table, column, is_file in _columns(apps, specs):
            (unseal_files if is_file else unseal_column)(table, column)
        _fire_deferred_checks(schema_editor)

    return backward


def _fire_deferred_checks(schema_editor: Any) -> None:
    """PostgreSQL refuses to alter a table with pending deferred-constraint events
    in the same transaction; check them now so the next operation can run."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _columns(apps: Any, specs: tuple[tuple[str, str, tuple[str, ...]], ...]) -> list[Any]:
    found = []
    for app_label, model_name, fields in specs:
        model = apps.get_model(app_label, model_name)
        for field_name in fields:
            field = model._meta.get_field(field_name)
            is_file = isinstance(field, models.FileField)
            found.append((model._meta.db_table, field.column, is_file))
    return found
