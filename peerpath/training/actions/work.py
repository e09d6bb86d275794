"""Writes to placements and timesheets, and the payroll export's audit event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.models import User
from peerpath.audit.actions import record_event
from peerpath.notifications.actions import do_notify
from peerpath.training import rules
from peerpath.training.actions.common import (
    TIMESHEET_REVIEWER_ROLES,
    Refused,
    TimesheetLocked,
    day_total,
    lock_person,
    today_for,
)
from peerpath.training.models import (
    Timesheet,
    TimesheetEntry,
    TimesheetReview,
    TimesheetStatus,
    TrainingSettings,
    WorkPlacement,
)


@transaction.atomic
def do_save_placement(staff: User, placement: WorkPlacement, participant: User) -> WorkPlacement:
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
    placement: WorkPlacement,
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
        day_total_so_far=day_total(participant, day, exclude_work_entry=exclude_entry),
    )
    if problems:
        raise Refused(problems)


@transaction.atomic
def do_add_timesheet_entry(
    participant: User,
    placement: WorkPlacement,
    *,
    date: dt.date,
    hours: Decimal,
    activity: str,
    today: dt.date | None = None,
) -> TimesheetEntry:
    """Add hours to the placement's open timesheet for the pay period `date` falls in,
    started on the way if there is none: also when that period's earlier timesheet is
    already approved, so hours worked after an early approval are still paid."""
    if placement.participant_id != participant.pk:
        raise PermissionError("not this person's placement")
    lock_person(participant)
    _check_entry(participant, placement, date, hours, today or today_for(participant))
    period = TrainingSettings.for_program_id(participant.program_id).period_containing(date)
    timesheet, _created = (
        Timesheet.objects.select_for_update(of=("self",))
        .exclude(status=TimesheetStatus.APPROVED)
        .get_or_create(
            placement=placement,
            period_start=period.start,
            defaults={"period_end": period.end},
        )
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
    lock_person(participant)
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
        today or today_for(participant),
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
