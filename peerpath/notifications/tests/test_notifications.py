import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from peerpath.notifications.actions import do_notify
from peerpath.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def note(user, key=None):
    return do_notify(user, "test", lambda: ("Hello", "A message for you."), dedupe_key=key)


def test_notify_is_deduplicated_and_emailed_once_by_the_worker(participant):
    assert note(participant, "k1") is not None
    assert note(participant, "k1") is None
    call_command(
        "db_worker", batch=True, queue_name="*", reload=False, verbosity=0, startup_delay=False
    )
    call_command(
        "db_worker", batch=True, queue_name="*", reload=False, verbosity=0, startup_delay=False
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [participant.email]


def test_people_see_only_their_own_messages(client, participant, other_participant):
    note(participant)
    client.force_login(other_participant)
    assert "A message for you." not in client.get(reverse("notifications-list")).content.decode()
    client.force_login(participant)
    assert "A message for you." in client.get(reverse("notifications-list")).content.decode()
    client.post(reverse("notifications-mark-read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(reverse("notifications-list")).status_code == 302
