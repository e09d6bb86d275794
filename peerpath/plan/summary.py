"""What other parts of PeerPath read from a plan: the home page, the caseload, a
participant's record. Every function makes a fixed number of queries, however
many people or records there are.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from peerpath.accounts.models import User
from peerpath.plan import rules
from peerpath.plan.answers import answered_count
from peerpath.plan.checklist import STARTER_GOAL_CODE
from peerpath.plan.models import (
    CompetencyAssessment,
    ConfidenceCheckIn,
    Objective,
    Perspective,
)


def latest_confidence(participant_ids: list[int]) -> dict[int, int | None]:
    """Each person's most recent confidence score (None if never asked). One query."""
    result: dict[int, int | None] = dict.fromkeys(participant_ids)
    if not participant_ids:
        return result
    newest = ConfidenceCheckIn.objects.filter(participant=OuterRef("pk")).order_by("-on", "-id")
    rows = (
        User.objects.filter(pk__in=participant_ids)
        .annotate(score=Subquery(newest.values("score")[:1]))
        .values_list("pk", "score")
    )
    result.update(rows)
    return result


def confidence_series(participant: User) -> list[tuple[dt.date, int]]:
    """(date, score) for every check-in, oldest first. One query."""
    return list(
        ConfidenceCheckIn.objects.filter(participant=participant)
        .order_by("on")
        .values_list("on", "score")
    )


def last_check_in_on(participant: User) -> dt.date | None:
    return (
        ConfidenceCheckIn.objects.filter(participant=participant)
        .order_by("-on")
        .values_list("on", flat=True)
        .first()
    )


def confidence_due(participant: User, today: dt.date) -> bool:
    """True when the monthly confidence check-in is due: never asked, or a month
    (same day next month) since the last one. Never while the person is paused."""
    return rules.is_confidence_due(last_check_in_on(participant), today, participant.paused_until)


def goals_progress(participant_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(done, total) objectives per person, the six starter steps included. One query.

    Dropped objectives and goals set aside are left out of both numbers; a
    person who has not opened their plan yet has the starter checklist's six
    steps still to do (see `rules.count_progress`).
    """
    rows: dict[int, list[tuple[str, bool]]] = {pk: [] for pk in participant_ids}
    has_starter: set[int] = set()
    if participant_ids:
        for person, status, set_aside, code in Objective.objects.filter(
            goal__participant_id__in=participant_ids
        ).values_list("goal__participant_id", "status", "goal__set_aside", "goal__code"):
            rows[person].append((status, set_aside))
            if code == STARTER_GOAL_CODE:
                has_starter.add(person)
    return {
        person: rules.count_progress(found, has_starter=person in has_starter)
        for person, found in rows.items()
    }


def open_objectives(participant: User) -> list[rules.OpenObjective]:
    """Open objectives of goals in play, in plan order. One query."""
    found = (
        Objective.objects.filter(
            goal__participant=participant,
            goal__set_aside=False,
            status__in=rules.OPEN_STATUSES,
        )
        .select_related("goal")
        .order_by("goal__created_at", "goal_id", "order", "id")
    )
    return [rules.OpenObjective(o.goal_id, o.label, o.target_date) for o in found]


def plan_objectives(participant: User) -> tuple[tuple[int, int], list[rules.OpenObjective]]:
    """`goals_progress` and `open_objectives` for one person from one query."""
    objectives = list(
        Objective.objects.filter(goal__participant=participant)
        .select_related("goal")
        .order_by("goal__created_at", "goal_id", "order", "id")
    )
    progress = rules.count_progress(
        ((o.status, o.goal.set_aside) for o in objectives),
        has_starter=any(o.goal.code == STARTER_GOAL_CODE for o in objectives),
    )
    open_ones = [
        rules.OpenObjective(o.goal_id, o.label, o.target_date)
        for o in objectives
        if not o.goal.set_aside and o.status in rules.OPEN_STATUSES
    ]
    return progress, open_ones


_UNREAD = object()


def next_plan_step(
    participant: User,
    today: dt.date,
    *,
    last_check_in: object = _UNREAD,
    objectives: list[rules.OpenObjective] | None = None,
) -> tuple[str, str] | None:
    """The plan's suggestion for the home page's "Next step": (label, URL), or None.

    Labels are in the active language. See `rules.choose_next_step` for the order.
    A page that already read the last check-in date or the open objectives (see
    `plan_objectives`) passes them in and saves their queries.
    """
    last = cast(
        "dt.date | None",
        last_check_in_on(participant) if last_check_in is _UNREAD else last_check_in,
    )
    answered = answered_count(participant) + (last is not None)
    assessments = list(
        CompetencyAssessment.objects.filter(
            participant=participant, author=participant, perspective=Perspective.SELF
        ).values_list("completed_at", flat=True)
    )
    step = rules.choose_next_step(
        answered=answered,
        confidence_due=rules.is_confidence_due(last, today, participant.paused_until),
        objectives=open_objectives(participant) if objectives is None else objectives,
        completed_self_assessments=sum(a is not None for a in assessments),
        has_self_draft=any(a is None for a in assessments),
        today=today,
    )
    if step is None:
        return None
    if step.kind == "questionnaire":
        return _("Answer the personal questionnaire"), reverse("plan-show-questionnaire")
    if step.kind == "confidence":
        return _("Check in on your confidence"), reverse("plan-record-confidence")
    if step.kind == "competencies-draft":
        return _("Continue your competency self-assessment"), reverse("plan-show-competencies")
    if step.kind == "competencies":
        return _("Rate yourself on the peer worker competencies"), reverse("plan-show-competencies")
    objective = step.objective
    assert objective is not None
    url = reverse("plan-show-goal", args=[objective.goal_id])
    if objective.target_date is None:
        return _("Set a target date for “%(objective)s”") % {"objective": objective.label}, url
    when = date_format(objective.target_date, "DATE_FORMAT")
    if objective.target_date < today:
        label = _("Pick up “%(objective)s” (planned for %(date)s)")
    else:
        label = _("Next: “%(objective)s” by %(date)s")
    return label % {"objective": objective.label, "date": when}, url


__all__ = [
    "confidence_due",
    "confidence_series",
    "goals_progress",
    "latest_confidence",
    "next_plan_step",
    "plan_objectives",
]
