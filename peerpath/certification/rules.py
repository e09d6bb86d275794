"""Where someone stands on the way to certification, and what is due when.

Pure functions over plain dates: nothing here touches the database. Messages
are lazy translations, turned into text only when shown.
Every period, count and hour total comes from a `Jurisdiction` (California by
default). Dates are calendar dates; "N months after D" keeps the day of the
month, clamped to the month's end (2024-02-29 + 12 months = 2025-02-28). A
deadline is the last day on which the thing may still happen: being *after* it
is what counts as late.

Stages, decided in this order (the first that applies wins):

- `certified` / `renewal_overdue`: a certification date is known; overdue once
  today is after `renewal_due`.
- `awaiting_certificate`: an exam attempt was passed.
- `attempts_exhausted`: every allowed attempt has failed.
- `approval_expired` / `complete_training` / `request_exam`: the application
  was approved; expired once today is after `approval_valid_through`.
- `awaiting_approval` / `application_void` / `complete_application`: an
  application was submitted; void once today is after
  `application_complete_by` while still incomplete.
- `start_application`: nothing yet.

Problems, listed in `PROBLEM_CODES` order:

- `under_18`: younger than the minimum age on the submission date (or today,
  before submitting). Only when a birth date is known.
- `training_before_eligible_date`: core training was completed before the
  earliest date the jurisdiction accepts (1 July 2022 in California), so it
  will not count. Not raised once the exam is passed.
- `training_certificate_expired`: not yet passed and today is after the
  training certificate's valid-through date.
- `training_certificate_expires_before_window`: approved, the exam still to be
  requested, and the training certificate runs out before the approval does,
  so the real deadline is earlier than the approval letter suggests. Not raised
  once the certificate has already expired (the problem above says so).
- `exam_request_window_closed`: training or exam request still to do and today
  is after the last day an exam request can be processed.
- `retake_processing_may_exceed_window`: an attempt has failed, a retake can
  still be requested, but the longest retake processing time from today would
  run past the approval's valid-through date: request it now.
- `ethics_signature_expired`: today is after the Code of Ethics re-signing date.

"Passed" means an attempt was passed or a certification date is known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from peerpath.certification.jurisdictions import CALIFORNIA, Jurisdiction
from peerpath.lib.dates import add_days, add_months, add_years, age_on

STAGES = (
    "start_application",
    "complete_application",
    "application_void",
    "awaiting_approval",
    "complete_training",
    "request_exam",
    "approval_expired",
    "attempts_exhausted",
    "awaiting_certificate",
    "certified",
    "renewal_overdue",
)

DEADLINE_KEYS = (
    "application_complete_by",
    "approval_valid_through",
    "last_exam_request",
    "training_certificate_valid_through",
    "renewal_due",
    "ethics_resign_due",
)

PROBLEM_CODES = (
    "under_18",
    "training_before_eligible_date",
    "training_certificate_expired",
    "training_certificate_expires_before_window",
    "exam_request_window_closed",
    "retake_processing_may_exceed_window",
    "ethics_signature_expired",
)

# Stages in which the person still has to get an exam request processed.
_EXAM_REQUEST_STAGES = frozenset({"complete_training", "request_exam"})


@dataclass(frozen=True)
class ExamAttempt:
    date: dt.date
    passed: bool


@dataclass(frozen=True)
class CaseFacts:
    """What is known about one person's certification case; `None` is unknown
    or not happened yet. `application_completed` is the day the last required
    document arrived."""

    birth_date: dt.date | None = None
    application_submitted: dt.date | None = None
    application_completed: dt.date | None = None
    application_approved: dt.date | None = None
    training_completed: dt.date | None = None
    exam_attempts: tuple[ExamAttempt, ...] = ()
    certified_on: dt.date | None = None
    ethics_signed_on: dt.date | None = None

    @property
    def passed_exam(self) -> bool:
        return self.certified_on is not None or any(
            attempt.passed for attempt in self.exam_attempts
        )

    @property
    def failed_attempts(self) -> int:
        return sum(1 for attempt in self.exam_attempts if not attempt.passed)


@dataclass(frozen=True)
class Plan:
    stage: str
    # Keys in `DEADLINE_KEYS` order, each present only when its inputs are.
    deadlines: dict[str, dt.date]
    # Only while approved and not yet passed.
    attempts_remaining: int | None
    problems: list[str]


def compute_deadlines(
    facts: CaseFacts, jurisdiction: Jurisdiction = CALIFORNIA
) -> dict[str, dt.date]:
    deadlines: dict[str, dt.date] = {}
    if facts.application_submitted is not None:
        deadlines["application_complete_by"] = add_days(
            facts.application_submitted, jurisdiction.application_hold_days
        )
    if facts.application_approved is not None:
        valid_through = add_months(facts.application_approved, jurisdiction.approval_valid_months)
        deadlines["approval_valid_through"] = valid_through
        deadlines["last_exam_request"] = add_days(
            valid_through, -jurisdiction.exam_request_review_days
        )
    if facts.training_completed is not None:
        deadlines["training_certificate_valid_through"] = add_years(
            facts.training_completed, jurisdiction.training_certificate_valid_years
        )
    if facts.certified_on is not None:
        deadlines["renewal_due"] = add_years(
            facts.certified_on, jurisdiction.certification_valid_years
        )
    if facts.ethics_signed_on is not None:
        deadlines["ethics_resign_due"] = add_years(
            facts.ethics_signed_on, jurisdiction.ethics_resign_years
        )
    return deadlines


def _is_after(today: dt.date, deadline: dt.date | None) -> bool:
    return deadline is not None and today > deadline


def _stage(
    facts: CaseFacts, today: dt.date, deadlines: dict[str, dt.date], jurisdiction: Jurisdiction
) -> str:
    if facts.certified_on is not None:
        return "renewal_overdue" if _is_after(today, deadlines["renewal_due"]) else "certified"
    if any(attempt.passed for attempt in facts.exam_attempts):
        return "awaiting_certificate"
    if facts.failed_attempts >= jurisdiction.max_exam_attempts:
        return "attempts_exhausted"
    if facts.application_approved is not None:
        if _is_after(today, deadlines["approval_valid_through"]):
            return "approval_expired"
        return "complete_training" if facts.training_completed is None else "request_exam"
    if facts.application_submitted is not None:
        if facts.application_completed is not None:
            return "awaiting_approval"
        if _is_after(today, deadlines["application_complete_by"]):
            return "application_void"
        return "complete_application"
    return "start_application"


def _problems(
    facts: CaseFacts,
    today: dt.date,
    stage: str,
    deadlines: dict[str, dt.date],
    jurisdiction: Jurisdiction,
) -> list[str]:
    found: set[str] = set()
    passed = facts.passed_exam
    certificate_valid_through = deadlines.get("training_certificate_valid_through")
    approval_valid_through = deadlines.get("approval_valid_through")
    last_exam_request = deadlines.get("last_exam_request")

    if facts.birth_date is not None:
        age_checked_on = facts.application_submitted or today
        if age_on(facts.birth_date, age_checked_on) < jurisdiction.minimum_age:
            found.add("under_18")

    if not passed and facts.training_completed is not None:
        if facts.training_completed < jurisdiction.core_training_earliest_completion:
            found.add("training_before_eligible_date")
        if _is_after(today, certificate_valid_through):
            found.add("training_certificate_expired")
        elif (
            stage == "request_exam"
            and certificate_valid_through is not None
            and approval_valid_through is not None
            and certificate_valid_through < approval_valid_through
        ):
            found.add("training_certificate_expires_before_window")

    if stage in _EXAM_REQUEST_STAGES and last_exam_request is not None:
        if today > last_exam_request:
            found.add("exam_request_window_closed")
        elif (
            stage == "request_exam"
            and facts.failed_attempts > 0
            and approval_valid_through is not None
            and add_days(today, jurisdiction.exam_retake_processing_days) > approval_valid_through
        ):
            found.add("retake_processing_may_exceed_window")

    if _is_after(today, deadlines.get("ethics_resign_due")):
        found.add("ethics_signature_expired")

    return [code for code in PROBLEM_CODES if code in found]


def compute_plan(facts: CaseFacts, today: dt.date, jurisdiction: Jurisdiction = CALIFORNIA) -> Plan:
    deadlines = compute_deadlines(facts, jurisdiction)
    stage = _stage(facts, today, deadlines, jurisdiction)
    attempts_remaining = None
    if facts.application_approved is not None and not facts.passed_exam:
        attempts_remaining = max(0, jurisdiction.max_exam_attempts - facts.failed_attempts)
    return Plan(
        stage=stage,
        deadlines=deadlines,
        attempts_remaining=attempts_remaining,
        problems=_problems(facts, today, stage, deadlines, jurisdiction),
    )


_DATE_FIELDS = (
    "birth_date",
    "application_submitted",
    "application_completed",
    "application_approved",
    "training_completed",
    "certified_on",
    "ethics_signed_on",
)


def validate_facts(
    facts: CaseFacts, today: dt.date, jurisdiction: Jurisdiction = CALIFORNIA
) -> list[tuple[str, Any]]:
    """Facts that cannot all be true together, as (field, message) pairs.

    These are refused when a person enters them. `compute_plan` still gives an
    answer for such facts; this is the check a form or an action runs first.
    Attempt fields are named like `exam_attempts[1].date` (counting from 0).
    """
    errors: list[tuple[str, str]] = []
    submitted = facts.application_submitted
    approved = facts.application_approved

    for name in _DATE_FIELDS:
        value: dt.date | None = getattr(facts, name)
        if value is None or value <= today:
            continue
        if name == "training_completed":
            errors.append(
                (name, _("Training can only be recorded as completed once it has ended."))
            )
        else:
            errors.append((name, _("This date is in the future.")))

    if submitted is not None and approved is not None and approved < submitted:
        errors.append(
            (
                "application_approved",
                _("The application cannot be approved before it was submitted."),
            )
        )
    if (
        submitted is not None
        and facts.application_completed is not None
        and facts.application_completed < submitted
    ):
        errors.append(
            (
                "application_completed",
                _("The application cannot be complete before it was submitted."),
            )
        )

    errors.extend(_validate_attempts(facts, today, jurisdiction))

    passes = [attempt.date for attempt in facts.exam_attempts if attempt.passed]
    if facts.certified_on is not None and passes and facts.certified_on < passes[0]:
        errors.append(("certified_on", _("The certification date is before the exam was passed.")))
    return errors


def _validate_attempts(
    facts: CaseFacts, today: dt.date, jurisdiction: Jurisdiction
) -> list[tuple[str, Any]]:
    errors: list[tuple[str, str]] = []
    attempts = facts.exam_attempts
    approved = facts.application_approved
    valid_through = (
        add_months(approved, jurisdiction.approval_valid_months) if approved is not None else None
    )
    if len(attempts) > jurisdiction.max_exam_attempts:
        errors.append(
            (
                "exam_attempts",
                format_lazy(
                    _("The number of exam attempts for one application is limited to {limit}."),
                    limit=jurisdiction.max_exam_attempts,
                ),
            )
        )
    passed_before = False
    for index, attempt in enumerate(attempts):
        field = f"exam_attempts[{index}].date"
        if attempt.date > today:
            errors.append((field, _("This exam date is in the future.")))
        if approved is not None and attempt.date < approved:
            errors.append((field, _("An exam cannot be taken before the application is approved.")))
        if valid_through is not None and attempt.date > valid_through:
            errors.append(
                (
                    field,
                    _(
                        "This exam date is after the approval ended; every attempt has to be "
                        "inside the approval period."
                    ),
                )
            )
        if index > 0 and attempt.date < attempts[index - 1].date:
            errors.append((field, _("Exam attempts have to be listed from earliest to latest.")))
        if passed_before:
            errors.append(
                (f"exam_attempts[{index}]", _("No exam attempt can follow a passed exam."))
            )
        passed_before = passed_before or attempt.passed
    return errors


def reminder_due_dates(deadline: dt.date, offsets: Iterable[int]) -> list[tuple[int, dt.date]]:
    """(days before, date) for each reminder of `deadline`, earliest first.

    Offsets are whole days before the deadline (0 is the day itself); repeated
    offsets give one reminder.
    """
    unique_offsets = sorted(set(offsets), reverse=True)
    if unique_offsets and unique_offsets[-1] < 0:
        raise ValueError("reminder offsets are days before the deadline and cannot be negative")
    return [(offset, add_days(deadline, -offset)) for offset in unique_offsets]


def renewal_window_opens(renewal_due: dt.date, jurisdiction: Jurisdiction = CALIFORNIA) -> dt.date:
    """First day a renewal can be submitted."""
    return add_days(renewal_due, -jurisdiction.renewal_window_days)


@dataclass(frozen=True)
class CeStatus:
    """Continuing education hours in one renewal period.

    Law and ethics hours count towards the total as well as towards their own
    minimum. `remaining_total` is the fewest further hours that meet both
    minimums: with 20 general hours and no law and ethics, 6 more are needed.
    """

    total: Decimal
    law_ethics: Decimal
    required_total: Decimal
    required_law_ethics: Decimal
    remaining_total: Decimal
    remaining_law_ethics: Decimal
    met: bool


CeEntry = tuple[dt.date, Decimal, bool]


def ce_requirement_status(
    entries: Sequence[CeEntry],
    period_start: dt.date,
    period_end: dt.date,
    jurisdiction: Jurisdiction = CALIFORNIA,
) -> CeStatus:
    """Sum the (date, hours, is_law_and_ethics) entries dated within the period,
    both ends included; entries outside it do not count for this renewal."""
    if period_end < period_start:
        raise ValueError("the CE period ends before it starts")
    total = Decimal(0)
    law_ethics = Decimal(0)
    for day, hours, is_law_and_ethics in entries:
        if hours < 0:
            raise ValueError("CE hours cannot be negative")
        if not period_start <= day <= period_end:
            continue
        total += hours
        if is_law_and_ethics:
            law_ethics += hours
    required_total = jurisdiction.ce_required_hours
    required_law_ethics = jurisdiction.ce_law_ethics_required_hours
    remaining_law_ethics = max(Decimal(0), required_law_ethics - law_ethics)
    remaining_total = max(remaining_law_ethics, required_total - total)
    return CeStatus(
        total=total,
        law_ethics=law_ethics,
        required_total=required_total,
        required_law_ethics=required_law_ethics,
        remaining_total=remaining_total,
        remaining_law_ethics=remaining_law_ethics,
        met=remaining_total == 0 and remaining_law_ethics == 0,
    )


EXPECTED_KEYS = (
    "application_decision_expected",
    "certificate_review_expected",
    "exam_results_expected",
    "accommodation_decision_expected",
)


@dataclass(frozen=True)
class WaitingFacts:
    """Requests the certifying body still has to answer (beyond `CaseFacts`)."""

    training_certificate_uploaded: dt.date | None = None
    training_certificate_approved: dt.date | None = None
    exam_scheduled_for: dt.date | None = None
    accommodation_requested: dt.date | None = None


def expected_answers(
    facts: CaseFacts, waiting: WaitingFacts, jurisdiction: Jurisdiction = CALIFORNIA
) -> dict[str, dt.date]:
    """When to expect an answer to what is waiting, keys in `EXPECTED_KEYS` order.

    - `application_decision_expected`: the application is complete and not yet
      approved: the day it became complete plus the processing period (30 days).
    - `certificate_review_expected`: the training certificate is uploaded and not
      yet approved (nor the exam passed): upload day plus the review period (14 days).
    - `exam_results_expected`: not certified yet, and either an exam is scheduled with
      no attempt recorded from that day on (scheduled day plus the longest results
      period, 14 days), or the latest attempt was passed (its day plus 14 days).
    - `accommodation_decision_expected`: an accommodation was requested and the exam
      is not passed: request day plus the review period (30 days).
    These are estimates for the person's planning, not deadlines they must meet.
    """
    expected: dict[str, dt.date] = {}
    passed = facts.passed_exam
    if facts.application_completed is not None and facts.application_approved is None:
        expected["application_decision_expected"] = add_days(
            facts.application_completed, jurisdiction.application_processing_days
        )
    if (
        waiting.training_certificate_uploaded is not None
        and waiting.training_certificate_approved is None
        and not passed
    ):
        expected["certificate_review_expected"] = add_days(
            waiting.training_certificate_uploaded, jurisdiction.training_certificate_review_days
        )
    if facts.certified_on is None:
        results_days = max(jurisdiction.exam_result_notification_days)
        attempts = sorted(facts.exam_attempts, key=lambda a: a.date)
        scheduled = waiting.exam_scheduled_for
        if scheduled is not None and not any(a.date >= scheduled for a in attempts):
            expected["exam_results_expected"] = add_days(scheduled, results_days)
        elif attempts and attempts[-1].passed:
            expected["exam_results_expected"] = add_days(attempts[-1].date, results_days)
    if waiting.accommodation_requested is not None and not passed:
        expected["accommodation_decision_expected"] = add_days(
            waiting.accommodation_requested, jurisdiction.accommodation_review_days
        )
    return expected
