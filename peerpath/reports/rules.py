"""Funder indicators as plain functions over plain values (no ORM).

Every definition follows docs/reports.md to the letter. Dates are calendar
dates and quarters are calendar quarters. "As of" means the data is complete
through the end of the `as_of` day: a window whose last day is on or before
`as_of` has ended; one whose last day is after it is *pending*.

The reports pages and `peerpath outcome-indicators` both call `compute`, so
they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

from peerpath.lib.dates import add_days, add_years

DEFAULT_MIN_CELL = 11
RETENTION_DAYS = (30, 90, 180)
CREDENTIAL_KINDS = frozenset({"core", "specialization"})
TRAINING_KINDS = ("core", "specialization", "continuing_education", "other")
_QUARTER_KEY = re.compile(r"^(\d{4})Q([1-4])$")
NO_EARNINGS: Mapping[str, Decimal] = MappingProxyType({})


# --- quarters ---------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1..4

    @classmethod
    def containing(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, key: str) -> Quarter:
        """`"2026Q1"` → Quarter(2026, 1); ValueError otherwise."""
        match = _QUARTER_KEY.match(key) if isinstance(key, str) else None
        if not match:
            raise ValueError("expected a quarter as YYYYQn")
        return cls(int(match.group(1)), int(match.group(2)))

    def plus(self, quarters: int) -> Quarter:
        index = self.year * 4 + (self.number - 1) + quarters
        return Quarter(index // 4, index % 4 + 1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> dt.date:
        return add_days(self.plus(1).first_day, -1)

    @property
    def key(self) -> str:
        return f"{self.year}Q{self.number}"

    def __str__(self) -> str:
        return self.key


# --- input ------------------------------------------------------------------


# Named tuples rather than dataclasses: a report builds hundreds of thousands.
class TrainingFact(NamedTuple):
    kind: str
    start: dt.date
    completed_on: dt.date | None = None


class JobFact(NamedTuple):
    start: dt.date
    end: dt.date | None = None
    earnings: Mapping[str, Decimal] = NO_EARNINGS  # "2026Q1" -> amount


class ParticipantFacts(NamedTuple):
    id: str
    enrolled_on: dt.date
    exited_on: dt.date | None = None
    exit_excluded: bool = False
    trainings: Sequence[TrainingFact] = ()
    certified_on: dt.date | None = None
    jobs: Sequence[JobFact] = ()


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


@dataclass(frozen=True)
class ReportInput:
    period: Period
    as_of: dt.date
    participants: Sequence[ParticipantFacts]
    min_cell: int = DEFAULT_MIN_CELL


class InvalidReportInput(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def validate(report: ReportInput) -> None:
    """Raise `InvalidReportInput` naming the first impossible fact."""
    if report.period.end < report.period.start:
        raise InvalidReportInput("period.end", "is before the period's start")
    if report.as_of < report.period.start:
        raise InvalidReportInput("as_of", "is before the period's start")
    if report.min_cell < 1:
        raise InvalidReportInput("min_cell", "must be 1 or more")
    for p_index, person in enumerate(report.participants):
        for j_index, job in enumerate(person.jobs):
            prefix = f"participants[{p_index}].jobs[{j_index}]"
            if job.end is not None and job.end < job.start:
                raise InvalidReportInput(f"{prefix}.end", "is before the job's start")
            for key, amount in job.earnings.items():
                if amount < 0:
                    raise InvalidReportInput(f"{prefix}.earnings.{key}", "cannot be negative")


# --- output -----------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    numerator: int | None
    denominator: int
    rate: Decimal | None
    pending: int
    suppressed: bool

    def as_json(self) -> dict[str, object]:
        return {
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": None if self.rate is None else float(self.rate),
            "pending": self.pending,
            "suppressed": self.suppressed,
        }


@dataclass(frozen=True)
class Median:
    value: Decimal | None
    count: int
    suppressed: bool

    def as_json(self) -> dict[str, object]:
        return {
            "value": None if self.value is None else float(self.value),
            "count": self.count,
            "suppressed": self.suppressed,
        }


@dataclass(frozen=True)
class Indicators:
    served: int
    exiters: int
    employment_q2: Rate
    employment_q4: Rate
    median_earnings_q2: Median
    credential_rate: Rate
    skill_gain_rate: Rate
    retention: Mapping[int, Rate]
    median_days_to_certification: Median

    def as_json(self) -> dict[str, object]:
        return {
            "served": self.served,
            "exiters": self.exiters,
            "employment_q2": self.employment_q2.as_json(),
            "employment_q4": self.employment_q4.as_json(),
            "median_earnings_q2": self.median_earnings_q2.as_json(),
            "credential_rate": self.credential_rate.as_json(),
            "skill_gain_rate": self.skill_gain_rate.as_json(),
            "retention": {str(days): rate.as_json() for days, rate in self.retention.items()},
            "median_days_to_certification": self.median_days_to_certification.as_json(),
        }


def make_rate(numerator: int, denominator: int, pending: int, min_cell: int) -> Rate:
    """Numerator over denominator to 4 decimals; hidden when 0 < denominator < min_cell."""
    if 0 < denominator < min_cell:
        return Rate(None, denominator, None, pending, suppressed=True)
    if denominator == 0:
        return Rate(numerator, 0, None, pending, suppressed=False)
    rate = (Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_UP
    )
    return Rate(numerator, denominator, rate, pending, suppressed=False)


def median(values: Iterable[Decimal | int]) -> Decimal | None:
    """The middle value, or the mean of the two middle values; 2 decimals."""
    ordered = sorted(Decimal(value) for value in values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    odd = len(ordered) % 2
    value = ordered[middle] if odd else (ordered[middle - 1] + ordered[middle]) / 2
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def make_median(values: Sequence[Decimal | int], min_cell: int) -> Median:
    """No value over fewer than min_cell people (`suppressed` when there was one to hide)."""
    count = len(values)
    if count < min_cell:
        return Median(None, count, suppressed=count > 0)
    return Median(median(values), count, suppressed=False)


# --- the indicators ---------------------------------------------------------


def is_served(person: ParticipantFacts, period: Period) -> bool:
    """Enrolled on or before the period's end and not exited before its start."""
    if person.enrolled_on > period.end:
        return False
    return person.exited_on is None or person.exited_on >= period.start


