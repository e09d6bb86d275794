"""`peerpath report`: an organization's outcome report as a file, for schedulers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from peerpath.accounts.models import Organization, Program
from peerpath.audit.actions import record_event
from peerpath.lib.dates import parse_iso_date
from peerpath.reports.data import Scope, min_cell_for
from peerpath.reports.exports import csv_text, json_text, xlsx_bytes
from peerpath.reports.report import build_report
from peerpath.reports.rules import Period


def _date(value: str, what: str) -> Any:
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise CommandError(f"{what}: expected a date as YYYY-MM-DD", returncode=2) from exc


class Command(BaseCommand):
    help = "Write an organization's outcome report (indicators and tables) as XLSX, CSV or JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organization", required=True, metavar="SLUG")
        parser.add_argument("--program", metavar="SLUG", help="one program of the organization")
        parser.add_argument(
            "--period", required=True, metavar="START:END", help="e.g. 2025-07-01:2026-06-30"
        )
        parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="default: today")
        parser.add_argument("--format", choices=["xlsx", "csv", "json"], default="xlsx")
        parser.add_argument(
            "--output", required=True, metavar="FILE", help="a path, or - for standard output"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organization = Organization.objects.filter(slug=options["organization"]).first()
        if organization is None:
            raise CommandError(
                f"--organization: no organization {options['organization']!r}", returncode=2
            )
        programs = list(Program.objects.filter(organization=organization).order_by("pk"))
        if options["program"]:
            programs = [p for p in programs if p.slug == options["program"]]
            if not programs:
                raise CommandError("--program: no such program in the organization", returncode=2)
        start_text, sep, end_text = options["period"].partition(":")
        if not sep:
            raise CommandError(
                "--period: expected START:END, e.g. 2025-07-01:2026-06-30", returncode=2
            )
        period = Period(_date(start_text, "--period start"), _date(end_text, "--period end"))
        if period.end < period.start:
            raise CommandError("--period: the end is before the start", returncode=2)
        as_of = _date(options["as_of"], "--as-of") if options["as_of"] else timezone.localdate()
        if as_of < period.start:
            raise CommandError("--as-of: is before the period's start", returncode=2)
        fmt, output = options["format"], options["output"]
        if fmt == "xlsx" and output == "-":
            raise CommandError(
                "--output: write a spreadsheet to a file, not standard output", returncode=2
            )
        filters = [
            ("Organization", organization.name),
            ("Program", programs[0].name if options["program"] else "All programs"),
            ("Cohort", "All cohorts"),
        ]
        scope = Scope(tuple(p.pk for p in programs))
        report = build_report(scope, period, as_of, min_cell_for(programs), filters)
        content: bytes | str
        if fmt == "xlsx":
            content = xlsx_bytes(report)
        else:
            content = csv_text(report) if fmt == "csv" else json_text(report)
        if output == "-":
            self.stdout.write(str(content), ending="")
        else:
            mode = "wb" if isinstance(content, bytes) else "w"
            try:
                with open(output, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
                    f.write(content)
            except OSError as exc:
                raise CommandError(
                    f"--output: cannot write {output}: {exc.strerror}", returncode=2
                ) from exc
        record_event(
            None,
            "reports.export",
            organization,
            format=fmt,
            period_start=period.start.isoformat(),
            period_end=period.end.isoformat(),
            source="command",
        )
        if output != "-":
            self.stderr.write(f"wrote {output}")
