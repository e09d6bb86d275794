"""Approved work hours for one pay period, as rows and as CSV or XLSX files for payroll.

Only what payroll needs: name, email, placement, date, hours, rate and amount.
Nothing about health, training or anything staff wrote.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from peerpath.accounts.models import Program
from peerpath.training import rules
from peerpath.training.models import TimesheetEntry, TimesheetStatus

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class PayrollRow:
    name: str
    email: str
    placement: str
    role: str
    date: dt.date
    hours: Decimal
    rate: Decimal
    amount: Decimal


@dataclass(frozen=True)
class PayrollTotal:
    name: str
    email: str
    placement: str
    hours: Decimal
    rate: Decimal
    amount: Decimal


def _legal_name(person) -> str:  # type: ignore[no-untyped-def]
    """The legal name from the application when there is one: payroll pays that name."""
    application = getattr(person, "application", None)
    first = getattr(application, "legal_first_name", "") if application else ""
    last = getattr(application, "legal_last_name", "") if application else ""
    return " ".join(part for part in (first, last) if part) or person.full_name or person.email


def payroll_rows(program: Program, period: rules.PayPeriod) -> list[PayrollRow]:
    """Every approved entry of the program's participants dated in `period` (one query)."""
    entries = (
        TimesheetEntry.objects.filter(
            timesheet__status=TimesheetStatus.APPROVED,
            timesheet__placement__participant__program=program,
            date__gte=period.start,
            date__lte=period.end,
        )
        .select_related("timesheet__placement__participant__application")
        .order_by(
            "timesheet__placement__participant__full_name",
            "timesheet__placement__participant__email",
            "timesheet__placement_id",
            "date",
            "id",
        )
    )
    rows = []
    for entry in entries:
        timesheet = entry.timesheet
        placement = timesheet.placement
        rate = timesheet.pay_rate if timesheet.pay_rate is not None else placement.pay_rate
        rows.append(
            PayrollRow(
                name=_legal_name(placement.participant),
                email=placement.participant.email,
                placement=placement.site,
                role=placement.role,
                date=entry.date,
                hours=entry.hours,
                rate=rate,
                amount=rules.amount_due(entry.hours, rate),
            )
        )
    return rows


def payroll_totals(rows: list[PayrollRow]) -> list[PayrollTotal]:
    """One line per person, placement and rate."""
    sums: dict[tuple[str, str, str, Decimal], list[Decimal]] = defaultdict(
        lambda: [rules.ZERO, rules.ZERO]
    )
    for row in rows:
        key = (row.name, row.email, row.placement, row.rate)
        sums[key][0] += row.hours
        sums[key][1] += row.amount
    return [
        PayrollTotal(name, email, placement, hours, rate, amount)
        for (name, email, placement, rate), (hours, amount) in sums.items()
    ]


# The control characters a workbook cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE);
# openpyxl itself loads only when a workbook is made.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def _safe(value: str) -> str:
    """Text as a CSV cell: control characters removed, and never run as a formula
    (a leading `'` makes a spreadsheet read it as text)."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _append_text_safe(sheet, values: list, text_columns: int) -> None:  # type: ignore[no-untyped-def]
    """Append a row whose first `text_columns` cells are text: stored as strings, so
    "=SUM(…)" in a name is shown as typed and never run, with no visible `'`."""
    cleaned = [
        ILLEGAL_CHARACTERS_RE.sub("", value) if index < text_columns else value
        for index, value in enumerate(values)
    ]
    sheet.append(cleaned)
    for cell in sheet[sheet.max_row][:text_columns]:
        cell.data_type = "s"


def _headers() -> list[str]:
    return [
        _("Name"),
        _("Email"),
        _("Placement"),
        _("Role"),
        _("Date"),
        _("Hours"),
        _("Pay rate (USD)"),
        _("Amount (USD)"),
    ]


def payroll_csv(rows: list[PayrollRow]) -> str:
    """UTF-8 with a byte order mark, without which spreadsheets garble "María" or "Núñez"."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(_headers())
    for row in rows:
        writer.writerow(
            [
                _safe(row.name),
                _safe(row.email),
                _safe(row.placement),
                _safe(row.role),
                row.date.isoformat(),
                f"{row.hours:.2f}",
                f"{row.rate:.2f}",
                f"{row.amount:.2f}",
            ]
        )
    return buffer.getvalue()


def payroll_xlsx(rows: list[PayrollRow], period: rules.PayPeriod) -> bytes:
    """Two sheets: every approved entry, and totals per person and placement."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Approved hours")[:31]
    sheet.append(_headers())
    for row in rows:
        _append_text_safe(
            sheet,
            [
                row.name,
                row.email,
                row.placement,
                row.role,
                row.date,
                row.hours,
                row.rate,
                row.amount,
            ],
            text_columns=4,
        )
    for cells in sheet.iter_rows(min_row=2):
        cells[4].number_format = "yyyy-mm-dd"
        cells[5].number_format = "0.00"
        cells[6].number_format = "0.00"
        cells[7].number_format = "0.00"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGH", (28, 30, 30, 24, 12, 8, 14, 14), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"

    totals = workbook.create_sheet(_("Totals")[:31])
    totals.append([_("Pay period"), period.start, period.end])
    totals.append(
        [_("Name"), _("Email"), _("Placement"), _("Hours"), _("Pay rate (USD)"), _("Amount (USD)")]
    )
    for total in payroll_totals(rows):
        _append_text_safe(
            totals,
            [total.name, total.email, total.placement, total.hours, total.rate, total.amount],
            text_columns=3,
        )
    for cells in totals.iter_rows(min_row=3):
        for cell in cells[3:6]:
            cell.number_format = "0.00"
    totals["B1"].number_format = totals["C1"].number_format = "yyyy-mm-dd"
    for cell in (*totals[1], *totals[2]):
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
