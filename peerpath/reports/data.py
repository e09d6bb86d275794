"""Build the indicators' input from the database.

A fixed number of queries whatever the number of participants (one per kind of
fact, each filtered by a subquery of the people in scope), then the same pure
rules as `peerpath outcome-indicators`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from peerpath.careers.models import JobPlacement, QuarterEarnings
from peerpath.certification.models import CertificationCase
from peerpath.intake.models import Application
from peerpath.participants.models import EXCLUDED_EXIT_REASONS, Exit
from peerpath.reports.rules import (
    DEFAULT_MIN_CELL,
    NO_EARNINGS,
    TRAINING_KINDS,
    JobFact,
    ParticipantFacts,
    Period,
    ReportInput,
    TrainingFact,
)
from peerpath.training.models import Training

STARTED_JOB = (JobPlacement.Status.WORKING, JobPlacement.Status.ENDED)


@dataclass(frozen=True)
class Scope:
    """Whose records a report covers: some programs, optionally one cohort."""

    program_ids: tuple[int, ...]
    cohort_id: int | None = None


def min_cell_for(programs: Iterable[Any]) -> int:
    """The strictest suppression threshold of the programs in a report."""
    values = [getattr(program, "min_cell", DEFAULT_MIN_CELL) for program in programs]
    return max(values, default=DEFAULT_MIN_CELL)


def enrolled_applications(scope: Scope) -> QuerySet[Application]:
    """Applications of people who were enrolled (still, or before withdrawing)."""
    applications = Application.objects.filter(
        program_id__in=scope.program_ids, enrolled_on__isnull=False
    )
    if scope.cohort_id is not None:
        applications = applications.filter(applicant__cohort_id=scope.cohort_id)
    return applications


def _rows(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a values_list query, straight from the database cursor: at a
    hundred thousand people, Django's per-row processing is most of the time."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. no programs in scope
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _decimal(value: Any) -> Decimal:
    # SQLite hands back decimals as numbers.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def load_participants(scope: Scope) -> list[ParticipantFacts]:
    """Every enrolled participant in scope with their exit, trainings,
    certification and jobs: six queries."""
    applications = enrolled_applications(scope)
    people = applications.values("applicant_id")
    enrolled = _rows(
        applications.values_list("applicant_id", "enrolled_on").order_by("applicant_id")
    )
    exits = {
        pid: (exited_on, reason in EXCLUDED_EXIT_REASONS)
        for pid, exited_on, reason in _rows(
            Exit.objects.filter(participant_id__in=people)
            .values_list("participant_id", "exited_on", "reason")
            .order_by()
        )
    }
    trainings: dict[int, list[TrainingFact]] = defaultdict(list)
    for pid, kind, start, completed_on in _rows(
        Training.objects.filter(participant_id__in=people, starts_on__isnull=False)
        .values_list("participant_id", "kind", "starts_on", "completed_on")
        .order_by()
    ):
        kind = kind if kind in TRAINING_KINDS else "other"
        trainings[pid].append(TrainingFact(kind, start, completed_on))
    certified = dict(
        _rows(
            CertificationCase.objects.filter(participant_id__in=people, certified_on__isnull=False)
            .values_list("participant_id", "certified_on")
            .order_by()
        )
    )
    earnings: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for placement_id, quarter, amount in _rows(
        QuarterEarnings.objects.filter(placement__participant_id__in=people)
        .values_list("placement_id", "quarter", "amount")
        .order_by()
    ):
        earnings[placement_id][quarter] = _decimal(amount)
    jobs: dict[int, list[JobFact]] = defaultdict(list)
    for pid, job_id, start, end in _rows(
        JobPlacement.objects.filter(
            participant_id__in=people, status__in=STARTED_JOB, start_date__isnull=False
        )
        .values_list("participant_id", "id", "start_date", "end_date")
        .order_by()
    ):
        jobs[pid].append(JobFact(start, end, earnings.get(job_id, NO_EARNINGS)))
    no_exit = (None, False)
    return [
        ParticipantFacts(
            str(pid),
            enrolled_on,
            *exits.get(pid, no_exit),
            tuple(trainings.get(pid, ())),
            certified.get(pid),
            tuple(jobs.get(pid, ())),
        )
        for pid, enrolled_on in enrolled
    ]


def build_report_input(
    scope: Scope, period: Period, as_of: dt.date, min_cell: int = DEFAULT_MIN_CELL
) -> ReportInput:
    return ReportInput(
        period=period, as_of=as_of, min_cell=min_cell, participants=tuple(load_participants(scope))
    )


def report_input_json(report: ReportInput) -> dict[str, Any]:
    """The same input in the format `peerpath outcome-indicators` reads."""

    def day(value: dt.date | None) -> str | None:
        return None if value is None else value.isoformat()

    return {
        "period": {"start": day(report.period.start), "end": day(report.period.end)},
        "as_of": day(report.as_of),
        "min_cell": report.min_cell,
        "participants": [
            {
                "id": person.id,
                "enrolled_on": day(person.enrolled_on),
                "exited_on": day(person.exited_on),
                "exit_excluded": person.exit_excluded,
                "trainings": [
                    {"kind": t.kind, "start": day(t.start), "completed_on": day(t.completed_on)}
                    for t in person.trainings
                ],
                "certified_on": day(person.certified_on),
                "jobs": [
                    {
                        "start": day(job.start),
                        "end": day(job.end),
                        "earnings": {key: str(amount) for key, amount in job.earnings.items()},
                    }
                    for job in person.jobs
                ],
            }
            for person in report.participants
        ],
    }
