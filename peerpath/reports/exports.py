"""The report as a spreadsheet (one sheet per table, typed cells) and as CSV
(one row per cell: table, row, column, value)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from peerpath.reports.report import DEFINITIONS, Percent, Report, Suppressed

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(report: Report, extension: str) -> str:
    return f"outcomes-{report.period.start.isoformat()}-{report.period.end.isoformat()}.{extension}"


def _about_rows(report: Report) -> list[tuple[str, Any]]:
    return [
        (_("Period starts"), report.period.start),
        (_("Period ends"), report.period.end),
        (_("Data as of"), report.as_of),
        *report.filters,
        (_("Suppression threshold (fewest people shown)"), report.min_cell),
    ]


def _sheet_title(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique.
    clean = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31]
    name, n = clean, 2
    while name in used:
        name = f"{clean[:28]} {n}"
        n += 1
    used.add(name)
    return name


def xlsx_bytes(report: Report) -> bytes:
    workbook = Workbook()
    about = workbook.active
    about.title = _("About")[:31]
    used = {about.title}
    bold = Font(bold=True)
    about.append([_("Outcome report")])
    about["A1"].font = bold
    for label, value in _about_rows(report):
        about.append([str(label), _xlsx_value(value)])
        if hasattr(value, "isoformat"):
            about.cell(row=about.max_row, column=2).number_format = "yyyy-mm-dd"
    about.append([])
    about.append([_("Definitions")])
    about.cell(row=about.max_row, column=1).font = bold
    for term, definition in DEFINITIONS:
        about.append([str(term), str(definition)])
    about.column_dimensions["A"].width = 45
    about.column_dimensions["B"].width = 100
    for table in report.tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet.append([str(column) for column in table.columns])
        for cell in sheet[1]:
            cell.font = bold
        for row in table.rows:
            sheet.append([_xlsx_value(value) for value in row])
            for column, value in enumerate(row, start=1):
                if isinstance(value, Percent):
                    sheet.cell(row=sheet.max_row, column=column).number_format = "0.00%"
        if table.note:
            sheet.append([])
            sheet.append([str(table.note)])
        sheet.column_dimensions["A"].width = 55
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def safe_text(text: str) -> str:
    """Names typed by staff never become spreadsheet formulas."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, Suppressed):
        return str(value)
    if isinstance(value, str):
        return safe_text(value)
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return safe_text(str(value))


def csv_text(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["table", "row", "column", "value"])
    for label, value in _about_rows(report):
        writer.writerow(["about", str(label), "", _text(value)])
    for table in report.tables:
        for row in table.rows:
            for column, value in zip(table.columns[1:], row[1:], strict=True):
                writer.writerow([table.key, _text(row[0]), str(column), _text(value)])
    return buffer.getvalue()


def json_data(report: Report) -> dict[str, Any]:
    """For `peerpath report --format json`: the indicators as the command gives
    them, plus the tables."""
    return {
        "period": {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()},
        "as_of": report.as_of.isoformat(),
        "min_cell": report.min_cell,
        "filters": {str(label): value for label, value in report.filters},
        "indicators": report.indicators.as_json(),
        "tables": {
            table.key: {
                "title": str(table.title),
                "columns": [str(c) for c in table.columns],
                "rows": [[_json_value(v) for v in row] for row in table.rows],
            }
            for table in report.tables
        },
    }


def _json_value(value: Any) -> Any:
    if isinstance(value, Suppressed):
        return "suppressed"
    if isinstance(value, Decimal):
        return float(value)
    return value


def json_text(report: Report) -> str:
    return json.dumps(json_data(report), indent=2, ensure_ascii=False)


def xlsx_response(report: Report) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(report), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename(report, "xlsx")}"'
    return response


def csv_response(report: Report) -> HttpResponse:
    response = HttpResponse(csv_text(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename(report, "csv")}"'
    return response
