"""Hours progress for one participant or many, in a fixed number of queries.

Other pages (the participant's home, the advocate's caseload, the résumé)
call these functions; they never loop over the database per person.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Exists, Max, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from peerpath.accounts.models import User
from peerpath.lib.localized import localized
from peerpath.training import rules
from peerpath.training.actions import jurisdiction_for
from peerpath.training.models import (
    HoursEntry,
    PlacementKind,
    Timesheet,
    TimesheetEntry,
    TimesheetStatus,
    Training,
    TrainingDocument,
    TrainingDocumentKind,
    TrainingDocumentStatus,
    TrainingKind,
    TrainingStatus,
)

HOURS = DecimalField(max_digits=8, decimal_places=2)
ZERO = rules.ZERO


@dataclass(frozen=True)
class SpecializationProgress:
    code: str
    name: str
    name_es: str
    logged: Decimal
    verified: Decimal
    target: Decimal
    status: str
    started_before_core: bool

    @property
    def label(self) -> str:
        return localized(self, "name")


@dataclass(frozen=True)
class TrainingProgress:
    participant_id: int
    core_logged: Decimal = ZERO
    core_verified: Decimal = ZERO
    core_target: Decimal = rules.CORE_HOURS
    core_counts_for_certification: bool = False
    # Codes from rules.CORE_REASONS: why the core training does not count yet.
    core_reasons: tuple[str, ...] = ("no_core_training",)
    core_status: str | None = None
    core_completed_on: dt.date | None = None
    core_provider: str = ""
    specializations: tuple[SpecializationProgress, ...] = ()
    work_readiness_hours: Decimal = ZERO
    work_readiness_verified: Decimal = ZERO
    # Approved timesheet hours of paid work-readiness training placements.
    work_readiness_paid_hours: Decimal = ZERO
    work_experience_approved_hours: Decimal = ZERO
    work_experience_submitted_hours: Decimal = ZERO
    earliest_core_completion: dt.date = field(default=dt.date(2022, 7, 1))

    @property
    def has_core(self) -> bool:
        return "no_core_training" not in self.core_reasons

    @property
    def core_reason_messages(self) -> list[str]:
        """Why the core training does not count toward certification yet, in words."""
        return core_reason_messages(self.core_reasons, self.earliest_core_completion)


def core_reason_messages(codes: Iterable[str], earliest_completion: dt.date) -> list[str]:
    earliest = earliest_completion.isoformat()
    messages = {
        "no_core_training": _("Add your core training to see how it counts."),
        "provider_not_approved": _(
            "The provider is not in our list of providers approved to deliver core training "
            "for certification. Training elsewhere may still be worth it, but this one will "
            "not count toward certification. Ask your advocate if you are unsure."
        ),
        "not_completed": _("It counts once you complete it."),
        "completed_too_early": _(
            "It was completed before %(date)s, the earliest completion date that counts."
        )
        % {"date": earliest},
        "certificate_not_verified": _(
            "Upload your completion certificate; it counts once staff verify it."
        ),
    }
    return [messages[code] for code in codes]


def verified_note_message(
    code: str | None, logged: Decimal, verified: Decimal, target: Decimal | None
) -> str:
    """The plain-words reason behind a training's verified figure ("" when none)."""
    if code is None:
        return ""
    values = {
        "logged": rules.format_hours(logged),
        "verified": rules.format_hours(verified),
        "target": rules.format_hours(target if target is not None else logged),
    }
    if code == "capped_by_course":
        return _("Counted up to the course's %(target)s hours.") % values
    if code == "capped_by_logged":
        return (
            _(
                "A verified document confirms more than the %(logged)s hours you logged: only "
                "logged hours count. Log the rest to count them."
            )
            % values
        )
    return (
        _(
            "%(verified)s of your %(logged)s logged hours are verified: the largest total on a "
            "verified document counts, documents are not added up. To count more, upload a "
            "document that shows all your hours so far."
        )
        % values
    )


_STATUS_RANK = {
    TrainingStatus.COMPLETED: 1,
    TrainingStatus.IN_PROGRESS: 2,
    TrainingStatus.PLANNED: 3,
    TrainingStatus.WITHDRAWN: 4,
}


