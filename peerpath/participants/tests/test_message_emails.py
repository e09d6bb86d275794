"""Message notices reach each reader in their own language, in the app and by email."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from peerpath.participants.tests.test_views import enrol

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command(
        "db_worker", batch=True, queue_name="*", reload=False, verbosity=0, startup_delay=False
    )


def test_each_side_is_told_in_their_own_language(client, participant, program, advocate):
    enrol(participant, program, advocate)
    participant.language = "es"
    participant.save(update_fields=["language"])
    advocate.language = "en"
    advocate.save(update_fields=["language"])

    # The participant writes from a Spanish page; the advocate is told in English.
    client.force_login(participant)
    client.cookies["peerpath_language"] = "es"
    client.post(reverse("participants-my-messages"), {"body": "Hola"}, HTTP_ACCEPT_LANGUAGE="es")
    run_worker()
    [to_advocate] = mail.outbox
    assert to_advocate.to == [advocate.email]
    assert "New message from" in to_advocate.subject
    assert "sent you a message in PeerPath" in to_advocate.body

    # The advocate replies from an English page; the participant is told in Spanish.
    client.force_login(advocate)
    client.cookies["peerpath_language"] = "en"
    client.post(
        reverse("participants-thread", args=[participant.pk]),
        {"body": "Hi"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    run_worker()
    to_participant = mail.outbox[-1]
    assert to_participant.to == [participant.email]
    assert "Nuevo mensaje de" in to_participant.subject
    assert "le envió un mensaje en PeerPath" in to_participant.body
    assert "sent you a message" not in to_participant.body
