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


def run_worker():
    call_command(
        "db_worker", batch=True, queue_name="*", reload=False, verbosity=0, startup_delay=False
    )


def test_a_spanish_speaker_is_notified_and_emailed_in_spanish_whoever_acted(participant, advocate):
    """The advocate acts under English; the participant reads Spanish, in PeerPath and
    in the email, both for a single notification and for a sweep's batch."""
    from django.utils import translation
    from django.utils.translation import gettext as _

    from peerpath.notifications.actions import Planned, do_notify_many
    from peerpath.plan.actions import do_add_goal, do_add_goal_comment

    participant.language = "es"
    participant.save()
    with translation.override("en"):
        goal = do_add_goal(participant, participant, "Find a placement")
        do_add_goal_comment(advocate, goal, "Nice goal")
        do_notify_many(
            [
                Planned(
                    participant,
                    "test",
                    lambda: (_("Your data is ready to download"), "-"),
                    "batch-es",
                )
            ]
        )
    subjects = set(Notification.objects.values_list("subject", flat=True))
    assert subjects == {"Nuevo comentario en su plan", "Sus datos están listos para descargar"}
    comment = Notification.objects.get(kind="plan.comment")
    assert "Inicie sesión" in comment.body or "PeerPath" in comment.body
    assert "left a comment" not in comment.body
    with translation.override("en"):
        run_worker()
    emails = {message.subject: message.body for message in mail.outbox}
    assert set(emails) == {f"PeerPath: {subject}" for subject in subjects}
    assert all(body.startswith("Hola, ") and "988" in body for body in emails.values())
