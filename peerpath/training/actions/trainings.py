"""Writes to trainings, their hours and their documents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.models import STAFF_ROLES, User
from peerpath.audit.actions import record_event
from peerpath.certification.actions import do_note_core_training_completed
from peerpath.lib.uploads import store_upload
from peerpath.notifications.actions import do_notify
from peerpath.training import rules
from peerpath.training.actions.common import (
    Refused,
    day_total,
    jurisdiction_for,
    lock_person,
    today_for,
)
from peerpath.training.models import (
    HoursEntry,
    Training,
    TrainingDocument,
    TrainingDocumentKind,
    TrainingDocumentStatus,
    TrainingKind,
    TrainingStatus,
)


def training_is_locked(training: Training) -> bool:
    """A verified completion certificate fixes the training's hours and dates."""
    return training.documents.filter(
        kind=TrainingDocumentKind.COMPLETION, status=TrainingDocumentStatus.VERIFIED
    ).exists()


def _refuse_if_locked(training: Training) -> None:
    if training_is_locked(training):
        raise Refused(
            [
                (
                    None,
                    _(
                        "Staff verified this training's completion certificate, so it can no "
                        "longer be changed. Ask your peer support advocate if something is wrong."
                    ),
                )
            ]
        )


# What a verified document vouches for: hours confirmed for one course at one provider
# must not move to another kind of training or provider.
_VOUCHED_FOR = {
    "kind": "kind",
    "specialization_id": "specialization",
    "provider_id": "provider_choice",
}


def _refuse_if_vouched_for(training: Training) -> None:
    stored = Training.objects.filter(pk=training.pk).values(*_VOUCHED_FOR).first()
    if stored is None:
        return
    changed = [name for name, value in stored.items() if getattr(training, name) != value]
    if changed and training.documents.filter(status=TrainingDocumentStatus.VERIFIED).exists():
        message = _(
            "Staff verified a document for this training, so its kind, specialization and "
            "provider stay as they are. Ask your peer support advocate if something is wrong."
        )
        raise Refused([(_VOUCHED_FOR[name], message) for name in changed])


@transaction.atomic
def do_add_training(participant: User, training: Training) -> Training:
    training.participant = participant
    training.save()
    return training


@transaction.atomic
def do_update_training(participant: User, training: Training, changed: list[str]) -> Training:
    _refuse_if_locked(training)
    _refuse_if_vouched_for(training)
    program = participant.program
    core_hours = jurisdiction_for(program.jurisdiction if program else None).core_training_hours
    target = training.target_hours(core_hours)
    logged = logged_hours(training)
    if target is not None and logged > target:
        field = (
            "course_hours"
            if training.kind in (TrainingKind.OTHER, TrainingKind.WORK_READINESS)
            else "kind"
        )
        raise Refused(
            [
                (
                    field,
                    format_lazy(
                        _(
                            "{logged} hours are logged for this training, more than {target}. "
                            "Remove some hours first."
                        ),
                        logged=rules.format_hours(logged),
                        target=rules.format_hours(target),
                    ),
                )
            ]
        )
    if changed:
        training.save()
    return training


def logged_hours(training: Training) -> Decimal:
    return training.entries.aggregate(total=Sum("hours"))["total"] or rules.ZERO


@transaction.atomic
def do_log_training_hours(
    participant: User,
    training: Training,
    *,
    date: dt.date,
    hours: Decimal,
    note: str = "",
    is_total: bool = False,
    today: dt.date | None = None,
) -> HoursEntry:
    lock_person(participant)
    training = Training.objects.select_related("specialization", "participant__program").get(
        pk=training.pk
    )
    _refuse_if_locked(training)
    if training.status == TrainingStatus.WITHDRAWN:
        raise Refused([(None, _("This training is marked as withdrawn. Change its status first."))])
    program = training.participant.program
    core_hours = jurisdiction_for(program.jurisdiction if program else None).core_training_hours
    problems = rules.check_training_hours(
        day=date,
        hours=hours,
        today=today or today_for(training.participant),
        logged_so_far=logged_hours(training),
        course_hours=training.target_hours(core_hours),
        day_total_so_far=day_total(participant, date),
        is_total=is_total,
        starts_on=training.starts_on,
    )
    if problems:
        raise Refused(problems)
    entry = HoursEntry.objects.create(
        training=training, date=date, hours=hours, note=note, is_total=is_total
    )
    if training.status == TrainingStatus.PLANNED:
        training.status = TrainingStatus.IN_PROGRESS
        training.save(update_fields=["status", "updated_at"])
    return entry


@transaction.atomic
def do_delete_training_hours(participant: User, entry: HoursEntry) -> None:
    _refuse_if_locked(entry.training)
    entry.delete()


