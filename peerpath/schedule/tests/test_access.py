"""Every schedule page for every role: who gets in, who gets a 404, who is sent to sign in."""

import datetime as dt

import pytest
from django.urls import reverse

from peerpath.schedule.models import AdvocateMessage

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)
ROLES = [
    "anonymous",
    "participant",
    "other_participant",
    "advocate",
    "coordinator",
    "other_coordinator",
    "site_admin",
]
# Expected status per role, in the order of ROLES. 302 for anonymous is the sign-in page;
# a participant's POST that is allowed also ends in a redirect.
EVERYONE = (200,) * 7
SIGNED_IN = (302, 200, 200, 200, 200, 200, 200)
PROGRAM = (302, 200, 200, 200, 200, 404, 200)
PARTICIPANT_POST = (302, 302, 302, 404, 404, 404, 404)
STAFF = (302, 404, 404, 200, 200, 404, 200)
EDITORS = (302, 404, 404, 404, 200, 404, 200)
ALL_STAFF = (302, 404, 404, 200, 200, 200, 200)
ENROLLED_WITH_ADVOCATE = (302, 200, 404, 404, 404, 404, 404)


@pytest.fixture
def setting(enrolled, orientation, support_room, advocate, frozen_now):
    message = AdvocateMessage.objects.create(participant=enrolled, advocate=advocate, body="Hi")
    return {"message": message, "orientation": orientation, "room": support_room}


def cases(s, participant):
    orientation, room = s["orientation"], s["room"]
    session = [orientation.pk, MONDAY]
    return [
        ("get", reverse("schedule-show-calendar"), SIGNED_IN),
        ("get", reverse("schedule-show-calendar") + "?program=esp&view=list", PROGRAM),
        ("get", reverse("schedule-show-public", args=["esp"]), EVERYONE),
        ("get", reverse("schedule-public-feed", args=["esp"]), EVERYONE),
        ("get", "/api/programs/esp/sessions", EVERYONE),
        ("get", reverse("schedule-show-session", args=session), PROGRAM),
        ("get", reverse("schedule-download-event", args=session), PROGRAM),
        ("post", reverse("schedule-book-session", args=session), PARTICIPANT_POST),
        (
            "post",
            reverse("schedule-check-in", args=[room.pk, dt.date(2026, 12, 2)]),
            PARTICIPANT_POST,
        ),
        ("post", reverse("schedule-excuse-absence", args=[room.pk, MONDAY]), PARTICIPANT_POST),
        ("get", reverse("schedule-take-roll", args=session), STAFF),
        ("get", reverse("schedule-change-session", args=session), EDITORS),
        ("get", reverse("schedule-create-series") + "?program=esp", EDITORS),
        ("get", reverse("schedule-edit-series", args=[orientation.pk]), EDITORS),
        ("get", reverse("schedule-list-bookings"), ALL_STAFF),
        ("get", reverse("schedule-show-participant", args=[participant.pk]), STAFF),
        ("get", reverse("schedule-manage-feed"), SIGNED_IN),
        ("get", reverse("schedule-message-advocate"), ENROLLED_WITH_ADVOCATE),
        ("get", reverse("schedule-show-message", args=[s["message"].pk]), STAFF),
    ]


@pytest.mark.parametrize("index", range(len(ROLES)))
def test_every_view_for_every_role(client, request, setting, index):
    role = ROLES[index]
    participant = request.getfixturevalue("participant")
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    for method, path, expected in cases(setting, participant):
        response = getattr(client, method)(path)
        assert response.status_code == expected[index], (role, method, path)
        if response.status_code == 302 and role == "anonymous":
            assert response["Location"].startswith(reverse("account_login")), path


def test_cancelling_someone_elses_booking_is_impossible(
    client, participant, other_participant, orientation, frozen_now
):
    client.force_login(participant)
    client.post(reverse("schedule-book-session", args=[orientation.pk, MONDAY]))
    client.force_login(other_participant)
    path = reverse("schedule-cancel-booking", args=[orientation.pk, MONDAY])
    assert client.post(path).status_code == 404
    from peerpath.schedule.models import Booking

    assert Booking.objects.get().cancelled_at is None


def test_a_participant_of_another_program_sees_none_of_this_one(
    client, other_program, orientation, frozen_now
):
    from peerpath.accounts.roles import Role
    from peerpath.conftest import make_user
    from peerpath.schedule.tests.conftest import enrol

    outsider = enrol(make_user("zed@example.org", Role.PARTICIPANT, program=other_program))
    client.force_login(outsider)
    for name in ("schedule-show-session", "schedule-download-event"):
        assert client.get(reverse(name, args=[orientation.pk, MONDAY])).status_code == 404
    assert (
        client.post(reverse("schedule-book-session", args=[orientation.pk, MONDAY])).status_code
        == 404
    )
    assert client.get(reverse("schedule-show-calendar"), {"program": "esp"}).status_code == 404


@pytest.mark.parametrize("role", ["participant", "site_admin"])
def test_signed_in_pages_are_never_cached(client, request, setting, role):
    """They carry join details, attendance and messages: no browser or proxy keeps them.
    (The public schedule is the one page meant to be cached.)"""
    client.force_login(request.getfixturevalue(role))
    participant = request.getfixturevalue("participant")
    public = reverse("schedule-show-public", args=["esp"])
    checked = 0
    for method, path, _expected in cases(setting, participant):
        response = getattr(client, method)(path)
        if (
            method != "get"
            or path == public
            or response.status_code != 200
            or "text/html" not in response["Content-Type"]
        ):
            continue
        checked += 1
        assert "no-store" in response.get("Cache-Control", ""), (role, path)
    assert checked >= 3
