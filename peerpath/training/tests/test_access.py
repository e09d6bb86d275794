"""Who reaches which page: every view, every persona. Out of scope is always a 404."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from peerpath.accounts.models import Role
from peerpath.audit.models import AuditEvent
from peerpath.conftest import make_user
from peerpath.lib.crypto import private_storage
from peerpath.training.models import (
    HoursEntry,
    Timesheet,
    TimesheetEntry,
    TimesheetStatus,
    TrainingDocument,
)
from peerpath.training.tests.factories import log, make_placement, make_timesheet, make_training

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(participant, advocate, approved_provider, today, biweekly):
    participant.advocate = advocate
    participant.save()
    training = make_training(participant, approved_provider)
    entry = log(training, "3", today)
    name = private_storage.save("training/test/certificate.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    document = TrainingDocument.objects.create(
        training=training,
        kind="attendance",
        file=name,
        content_type="application/pdf",
        size=15,
        original_name="record.pdf",
    )
    placement = make_placement(participant, today - dt.timedelta(days=60))
    start = today - dt.timedelta(days=28)
    timesheet = make_timesheet(placement, start, [(start, "4")])
    return {
        "participant": participant.pk,
        "training": training.pk,
        "entry": entry.pk,
        "document": document.pk,
        "placement": placement.pk,
        "timesheet": timesheet.pk,
        "timesheet_entry": timesheet.entries.get().pk,
    }


@pytest.fixture
def other_advocate(organization):
    return make_user("lee@example.org", Role.ADVOCATE, organization=organization)


def url(name, world, *keys):
    return reverse(name, args=[world[key] for key in keys])


# (url name, argument keys) of every page a GET reaches.
PARTICIPANT_PAGES = [
    ("training-show-hours", ()),
    ("training-add-training", ()),
    ("training-show-training", ("training",)),
    ("training-edit-training", ("training",)),
    ("training-show-placement", ("placement",)),
    ("training-edit-timesheet-entry", ("timesheet_entry",)),
]
SHARED_PAGES = [
    ("training-show-timesheet", ("timesheet",)),
    ("training-show-document", ("document",)),
]
STAFF_PAGES = [
    ("training-show-participant", ("participant",)),
    ("training-review-document", ("document",)),
]
REVIEWER_PAGES = [
    ("training-add-placement", ("participant",)),
    ("training-edit-placement", ("placement",)),
    ("training-list-timesheets", ()),
]
COORDINATOR_PAGES = [("training-export-payroll", ())]
ALL_PAGES = PARTICIPANT_PAGES + SHARED_PAGES + STAFF_PAGES + REVIEWER_PAGES + COORDINATOR_PAGES

# Who gets a page (200); everyone else signed in gets a 404.
ALLOWED = {
    "participant": PARTICIPANT_PAGES + SHARED_PAGES,
    "advocate": SHARED_PAGES + STAFF_PAGES + REVIEWER_PAGES,
    "coordinator": SHARED_PAGES + STAFF_PAGES + REVIEWER_PAGES + COORDINATOR_PAGES,
    "site_admin": SHARED_PAGES + STAFF_PAGES,
    # Their own lists open, empty; nothing of the participant's does.
    "other_participant": [("training-show-hours", ()), ("training-add-training", ())],
    "other_advocate": [("training-list-timesheets", ())],
    "other_coordinator": [("training-list-timesheets", ())],
}


@pytest.mark.parametrize("persona", list(ALLOWED))
@pytest.mark.parametrize(("name", "keys"), ALL_PAGES, ids=[name for name, _k in ALL_PAGES])
def test_each_page_opens_only_for_who_may_see_it(client, request, world, persona, name, keys):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(url(name, world, *keys))
    expected = 200 if (name, keys) in ALLOWED[persona] else 404
    assert response.status_code == expected, (persona, name)


@pytest.mark.parametrize(("name", "keys"), ALL_PAGES, ids=[name for name, _k in ALL_PAGES])
def test_anonymous_visitors_are_sent_to_sign_in(client, world, name, keys):
    response = client.get(url(name, world, *keys))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_other_peoples_lists_show_nothing_of_the_participant(
    client, world, other_participant, other_advocate, other_coordinator
):
    client.force_login(other_participant)
    assert "Inland Peer Academy" not in client.get(reverse("training-show-hours")).content.decode()
    for staff in (other_advocate, other_coordinator):
        client.force_login(staff)
        page = client.get(reverse("training-list-timesheets")).content.decode()
        assert "Ana Ruiz" not in page and "Nothing is waiting" in page


# POSTs that change something, and who may not send them.
WRITES = [
    ("training-delete-hours", ("training", "entry"), {}),
    ("training-delete-document", ("document",), {}),
    ("training-submit-timesheet", ("timesheet",), {}),
    ("training-withdraw-timesheet", ("timesheet",), {}),
    ("training-delete-timesheet-entry", ("timesheet_entry",), {}),
    ("training-review-timesheet", ("timesheet",), {"decision": "approve"}),
    ("training-review-document", ("document",), {"decision": "verify", "hours_confirmed": "3"}),
    (
        "training-show-training",
        ("training",),
        {"form": "hours", "hours-date": "2024-01-02", "hours-hours": "1"},
    ),
    (
        "training-show-placement",
        ("placement",),
        {"date": "2024-01-02", "hours": "1", "activity": "x"},
    ),
]
FORBIDDEN = {
    "other_participant": [w[0] for w in WRITES],
    "other_advocate": [w[0] for w in WRITES],
    "other_coordinator": [w[0] for w in WRITES],
    "advocate": [
        w[0]
        for w in WRITES
        if w[0] not in ("training-review-timesheet", "training-review-document")
    ],
    "site_admin": [w[0] for w in WRITES if w[0] != "training-review-document"],
    "participant": ["training-review-timesheet", "training-review-document"],
}


def snapshot():
    return (
        HoursEntry.objects.count(),
        TrainingDocument.objects.filter(status="pending").count(),
        TimesheetEntry.objects.count(),
        list(Timesheet.objects.values_list("status", flat=True)),
    )


@pytest.mark.parametrize("persona", list(FORBIDDEN))
def test_writes_out_of_scope_are_404_and_change_nothing(client, request, world, persona):
    client.force_login(request.getfixturevalue(persona))
    before = snapshot()
    for name, keys, data in WRITES:
        if name not in FORBIDDEN[persona]:
            continue
        response = client.post(url(name, world, *keys), data)
        assert response.status_code == 404, (persona, name)
    assert snapshot() == before


def test_staff_reads_are_audited(client, world, advocate, participant):
    client.force_login(advocate)
    client.get(url("training-show-participant", world, "participant"))
    client.get(url("training-show-timesheet", world, "timesheet"))
    client.get(url("training-show-document", world, "document"))
    client.get(reverse("training-list-timesheets"))
    client.get(url("training-edit-placement", world, "placement"))
    actions = set(
        AuditEvent.objects.filter(actor=advocate, subject=participant).values_list(
            "action", flat=True
        )
    )
    assert actions == {
        "training.participant.view",
        "training.timesheet.view",
        "training.document.view",
        "training.placement.view",
    }
    assert AuditEvent.objects.filter(action="training.timesheet.view").count() == 2


def test_participants_own_reads_are_not_staff_reads(client, world, participant):
    client.force_login(participant)
    client.get(url("training-show-timesheet", world, "timesheet"))
    client.get(url("training-show-document", world, "document"))
    assert not AuditEvent.objects.filter(action__endswith=".view").exists()


def test_the_participant_sees_no_review_controls(client, world, participant):
    client.force_login(participant)
    page = client.get(url("training-show-timesheet", world, "timesheet")).content.decode()
    assert "Approve or return" not in page
    assert Timesheet.objects.get().status == TimesheetStatus.SUBMITTED
