from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from peerpath.accounts.models import User
from peerpath.audit.actions import record_event
from peerpath.notifications.actions import do_notify
from peerpath.participants.models import ContactNote, Exit, Message, Pause


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


@transaction.atomic
def do_record_exit(
    actor: User | None, participant: User, exited_on: dt.date, reason: str, *, replace: bool = True
) -> Exit:
    """Record (or, with `replace`, correct) the participant's exit.

    Withdrawing through intake records a "withdrew" exit unless staff already
    recorded one (`replace=False`).
    """
    existing = Exit.objects.select_for_update().filter(participant=participant).first()
    if existing is not None and not replace:
        return existing
    exit_record = existing or Exit(participant=participant)
    exit_record.exited_on = exited_on
    exit_record.reason = reason
    exit_record.recorded_by = actor
    exit_record.save()
    record_event(
        actor,
        "participant.exit.correct" if existing else "participant.exit.record",
        exit_record,
        subject=participant,
        reason=reason,
    )
    return exit_record


def do_send_message(author: User, participant: User, body: str) -> Message:
    """Add a message to the participant's thread and tell the other side (in-app and
    by email, in each reader's language). The text itself stays in PeerPath: the
    notification only says who wrote."""
    message = Message.objects.create(participant=participant, author=author, body=body)
    record_event(author, "participant.message.send", message, subject=participant)
    from_participant = author.pk == participant.pk
    if from_participant:
        recipients = [participant.advocate] if participant.advocate_id else []
        url = reverse("participants-thread", args=[participant.pk])
    else:
        recipients = [participant]
        url = reverse("participants-my-messages")
    name = author.display_name
    for recipient in recipients:
        if recipient is None or not recipient.is_active:
            continue

        def render() -> tuple[str, str]:
            return (
                str(_("New message from %(name)s") % {"name": name}),
                str(
                    _("%(name)s sent you a message in PeerPath. Open it to read and reply.")
                    % {"name": name}
                ),
            )

        do_notify(recipient, "participant_message", render, url=url)
    return message
