"""Reading a queryset in chunks that are each read to the end."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def in_chunks(rows: QuerySet[M], size: int) -> Iterator[M]:
    """The rows (ordered by id) a chunk at a time, each chunk read to the end before
    the caller writes: SQLite cannot start a write while a read is still open on the
    same connection if another process wrote in between (a sweep beside the worker)."""
    last = 0
    while True:
        chunk = list(rows.filter(pk__gt=last)[:size])
        yield from chunk
        if len(chunk) < size:
            return
        last = chunk[-1].pk
