"""The coordinator's payroll export: approved hours of one pay period, as CSV and XLSX."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from peerpath.audit.models import AuditEvent
from peerpath.intake.models import Application
from peerpath.training import actions
from peerpath.training.models import TimesheetStatus
from peerpath.training.rules import pay_period_containing, recent_pay_periods
from peerpath.training.tests.factories import make_placement, make_timesheet

pytestmark = pytest.mark.django_db

PAYROLL = reverse("training-export-payroll")
ANCHOR = dt.date(2024, 1, 1)


@pytest.fixture
def period(today, biweekly):
    """The last complete biweekly period: what the page shows first."""
    return recent_pay_periods(today, "biweekly", ANCHOR, count=2)[1]


@pytest.fixture
def approved_hours(participant, other_participant, coordinator, program, period):
    Application.objects.create(
        applicant=participant,
        program=program,
        legal_first_name="Ana María",
        legal_last_name="Ruiz",
    )
    shadow = make_placement(
        participant, period.start - dt.timedelta(days=30), rate="18.50", site="Wellness Center"
    )
    work = make_placement(
        other_participant,
        period.start - dt.timedelta(days=30),
        rate="20",
        site='=HYPERLINK("http://x")',
        role="Peer navigator",
    )
    first = make_timesheet(
        shadow, period.start, [(period.start, "6"), (period.start + dt.timedelta(days=2), "7.75")]
    )
    second = make_timesheet(work, period.start, [(period.end, "4")])
    for timesheet in (first, second):
        actions.do_review_timesheet(coordinator, timesheet, approve=True)
    # Not approved, or outside the period: never exported.
    make_timesheet(
        shadow,
        period.start - dt.timedelta(days=14),
        [(period.start - dt.timedelta(days=1), "5")],
        status=TimesheetStatus.APPROVED,
        pay_rate=Decimal("18.50"),
    )
    make_timesheet(
        shadow, period.end + dt.timedelta(days=1), [(period.end + dt.timedelta(days=1), "3")]
    )
    return first, second


def test_coordinator_sees_the_period_totals(client, coordinator, approved_hours, period):
    client.force_login(coordinator)
    response = client.get(PAYROLL)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["period"] == period
    assert "17.75 approved hours, $334.38 in total." in html
    assert "Ana María Ruiz" in html and "Ben Ortiz" in html
    assert AuditEvent.objects.filter(action="training.payroll.view", actor=coordinator).exists()


def test_the_xlsx_export_reads_back_with_every_approved_entry(
    client, coordinator, approved_hours, period
):
    client.force_login(coordinator)
    response = client.get(PAYROLL, {"period": period.key, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        f"peerpath-payroll-esp-{period.start.isoformat()}.xlsx" in response["Content-Disposition"]
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Approved hours", "Totals"]
    sheet = workbook["Approved hours"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Name",
        "Email",
        "Placement",
        "Role",
        "Date",
        "Hours",
        "Pay rate (USD)",
        "Amount (USD)",
    ]
    assert rows[1][:4] == [
        "Ana María Ruiz",
        "ana@example.org",
        "Wellness Center",
        "Peer support intern",
    ]
    assert rows[1][4].date() == period.start
    assert (rows[1][5], rows[1][6], rows[1][7]) == (6, 18.5, 111)
    assert rows[2][4].date() == period.start + dt.timedelta(days=2)
    assert (rows[2][5], rows[2][7]) == (7.75, 143.38)
    # Text in the workbook is stored as text: shown as typed, never run, no visible "'".
    assert rows[3][0] == "Ben Ortiz" and rows[3][2] == '=HYPERLINK("http://x")'
    assert sheet.cell(row=4, column=3).data_type == "s"
    assert (rows[3][5], rows[3][6], rows[3][7]) == (4, 20, 80)
    assert len(rows) == 4
    totals = [[cell.value for cell in row] for row in workbook["Totals"].iter_rows()]
    assert totals[0][0] == "Pay period" and totals[0][1].date() == period.start
    assert totals[2] == [
        "Ana María Ruiz",
        "ana@example.org",
        "Wellness Center",
        13.75,
        18.5,
        254.38,
    ]
    assert {cell.number_format for cell in workbook["Totals"][3][3:6]} == {"0.00"}
    event = AuditEvent.objects.get(action="training.payroll.export")
    assert event.actor == coordinator and event.detail["format"] == "xlsx"
    assert event.detail["rows"] == 3 and event.detail["period_start"] == period.start.isoformat()


def test_the_csv_export_has_the_same_rows(client, coordinator, approved_hours, period):
    client.force_login(coordinator)
    response = client.get(PAYROLL, {"period": period.key, "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Name" and len(rows) == 4
    assert rows[1] == [
        "Ana María Ruiz",
        "ana@example.org",
        "Wellness Center",
        "Peer support intern",
        period.start.isoformat(),
        "6.00",
        "18.50",
        "111.00",
    ]
    assert rows[3][2].startswith("'=")
    assert AuditEvent.objects.filter(action="training.payroll.export", detail__format="csv")


def test_the_export_carries_no_comments_or_training_details(
    client, coordinator, participant, approved_hours, period
):
    first, _second = approved_hours
    first.reviews.update(comment="Private note about a hard week")
    client.force_login(coordinator)
    content = client.get(PAYROLL, {"period": period.key, "format": "csv"}).content.decode()
    assert "hard week" not in content and "Shadowed intake" not in content


def test_control_characters_in_names_do_not_break_the_export(
    client, coordinator, participant, approved_hours, period
):
    participant.application.legal_first_name = "Ana\x0b"
    participant.application.save()
    first, _second = approved_hours
    first.placement.site = "\x01=cmd|' /C calc'!A0"
    first.placement.save()
    client.force_login(coordinator)
    response = client.get(PAYROLL, {"period": period.key, "format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Approved hours"]
    rows = list(sheet.values)
    assert rows[1][:3] == ("Ana Ruiz", "ana@example.org", "=cmd|' /C calc'!A0")
    assert sheet.cell(row=2, column=3).data_type == "s"  # text, never a formula
    content = client.get(PAYROLL, {"period": period.key, "format": "csv"}).content.decode()
    assert "\x0b" not in content and "\x01" not in content and "'=cmd" in content


def test_another_period_is_empty(client, coordinator, approved_hours, today):
    older = recent_pay_periods(today, "biweekly", ANCHOR, count=6)[5]
    client.force_login(coordinator)
    response = client.get(PAYROLL, {"period": older.key})
    assert "No approved hours in this pay period." in response.content.decode()


def test_a_made_up_period_gets_a_message_not_an_error(client, coordinator, approved_hours):
    client.force_login(coordinator)
    for value in ("2020-02-30", "nonsense", "1999-01-01", "x" * 5000):
        response = client.get(PAYROLL, {"period": value, "format": "xlsx"})
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
    assert not AuditEvent.objects.filter(action="training.payroll.export").exists()


def test_another_organizations_program_is_not_found(client, other_coordinator, approved_hours):
    client.force_login(other_coordinator)
    assert client.get(PAYROLL, {"program": "esp"}).status_code == 404


@pytest.mark.parametrize("persona", ["participant", "advocate", "site_admin"])
def test_only_coordinators_export(client, request, persona, approved_hours):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(PAYROLL, {"format": "csv"}).status_code == 404


def test_semimonthly_periods_are_offered_when_the_program_uses_them(client, coordinator, biweekly):
    biweekly.pay_period = "semimonthly"
    biweekly.save()
    client.force_login(coordinator)
    response = client.get(PAYROLL)
    today = timezone.localdate()
    current = pay_period_containing(today, "semimonthly")
    keys = [key for key, _label in response.context["form"].fields["period"].choices]
    assert keys[0] == current.key and all(dt.date.fromisoformat(k).day in (1, 16) for k in keys)


def test_each_row_is_rounded_once_and_totals_are_the_sum_of_rows():
    from peerpath.training.payroll import PayrollRow, payroll_totals
    from peerpath.training.rules import amount_due

    assert amount_due(Decimal("12.50"), Decimal("18.50")) == Decimal("231.25")
    rows = [
        PayrollRow(
            "A", "a@example.org", "Site", "Role", dt.date(2026, 1, d), h, r, amount_due(h, r)
        )
        for d, h, r in [
            (1, Decimal("7.75"), Decimal("18.50")),
            (2, Decimal("4.75"), Decimal("18.50")),
        ]
    ]
    (total,) = payroll_totals(rows)
    assert total.hours == Decimal("12.50")
    assert total.amount == rows[0].amount + rows[1].amount == Decimal("231.26")
