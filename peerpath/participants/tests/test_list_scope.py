"""The staff lists find their rows by the scope columns kept on `ParticipantStatus`;
these tests hold them to `participants_for_user()` after every change that moves a
person: a new advocate, a deactivated advocate, another program or organization."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.accounts.access import participants_for_user
from peerpath.accounts.actions import do_deactivate_staff, do_reassign_caseload
from peerpath.accounts.models import Organization, Role
from peerpath.certification.models import CertificationCase
from peerpath.conftest import make_user
from peerpath.intake.models import ApplicationStatus
from peerpath.participants.status import current_statuses, fresh, fresh_for
from peerpath.participants.tests.test_views import enrol, reached

CASELOAD = reverse("participants-caseload")
AT_RISK = reverse("certification-at-risk")
TODAY = timezone.localdate()
STAFF = [
    "advocate",
    "other_advocate",
    "coordinator",
    "org_admin",
    "other_coordinator",
    "site_admin",
]


@pytest.fixture
def other_advocate(organization):
    return make_user("lee@example.org", Role.ADVOCATE, organization=organization)


@pytest.fixture
def people(program, other_program, advocate, other_advocate):
    """Five people: two per advocate of the first organization, one elsewhere."""
    made = []
    for index, (prog, adv) in enumerate(
        [
            (program, advocate),
            (program, advocate),
            (program, other_advocate),
            (program, other_advocate),
            (other_program, None),
        ]
    ):
        person = make_user(
            f"person{index}@example.org",
            Role.PARTICIPANT,
            program=prog,
            full_name=f"Person {index}",
        )
        enrol(person, prog, adv)
        reached(person, adv or person)
        made.append(person)
    return made


def listed(staff):
    """Whom the status columns list for this staff member, after a refresh."""
    fresh_for(staff, TODAY)
    return set(current_statuses(staff, TODAY).values_list("participant_id", flat=True))


def allowed(staff):
    return set(participants_for_user(staff).values_list("pk", flat=True))


@pytest.mark.parametrize("persona", STAFF)
def test_the_status_columns_list_exactly_whom_the_access_rules_allow(request, people, persona):
    staff = request.getfixturevalue(persona)
    assert listed(staff) == allowed(staff)


@pytest.mark.parametrize("persona", ["participant", "other_participant"])
def test_participants_list_nobody(request, people, persona):
    assert listed(request.getfixturevalue(persona)) == set()


def caseload_names(client, staff):
    client.force_login(staff)
    response = client.get(CASELOAD)
    assert response.status_code == 200
    return {row.participant.display_name for row in response.context["rows"]}, response.context[
        "total"
    ]


def test_a_reassigned_person_leaves_the_old_advocates_caseload_at_once(
    client, people, advocate, other_advocate, org_admin
):
    assert caseload_names(client, advocate) == ({"Person 0", "Person 1"}, 2)
    do_reassign_caseload(org_admin, [people[0]], other_advocate)
    assert caseload_names(client, advocate) == ({"Person 1"}, 1)
    names, total = caseload_names(client, other_advocate)
    assert (names, total) == ({"Person 0", "Person 2", "Person 3"}, 3)


def test_deactivating_an_advocate_flags_their_caseload_for_the_coordinator(
    client, people, advocate, org_admin, coordinator
):
    caseload_names(client, coordinator)  # rows computed while the advocate is active
    do_deactivate_staff(org_admin, advocate)
    client.force_login(coordinator)
    response = client.get(CASELOAD, {"flag": "needs_advocate"})
    names = {row.participant.display_name for row in response.context["rows"]}
    assert names == {"Person 0", "Person 1"}
    assert response.context["total"] == 2


def test_a_program_moved_to_another_organization_moves_its_people(
    client, people, program, coordinator, other_coordinator
):
    assert caseload_names(client, coordinator)[1] == 4
    program.organization = Organization.objects.get(slug="coastal-peers")
    program.save()
    assert caseload_names(client, coordinator) == (set(), 0)
    assert caseload_names(client, other_coordinator)[1] == 5


def test_a_withdrawn_person_leaves_the_caseload_at_once(client, people, coordinator):
    assert caseload_names(client, coordinator)[1] == 4
    application = people[0].application
    application.status = ApplicationStatus.WITHDRAWN
    application.save()
    names, total = caseload_names(client, coordinator)
    assert "Person 0" not in names and total == 3


def test_the_at_risk_list_follows_a_reassignment(
    client, people, advocate, other_advocate, org_admin
):
    for person in people[:2]:
        # Submitted 80 days ago and still incomplete: voided in 10 days.
        CertificationCase.objects.create(
            participant=person, application_submitted=TODAY - dt.timedelta(days=80)
        )
    client.force_login(advocate)
    before = client.get(AT_RISK).context["total"]
    assert before >= 2
    do_reassign_caseload(org_admin, people[:2], other_advocate)
    assert client.get(AT_RISK).context["total"] == 0
    client.force_login(other_advocate)
    assert client.get(AT_RISK).context["total"] == before


def test_a_page_row_from_the_status_row_shows_what_the_full_row_computes(
    people, advocate, coordinator
):
    """The caseload shows rows read from `ParticipantStatus` alone; they must say what
    `build_rows()` computes from every app."""
    from decimal import Decimal

    from peerpath.participants.caseload import build_rows, caseload_participants
    from peerpath.participants.models import ParticipantStatus
    from peerpath.participants.status import list_row
    from peerpath.training.models import HoursEntry, Training, TrainingKind

    CertificationCase.objects.create(
        participant=people[0], application_submitted=TODAY - dt.timedelta(days=80)
    )
    training = Training.objects.create(
        participant=people[1],
        kind=TrainingKind.CORE,
        title="Core",
        provider_name="County College",
        course_hours=80,
    )
    HoursEntry.objects.create(training=training, date=TODAY, hours=Decimal("6.5"))
    fresh(participants_for_user(coordinator), TODAY)
    everyone = list(caseload_participants(coordinator))
    full = {row.participant.pk: row for row in build_rows(everyone, TODAY)}
    for status in ParticipantStatus.objects.filter(participant__in=everyone).select_related(
        "participant"
    ):
        shown, computed = list_row(status, TODAY), full[status.participant_id]
        assert shown.stage == computed.stage
        assert shown.last_contact == computed.last_contact
        assert shown.days_without_contact == computed.days_without_contact
        assert shown.flags == computed.flags
        if computed.next_deadline is None:
            assert shown.next_deadline is None
        else:
            assert (shown.next_deadline.name, shown.next_deadline.date) == (
                computed.next_deadline.name,
                computed.next_deadline.date,
            )
        if computed.progress is None:
            assert shown.progress is None
        else:
            assert (
                shown.progress.core_logged,
                shown.progress.core_target,
                shown.progress.core_verified,
            ) == (
                computed.progress.core_logged,
                computed.progress.core_target,
                computed.progress.core_verified,
            )
    assert full[people[0].pk].next_deadline is not None
    assert full[people[1].pk].progress.core_logged == Decimal("6.5")


def test_every_participant_has_a_row_in_their_scope_from_the_start(program, advocate):
    from peerpath.participants.models import ParticipantStatus

    person = make_user("new@example.org", Role.PARTICIPANT, program=program)
    row = ParticipantStatus.objects.get(participant=person)
    assert (row.organization_id, row.advocate_id, row.computed_on) == (
        program.organization_id,
        None,
        None,
    )
    person.advocate = advocate
    person.save()
    row.refresh_from_db()
    assert row.advocate_id == advocate.pk
