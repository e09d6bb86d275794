"""Every write to trainings, hours, documents, placements and timesheets.

Hour limits are checked here, inside the transaction and with the person's row
locked, so two phones logging at once cannot pass the course's or the day's
limit between them. Forms only parse. A refused write raises `Refused` with
(field, message) pairs the view shows next to the fields.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.models import STAFF_ROLES, Role, User
from peerpath.audit.actions import record_event
from peerpath.certification.jurisdictions import CALIFORNIA, JURISDICTIONS, Jurisdiction
from peerpath.lib.uploads import clean_display_name, safe_storage_name
from peerpath.notifications.actions import do_notify
from peerpath.training import rules
from peerpath.training.models import (
    HoursEntry,
    Placement,
    Timesheet,
    TimesheetEntry,
    TimesheetReview,
    TimesheetStatus,
    Training,
    TrainingDocument,
    TrainingDocumentKind,
    TrainingDocumentStatus,
    TrainingKind,
    TrainingSettings,
    TrainingStatus,
)

TIMESHEET_REVIEWER_ROLES = frozenset({Role.ADVOCATE, Role.COORDINATOR})


class Refused(Exception):
    """A write that breaks a rule; `problems` are (field, message) pairs."""

    def __init__(self, problems: list[tuple[str, Any]]) -> None:
        super().__init__("; ".join(str(message) for _field, message in problems))
        self.problems = problems


class TimesheetLocked(Refused):
    pass


def jurisdiction_for(code: str | None) -> Jurisdiction:
    return JURISDICTIONS.get(code or "CA", CALIFORNIA)


def _lock(person: User) -> None:
    """Serialise one person's hour writes (a no-op on SQLite, which locks the whole file)."""
    User.objects.select_for_update(of=("self",)).filter(pk=person.pk).first()


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


# Trainings


@transaction.atomic
def do_add_training(participant: User, training: Training) -> Training:
    training.participant = participant
    training.save()
    return training


