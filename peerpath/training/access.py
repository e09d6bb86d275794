"""Who may see which training, document, placement and timesheet.

Participants reach only their own; staff reach those of the participants in
their scope (`participants_for_user`). Everything else is a 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from peerpath.accounts.access import participants_for_user
from peerpath.accounts.models import Role, User
from peerpath.training.models import (
    HoursEntry,
    Timesheet,
    TimesheetEntry,
    Training,
    TrainingDocument,
    WorkPlacement,
)


def _is_participant(user: User) -> bool:
    return user.is_authenticated and user.role == Role.PARTICIPANT


def trainings_for_user(user: User) -> QuerySet[Training]:
    if _is_participant(user):
        return Training.objects.filter(participant=user)
    return Training.objects.filter(participant__in=participants_for_user(user))


def placements_for_user(user: User) -> QuerySet[WorkPlacement]:
    if _is_participant(user):
        return WorkPlacement.objects.filter(participant=user)
    return WorkPlacement.objects.filter(participant__in=participants_for_user(user))


def timesheets_for_user(user: User) -> QuerySet[Timesheet]:
    if _is_participant(user):
        return Timesheet.objects.filter(placement__participant=user)
    return Timesheet.objects.filter(placement__participant__in=participants_for_user(user))


def get_own_training(user: User, training_id: int) -> Training:
    return get_object_or_404(
        Training.objects.select_related("provider", "specialization"),
        pk=training_id,
        participant_id=user.pk,
    )


def get_own_hours_entry(user: User, training: Training, entry_id: int) -> HoursEntry:
    return get_object_or_404(HoursEntry, pk=entry_id, training=training)


def get_document_for_user(user: User, document_id: int) -> TrainingDocument:
    return get_object_or_404(
        TrainingDocument.objects.select_related("training__participant__program"),
        pk=document_id,
        training__in=trainings_for_user(user),
    )


def get_placement_for_user(user: User, placement_id: int) -> WorkPlacement:
    return get_object_or_404(
        placements_for_user(user).select_related("participant__program"), pk=placement_id
    )


def get_timesheet_for_user(user: User, timesheet_id: int) -> Timesheet:
    return get_object_or_404(
        timesheets_for_user(user).select_related("placement__participant__program"),
        pk=timesheet_id,
    )


def get_own_timesheet_entry(user: User, entry_id: int) -> TimesheetEntry:
    return get_object_or_404(
        TimesheetEntry.objects.select_related("timesheet__placement"),
        pk=entry_id,
        timesheet__placement__participant_id=user.pk,
    )
