"""Clear a participant's list status when something it is computed from changes.

Each model that the caseload's rows read maps to the participants it concerns; a save
or a delete clears their `ParticipantStatus.computed_on` (one UPDATE), and the next list
that shows them recomputes the row. Bulk writes send no signals: the daily refresh
(a new day makes every row stale) bounds what they can leave behind to that day.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from peerpath.accounts.models import Role
from peerpath.participants.status import ensure_rows, mark_stale, move_rows


def _lookups() -> dict[type[Model], Callable[[Any], dict[str, object]]]:
    from peerpath.accounts.models import Cohort, User
    from peerpath.certification.models import (
        CertificationCase,
        CertificationSettings,
        ContinuingEducation,
        ExamAttemptRecord,
    )
    from peerpath.intake.models import Application, EthicsSignature
    from peerpath.participants.models import ContactNote
    from peerpath.plan.models import ConfidenceCheckIn
    from peerpath.schedule.models import Attendance, ScheduleSettings
    from peerpath.training.models import (
        HoursEntry,
        Timesheet,
        Training,
        TrainingDocument,
        WorkPlacement,
    )

    def by_participant(item: Any) -> dict[str, object]:
        return {"participant_id": item.participant_id}

    def by_case(item: Any) -> dict[str, object]:
        return {"participant__certification_case__id": item.case_id}

    def by_training(item: Any) -> dict[str, object]:
        return {"participant__trainings__id": item.training_id}

    def by_program(item: Any) -> dict[str, object]:
        return {"participant__program_id": item.program_id}

    return {
        # A staff member's change (deactivation) touches the rows of their caseload
        # (a participant's own saves are `person_saved()`'s).
        User: lambda user: {"advocate_id": user.pk},
        Cohort: lambda cohort: {"participant__cohort_id": cohort.pk},
        Application: lambda application: {"participant_id": application.applicant_id},
        EthicsSignature: lambda signature: {"participant_id": signature.user_id},
        ContactNote: by_participant,
        CertificationCase: by_participant,
        ExamAttemptRecord: by_case,
        ContinuingEducation: by_case,
        CertificationSettings: by_program,
        ConfidenceCheckIn: by_participant,
        Attendance: by_participant,
        ScheduleSettings: by_program,
        Training: by_participant,
        HoursEntry: by_training,
        TrainingDocument: by_training,
        WorkPlacement: by_participant,
        Timesheet: lambda sheet: {"participant__work_placements__id": sheet.placement_id},
    }


# Saves of these fields alone change nothing the lists show.
IGNORED_USER_FIELDS = frozenset({"last_login", "language", "password"})


def person_saved(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    """A participant's row exists from their account's creation and its scope columns
    follow every save (advocate, cohort, program), so the lists find people by them."""
    if kwargs.get("raw") or instance.role != Role.PARTICIPANT:
        return
    fields = kwargs.get("update_fields")
    if fields and set(fields) <= IGNORED_USER_FIELDS:
        return
    if kwargs.get("created", False):
        ensure_rows([instance])
    move_rows(participant_id=instance.pk)


def program_saved(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    """The organization a row is listed under comes from the program."""
    if not kwargs.get("raw"):
        move_rows(participant__program_id=instance.pk)


def connect() -> None:
    from peerpath.accounts.models import Program, User

    post_save.connect(person_saved, sender=User, dispatch_uid="participants-status-person")
    post_save.connect(program_saved, sender=Program, dispatch_uid="participants-status-program")
    for model, lookup in _lookups().items():

        def clear(
            sender: type[Model],
            instance: Any,
            lookup: Callable[[Any], dict[str, object]] = lookup,
            **kwargs: Any,
        ) -> None:
            if kwargs.get("raw"):
                return
            fields = kwargs.get("update_fields")
            if sender.__name__ == "User" and (
                instance.role == Role.PARTICIPANT or (fields and set(fields) <= IGNORED_USER_FIELDS)
            ):
                return
            mark_stale(**lookup(instance))

        uid = f"participants-status-{model._meta.label_lower}"
        post_save.connect(clear, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(clear, sender=model, weak=False, dispatch_uid=uid)
