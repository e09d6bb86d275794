"""Hours arithmetic, verification, schedules and pay periods.

Pure functions over plain values (no ORM). Messages are lazy translations.

Hours are `Decimal` in quarter hours (0.25, 0.5, 0.75 …): training providers and
payroll both count in quarter hours, and a `Decimal` never turns 0.1 + 0.2 into
0.30000000000000004 on a pay slip.

- A training's **verified** hours are the hours the person logged that a staff
  member confirmed from a document (a completion certificate or the provider's
  attendance record): `min(logged, best confirmed figure, course hours)`.
- **Core training counts toward certification** when it is completed, at a
  provider the catalog marks as approved for core training, on or after the
  jurisdiction's earliest date (1 July 2022 in California), and staff verified
  its completion certificate.
- **Behind schedule** means more than `max(8 hours, 10 % of expected)` behind
  the linear schedule: one training day of slack, more on longer courses.
- **Pay periods** are biweekly from an anchor date, or semi-monthly (1st–15th,
  16th–end of month).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

QUARTER = Decimal("0.25")
ZERO = Decimal("0")
HOURS_IN_A_DAY = Decimal("24")
CORE_HOURS = Decimal("80")
SPECIALIZATION_HOURS = Decimal("40")
MAX_COURSE_HOURS = Decimal("500")
MAX_PAY_RATE = Decimal("200")
SCHEDULE_TOLERANCE_HOURS = Decimal("8")
SCHEDULE_TOLERANCE_SHARE = Decimal("0.10")
CENT = Decimal("0.01")

BIWEEKLY = "biweekly"
SEMIMONTHLY = "semimonthly"
DEFAULT_PAY_PERIOD_ANCHOR = dt.date(2024, 1, 1)  # a Monday

# Why core training does not (yet) count toward certification, in the order shown.
CORE_REASONS = (
    "no_core_training",
    "provider_not_approved",
    "not_completed",
    "completed_too_early",
    "certificate_not_verified",
)

Problems = list[tuple[str, Any]]


def is_quarter_hours(hours: Decimal) -> bool:
    return hours % QUARTER == 0


def hours_problem(hours: Decimal, maximum: Decimal = HOURS_IN_A_DAY) -> Any | None:
    """What is wrong with an amount of hours on its own, or None."""
    if not hours.is_finite() or hours <= 0:
        return _("Enter a number of hours greater than 0.")
    if not is_quarter_hours(hours):
        return _("Use quarter hours, for example 1.25, 2.5 or 3.75.")
    if hours > maximum:
        return format_lazy(_("At most {maximum} hours can be entered here."), maximum=maximum)
    return None


def course_target(
    kind: str,
    *,
    core_hours: int | Decimal,
    specialization_hours: int | None,
    course_hours: Decimal | None,
) -> Decimal | None:
    """How many hours a course has: fixed for core and specializations, typed for others."""
    if kind == "core":
        return Decimal(core_hours)
    if kind == "specialization":
        return Decimal(specialization_hours or SPECIALIZATION_HOURS)
    return course_hours


def check_training_hours(
    *,
    day: dt.date,
    hours: Decimal,
    today: dt.date,
    logged_so_far: Decimal,
    course_hours: Decimal | None,
    day_total_so_far: Decimal,
    is_total: bool,
    starts_on: dt.date | None = None,
) -> Problems:
    """Problems with logging `hours` on `day` for one training, as (field, message).

    `logged_so_far` is what the training already has; `day_total_so_far` the
    person's hours on `day` across all their training sessions and paid work. A
    total for several sessions is not held to 24 hours a day, only to the course's
    hours.
    """
    problems: Problems = []
    if day > today:
        problems.append(("date", _("This date is in the future. Log hours once they are done.")))
    elif starts_on is not None and day < starts_on:
        problems.append(("date", _("This date is before the training started.")))
    limit = course_hours if (is_total and course_hours is not None) else HOURS_IN_A_DAY
    if is_total and course_hours is None:
        limit = MAX_COURSE_HOURS
    problem = hours_problem(hours, limit)
    if problem is not None:
        problems.append(("hours", problem))
        return problems
    if course_hours is not None and logged_so_far + hours > course_hours:
        left = max(course_hours - logged_so_far, ZERO)
        problems.append(
            (
                "hours",
                format_lazy(
                    _(
                        "This course has {course} hours and {logged} are logged already, "
                        "so at most {left} more can be added."
                    ),
                    course=format_hours(course_hours),
                    logged=format_hours(logged_so_far),
                    left=format_hours(left),
                ),
            )
        )
    elif not is_total and day_total_so_far + hours > HOURS_IN_A_DAY:
        problems.append(("hours", _day_limit_message(day_total_so_far)))
    return problems


def _day_limit_message(day_total_so_far: Decimal) -> Any:
    return format_lazy(
        _(
            "A day has 24 hours and {logged} are logged on this day already, "
            "so at most {left} more can be added."
        ),
        logged=format_hours(day_total_so_far),
        left=format_hours(max(HOURS_IN_A_DAY - day_total_so_far, ZERO)),
    )


def check_work_hours(
    *,
    day: dt.date,
    hours: Decimal,
    today: dt.date,
    placement_starts: dt.date,
    placement_ends: dt.date | None,
    day_total_so_far: Decimal,
) -> Problems:
    """Problems with a timesheet entry, as (field, message).

    `day_total_so_far` is the person's hours on `day` across all their placements
    and training sessions, without the entry being changed.
    """
    problems: Problems = []
    if day > today:
        problems.append(("date", _("This date is in the future. Add hours once they are worked.")))
    elif day < placement_starts:
        problems.append(("date", _("This date is before the placement started.")))
    elif placement_ends is not None and day > placement_ends:
        problems.append(("date", _("This date is after the placement ended.")))
    problem = hours_problem(hours)
    if problem is not None:
        problems.append(("hours", problem))
    elif day_total_so_far + hours > HOURS_IN_A_DAY:
        problems.append(("hours", _day_limit_message(day_total_so_far)))
    return problems


def verified_hours(
    logged: Decimal, confirmed: Iterable[Decimal | None], course_hours: Decimal | None
) -> Decimal:
    """Logged hours that a verified document confirms, never more than the course has."""
    figures = [value for value in confirmed if value is not None]
    if not figures:
        return ZERO
    best = min(logged, max(figures))
    return min(best, course_hours) if course_hours is not None else best


def verified_note(
    logged: Decimal, best_confirmed: Decimal | None, course_hours: Decimal | None
) -> str | None:
    """Why the verified figure is not simply "what the documents say", as a code:

    - `capped_by_course`: a document confirms more than the course has; counted up to it.
    - `capped_by_logged`: a document confirms more than was logged; only logged hours count.
    - `largest_document`: fewer hours verified than logged; the largest total on a
      verified document counts, documents are not added up.
    None when there is nothing to explain (no verified document, or all logged hours count).
    """
    if best_confirmed is None:
        return None
    if course_hours is not None and best_confirmed > course_hours and logged >= course_hours:
        return "capped_by_course"
    if best_confirmed > logged:
        return "capped_by_logged"
    if best_confirmed < logged:
        return "largest_document"
    return None


def core_certification_reasons(
    *,
    has_core: bool,
    provider_approved: bool,
    completed_on: dt.date | None,
    earliest_completion: dt.date,
    certificate_verified: bool,
) -> tuple[str, ...]:
    """Codes (from `CORE_REASONS`) for why core training does not count yet; empty if it does."""
    if not has_core:
        return ("no_core_training",)
    reasons = []
    if not provider_approved:
        reasons.append("provider_not_approved")
    if completed_on is None:
        reasons.append("not_completed")
    elif completed_on < earliest_completion:
        reasons.append("completed_too_early")
    if not certificate_verified:
        reasons.append("certificate_not_verified")
    return tuple(reasons)


def specialization_before_core(
    specialization_starts: dt.date | None, core_completed_on: dt.date | None
) -> bool:
    """Specializations follow the core training: warn when one starts before it is done."""
    if core_completed_on is None:
        return True
    return specialization_starts is not None and specialization_starts < core_completed_on


def expected_core_hours(
    starts_on: dt.date, ends_on: dt.date, today: dt.date, target: Decimal = CORE_HOURS
) -> Decimal:
    """Hours a person on a steady pace has done by `today`: 0 before the start, all after the end.

    Linear across the cohort's dates, rounded down to a quarter hour.
    """
    if today >= ends_on:
        return target
    if today <= starts_on:
        return ZERO
    share = Decimal((today - starts_on).days) / Decimal((ends_on - starts_on).days)
    return (target * share / QUARTER).to_integral_value(rounding=ROUND_FLOOR) * QUARTER


def is_behind_schedule(logged: Decimal, expected: Decimal) -> bool:
    """More than one training day (8 hours), or 10 % of expected if larger, behind."""
    tolerance = max(SCHEDULE_TOLERANCE_HOURS, expected * SCHEDULE_TOLERANCE_SHARE)
    return expected - logged > tolerance


def amount_due(hours: Decimal, rate: Decimal) -> Decimal:
    return (hours * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def format_hours(hours: Decimal) -> str:
    """52 → "52", 2.50 → "2.5", 0.25 → "0.25": no trailing zeros."""
    text = f"{hours:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class PayPeriod:
    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def key(self) -> str:
        return self.start.isoformat()


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def pay_period_containing(
    day: dt.date, kind: str = BIWEEKLY, anchor: dt.date = DEFAULT_PAY_PERIOD_ANCHOR
) -> PayPeriod:
    """The pay period `day` falls in. Biweekly periods run 14 days from `anchor`
    (either direction); semi-monthly ones are the 1st–15th and the 16th–month end."""
    if kind == SEMIMONTHLY:
        if day.day <= 15:
            return PayPeriod(day.replace(day=1), day.replace(day=15))
        return PayPeriod(day.replace(day=16), _month_end(day))
    if kind != BIWEEKLY:
        raise ValueError(f"unknown pay period kind {kind!r}")
    offset = (day - anchor).days // 14
    start = anchor + dt.timedelta(days=14 * offset)
    return PayPeriod(start, start + dt.timedelta(days=13))


def recent_pay_periods(
    today: dt.date,
    kind: str = BIWEEKLY,
    anchor: dt.date = DEFAULT_PAY_PERIOD_ANCHOR,
    count: int = 12,
) -> list[PayPeriod]:
    """The period containing `today` and the `count - 1` before it, newest first."""
    periods = [pay_period_containing(today, kind, anchor)]
    while len(periods) < count:
        periods.append(
            pay_period_containing(periods[-1].start - dt.timedelta(days=1), kind, anchor)
        )
    return periods


# Timesheet states: a person edits a draft or a returned timesheet; submitted ones
# wait for staff; approved ones are locked for good.
DRAFT, SUBMITTED, APPROVED, RETURNED = "draft", "submitted", "approved", "returned"
EDITABLE_TIMESHEET_STATES = frozenset({DRAFT, RETURNED})


def timesheet_is_editable(status: str) -> bool:
    return status in EDITABLE_TIMESHEET_STATES


def can_submit_timesheet(status: str, entry_count: int) -> bool:
    return status in EDITABLE_TIMESHEET_STATES and entry_count > 0


def can_review_timesheet(status: str) -> bool:
    return status == SUBMITTED
