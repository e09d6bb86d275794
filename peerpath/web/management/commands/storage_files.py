from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser


def stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in the storage, whatever it is (local disk or a bucket)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing uploaded yet on this disk
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from stored_names(storage, f"{folder}/{sub}" if folder else sub)


class Command(BaseCommand):
    help = (
        "Copy every uploaded or generated file between the configured storage and a "
        "local folder (used by deploy/backup.sh and deploy/restore.sh)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("direction", choices=["export", "import"])
        parser.add_argument("folder", help="the local folder to write to or read from")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"])
        count = 0
        if options["direction"] == "export":
            folder.mkdir(parents=True, exist_ok=True)
            for name in stored_names(default_storage):
                target = folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with default_storage.open(name, "rb") as source:
                    target.write_bytes(source.read())
                count += 1
        else:
            if not folder.is_dir():
                raise CommandError(f"{folder} is not a folder")
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                name = path.relative_to(folder).as_posix()
                if default_storage.exists(name):
                    default_storage.delete(name)
                with path.open("rb") as handle:
                    saved = default_storage.save(name, File(handle))
                if saved != name:
                    raise CommandError(f"{name} was stored as {saved}")
                count += 1
        self.stdout.write(f"{count} files")
