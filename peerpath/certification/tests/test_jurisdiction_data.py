"""Jurisdictions as data: loading the reference file, versions in force, editing by the
installation's administrator, and the rules reading the stored numbers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.accounts.models import Role
from peerpath.audit.models import AuditEvent
from peerpath.catalog.loader import load_reference
from peerpath.certification.jurisdiction_data import current_jurisdiction
from peerpath.certification.jurisdictions import (
    CALIFORNIA,
    jurisdiction_from_values,
    jurisdiction_values,
)
from peerpath.certification.models import CertificationCase, JurisdictionRule
from peerpath.conftest import make_user

LIST = reverse("certification-jurisdictions")


def edit_url(rule):
    return reverse("certification-edit-jurisdiction", args=[rule.pk])


def form_data(rule, **changes):
    data = {
        "name": rule.name,
        "effective_on": rule.effective_on.isoformat(),
        "source_url": rule.source_url,
        "source_checked_on": rule.source_checked_on.isoformat() if rule.source_checked_on else "",
        "notes": rule.notes,
    }
    if rule.verified:
        data["verified"] = "on"
    for name, value in rule.values.items():
        data[name] = ",".join(str(v) for v in value) if isinstance(value, list) else value
    data.update(changes)
    return data


def test_values_round_trip_and_partial_rows_keep_californias_numbers():
    assert (
        jurisdiction_from_values("CA", "California", jurisdiction_values(CALIFORNIA)) == CALIFORNIA
    )
    partial = jurisdiction_from_values("XX", "Nowhere", {"max_exam_attempts": 5, "fee_exam": "9"})
    assert partial.max_exam_attempts == 5 and partial.fees.exam == Decimal("9")
    assert partial.approval_valid_months == CALIFORNIA.approval_valid_months
    broken = jurisdiction_from_values("XX", "Nowhere", {"max_exam_attempts": "many"})
    assert broken.max_exam_attempts == CALIFORNIA.max_exam_attempts


def test_the_reference_file_loads_every_state_with_its_source(reference_data):
    rules = {rule.code: rule for rule in JurisdictionRule.objects.all()}
    assert set(rules) == {"CA", "PA", "WA"}
    assert all(rule.source_url.startswith("https://") for rule in rules.values())
    assert all(rule.source_checked_on for rule in rules.values())
    assert rules["CA"].verified and not rules["PA"].verified
    # California's stored numbers are exactly the built-in ones the rule tests use.
    assert current_jurisdiction("CA") == CALIFORNIA
    pennsylvania = current_jurisdiction("PA")
    assert pennsylvania.core_training_hours == 75
    assert pennsylvania.ce_required_hours == Decimal("36")
    assert pennsylvania.ce_law_ethics_required_hours == Decimal("3")
    assert pennsylvania.fees.renewal == Decimal("50")
    washington = current_jurisdiction("WA")
    assert washington.ce_required_hours == Decimal("30")
    assert washington.ce_law_ethics_required_hours == Decimal("2")
    # Loading again changes nothing.
    assert not any(result.loaded for result in load_reference())
    assert JurisdictionRule.objects.count() == 3


def test_unknown_states_and_an_empty_table_fall_back_to_california(db):
    assert current_jurisdiction("ZZ") == CALIFORNIA
    assert current_jurisdiction(None) == CALIFORNIA
    assert current_jurisdiction("PA").core_training_hours == 75  # built-in fallback


def test_the_newest_version_in_force_applies(reference_data):
    today = timezone.localdate()
    current = JurisdictionRule.objects.get(code="WA")
    future = {**current.values, "ce_required_hours": "40"}
    JurisdictionRule.objects.create(
        code="WA", name="Washington", effective_on=today + dt.timedelta(days=30), values=future
    )
    assert current_jurisdiction("WA").ce_required_hours == Decimal("30")
    assert current_jurisdiction("WA", today + dt.timedelta(days=30)).ce_required_hours == 40


def test_the_rules_read_the_stored_numbers(reference_data, other_program, participant):
    other_program.jurisdiction = "PA"
    other_program.save()
    participant.program = other_program
    participant.save()
    case = CertificationCase.objects.create(participant=participant)
    assert case.jurisdiction.core_training_hours == 75
    rule = JurisdictionRule.objects.get(code="PA")
    rule.values = {**rule.values, "core_training_hours": 70}
    rule.save()
    assert CertificationCase.objects.get(pk=case.pk).jurisdiction.core_training_hours == 70


@pytest.mark.parametrize(
    "persona",
    [
        "participant",
        "other_participant",
        "advocate",
        "coordinator",
        "org_admin",
        "other_coordinator",
    ],
)
def test_only_the_installations_administrator_edits_state_rules(
    client, request, persona, reference_data
):
    rule = JurisdictionRule.objects.get(code="CA")
    client.force_login(request.getfixturevalue(persona))
    assert client.get(LIST).status_code == 404
    assert client.get(edit_url(rule)).status_code == 404
    assert client.post(edit_url(rule), form_data(rule, max_exam_attempts="9")).status_code == 404
    assert current_jurisdiction("CA").max_exam_attempts == 3


def test_anonymous_visitors_sign_in_first(client, reference_data):
    assert reverse("account_login") in client.get(LIST)["Location"]


def test_an_edit_is_audited_and_used_at_once(client, site_admin, reference_data):
    rule = JurisdictionRule.objects.get(code="WA")
    client.force_login(site_admin)
    assert "Washington" in client.get(LIST).content.decode()
    response = client.post(edit_url(rule), form_data(rule, ce_required_hours="32", verified="on"))
    assert response.status_code == 302
    assert current_jurisdiction("WA").ce_required_hours == Decimal("32")
    event = AuditEvent.objects.get(action="jurisdiction.changed")
    assert event.detail["before"]["ce_required_hours"] == "30"
    assert event.detail["after"]["ce_required_hours"] == "32"
    assert event.detail["after"]["verified"] == "True"


def test_a_new_version_keeps_the_old_one(client, site_admin, reference_data):
    rule = JurisdictionRule.objects.get(code="CA")
    client.force_login(site_admin)
    page = client.get(f"{edit_url(rule)}?new=1")
    assert page.status_code == 200
    clash = client.post(edit_url(rule), form_data(rule, new="1"))
    assert "effective_on" in clash.context["form"].errors
    client.post(
        edit_url(rule),
        form_data(rule, new="1", effective_on="2020-01-01", fee_renewal="90"),
    )
    assert JurisdictionRule.objects.filter(code="CA").count() == 2
    assert AuditEvent.objects.filter(action="jurisdiction.version_created").exists()
    # The 2022 version is newer and still in force.
    assert current_jurisdiction("CA").fees.renewal == Decimal("80")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ce_law_ethics_required_hours": "40"}, "ce_law_ethics_required_hours"),
        ({"fee_exam": "-1"}, "fee_exam"),
        ({"max_exam_attempts": "lots"}, "max_exam_attempts"),
        ({"exam_result_notification_days": "7"}, "exam_result_notification_days"),
        ({"reminder_offsets_days": "soon"}, "reminder_offsets_days"),
        ({"effective_on": ""}, "effective_on"),
    ],
)
def test_state_rules_are_validated(client, site_admin, reference_data, changes, field):
    rule = JurisdictionRule.objects.get(code="CA")
    client.force_login(site_admin)
    response = client.post(edit_url(rule), form_data(rule, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert current_jurisdiction("CA") == CALIFORNIA


def test_an_organizations_program_can_choose_a_loaded_state(
    client, org_admin, reference_data, program
):
    make_user("x@example.org", Role.ADVOCATE, organization=org_admin.organization)
    client.force_login(org_admin)
    page = client.get(reverse("accounts-program-edit", args=[program.slug])).content.decode()
    assert "Pennsylvania" in page and "Washington" in page
