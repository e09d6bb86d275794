"""Program pages: access by role, creating and editing with every setting, audit."""

import pytest
from django.urls import reverse

from peerpath.accounts.models import Program, Role
from peerpath.audit.models import AuditEvent
from peerpath.certification.models import CertificationSettings
from peerpath.conftest import make_user
from peerpath.schedule.models import ScheduleSettings
from peerpath.training.models import TrainingSettings

LIST = reverse("accounts-program-list")
CREATE = reverse("accounts-program-create")


def edit(program):
    return reverse("accounts-program-edit", args=[program.slug])


def valid_data(**changes):
    data = {
        "name": "Valley Peers",
        "slug": "valley",
        "time_zone": "America/Los_Angeles",
        "jurisdiction": "CA",
        "counties": "Fresno, Tulare",
        "language_list": ["en", "es"],
        "age_min": "18",
        "age_max": "26",
        "accepts_applications": "on",
        "min_cell": "11",
        "certification-application_fee": "100",
        "certification-exam_fee": "150",
        "certification-retake_fee": "150",
        "certification-renewal_fee": "80",
        "certification-renewal_window_days": "90",
        "certification-reminder_offsets": "60,30,14,7,1",
        "hours-pay_period": "biweekly",
        "hours-pay_period_anchor": "2026-01-05",
        "sessions-join_url": "",
        "sessions-meeting_id": "",
        "sessions-passcode": "",
        "sessions-absence_threshold": "3",
        "sessions-reminder_hours": "24,1",
        "sessions-check_in_opens_minutes": "15",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("url", [LIST, CREATE])
def test_anonymous_visitors_sign_in_first(client, db, url):
    assert reverse("account_login") in client.get(url)["Location"]


@pytest.mark.parametrize(
    "persona", ["participant", "other_participant", "advocate", "coordinator", "other_coordinator"]
)
def test_only_administrators_manage_programs(client, request, persona, program):
    client.force_login(request.getfixturevalue(persona))
    for url in [LIST, CREATE, edit(program)]:
        assert client.get(url).status_code == 404, url
    assert client.post(edit(program), valid_data(name="Hijacked")).status_code == 404
    program.refresh_from_db()
    assert program.name == "ESP"


@pytest.mark.parametrize("persona", ["org_admin", "site_admin"])
def test_administrators_reach_every_program_page(client, request, persona, program):
    client.force_login(request.getfixturevalue(persona))
    for url in [LIST, CREATE, edit(program)]:
        assert client.get(url).status_code == 200, url


def test_another_organizations_administrator_cannot_see_or_change_ours(
    client, other_organization, program
):
    stranger = make_user("lee@example.org", Role.ADMINISTRATOR, organization=other_organization)
    client.force_login(stranger)
    assert "ESP" not in client.get(LIST).content.decode()
    assert client.get(edit(program)).status_code == 404
    assert client.post(edit(program), valid_data(name="Hijacked")).status_code == 404


def test_an_administrator_creates_a_program_in_their_organization(client, org_admin):
    client.force_login(org_admin)
    response = client.post(CREATE, valid_data(jurisdiction="WA", **{"min_cell": "5"}))
    assert response.status_code == 302
    program = Program.objects.get(slug="valley")
    assert program.organization == org_admin.organization
    assert program.jurisdiction == "WA" and program.min_cell == 5
    assert program.languages == "en,es"
    assert CertificationSettings.objects.filter(program=program).exists()
    assert ScheduleSettings.objects.filter(program=program).exists()
    assert TrainingSettings.objects.filter(program=program).exists()
    assert AuditEvent.objects.filter(action="program.created", object_id=str(program.pk)).exists()


def test_every_setting_change_is_audited_with_before_and_after(client, org_admin, program):
    client.force_login(org_admin)
    client.post(edit(program), valid_data())
    AuditEvent.objects.all().delete()
    response = client.post(
        edit(program),
        valid_data(
            time_zone="America/Chicago",
            min_cell="20",
            **{
                "certification-exam_fee": "175",
                "sessions-absence_threshold": "4",
                "sessions-passcode": "secret-123",
                "hours-pay_period": "semimonthly",
            },
        ),
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.time_zone == "America/Chicago" and program.min_cell == 20
    assert program.certification_settings.exam_fee == 175
    assert program.schedule_settings.absence_threshold == 4
    assert program.training_settings.pay_period == "semimonthly"
    event = AuditEvent.objects.get(action="program.changed")
    assert event.detail["before"]["time_zone"] == "America/Los_Angeles"
    assert event.detail["after"]["time_zone"] == "America/Chicago"
    assert event.detail["before"]["min_cell"] == 11 and event.detail["after"]["min_cell"] == 20
    assert event.detail["after"]["certification.exam_fee"] == "175"
    assert event.detail["after"]["sessions.absence_threshold"] == 4
    # The passcode is recorded as changed, never by value.
    assert event.detail["after"]["sessions.passcode"] == "(set)"
    assert "secret-123" not in str(event.detail)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"slug": "esp"}, "slug"),  # already taken
        ({"age_min": "30", "age_max": "20"}, "age_max"),
        ({"min_cell": "0"}, "min_cell"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"jurisdiction": "ZZ"}, "jurisdiction"),
        ({"language_list": []}, "language_list"),
    ],
)
def test_program_fields_are_validated(client, org_admin, program, changes, field):
    client.force_login(org_admin)
    response = client.post(CREATE, valid_data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Program.objects.filter(slug="valley").exists()


@pytest.mark.parametrize(
    ("changes", "section", "field"),
    [
        ({"certification-exam_fee": "-5"}, 0, "exam_fee"),
        ({"certification-reminder_offsets": "soon"}, 0, "reminder_offsets"),
        ({"hours-pay_period_anchor": "not a date"}, 1, "pay_period_anchor"),
        ({"sessions-join_url": "not a link"}, 2, "join_url"),
        ({"sessions-absence_threshold": "0"}, 2, "absence_threshold"),
        ({"sessions-reminder_hours": "tomorrow"}, 2, "reminder_hours"),
    ],
)
def test_settings_are_validated_next_to_the_field(
    client, org_admin, program, changes, section, field
):
    client.force_login(org_admin)
    response = client.post(edit(program), valid_data(**changes))
    assert response.status_code == 200
    assert field in response.context["sections"][section][1].errors
    assert not AuditEvent.objects.filter(action="program.changed").exists()


def test_spanish_labels_and_messages(client, org_admin, program):
    client.cookies["peerpath_language"] = "es"
    client.force_login(org_admin)
    page = client.post(edit(program), valid_data(**{"certification-exam_fee": "-5"}))
    assert "Zona horaria" in page.content.decode()
    assert "Una cuota no puede ser negativa." in page.content.decode()