def annotated_trainings(participant_ids: Iterable[int]) -> Any:
    """Trainings with `logged` (sum of hours), `confirmed` (best verified figure) and
    `completion_verified`, each computed in the same query."""
    logged = (
        HoursEntry.objects.filter(training=OuterRef("pk"))
        .order_by()
        .values("training")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    verified = TrainingDocument.objects.filter(
        training=OuterRef("pk"), status=TrainingDocumentStatus.VERIFIED
    )
    confirmed = (
        verified.order_by().values("training").annotate(best=Max("hours_confirmed")).values("best")
    )
    return (
        Training.objects.filter(participant_id__in=list(participant_ids))
        .select_related("provider", "specialization")
        .annotate(
            logged=Coalesce(Subquery(logged, output_field=HOURS), Value(ZERO), output_field=HOURS),
            confirmed=Subquery(confirmed, output_field=HOURS),
            completion_verified=Exists(verified.filter(kind=TrainingDocumentKind.COMPLETION)),
        )
    )


def training_numbers(training: Any, core_hours: int | Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """(logged, verified, target) of an annotated training."""
    target = training.target_hours(core_hours)
    logged = Decimal(training.logged or 0)
    verified = rules.verified_hours(logged, [training.confirmed], target)
    return logged, verified, target if target is not None else logged


def _best(trainings: list[Any], counts: Any) -> Any | None:
    if not trainings:
        return None
    return min(
        trainings,
        key=lambda t: (0 if counts(t) else _STATUS_RANK.get(t.status, 5), -(t.pk or 0)),
    )


def progress_by_participant(
    participant_ids: list[int], jurisdictions: dict[int, Any] | None = None
) -> dict[int, TrainingProgress]:
    """Progress per participant id, in three queries whatever the number of ids (two
    when the caller knows everyone's jurisdiction).

    People with nothing logged get zeros; ids of no existing user are left out.
    """
    ids = list(dict.fromkeys(int(pk) for pk in participant_ids))
    if not ids:
        return {}
    if jurisdictions is None:
        jurisdictions = {
            pk: jurisdiction_for(code)
            for pk, code in User.objects.filter(pk__in=ids).values_list(
                "pk", "program__jurisdiction"
            )
        }
    by_person: dict[int, list[Any]] = defaultdict(list)
    for training in annotated_trainings(ids):
        by_person[training.participant_id].append(training)
    work: dict[tuple[int, str], Decimal] = {}
    readiness_paid: dict[int, Decimal] = {}
    for row in (
        TimesheetEntry.objects.filter(
            timesheet__placement__participant_id__in=ids,
            timesheet__status__in=[TimesheetStatus.SUBMITTED, TimesheetStatus.APPROVED],
        )
        .values(
            "timesheet__placement__participant_id",
            "timesheet__status",
            "timesheet__placement__kind",
        )
        .annotate(total=Sum("hours"))
        .order_by()
    ):
        pk = row["timesheet__placement__participant_id"]
        total = row["total"] or ZERO
        if row["timesheet__placement__kind"] == PlacementKind.WORK_READINESS:
            # Paid work-readiness training is paid through timesheets, but it is
            # training, not job shadowing or work experience.
            if row["timesheet__status"] == TimesheetStatus.APPROVED:
                readiness_paid[pk] = readiness_paid.get(pk, ZERO) + total
            continue
        key = (pk, row["timesheet__status"])
        work[key] = work.get(key, ZERO) + total
    return {
        pk: _progress(
            pk,
            by_person.get(pk, []),
            jurisdictions.get(pk, jurisdiction_for(None)),
            work.get((pk, TimesheetStatus.APPROVED), ZERO),
            work.get((pk, TimesheetStatus.SUBMITTED), ZERO),
            readiness_paid.get(pk, ZERO),
        )
        for pk in ids
        if pk in jurisdictions
    }


def progress_for(participant: User) -> TrainingProgress:
    """One person's progress; two queries when their program is already loaded."""
    known = None
    if User.program.is_cached(participant):  # type: ignore[attr-defined]
        program = participant.program
        known = {participant.pk: jurisdiction_for(program.jurisdiction if program else None)}
    return progress_by_participant([participant.pk], known).get(
        participant.pk, TrainingProgress(participant_id=participant.pk)
    )


def core_reasons(training: Any | None, earliest_completion: dt.date) -> tuple[str, ...]:
    """Why an annotated core training does not count toward certification (empty: it counts)."""
    return rules.core_certification_reasons(
        has_core=training is not None,
        provider_approved=bool(training and training.provider_id)
        and training.provider.approved_for_core,
        completed_on=training.completed_on
        if training and training.status == TrainingStatus.COMPLETED
        else None,
        earliest_completion=earliest_completion,
        certificate_verified=bool(training and training.completion_verified),
    )


def _progress(
    pk: int,
    trainings: list[Any],
    jurisdiction: Any,
    approved_work: Decimal,
    submitted_work: Decimal,
    readiness_paid: Decimal = ZERO,
) -> TrainingProgress:
    core_hours = jurisdiction.core_training_hours
    earliest = jurisdiction.core_training_earliest_completion

    def reasons(training: Any | None) -> tuple[str, ...]:
        return core_reasons(training, earliest)

    cores = [t for t in trainings if t.kind == TrainingKind.CORE]
    core = _best(cores, lambda t: not reasons(t))
    why_not = reasons(core)
    core_logged = core_verified = ZERO
    if core is not None:
        core_logged, core_verified, _target = training_numbers(core, core_hours)
    core_done_on = (
        core.completed_on if core is not None and core.status == TrainingStatus.COMPLETED else None
    )

    specializations = []
    by_code: dict[str, list[Any]] = defaultdict(list)
    for training in trainings:
        if training.kind == TrainingKind.SPECIALIZATION:
            by_code[training.specialization.code].append(training)
    for group in sorted(by_code.values(), key=lambda g: (g[0].specialization.order, g[0].pk)):
        chosen = _best(group, lambda t: False)
        logged, verified, target = training_numbers(chosen, core_hours)
        specializations.append(
            SpecializationProgress(
                code=chosen.specialization.code,
                name=chosen.specialization.name,
                name_es=chosen.specialization.name_es,
                logged=logged,
                verified=verified,
                target=target,
                status=chosen.status,
                started_before_core=rules.specialization_before_core(
                    chosen.starts_on or chosen.created_at.date(), core_done_on
                ),
            )
        )

    readiness_logged = readiness_verified = ZERO
    for training in trainings:
        if training.kind == TrainingKind.WORK_READINESS and training.status != "withdrawn":
            logged, verified, _target = training_numbers(training, core_hours)
            readiness_logged += logged
            readiness_verified += verified

    return TrainingProgress(
        participant_id=pk,
        core_logged=core_logged,
        core_verified=core_verified,
        core_target=Decimal(core_hours),
        core_counts_for_certification=not why_not,
        core_reasons=why_not,
        core_status=core.status if core is not None else None,
        core_completed_on=core_done_on,
        core_provider=core.provider_label if core is not None else "",
        specializations=tuple(specializations),
        work_readiness_hours=readiness_logged,
        work_readiness_verified=readiness_verified,
        work_readiness_paid_hours=readiness_paid,
        work_experience_approved_hours=approved_work,
        work_experience_submitted_hours=submitted_work,
        earliest_core_completion=earliest,
    )


def waiting_timesheets(participant_ids: list[int]) -> dict[int, int]:
    """How many submitted timesheets wait for a staff decision, per participant (one query)."""
    ids = list(dict.fromkeys(int(pk) for pk in participant_ids))
    counts = dict.fromkeys(ids, 0)
    if not ids:
        return counts
    for row in (
        Timesheet.objects.filter(
            placement__participant_id__in=ids, status=TimesheetStatus.SUBMITTED
        )
        .values("placement__participant_id")
        .annotate(waiting=Count("id"))
        .order_by()
    ):
        counts[row["placement__participant_id"]] = row["waiting"]
    return counts


def _resume_label(training: Training) -> str:
    if training.title:
        return training.title
    if training.kind == TrainingKind.CORE:
        return _("Peer support specialist core training")
    if training.kind == TrainingKind.SPECIALIZATION and training.specialization_id:
        return _("%(name)s specialization") % {"name": training.specialization.tr("name")}
    if training.kind == TrainingKind.WORK_READINESS:
        return _("Work-readiness training")
    return str(TrainingKind(training.kind).label)


def completed_trainings(participant: User) -> list[tuple[str, str, dt.date | None]]:
    """(course, provider, completion date) of each completed training, oldest first (one query)."""
    trainings = (
        Training.objects.filter(participant_id=participant.pk, status=TrainingStatus.COMPLETED)
        .select_related("provider", "specialization")
        .order_by("completed_on", "id")
    )
    return [(_resume_label(t), t.provider_label, t.completed_on) for t in trainings]
