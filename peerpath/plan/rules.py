"""Plan rules: answer history, confidence check-ins, progress, the next step.

Pure functions on plain values; the views, actions and summaries call them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from peerpath.lib.dates import add_days, add_months
from peerpath.plan.checklist import STARTER_COUNT

# Answer history. Autosave sends an answer every few seconds while someone
# types; keeping each of those would bury the history in fragments. Saves of
# the same answer less than COALESCE_WINDOW after its last save update that
# revision, so each sitting leaves one revision per answer.
COALESCE_WINDOW = dt.timedelta(minutes=10)

CONFIDENCE_MIN, CONFIDENCE_MAX = 1, 10
CHECK_IN_EVERY_MONTHS = 1
DUE_SOON_DAYS = 14

NOT_STARTED, IN_PROGRESS, DONE, DROPPED = "not_started", "in_progress", "done", "dropped"
OPEN_STATUSES = frozenset({NOT_STARTED, IN_PROGRESS})


class Step(StrEnum):
    SKIP = "skip"  # nothing changed
    UPDATE = "update"  # rewrite the latest revision (same sitting)
    CREATE = "create"  # add a revision
    DISCARD = "discard"  # the sitting's change was undone: drop the latest revision


@dataclass(frozen=True)
class SavedRevision:
    value: str
    saved_at: dt.datetime


def revision_step(
    new_value: str,
    latest: SavedRevision | None,
    earlier_value: str,
    now: dt.datetime,
    window: dt.timedelta = COALESCE_WINDOW,
) -> Step:
    """What saving `new_value` does to an answer's history.

    `latest` is the newest revision (None when never answered) and
    `earlier_value` the value of the revision before it ("" when there is
    none, which is also what "no answer" means).
    """
    current = latest.value if latest is not None else ""
    if new_value == current:
        return Step.SKIP
    if latest is not None and now - latest.saved_at < window:
        return Step.DISCARD if new_value == earlier_value else Step.UPDATE
    return Step.CREATE


def confidence_next_due(last_check_in: dt.date | None) -> dt.date | None:
    """The day the next monthly check-in is due (None: due now, never asked)."""
    if last_check_in is None:
        return None
    return add_months(last_check_in, CHECK_IN_EVERY_MONTHS)


def is_confidence_due(
    last_check_in: dt.date | None, today: dt.date, paused_until: dt.date | None = None
) -> bool:
    """Due when never asked or a month has passed; never while the person is paused."""
    if paused_until is not None and today <= paused_until:
        return False
    due = confidence_next_due(last_check_in)
    return due is None or today >= due


def count_progress(objectives: Iterable[tuple[str, bool]], *, has_starter: bool) -> tuple[int, int]:
    """(done, total) over a person's objectives, given as (status, goal set aside).

    Dropped objectives and the objectives of goals set aside count in neither
    number: choosing not to do something is not falling behind. The six
    starter steps count as not done until the checklist is created on the
    person's first visit, so every participant starts from 0 of 6.
    """
    done = total = 0
    for status, set_aside in objectives:
        if set_aside or status == DROPPED:
            continue
        total += 1
        done += status == DONE
    if not has_starter:
        total += STARTER_COUNT
    return done, total


def category_averages(ratings: Iterable[tuple[str, int]]) -> dict[str, float]:
    """Mean rating per category from (category code, rating) pairs."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for code, rating in ratings:
        sums[code][0] += rating
        sums[code][1] += 1
    return {code: total / count for code, (total, count) in sums.items()}


@dataclass(frozen=True)
class CategoryComparison:
    code: str
    first: float | None
    latest: float | None

    @property
    def change(self) -> float | None:
        if self.first is None or self.latest is None:
            return None
        return round(self.latest - self.first, 1)


def compare_categories(
    codes: Sequence[str], first: Mapping[str, float], latest: Mapping[str, float]
) -> list[CategoryComparison]:
    return [CategoryComparison(code, first.get(code), latest.get(code)) for code in codes]


def unrated_by_category(
    items: Mapping[str, Sequence[int]], rated: Iterable[tuple[str, int]]
) -> dict[str, int]:
    """How many items of each category still have no rating (categories with none left omitted)."""
    done = set(rated)
    missing = {code: sum((code, n) not in done for n in numbers) for code, numbers in items.items()}
    return {code: count for code, count in missing.items() if count}


@dataclass(frozen=True)
class OpenObjective:
    goal_id: int
    label: str
    target_date: dt.date | None


@dataclass(frozen=True)
class NextStep:
    kind: str
    objective: OpenObjective | None = None


def choose_next_step(
    *,
    answered: int,
    confidence_due: bool,
    objectives: Sequence[OpenObjective],
    completed_self_assessments: int,
    has_self_draft: bool,
    today: dt.date,
) -> NextStep | None:
    """The one plan step to suggest now, or None when there is nothing to nudge.

    In order: start the questionnaire; the monthly confidence check-in; an
    objective overdue or due within DUE_SOON_DAYS (the earliest); an open
    objective without a target date; the next dated objective; the competency
    self-assessment (continue a draft, or take the first one).
    `objectives` are the open ones, in the order the plan lists them.
    """
    if answered == 0:
        return NextStep("questionnaire")
    if confidence_due:
        return NextStep("confidence")
    dated = sorted(
        (o for o in objectives if o.target_date is not None),
        key=lambda o: o.target_date or dt.date.max,
    )
    if dated and dated[0].target_date and dated[0].target_date <= add_days(today, DUE_SOON_DAYS):
        return NextStep("objective-due", dated[0])
    undated = [o for o in objectives if o.target_date is None]
    if undated:
        return NextStep("objective-undated", undated[0])
    if dated:
        return NextStep("objective-due", dated[0])
    if has_self_draft:
        return NextStep("competencies-draft")
    if completed_self_assessments == 0:
        return NextStep("competencies")
    return None
