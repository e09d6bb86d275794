"""Build the indicators' input from the database.

A fixed number of queries whatever the number of participants (people with
their exit and certification, trainings, jobs with earnings; each filtered by a
subquery of the people in scope), then the same pure
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

from peerpath.careers.models import JobPlacement
from peerpath.intake.models import Application
from peerpath.participants.models import EXCLUDED_EXIT_REASONS
from peerpath.reports.rules import (
    DEFAULT_MIN_CELL,
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


def rows_of(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
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
    """Every enrolled participant in scope with their exit, certification,
    trainings and jobs with their earnings: three queries."""
    applications = enrolled_applications(scope)
    people = applications.values("applicant_id")
    trainings: dict[int, list[TrainingFact]] = defaultdict(list)
    for pid, kind, start, completed_on in rows_of(
        Training.objects.filter(participant_id__in=people, starts_on__isnull=False)
        .values_list("participant_id", "kind", "starts_on", "completed_on")
        .order_by()
    ):
        kind = kind if kind in TRAINING_KINDS else "other"
        trainings[pid].append(TrainingFact(kind, start, completed_on))
    # One row per job and quarter of earnings (or one row for a job with none).
    jobs: dict[int, list[JobFact]] = defaultdict(list)
    current: tuple[int, Any, Any, dict[str, Decimal]] | None = None
    for pid, job_id, start, end, quarter, amount in rows_of(
        JobPlacement.objects.filter(
            participant_id__in=people, status__in=STARTED_JOB, start_date__isnull=False
        )
        .values_list(
            "participant_id",
            "id",
            "start_date",
            "end_date",
            "quarter_earnings__quarter",
            "quarter_earnings__amount",
        )
        .order_by("id")
    ):
        if current is None or current[0] != job_id:
            current = (job_id, start, end, {})
            jobs[pid].append(JobFact(start, end, current[3]))
        if quarter is not None:
            current[3][quarter] = _decimal(amount)
    rows = rows_of(
        applications.values_list(
            "applicant_id",
            "enrolled_on",
            "applicant__exit__exited_on",
            "applicant__exit__reason",
            "applicant__certification_case__certified_on",
        ).order_by("applicant_id")
    )
    return [
        ParticipantFacts(
            str(pid),
            enrolled_on,
            exited_on,
            reason in EXCLUDED_EXIT_REASONS,
            tuple(trainings.get(pid, ())),
            certified_on,
            tuple(jobs.get(pid, ())),
        )
        for pid, enrolled_on, exited_on, reason, certified_on in rows
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