@transaction.atomic
def do_update_training(participant: User, training: Training, changed: list[str]) -> Training:
    _refuse_if_locked(training)
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
    _lock(participant)
    training = Training.objects.select_related("specialization", "participant__program").get(
        pk=training.pk
    )
    _refuse_if_locked(training)
    if training.status == TrainingStatus.WITHDRAWN:
        raise Refused([(None, _("This training is marked as withdrawn. Change its status first."))])
    program = training.participant.program
    core_hours = jurisdiction_for(program.jurisdiction if program else None).core_training_hours
    day_total = (
        HoursEntry.objects.filter(
            training__participant=participant, date=date, is_total=False
        ).aggregate(total=Sum("hours"))["total"]
        or rules.ZERO
    )
    problems = rules.check_training_hours(
        day=date,
        hours=hours,
        today=today or timezone.localdate(),
        logged_so_far=logged_hours(training),
        course_hours=training.target_hours(core_hours),
        day_total_so_far=day_total,
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
    check = upload.upload_check  # type: ignore[attr-defined]
    name = safe_storage_name(f"training/{training.pk}", check.kind)
    stored = default_storage.save(name, upload)
    return TrainingDocument.objects.create(
        training=training,
        kind=kind,
        file=stored,
        content_type=check.content_type,
        size=check.size,
        original_name=clean_display_name(upload.name or ""),
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

    def render() -> tuple[str, str]:
        if verified:
            return (
                str(_("Your training document is verified")),
                str(
                    format_lazy(
                        _(
                            "Staff checked your document for {training}. Its hours now count as "
                            "verified."
                        ),
                        training=label,
                    )
                ),
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


# Placements and timesheets


@transaction.atomic
def do_save_placement(staff: User, placement: Placement, participant: User) -> Placement:
    if staff.role not in TIMESHEET_REVIEWER_ROLES:
        raise PermissionError("only advocates and coordinators manage placements")
    created = placement.pk is None
    placement.participant = participant
    if created:
        placement.created_by = staff
    placement.save()
    record_event(
        staff,
        "training.placement.add" if created else "training.placement.change",
        placement,
        subject=participant,
    )
    return placement


def _day_work_total(participant: User, day: dt.date, exclude_entry: int | None = None) -> Decimal:
    entries = TimesheetEntry.objects.filter(timesheet__placement__participant=participant, date=day)
    if exclude_entry is not None:
        entries = entries.exclude(pk=exclude_entry)
    return entries.aggregate(total=Sum("hours"))["total"] or rules.ZERO


def _locked_message(timesheet: Timesheet) -> Any:
    if timesheet.status == TimesheetStatus.APPROVED:
        return format_lazy(
            _("The timesheet for {start} – {end} is approved and locked. Its hours cannot change."),
            start=timesheet.period_start.isoformat(),
            end=timesheet.period_end.isoformat(),
        )
    return format_lazy(
        _(
            "The timesheet for {start} – {end} is waiting for approval. Take it back to make "
            "changes."
        ),
        start=timesheet.period_start.isoformat(),
        end=timesheet.period_end.isoformat(),
    )


def _refuse_unless_editable(timesheet: Timesheet, field: str | None = None) -> None:
    if not timesheet.is_editable:
        raise TimesheetLocked([(field, _locked_message(timesheet))])


def _check_entry(
    participant: User,
    placement: Placement,
    day: dt.date,
    hours: Decimal,
    today: dt.date,
    exclude_entry: int | None = None,
) -> None:
    problems = rules.check_work_hours(
        day=day,
        hours=hours,
        today=today,
        placement_starts=placement.starts_on,
        placement_ends=placement.ends_on,
        day_total_so_far=_day_work_total(participant, day, exclude_entry),
    )
    if problems:
        raise Refused(problems)


@transaction.atomic
def do_add_timesheet_entry(
    participant: User,
    placement: Placement,
    *,
    date: dt.date,
    hours: Decimal,
    activity: str,
    today: dt.date | None = None,
) -> TimesheetEntry:
    """Add hours to the placement's timesheet for the pay period `date` falls in
    (started on the way if there is none yet)."""
    if placement.participant_id != participant.pk:
        raise PermissionError("not this person's placement")
    _lock(participant)
    _check_entry(participant, placement, date, hours, today or timezone.localdate())
    period = TrainingSettings.for_program_id(participant.program_id).period_containing(date)
    timesheet, _created = Timesheet.objects.select_for_update(of=("self",)).get_or_create(
        placement=placement,
        period_start=period.start,
        defaults={"period_end": period.end},
    )
    _refuse_unless_editable(timesheet, "date")
    entry = TimesheetEntry.objects.create(
        timesheet=timesheet, date=date, hours=hours, activity=activity
    )
    timesheet.save(update_fields=["updated_at"])
    return entry


@transaction.atomic
def do_update_timesheet_entry(
    participant: User,
    entry: TimesheetEntry,
    *,
    date: dt.date,
    hours: Decimal,
    activity: str,
    today: dt.date | None = None,
) -> TimesheetEntry:
    _lock(participant)
    timesheet = (
        Timesheet.objects.select_for_update(of=("self",))
        .select_related("placement")
        .get(pk=entry.timesheet_id)
    )
    if timesheet.placement.participant_id != participant.pk:
        raise PermissionError("not this person's timesheet")
    _refuse_unless_editable(timesheet)
    if not timesheet.period_start <= date <= timesheet.period_end:
        raise Refused(
            [
                (
                    "date",
                    format_lazy(
                        _("Choose a date in this timesheet's pay period, {start} – {end}."),
                        start=timesheet.period_start.isoformat(),
                        end=timesheet.period_end.isoformat(),
                    ),
                )
            ]
        )
    _check_entry(
        participant,
        timesheet.placement,
        date,
        hours,
        today or timezone.localdate(),
        exclude_entry=entry.pk,
    )
    entry.date, entry.hours, entry.activity = date, hours, activity
    entry.save(update_fields=["date", "hours", "activity"])
    timesheet.save(update_fields=["updated_at"])
    return entry


@transaction.atomic
def do_delete_timesheet_entry(participant: User, entry: TimesheetEntry) -> None:
    timesheet = (
        Timesheet.objects.select_for_update(of=("self",))
        .select_related("placement")
        .get(pk=entry.timesheet_id)
    )
    if timesheet.placement.participant_id != participant.pk:
        raise PermissionError("not this person's timesheet")
    _refuse_unless_editable(timesheet)
    entry.delete()
    if not timesheet.entries.exists() and timesheet.status == TimesheetStatus.DRAFT:
        timesheet.delete()
    else:
        timesheet.save(update_fields=["updated_at"])


@transaction.atomic
def do_submit_timesheet(participant: User, timesheet: Timesheet) -> Timesheet:
    timesheet = (
        Timesheet.objects.select_for_update(of=("self",))
        .select_related("placement")
        .get(pk=timesheet.pk)
    )
    if timesheet.placement.participant_id != participant.pk:
        raise PermissionError("not this person's timesheet")
    _refuse_unless_editable(timesheet)
    if not rules.can_submit_timesheet(timesheet.status, timesheet.entries.count()):
        raise Refused([(None, _("Add your hours before you submit the timesheet."))])
    timesheet.status = TimesheetStatus.SUBMITTED
    timesheet.submitted_at = timezone.now()
    timesheet.save(update_fields=["status", "submitted_at", "updated_at"])
    record_event(participant, "training.timesheet.submit", timesheet, subject=participant)
    return timesheet


@transaction.atomic
def do_withdraw_timesheet(participant: User, timesheet: Timesheet) -> Timesheet:
    """Take a submitted timesheet back to change it (before staff decide)."""
    timesheet = (
        Timesheet.objects.select_for_update(of=("self",))
        .select_related("placement")
        .get(pk=timesheet.pk)
    )
    if timesheet.placement.participant_id != participant.pk:
        raise PermissionError("not this person's timesheet")
    if timesheet.status != TimesheetStatus.SUBMITTED:
        raise TimesheetLocked([(None, _locked_message(timesheet))])
    timesheet.status = TimesheetStatus.DRAFT
    timesheet.submitted_at = None
    timesheet.save(update_fields=["status", "submitted_at", "updated_at"])
    record_event(participant, "training.timesheet.withdraw", timesheet, subject=participant)
    return timesheet


@transaction.atomic
def do_review_timesheet(
    staff: User, timesheet: Timesheet, *, approve: bool, comment: str = ""
) -> Timesheet:
    """Approve (locks the timesheet and fixes its pay rate) or return it with a comment."""
    if staff.role not in TIMESHEET_REVIEWER_ROLES:
        raise PermissionError("only advocates and coordinators approve timesheets")
    timesheet = (
        Timesheet.objects.select_for_update(of=("self",))
        .select_related("placement__participant__program")
        .get(pk=timesheet.pk)
    )
    if not rules.can_review_timesheet(timesheet.status):
        raise Refused([(None, _("This timesheet is not waiting for approval any more."))])
    comment = comment.strip()
    if not approve and not comment:
        raise Refused(
            [("comment", _("Say what needs to change, so the participant knows what to do."))]
        )
    now = timezone.now()
    if approve:
        timesheet.status = TimesheetStatus.APPROVED
        timesheet.approved_at = now
        timesheet.approved_by = staff
        timesheet.pay_rate = timesheet.placement.pay_rate
    else:
        timesheet.status = TimesheetStatus.RETURNED
    timesheet.save(update_fields=["status", "approved_at", "approved_by", "pay_rate", "updated_at"])
    TimesheetReview.objects.create(
        timesheet=timesheet,
        decision=TimesheetReview.Decision.APPROVED
        if approve
        else TimesheetReview.Decision.RETURNED,
        comment=comment,
        reviewer=staff,
        created_at=now,
    )
    participant = timesheet.placement.participant
    record_event(
        staff,
        "training.timesheet.approve" if approve else "training.timesheet.return",
        timesheet,
        subject=participant,
    )
    start, end = timesheet.period_start.isoformat(), timesheet.period_end.isoformat()

    def render() -> tuple[str, str]:
        if approve:
            return (
                str(_("Your timesheet is approved")),
                str(
                    format_lazy(
                        _("Your hours for {start} – {end} are approved and go to payroll."),
                        start=start,
                        end=end,
                    )
                ),
            )
        return (
            str(_("Your timesheet needs a change")),
            str(
                format_lazy(
                    _(
                        "Staff returned your timesheet for {start} – {end} with a note. Open "
                        "PeerPath to see it, make the change and submit it again."
                    ),
                    start=start,
                    end=end,
                )
            ),
        )

    do_notify(
        participant,
        "timesheet_reviewed",
        render,
        url=reverse("training-show-timesheet", args=[timesheet.pk]),
    )
    return timesheet


def do_record_payroll_export(
    staff: User, program_slug: str, period: rules.PayPeriod, file_format: str, rows: int
) -> None:
    record_event(
        staff,
        "training.payroll.export",
        None,
        program=program_slug,
        period_start=period.start.isoformat(),
        period_end=period.end.isoformat(),
        format=file_format,
        rows=rows,
    )
