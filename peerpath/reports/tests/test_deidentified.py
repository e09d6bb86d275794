"""The de-identified record-level export for evaluators."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from peerpath.audit.models import AuditEvent
from peerpath.intake.models import Application
from peerpath.participants.models import ContactNote
from peerpath.reports.deidentify import (
    COLUMNS,
    MAX_SHIFT_DAYS,
    age_band,
    date_offset,
    study_id,
    zip3,
)
from peerpath.reports.tests.test_data import make_people

pytestmark = pytest.mark.django_db

URL = reverse("reports-deidentified-export")
FORM = {
    "export_key": "evaluation-2026",
    "dates": "shift",
    "reason": "Annual evaluation for the county",
}
SECRETS = {
    "Marisol Quintanilla",
    "Quintanilla",
    "p0@example.org",
    "(951) 555-0142",
    "9515550142",
    "1234 Cottonwood Lane",
    "Heard about it from my cousin Beto",
    "Talked about her custody hearing",
}


@pytest.fixture
def people(program):
    make_people(program, 3)
    application = Application.objects.get(applicant__email="p0@example.org")
    application.legal_first_name, application.legal_last_name = "Marisol", "Quintanilla"
    application.phone = "(951) 555-0142"
    application.zip_code = "92501"
    application.county = "Riverside"
    application.heard_about = "Heard about it from my cousin Beto"
    application.decision_note = "1234 Cottonwood Lane"
    application.date_of_birth = dt.date(1930, 1, 1)
    application.save()
    person = application.applicant
    person.full_name = "Marisol Quintanilla"
    person.save(update_fields=["full_name"])
    ContactNote.objects.create(
        participant=person,
        contacted_on=dt.date(2025, 9, 1),
        mode="phone",
        minutes=10,
        summary="Talked about her custody hearing",
    )
    return application


def rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("site_admin", 200),
        ("org_admin", 200),
        ("coordinator", 404),
        ("other_coordinator", 404),
        ("advocate", 404),
        ("participant", 404),
    ],
)
def test_only_administrators_export(client, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == status
    assert client.post(URL, FORM).status_code == status


def test_anonymous_visitors_sign_in_first(client):
    response = client.post(URL, FORM)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_export_holds_no_names_emails_phones_addresses_or_free_text(client, org_admin, people):
    client.force_login(org_admin)
    response = client.post(URL, FORM)
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    for secret in SECRETS:
        assert secret not in text
    table = rows(response)
    assert table[0] == COLUMNS
    assert len(table) == 4
    assert "Riverside" not in text  # counties are smaller than a state
    marisol = next(row for row in table[1:] if row[COLUMNS.index("zip3")] == "925")
    assert marisol[COLUMNS.index("age_band_at_enrolment")] == "90+"
    assert str(people.applicant_id) not in {row[0] for row in table[1:]}


def test_a_reason_is_required_and_kept_in_the_audit_log(client, org_admin, people):
    client.force_login(org_admin)
    response = client.post(URL, {**FORM, "reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert not AuditEvent.objects.filter(action="reports.deidentified_export").exists()
    client.post(URL, FORM)
    event = AuditEvent.objects.get(action="reports.deidentified_export")
    assert event.actor == org_admin and event.detail["reason"] == FORM["reason"]


def test_study_ids_are_stable_for_a_key_and_differ_across_keys(client, org_admin, people):
    client.force_login(org_admin)
    first = sorted(row[0] for row in rows(client.post(URL, FORM))[1:])
    again = sorted(row[0] for row in rows(client.post(URL, FORM))[1:])
    other = sorted(
        row[0] for row in rows(client.post(URL, {**FORM, "export_key": "another-key"}))[1:]
    )
    assert first == again
    assert not set(first) & set(other)


def test_dates_are_shifted_together_or_reduced_to_the_year(client, org_admin, people):
    client.force_login(org_admin)
    shifted = rows(client.post(URL, FORM))[1:]
    enrolled, exited = COLUMNS.index("enrolled_on"), COLUMNS.index("exited_on")
    for row in shifted:
        start = dt.date.fromisoformat(row[enrolled])
        end = dt.date.fromisoformat(row[exited])
        assert (end - start).days == (dt.date(2025, 8, 20) - dt.date(2025, 1, 15)).days
        assert start != dt.date(2025, 1, 15)
    years = rows(client.post(URL, {**FORM, "dates": "year"}))[1:]
    assert {row[enrolled] for row in years} == {"2025"}


@pytest.mark.parametrize(
    ("code", "expected"), [("92501", "925"), ("03601", "000"), ("", ""), ("9x501", "")]
)
def test_zip3(code, expected):
    assert zip3(code) == expected


@pytest.mark.parametrize(
    ("age", "band"),
    [(17, "<18"), (18, "18-20"), (24, "21-24"), (89, "65-89"), (90, "90+"), (None, "")],
)
def test_age_bands_group_ages_over_89(age, band):
    assert age_band(age) == band


def test_offsets_are_within_bounds_and_never_zero():
    offsets = {date_offset("key-one", pid) for pid in range(2000)}
    assert 0 not in offsets
    assert min(offsets) >= -MAX_SHIFT_DAYS and max(offsets) <= MAX_SHIFT_DAYS
    assert study_id("key-one", 1) != study_id("key-two", 1)
