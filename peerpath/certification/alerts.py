"""Which deadlines deserve a reminder, and who is at risk (pure functions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from peerpath.certification.jurisdictions import Jurisdiction
from peerpath.certification.rules import CaseFacts, Plan
from peerpath.lib.dates import add_days, add_months

DEADLINE_NAMES: dict[str, Promise] = {
    "application_complete_by": _("Finish your application by"),
    "approval_valid_through": _("Your approval is valid through"),
    "last_exam_request": _("Last day to request the exam"),
    "training_certificate_valid_through": _("Your training certificate is valid through"),
    "renewal_due": _("Renew your certification by"),
    "ethics_resign_due": _("Sign the Code of Ethics again by"),
}

_BEFORE_PASSING = frozenset({"complete_training", "request_exam"})

AT_RISK_DAYS = {
    "approval_ending": 60,
    "exam_request_closing": 30,
    "application_voiding": 30,
    "renewal_due": 90,
}

RISK_NAMES: dict[str, Promise] = {
    "approval_ending": _("Approval ends soon without a passed exam"),
    "exam_request_closing": _("Exam request window closes soon"),
    "two_attempts_used": _("Two exam attempts used"),
    "application_voiding": _("Incomplete application close to being voided"),
    "certificate_expires_first": _("Training certificate expires before the approval"),
    "renewal_due": _("Certification renewal due"),
}


def exam_requested(exam_fee_paid_on: dt.date | None, facts: CaseFacts) -> bool:
    """Whether the next exam has been requested.

    Paying the exam fee is the request. After a failed attempt a retake needs a
    new request and fee, so only a payment after the latest failed attempt counts.
    """
    if exam_fee_paid_on is None:
        return False
    failed = [attempt.date for attempt in facts.exam_attempts if not attempt.passed]
    return not failed or exam_fee_paid_on > max(failed)


def open_deadlines(plan: Plan, exam_requested: bool) -> dict[str, dt.date]:
    """The deadlines that still ask something of the person, by stage."""
    wanted: set[str] = {"ethics_resign_due"}
    if plan.stage == "complete_application":
        wanted.add("application_complete_by")
    if plan.stage in _BEFORE_PASSING:
        wanted |= {"approval_valid_through", "training_certificate_valid_through"}
        if not exam_requested:
            wanted.add("last_exam_request")
    if plan.stage in {"certified", "renewal_overdue"}:
        wanted.add("renewal_due")
    return {key: day for key, day in plan.deadlines.items() if key in wanted}


def due_offset(deadline: dt.date, offsets: Iterable[int], today: dt.date) -> int | None:
    """The reminder to send today for a deadline: the smallest offset already reached.

    Offsets missed while nothing ran are not sent late; only the most recent one is.
    """
    if today > deadline:
        return None
    reached = [o for o in offsets if today >= deadline - dt.timedelta(days=o)]
    return min(reached) if reached else None


# How each deadline follows from a case date: (field, months, days) means the
# deadline is `add_days(add_months(field, months), days)` (see `compute_deadlines`).
def _deadline_sources(j: Jurisdiction) -> list[tuple[str, int, int]]:
    return [
        ("application_submitted", 0, j.application_hold_days),
        ("application_approved", j.approval_valid_months, 0),
        ("application_approved", j.approval_valid_months, -j.exam_request_review_days),
        ("training_completed", 12 * j.training_certificate_valid_years, 0),
        ("certified_on", 12 * j.certification_valid_years, 0),
        ("ethics_signed_on", 12 * j.ethics_resign_years, 0),
    ]


# Month arithmetic clamps to the month's end: a few days either side keep the
# source window a superset (the exact check runs on the cases found).
_MONTH_SLACK = dt.timedelta(days=3)


def due_source_windows(
    jurisdiction: Jurisdiction, today: dt.date, catch_up_days: int
) -> dict[str, list[tuple[dt.date, dt.date]]]:
    """The case-date ranges that can put a reminder due today, by case field.

    A reminder is due when a deadline lies exactly one offset ahead, or up to
    `catch_up_days` less (a day the sweep did not run). Each deadline window is
    turned back into a range of the date it is computed from, so the sweep can
    select candidate cases with indexed range conditions; the exact rule
    (`due_offset`) still decides for each case found.
    """
    deadline_windows: list[tuple[dt.date, dt.date]] = []
    for offset in sorted(jurisdiction.reminder_offsets_days):
        lo = add_days(today, offset - catch_up_days)
        hi = add_days(today, offset)
        if deadline_windows and lo <= add_days(deadline_windows[-1][1], 1):
            deadline_windows[-1] = (deadline_windows[-1][0], max(hi, deadline_windows[-1][1]))
        else:
            deadline_windows.append((lo, hi))
    windows: dict[str, list[tuple[dt.date, dt.date]]] = {}
    for field, months, days in _deadline_sources(jurisdiction):
        slack = _MONTH_SLACK if months else dt.timedelta(0)
        for lo, hi in deadline_windows:
            windows.setdefault(field, []).append(
                (
                    add_months(add_days(lo, -days), -months) - slack,
                    add_months(add_days(hi, -days), -months) + slack,
                )
            )
    return windows


@dataclass(frozen=True)
class Risk:
    code: str
    date: dt.date | None

    @property
    def name(self) -> str:
        return str(RISK_NAMES[self.code])


def risks(facts: CaseFacts, plan: Plan, today: dt.date, exam_requested: bool) -> list[Risk]:
    found: list[Risk] = []
    deadlines = plan.deadlines

    def within(key: str, days: int) -> dt.date | None:
        day = deadlines.get(key)
        return day if day is not None and today <= day <= today + dt.timedelta(days=days) else None

    if plan.stage in _BEFORE_PASSING:
        if day := within("approval_valid_through", AT_RISK_DAYS["approval_ending"]):
            found.append(Risk("approval_ending", day))
        if not exam_requested and (
            day := within("last_exam_request", AT_RISK_DAYS["exam_request_closing"])
        ):
            found.append(Risk("exam_request_closing", day))
        if "training_certificate_expires_before_window" in plan.problems:
            found.append(
                Risk(
                    "certificate_expires_first", deadlines.get("training_certificate_valid_through")
                )
            )
    if facts.failed_attempts >= 2 and not facts.passed_exam and plan.stage != "attempts_exhausted":
        found.append(Risk("two_attempts_used", None))
    if plan.stage == "complete_application" and (
        day := within("application_complete_by", AT_RISK_DAYS["application_voiding"])
    ):
        found.append(Risk("application_voiding", day))
    if plan.stage == "renewal_overdue":
        found.append(Risk("renewal_due", deadlines.get("renewal_due")))
    elif plan.stage == "certified" and (day := within("renewal_due", AT_RISK_DAYS["renewal_due"])):
        found.append(Risk("renewal_due", day))
    return found
