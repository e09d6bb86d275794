from __future__ import annotations

import datetime as dt

from django.db import transaction

from peerpath.accounts.models import User
from peerpath.audit.actions import record_event
from peerpath.participants.models import ContactNote, Pause


@transaction.atomic
def do_add_contact_note(author: User, note: ContactNote) -> ContactNote:
    note.author = author
    note.save()
    record_event(
        author,
        "participant.contact.add",
        note,
        subject=note.participant,
        staff_only=note.staff_only,
    )
    return note


@transaction.atomic
def do_pause_participant(
    actor: User, participant: User, until: dt.date, reason: str, today: dt.date
) -> Pause:
    """Start a pause (ending any that is running) and mark the participant paused."""
    Pause.objects.filter(participant=participant, ended_on__isnull=True, until__gte=today).update(
        ended_on=today
    )
    pause = Pause.objects.create(
        participant=participant, starts_on=today, until=until, reason=reason, created_by=actor
    )
    participant.paused_until = until
    participant.save(update_fields=["paused_until"])
    record_event(actor, "participant.pause", pause, subject=participant)
    return pause


@transaction.atomic
def do_resume_participant(actor: User, participant: User, today: dt.date) -> None:
    """End the running pause today; everything picks up where it was."""
    Pause.objects.filter(participant=participant, ended_on__isnull=True, until__gte=today).update(
        ended_on=today
    )
    participant.paused_until = None
    participant.save(update_fields=["paused_until"])
    record_event(actor, "participant.resume", participant, subject=participant)
