"""Two-way messages between a participant and their advocate: access, notices, audit."""

import pytest
from django.core import mail
from django.urls import reverse

from peerpath.audit.models import AuditEvent
from peerpath.conftest import make_user
from peerpath.notifications.models import Notification
from peerpath.participants.models import Message
from peerpath.participants.tests.test_views import cohort, enrol, enrolled  # noqa: F401

MINE = reverse("participants-my-messages")

pytestmark = pytest.mark.django_db


def thread(person):
    return reverse("participants-thread", args=[person.pk])


def test_anonymous_visitors_sign_in_first(client, enrolled):  # noqa: F811
    for url in (MINE, thread(enrolled)):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("advocate", 200),
        ("coordinator", 200),
        ("org_admin", 200),
        ("site_admin", 200),
        ("other_coordinator", 404),
        ("participant", 404),
        ("other_participant", 404),
    ],
)
def test_who_reads_and_writes_a_participants_thread(
    client,
    request,
    enrolled,  # noqa: F811
    persona,
    status,
):
    Message.objects.create(participant=enrolled, author=enrolled, body="Can we talk Friday?")
    client.force_login(request.getfixturevalue(persona))
    response = client.get(thread(enrolled))
    assert response.status_code == status
    if status == 200:
        assert "Can we talk Friday?" in response.content.decode()
    sent = client.post(thread(enrolled), {"body": "Yes, at 10."})
    assert sent.status_code == (302 if status == 200 else 404)
    assert Message.objects.filter(body="Yes, at 10.").exists() is (status == 200)


def test_an_advocate_who_is_not_theirs_sees_nothing(client, enrolled, organization):  # noqa: F811
    from peerpath.accounts.models import Role

    other_advocate = make_user("lee@example.org", Role.ADVOCATE, organization=organization)
    client.force_login(other_advocate)
    assert client.get(thread(enrolled)).status_code == 404


def test_a_participant_only_ever_sees_their_own_thread(
    client,
    enrolled,  # noqa: F811
    other_participant,
    program,
    advocate,
):
    enrol(other_participant, program, advocate)
    Message.objects.create(participant=other_participant, author=advocate, body="Private to Ben")
    client.force_login(enrolled)
    html = client.get(MINE).content.decode()
    assert "Private to Ben" not in html
    assert client.get(thread(other_participant)).status_code == 404


@pytest.mark.parametrize("persona", ["advocate", "coordinator"])
def test_staff_have_no_participant_inbox(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(MINE).status_code == 404


def test_messages_go_both_ways_with_a_notice_and_an_email(
    client,
    enrolled,  # noqa: F811
    advocate,
    django_capture_on_commit_callbacks,
):
    client.force_login(enrolled)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MINE, {"body": "I missed group, sorry."}, follow=True)
    assert "Your message is sent." in response.content.decode()
    notice = Notification.objects.get(user=advocate, kind="participant_message")
    assert notice.url == thread(enrolled)
    assert "I missed group" not in notice.body  # the text stays in PeerPath

    client.force_login(advocate)
    html = client.get(thread(enrolled)).content.decode()
    assert "I missed group, sorry." in html
    assert AuditEvent.objects.filter(
        action="messages.thread.view", actor=advocate, subject=enrolled
    ).exists()
    client.post(thread(enrolled), {"body": "No problem, see you Monday."})
    reply = Notification.objects.get(user=enrolled, kind="participant_message")
    assert reply.url == MINE
    client.force_login(enrolled)
    assert "No problem, see you Monday." in client.get(MINE).content.decode()


def test_an_empty_or_long_message_is_refused_next_to_the_field(client, enrolled):  # noqa: F811
    client.force_login(enrolled)
    html = client.post(MINE, {"body": "   "}).content.decode()
    assert "Write your message first." in html
    html = client.post(MINE, {"body": "x" * 2001}).content.decode()
    assert "Please shorten this to 2000 characters" in html
    assert not Message.objects.exists()


def test_a_spanish_reader_gets_the_notice_in_spanish(client, enrolled, advocate):  # noqa: F811
    enrolled.language = "es"
    enrolled.save(update_fields=["language"])
    client.force_login(advocate)
    client.post(thread(enrolled), {"body": "Hola"})
    notice = Notification.objects.get(user=enrolled, kind="participant_message")
    assert notice.subject.startswith("Nuevo mensaje de")


@pytest.mark.parametrize("size", [3, 40])
def test_the_thread_page_needs_the_same_queries_at_any_size(
    client,
    enrolled,  # noqa: F811
    advocate,
    django_assert_max_num_queries,
    size,
):
    Message.objects.bulk_create(
        Message(participant=enrolled, author=advocate if i % 2 else enrolled, body=f"m{i}")
        for i in range(size)
    )
    client.force_login(advocate)
    client.get(thread(enrolled))
    with django_assert_max_num_queries(16):
        assert client.get(thread(enrolled)).status_code == 200
    assert len(mail.outbox) == 0
