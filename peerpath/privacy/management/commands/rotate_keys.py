from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from peerpath.lib.crypto import seal_column, seal_files
from peerpath.privacy.encrypted import encrypted_columns, encrypted_files


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field and document with the first of "
        "FIELD_ENCRYPTION_KEYS. Works in batches, each committed; values already "
        "under the current key are skipped, so an interrupted run can simply be rerun."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=500, help="rows per transaction")

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        for model, field in encrypted_columns():
            table = model._meta.db_table
            changed = sum(seal_column(table, field.column, batch=options["batch"], rotate=True))
            total += changed
            self.stdout.write(f"{model._meta.label}.{field.name}: {changed} re-encrypted")
        for model, field in encrypted_files():
            table = model._meta.db_table
            changed = sum(seal_files(table, field.column, batch=options["batch"], rotate=True))
            total += changed
            self.stdout.write(f"{model._meta.label}.{field.name} (files): {changed} re-encrypted")
        self.stdout.write(self.style.SUCCESS(f"Done: {total} values re-encrypted."))