def is_exiter(person: ParticipantFacts, period: Period) -> bool:
    """Exit date within the period, and not an excluded exit."""
    return person.exited_on in period and not person.exit_excluded


def quarter_after_exit(exited_on: dt.date, n: int) -> Quarter:
    return Quarter.containing(exited_on).plus(n)


@lru_cache(maxsize=4096)
def _window(exited_on: dt.date, n: int) -> tuple[str, dt.date, dt.date]:
    """The Nth quarter after exit as (key, first day, last day); exit dates repeat a lot."""
    quarter = quarter_after_exit(exited_on, n)
    return quarter.key, quarter.first_day, quarter.last_day


def _employed(jobs: Iterable[JobFact], first_day: dt.date, last_day: dt.date) -> bool:
    return any(job.start <= last_day and (job.end is None or job.end >= first_day) for job in jobs)


def employed_during(jobs: Iterable[JobFact], quarter: Quarter) -> bool:
    """A job starting on or before the quarter's last day and not ended before its first."""
    return _employed(jobs, quarter.first_day, quarter.last_day)


def earnings_in(jobs: Iterable[JobFact], quarter_key: str) -> Decimal | None:
    """The sum over all jobs of the earnings recorded for a quarter; None if none recorded."""
    amounts = [job.earnings[quarter_key] for job in jobs if quarter_key in job.earnings]
    return sum(amounts, Decimal(0)) if amounts else None


@lru_cache(maxsize=4096)
def credential_deadline(exited_on: dt.date) -> dt.date:
    """The same day a year after exit (29 February → 28 February)."""
    return add_years(exited_on, 1)


class _Tally:
    __slots__ = ("denominator", "numerator", "pending")

    def __init__(self) -> None:
        self.numerator = self.denominator = self.pending = 0

    def add(self, *, pending: bool = False, success: bool = False) -> None:
        if pending:
            self.pending += 1
            return
        self.denominator += 1
        if success:
            self.numerator += 1

    def rate(self, min_cell: int) -> Rate:
        return make_rate(self.numerator, self.denominator, self.pending, min_cell)


def _in(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def compute(report: ReportInput) -> Indicators:
    """All indicators for one report, in one pass over the participants.
    Call `validate` first for untrusted input."""
    start, end = report.period.start, report.period.end
    as_of, min_cell = report.as_of, report.min_cell
    served = exiters = 0
    employment = {2: _Tally(), 4: _Tally()}
    credential, skill_gain = _Tally(), _Tally()
    retention = {days: _Tally() for days in RETENTION_DAYS}
    q2_earnings: list[Decimal] = []
    days_to_certification: list[int] = []
    for person in report.participants:
        certified_on = person.certified_on
        jobs = person.jobs
        for job in jobs:
            if start <= job.start <= end:
                for days, tally in retention.items():
                    mark = job.start + dt.timedelta(days=days)
                    tally.add(pending=mark > as_of, success=job.end is None or job.end >= mark)
        exited_on = person.exited_on
        if person.enrolled_on <= end and (exited_on is None or exited_on >= start):
            served += 1
            _served_person(person, start, end, skill_gain, days_to_certification)
        if exited_on is None or person.exit_excluded or not start <= exited_on <= end:
            continue
        exiters += 1
        for n, tally in employment.items():
            key, first_day, last_day = _window(exited_on, n)
            if last_day > as_of:
                tally.add(pending=True)
                continue
            employed = _employed(jobs, first_day, last_day)
            tally.add(success=employed)
            if n == 2 and employed:
                amount = earnings_in(jobs, key)
                if amount is not None:
                    q2_earnings.append(amount)
        if any(t.kind in CREDENTIAL_KINDS and t.start <= exited_on for t in person.trainings):
            deadline = credential_deadline(exited_on)
            if certified_on is None and deadline > as_of:
                credential.add(pending=True)
            else:
                credential.add(
                    success=certified_on is not None
                    and person.enrolled_on <= certified_on <= deadline
                )
    return Indicators(
        served=served,
        exiters=exiters,
        employment_q2=employment[2].rate(min_cell),
        employment_q4=employment[4].rate(min_cell),
        median_earnings_q2=make_median(q2_earnings, min_cell),
        credential_rate=credential.rate(min_cell),
        skill_gain_rate=skill_gain.rate(min_cell),
        retention={days: tally.rate(min_cell) for days, tally in retention.items()},
        median_days_to_certification=make_median(days_to_certification, min_cell),
    )


def _served_person(
    person: ParticipantFacts,
    start: dt.date,
    end: dt.date,
    skill_gain: _Tally,
    days_to_certification: list[int],
) -> None:
    certified_on = person.certified_on
    in_training = [
        t
        for t in person.trainings
        if t.kind in CREDENTIAL_KINDS
        and t.start <= end
        and (t.completed_on is None or t.completed_on >= start)
    ]
    if in_training:
        skill_gain.add(
            success=any(_in(t.completed_on, start, end) for t in in_training)
            or _in(certified_on, start, end)
        )
    if (
        certified_on is not None
        and start <= certified_on <= end
        and certified_on >= person.enrolled_on
    ):
        days_to_certification.append((certified_on - person.enrolled_on).days)
