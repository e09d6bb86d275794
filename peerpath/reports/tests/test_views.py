"""The reports pages: who sees them, what they show, downloads, queries."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from peerpath.audit.models import AuditEvent
from peerpath.intake.models import Application
from peerpath.reports.forms import current_program_year
from peerpath.reports.tests.test_data import make_people

pytestmark = pytest.mark.django_db

PAGE = reverse("reports-show-report")
XLSX = reverse("reports-download-report", args=["xlsx"])
CSV = reverse("reports-download-report", args=["csv"])
LAST_YEAR = f"py-{current_program_year(timezone.localdate()) - 1}"
CUSTOM = {"period": "custom", "start": "2025-07-01", "end": "2026-06-30"}


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 200),
        ("org_admin", 200),
        ("site_admin", 200),
        ("other_coordinator", 200),
        ("advocate", 404),
        ("participant", 404),
        ("other_participant", 404),
    ],
)
def test_who_opens_the_reports(client, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(PAGE).status_code == status
    assert client.get(XLSX).status_code == status
    assert client.get(CSV).status_code == status


def test_anonymous_visitors_sign_in_first(client):
    for url in (PAGE, XLSX, CSV):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def served(response):
    summary = next(t for t in response.context["report"].tables if t.key == "summary")
    return summary.rows[0][1]


def test_another_organizations_coordinator_sees_none_of_its_people(
    client, program, other_coordinator, coordinator
):
    make_people(program, 12)
    client.force_login(coordinator)
    assert served(client.get(PAGE, CUSTOM)) == 12
    client.force_login(other_coordinator)
    assert served(client.get(PAGE, CUSTOM)) == 0
    response = client.get(PAGE, {**CUSTOM, "program": program.pk})
    assert "program" in response.context["form"].errors
    assert response.context["report"] is None


def test_administrators_see_all_or_one_organization(
    client, site_admin, org_admin, program, other_program
):
    make_people(program, 12)
    make_people(other_program, 3, start=50)
    client.force_login(site_admin)
    assert served(client.get(PAGE, CUSTOM)) == 15
    assert served(client.get(PAGE, {**CUSTOM, "organization": other_program.organization_id})) == 3
    client.force_login(org_admin)
    assert served(client.get(PAGE, CUSTOM)) == 12
    assert "organization" not in client.get(PAGE).context["form"].fields


def test_the_chart_and_its_table_show_the_same_numbers(client, coordinator, program):
    make_people(program, 12)
    client.force_login(coordinator)
    page = client.get(PAGE, CUSTOM).content.decode()
    chart = re.search(r'<svg class="report-chart".*?</svg>', page, re.S).group(0)
    assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
    # Employed in Q2 after exit: 12 of 12, 100 % in the chart, the table and the description.
    assert "100.0 %" in chart
    table = page[page.index('id="table-indicators-heading"') :]
    assert "<td>12</td><td>12</td><td>0</td><td>100.0 %</td>" in table
    assert "<script" not in chart


def test_small_numbers_are_suppressed(client, coordinator, program):
    make_people(program, 10)
    client.force_login(coordinator)
    report = client.get(PAGE, CUSTOM).context["report"]
    indicators = next(t for t in report.tables if t.key == "indicators")
    assert str(indicators.rows[0][1]) == "suppressed"
    assert report.indicators.employment_q2.suppressed
    funnel = next(t for t in report.tables if t.key == "funnel")
    assert all(row[1] == 0 or str(row[1]) == "suppressed" for row in funnel.rows)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"period": "custom", "start": "2026-06-30", "end": "2025-07-01"}, "end", "cannot end"),
        ({"period": "custom", "start": "2025-07-01"}, "end", "last day"),
        ({"period": "custom", "start": "2999-01-01", "end": "2999-02-01"}, "start", "future"),
        ({"period": "custom", "start": "2025-02-30", "end": "2025-03-01"}, "start", "valid date"),
        ({"period": "py-1900"}, "period", "valid choice"),
    ],
)
def test_bad_periods_get_a_message_next_to_the_field(client, coordinator, data, field, message):
    client.force_login(coordinator)
    response = client.get(PAGE, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert client.get(XLSX, data).status_code == 400


def test_the_default_is_the_last_complete_program_year(client, coordinator):
    client.force_login(coordinator)
    report = client.get(PAGE).context["report"]
    year = current_program_year(timezone.localdate()) - 1
    assert (report.period.start, report.period.end) == (
        dt.date(year, 7, 1),
        dt.date(year + 1, 6, 30),
    )
    assert client.get(PAGE, {"period": LAST_YEAR}).context["report"].period == report.period


def test_the_spreadsheet_has_typed_cells_and_says_what_it_is(client, coordinator, program):
    make_people(program, 12)
    client.force_login(coordinator)
    response = client.get(XLSX, CUSTOM)
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="outcomes-2025-07-01-2026-06-30.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    about = workbook["About"]
    values = {row[0]: row[1] for row in about.iter_rows(values_only=True) if row and row[0]}
    assert values["Period starts"] == dt.datetime(2025, 7, 1)
    assert values["Suppression threshold (fewest people shown)"] == 11
    assert "Definitions" in values
    indicators = workbook["Funder indicators"]
    first = [cell.value for cell in indicators[2]]
    assert first[:4] == ["Employed in the 2nd quarter after exit", 12, 12, 0]
    assert indicators.cell(row=2, column=5).value == 1
    assert indicators.cell(row=2, column=5).number_format == "0.00%"
    medians = workbook["Medians"]
    assert medians.cell(row=2, column=2).value == pytest.approx(float(Decimal("7005.50")))
    event = AuditEvent.objects.get(action="reports.export")
    assert event.actor == coordinator and event.detail["format"] == "xlsx"


def test_the_csv_has_one_row_per_cell(client, coordinator, program):
    make_people(program, 12)
    client.force_login(coordinator)
    response = client.get(CSV, CUSTOM)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["table", "row", "column", "value"]
    assert ["indicators", "Employed in the 2nd quarter after exit", "Rate", "1.0000"] in rows
    assert ["summary", "Served", "People", "12"] in rows
    assert AuditEvent.objects.filter(action="reports.export", detail__format="csv").exists()


def test_the_page_works_in_spanish(client, coordinator, program):
    make_people(program, 12)
    client.force_login(coordinator)
    page = client.get(PAGE, CUSTOM, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'lang="es"' in page


def test_queries_do_not_grow_with_participants(client, coordinator, program, count_queries):
    client.force_login(coordinator)
    make_people(program, 3)
    small = count_queries(lambda: client.get(PAGE, CUSTOM))
    make_people(program, 30, start=3)
    large = count_queries(lambda: client.get(PAGE, CUSTOM))
    assert small == large


def test_who_was_served_by_age_county_language_and_lived_experience(client, coordinator, program):
    make_people(program, 14)
    emails = [f"p{n}@example.org" for n in range(12)]
    Application.objects.filter(applicant__email__in=emails).update(
        county="Riverside", date_of_birth=dt.date(2004, 7, 1), preferred_language="es",
        lived_experience="consumer",
    )  # fmt: skip
    client.force_login(coordinator)
    tables = {t.key: t for t in client.get(PAGE, CUSTOM).context["report"].tables}
    assert tables["ages"].rows == [["21–24", 12], ["Not recorded", tables["ages"].rows[1][1]]]
    assert str(tables["ages"].rows[1][1]) == "suppressed"  # two people
    assert ["Riverside", 12] in tables["counties"].rows
    assert ["Español", 12] in tables["languages"].rows
    assert ["As someone who has used services", 12] in tables["lived_experience"].rows


def test_a_cohort_narrows_the_report_and_must_belong_to_the_program(
    client, coordinator, program, other_program
):
    from peerpath.accounts.models import Cohort, User

    make_people(program, 14)
    cohort = Cohort.objects.create(
        program=program, name="Spring", starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 4, 1)
    )
    User.objects.filter(email__in=[f"p{n}@example.org" for n in range(11)]).update(cohort=cohort)
    client.force_login(coordinator)
    assert served(client.get(PAGE, {**CUSTOM, "cohort": cohort.pk})) == 11
    assert served(client.get(PAGE, {**CUSTOM, "program": program.pk})) == 14
    foreign = Cohort.objects.create(
        program=other_program, name="X", starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 4, 1)
    )
    response = client.get(PAGE, {**CUSTOM, "cohort": foreign.pk})
    assert "cohort" in response.context["form"].errors
