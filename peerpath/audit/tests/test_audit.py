import pytest

from peerpath.audit.actions import record_event
from peerpath.audit.models import AuditEvent


def test_record_event_stores_who_what_and_the_request_id(client, coordinator, participant):
    event = record_event(coordinator, "participant.view", participant, subject=participant)
    event.refresh_from_db()
    assert event.actor == coordinator
    assert event.actor_label == "alex@example.org"
    assert event.object_type == "accounts.user"
    assert event.object_id == str(participant.pk)
    assert event.subject == participant
    assert event.organization_id == coordinator.organization_id


def test_events_are_append_only(coordinator):
    event = record_event(coordinator, "program.view")
    event.action = "tampered"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    assert AuditEvent.objects.get().action == "program.view"


@pytest.mark.django_db
def test_system_events_have_no_actor():
    event = record_event(None, "reference.load")
    assert event.actor is None and event.actor_label == "system"


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    response = client.get("/", headers={"X-Request-ID": "abc-123"})
    assert response["X-Request-ID"] == "abc-123"
    response = client.get("/", headers={"X-Request-ID": "bad id\nwith newline"})
    assert len(response["X-Request-ID"]) == 32
