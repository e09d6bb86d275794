"""A participant writes to their advocate; the email only says a message is waiting."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from peerpath.audit.models import AuditEvent
from peerpath.notifications.models import Notification
from peerpath.schedule.models import AdvocateMessage

pytestmark = pytest.mark.django_db(transaction=True)

FORM = reverse("schedule-message-advocate")
TEXT = "Mondays are hard for me because of my shift; could I join on Wednesdays only?"


def run_worker():
    call_command(
        "db_worker", batch=True, queue_name="*", reload=False, verbosity=0, startup_delay=False
    )


def test_the_message_reaches_the_advocate_in_peerpath_and_never_by_email(
    client, enrolled, advocate, schedule
):
    client.force_login(enrolled)
    form = client.get(FORM).content.decode()
    # Coordinators may read it too (below), and the form says so.
    assert "coordinators can see it too" in form.replace("&#x27;", "'")
    response = client.post(FORM, {"body": TEXT}, follow=True)
    assert "Your message is sent." in response.content.decode()
    message = AdvocateMessage.objects.get()
    assert (message.participant, message.advocate, message.body) == (enrolled, advocate, TEXT)
    notification = Notification.objects.get(user=advocate)
    assert TEXT not in notification.body and "shift" not in notification.subject + notification.body
    run_worker()
    [email] = mail.outbox
    assert email.to == [advocate.email]
    assert "shift" not in email.body and "Wednesdays" not in email.body
    assert "A new message is waiting for you" in email.subject
    assert notification.url in email.body
    client.force_login(advocate)
    html = client.get(notification.url).content.decode()
    assert TEXT in html
    message.refresh_from_db()
    assert message.read_at is not None
    assert AuditEvent.objects.filter(action="schedule.message.view", actor=advocate).exists()


def test_who_may_read_a_message(
    client, enrolled, advocate, coordinator, other_coordinator, other_participant, schedule
):
    message = AdvocateMessage.objects.create(participant=enrolled, advocate=advocate, body=TEXT)
    path = reverse("schedule-show-message", args=[message.pk])
    client.force_login(coordinator)
    assert TEXT in client.get(path).content.decode()
    message.refresh_from_db()
    assert message.read_at is None  # only the advocate's own reading marks it read
    for person in (other_coordinator, other_participant, enrolled):
        client.force_login(person)
        assert client.get(path).status_code == 404


def test_only_enrolled_participants_with_an_advocate_can_write(
    client, applicant, participant, coordinator, schedule
):
    for person in (applicant, participant, coordinator):
        client.force_login(person)
        assert client.get(FORM).status_code == 404
        assert client.post(FORM, {"body": TEXT}).status_code == 404
    assert not AdvocateMessage.objects.exists()


@pytest.mark.parametrize("body", ["", "   ", "x" * 2001])
def test_empty_or_huge_messages_are_refused_next_to_the_field(client, enrolled, schedule, body):
    client.force_login(enrolled)
    response = client.post(FORM, {"body": body})
    assert response.status_code == 200
    assert 'class="errorlist field-error"' in response.content.decode()
    assert not AdvocateMessage.objects.exists()
