"""`peerpath report` for schedulers."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from peerpath.audit.models import AuditEvent
from peerpath.reports.tests.test_data import make_people

pytestmark = pytest.mark.django_db


def run(*args, **kwargs):
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO(), **kwargs)
    return out.getvalue()


def test_json_has_the_indicators_the_page_shows(program, organization):
    make_people(program, 12)
    data = json.loads(
        run(
            "--organization", organization.slug, "--period", "2025-07-01:2026-06-30",
            "--as-of", "2026-12-31", "--format", "json", "--output", "-",
        )
    )  # fmt: skip
    assert data["indicators"]["served"] == 12
    assert data["indicators"]["employment_q2"]["rate"] == 1.0
    assert data["tables"]["summary"]["rows"] == [["Served", 12], ["Exiters", 12]]
    assert AuditEvent.objects.filter(action="reports.export", detail__source="command").exists()


def test_xlsx_and_csv_files(tmp_path, program, organization):
    make_people(program, 12)
    xlsx, csv_path = tmp_path / "r.xlsx", tmp_path / "r.csv"
    common = ["--organization", organization.slug, "--period", "2025-07-01:2026-06-30"]
    run(*common, "--as-of", "2026-12-31", "--format", "xlsx", "--output", str(xlsx))
    run(*common, "--as-of", "2026-12-31", "--format", "csv", "--output", str(csv_path))
    workbook = load_workbook(xlsx)
    assert workbook["Funder indicators"].cell(row=2, column=2).value == 12
    rows = list(csv.reader(csv_path.open(encoding="utf-8")))
    assert ["summary", "Served", "People", "12"] in rows


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--organization", "nope", "--period", "2025-07-01:2026-06-30"], "--organization"),
        (["--organization", "ORG", "--period", "2026-07-01:2025-06-30"], "--period"),
        (["--organization", "ORG", "--period", "2025-07-01"], "--period"),
        (["--organization", "ORG", "--period", "2025-07-01:2025-02-30"], "--period end"),
        (
            ["--organization", "ORG", "--period", "2025-07-01:2026-06-30", "--as-of", "2025-01-01"],
            "--as-of",
        ),
        (
            ["--organization", "ORG", "--period", "2025-07-01:2026-06-30", "--program", "x"],
            "--program",
        ),
    ],
)
def test_bad_arguments_exit_with_status_2(organization, args, message):
    args = [organization.slug if a == "ORG" else a for a in args]
    with pytest.raises(CommandError) as info:
        call_command("report", *args, "--format", "json", "--output", "-")
    assert info.value.returncode == 2
    assert message in str(info.value)