@transaction.atomic
def do_add_training_document(
    participant: User, training: Training, kind: str, upload: UploadedFile
) -> TrainingDocument:
    """Store a checked upload under a random name; the original name is kept as a label."""
    stored = store_upload(f"training/{training.pk}", upload)
    return TrainingDocument.objects.create(
        training=training,
        kind=kind,
        file=stored.name,
        content_type=stored.content_type,
        size=stored.size,
        original_name=stored.label,
    )


@transaction.atomic
def do_delete_training_document(participant: User, document: TrainingDocument) -> None:
    if document.status == TrainingDocumentStatus.VERIFIED:
        raise Refused([(None, _("A verified document stays on record and cannot be removed."))])
    name = document.file.name
    document.delete()
    transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def do_review_training_document(
    staff: User,
    document: TrainingDocument,
    *,
    verified: bool,
    hours_confirmed: Decimal | None = None,
    completed_on: dt.date | None = None,
    comment: str = "",
) -> TrainingDocument:
    """Verify a document (the hours it confirms count as verified) or say why it is not accepted.

    Verifying a completion certificate also marks the training completed on the
    date the certificate shows.
    """
    if staff.role not in STAFF_ROLES:
        raise PermissionError("only staff verify documents")
    document = TrainingDocument.objects.select_for_update(of=("self",)).get(pk=document.pk)
    training = Training.objects.select_related("participant__program", "specialization").get(
        pk=document.training_id
    )
    participant = training.participant
    if verified:
        if hours_confirmed is None:
            raise Refused([("hours_confirmed", _("Enter the hours the document shows."))])
        if document.kind == TrainingDocumentKind.COMPLETION and completed_on is None:
            raise Refused([("completed_on", _("Enter the completion date the certificate shows."))])
        document.status = TrainingDocumentStatus.VERIFIED
        document.hours_confirmed = hours_confirmed
        if document.kind == TrainingDocumentKind.COMPLETION:
            training.status = TrainingStatus.COMPLETED
            training.completed_on = completed_on
            training.save(update_fields=["status", "completed_on", "updated_at"])
            # The training locks now: hours the certificate shows but the person never
            # logged are added as a total, or they could never count.
            missing = hours_confirmed - logged_hours(training)
            if missing > 0 and completed_on is not None:
                HoursEntry.objects.create(
                    training=training, date=completed_on, hours=missing, is_total=True
                )
            if training.kind == TrainingKind.CORE and completed_on is not None:
                do_note_core_training_completed(staff, participant, completed_on)
    else:
        if not comment.strip():
            raise Refused(
                [("comment", _("Say what is missing, so the participant knows what to do."))]
            )
        document.status = TrainingDocumentStatus.NOT_ACCEPTED
        document.hours_confirmed = None
    document.review_comment = comment.strip()
    document.reviewed_by = staff
    document.reviewed_at = timezone.now()
    document.save()
    record_event(
        staff,
        "training.document.verify" if verified else "training.document.decline",
        document,
        subject=participant,
    )
    label = training.label
    numbers: tuple[Decimal, Decimal, Decimal, str | None] | None = None
    if verified:
        # What the person's totals are now, so the message says what changed (or why not).
        from peerpath.training.progress import annotated_trainings, training_numbers

        core_hours = jurisdiction_for(
            participant.program.jurisdiction if participant.program else None
        ).core_training_hours
        annotated = annotated_trainings([participant.pk]).get(pk=training.pk)
        logged, now_verified, target = training_numbers(annotated, core_hours)
        numbers = (
            logged,
            now_verified,
            target,
            rules.verified_note(logged, annotated.confirmed, annotated.target_hours(core_hours)),
        )

    def render() -> tuple[str, str]:
        if numbers is not None:
            from peerpath.training.progress import verified_note_message

            logged, now_verified, target, note = numbers
            body = format_lazy(
                _(
                    "Staff checked your document for {training}. Verified hours: {verified} of "
                    "{target}."
                ),
                training=label,
                verified=rules.format_hours(now_verified),
                target=rules.format_hours(target),
            )
            explanation = verified_note_message(note, logged, now_verified, target)
            return (
                str(_("Your training document is verified")),
                f"{body} {explanation}".strip(),
            )
        return (
            str(_("Your training document needs another look")),
            str(
                format_lazy(
                    _(
                        "Staff could not accept your document for {training}. Open PeerPath to "
                        "see why and upload a new one."
                    ),
                    training=label,
                )
            ),
        )

    do_notify(
        participant,
        "training_document_reviewed",
        render,
        url=reverse("training-show-training", args=[training.pk]),
    )
    return document
