"""JSON in, JSON out for `peerpath outcome-indicators`.

The input format is documented in docs/reports.md. Parsing raises `InputError`
naming the field (`participants[3].jobs[0].earnings.2026Q1`); the rules'
`validate` checks the facts that cannot be true together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from peerpath.lib.jsoncli import InputError, json_bool, json_date, reject_unknown
from peerpath.reports.rules import (
    DEFAULT_MIN_CELL,
    TRAINING_KINDS,
    InvalidReportInput,
    JobFact,
    ParticipantFacts,
    Period,
    Quarter,
    ReportInput,
    TrainingFact,
    compute,
    validate,
)

FIELDS = ("period", "as_of", "min_cell", "participants")
PERIOD_FIELDS = ("start", "end")
PARTICIPANT_FIELDS = (
    "id",
    "enrolled_on",
    "exited_on",
    "exit_excluded",
    "trainings",
    "certified_on",
    "jobs",
)
TRAINING_FIELDS = ("kind", "start", "completed_on")
JOB_FIELDS = ("start", "end", "earnings")


def _object(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise InputError(field, "expected an object")
    return value


def _list(value: Any, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(field, "expected a list")
    return value


def _required_date(obj: Mapping[str, Any], key: str, prefix: str) -> dt.date:
    if obj.get(key) is None:
        raise InputError(f"{prefix}{key}", "is required")
    return json_date(obj[key], f"{prefix}{key}")


def _optional_date(obj: Mapping[str, Any], key: str, prefix: str) -> dt.date | None:
    value = obj.get(key)
    return None if value is None else json_date(value, f"{prefix}{key}")


def _amount(value: Any, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InputError(field, "expected an amount")
    try:
        amount = Decimal(str(value))
    except InvalidOperation as exc:
        raise InputError(field, "expected an amount") from exc
    if not amount.is_finite():
        raise InputError(field, "expected an amount")
    if amount < 0:
        raise InputError(field, "cannot be negative")
    return amount


def _training(item: Any, prefix: str) -> TrainingFact:
    obj = _object(item, prefix.rstrip("."))
    reject_unknown(obj, TRAINING_FIELDS, prefix)
    kind = obj.get("kind")
    if kind not in TRAINING_KINDS:
        raise InputError(f"{prefix}kind", f"expected one of {', '.join(TRAINING_KINDS)}")
    return TrainingFact(
        kind=kind,
        start=_required_date(obj, "start", prefix),
        completed_on=_optional_date(obj, "completed_on", prefix),
    )


def _job(item: Any, prefix: str) -> JobFact:
    obj = _object(item, prefix.rstrip("."))
    reject_unknown(obj, JOB_FIELDS, prefix)
    start = _required_date(obj, "start", prefix)
    end = _optional_date(obj, "end", prefix)
    if end is not None and end < start:
        raise InputError(f"{prefix}end", "is before the job's start")
    earnings: dict[str, Decimal] = {}
    raw = obj.get("earnings")
    if raw is not None:
        for key, value in _object(raw, f"{prefix}earnings").items():
            try:
                quarter = Quarter.parse(key)
            except ValueError as exc:
                raise InputError(f"{prefix}earnings.{key}", "expected a quarter as YYYYQn") from exc
            earnings[quarter.key] = _amount(value, f"{prefix}earnings.{key}")
    return JobFact(start=start, end=end, earnings=earnings)


def _participant(item: Any, index: int) -> ParticipantFacts:
    prefix = f"participants[{index}]."
    obj = _object(item, f"participants[{index}]")
    reject_unknown(obj, PARTICIPANT_FIELDS, prefix)
    pid = obj.get("id")
    if isinstance(pid, bool) or not isinstance(pid, str | int):
        raise InputError(f"{prefix}id", "is required (a string or a number)")
    excluded = obj.get("exit_excluded")
    return ParticipantFacts(
        id=str(pid),
        enrolled_on=_required_date(obj, "enrolled_on", prefix),
        exited_on=_optional_date(obj, "exited_on", prefix),
        exit_excluded=False if excluded is None else json_bool(excluded, f"{prefix}exit_excluded"),
        trainings=tuple(
            _training(t, f"{prefix}trainings[{i}].")
            for i, t in enumerate(_list(obj.get("trainings"), f"{prefix}trainings"))
        ),
        certified_on=_optional_date(obj, "certified_on", prefix),
        jobs=tuple(
            _job(j, f"{prefix}jobs[{i}].")
            for i, j in enumerate(_list(obj.get("jobs"), f"{prefix}jobs"))
        ),
    )


def parse_report_input(obj: Mapping[str, Any]) -> ReportInput:
    reject_unknown(obj, FIELDS)
    if obj.get("period") is None:
        raise InputError("period", "is required")
    period_obj = _object(obj["period"], "period")
    reject_unknown(period_obj, PERIOD_FIELDS, "period.")
    period = Period(
        start=_required_date(period_obj, "start", "period."),
        end=_required_date(period_obj, "end", "period."),
    )
    as_of = _required_date(obj, "as_of", "")
    min_cell = obj.get("min_cell", DEFAULT_MIN_CELL)
    if isinstance(min_cell, bool) or not isinstance(min_cell, int) or min_cell < 1:
        raise InputError("min_cell", "expected a whole number, 1 or more")
    people = _list(obj.get("participants"), "participants")
    report = ReportInput(
        period=period,
        as_of=as_of,
        min_cell=min_cell,
        participants=tuple(_participant(item, i) for i, item in enumerate(people)),
    )
    try:
        validate(report)
    except InvalidReportInput as exc:
        raise InputError(exc.field, exc.message) from exc
    return report


def outcome_indicators_json(obj: dict[str, Any]) -> dict[str, Any]:
    return compute(parse_report_input(obj)).as_json()
