"""Pages make the same number of queries with 5 rows as with 50."""

import datetime as dt

import pytest
from django.urls import reverse

from peerpath.accounts.models import Role
from peerpath.audit.actions import record_events
from peerpath.conftest import make_user
from peerpath.training.tests.factories import (
    log,
    make_placement,
    make_timesheet,
    make_training,
    verified_document,
)
from peerpath.training.views.staff import waiting_queryset

pytestmark = pytest.mark.django_db


def fill_participant(person, provider, today, count, offset=0):
    """`count` trainings with hours and documents, and `count` timesheets."""
    placement = make_placement(person, today - dt.timedelta(days=2000))
    for number in range(offset, offset + count):
        training = make_training(person, None, kind="other", course_hours=40)
        log(training, "2", today - dt.timedelta(days=number))
        verified_document(training, "2")
        start = today - dt.timedelta(days=14 * (number + 2))
        make_timesheet(placement, start, [(start, "3"), (start + dt.timedelta(days=1), "2")])


def measure(client, count_queries, path):
    response = None

    def load():
        nonlocal response
        response = client.get(path)

    queries = count_queries(load)
    assert response.status_code == 200
    return queries, response.content.decode()


def test_participant_page_does_not_grow_with_rows(
    client, participant, approved_provider, today, count_queries, biweekly
):
    client.force_login(participant)
    fill_participant(participant, approved_provider, today, 5)
    few, page = measure(client, count_queries, reverse("training-show-hours"))
    assert page.count("Community College") == 5
    fill_participant(participant, approved_provider, today, 45, offset=5)
    many, page = measure(client, count_queries, reverse("training-show-hours"))
    assert page.count("Community College") == 50
    assert few == many


def test_staff_participant_page_does_not_grow_with_rows(
    client, participant, coordinator, approved_provider, today, count_queries, biweekly
):
    client.force_login(coordinator)
    path = reverse("training-show-participant", args=[participant.pk])
    fill_participant(participant, approved_provider, today, 5)
    few, _page = measure(client, count_queries, path)
    fill_participant(participant, approved_provider, today, 45, offset=5)
    many, page = measure(client, count_queries, path)
    assert page.count("record.pdf") == 50
    assert few == many


def waiting_for(program, advocate, today, count, offset=0):
    for number in range(offset, offset + count):
        person = make_user(
            f"p{number}@example.org",
            Role.PARTICIPANT,
            program=program,
            advocate=advocate,
            full_name=f"Person {number:03d}",
        )
        placement = make_placement(person, today - dt.timedelta(days=60))
        start = today - dt.timedelta(days=20)
        make_timesheet(placement, start, [(start, "3"), (start + dt.timedelta(days=1), "4")])


@pytest.mark.parametrize("persona", ["advocate", "coordinator"])
def test_timesheet_queue_does_not_grow_with_rows(
    client, request, program, advocate, today, count_queries, persona
):
    client.force_login(request.getfixturevalue(persona))
    path = reverse("training-list-timesheets")
    waiting_for(program, advocate, today, 5)
    few, page = measure(client, count_queries, path)
    assert page.count("total 7 h") == 5
    waiting_for(program, advocate, today, 45, offset=5)
    many, page = measure(client, count_queries, path)
    assert page.count("total 7 h") == 50 and "Person 049" in page
    assert few == many


def test_the_installation_admins_audit_rows_cost_no_extra_queries(
    client, program, advocate, site_admin, today, count_queries
):
    """An admin without organization makes each audit row look up the subject's program."""
    waiting_for(program, advocate, today, 5)
    timesheets = list(waiting_queryset(site_admin))
    assert (
        count_queries(lambda: record_events(site_admin, "x", timesheets, subject_of="participant"))
        == 1
    )
