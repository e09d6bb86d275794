"""Writes to a participant's plan. Staff writes are audited; history is kept."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from peerpath.accounts.models import User
from peerpath.audit.actions import record_event
from peerpath.notifications.actions import do_notify
from peerpath.plan import questionnaire
from peerpath.plan.checklist import STARTER_GOAL_CODE, STARTER_ITEMS
from peerpath.plan.models import (
    CompetencyAssessment,
    CompetencyRating,
    ConfidenceCheckIn,
    Goal,
    GoalChange,
    GoalComment,
    Objective,
    Perspective,
    QuestionnaireAnswer,
)
from peerpath.plan.rules import SavedRevision, Step, revision_step


def _lock(participant: User) -> None:
    """Serialise writes to one person's plan (autosaves can overlap)."""
    User.objects.select_for_update().filter(pk=participant.pk).first()


@transaction.atomic
def do_save_answers(
    participant: User, answers: dict[str, str], now: dt.datetime | None = None
) -> list[str]:
    """Save questionnaire answers, keeping their history; returns the codes that changed.

    Only the questions in `answers` are touched, so a form that sends some of
    them never clears the others.
    """
    now = now or timezone.now()
    _lock(participant)
    newest: dict[str, list[QuestionnaireAnswer]] = defaultdict(list)
    for revision in QuestionnaireAnswer.objects.filter(
        participant=participant, question__in=list(answers)
    ).order_by("question", "-saved_at", "-id"):
        if len(newest[revision.question]) < 2:
            newest[revision.question].append(revision)
    changed = []
    for code, value in answers.items():
        revisions = newest.get(code, [])
        latest = revisions[0] if revisions else None
        earlier = revisions[1].value if len(revisions) > 1 else ""
        saved = SavedRevision(latest.value, latest.saved_at) if latest else None
        step = revision_step(value, saved, earlier, now)
        if step == Step.SKIP:
            continue
        changed.append(code)
        if step == Step.CREATE:
            QuestionnaireAnswer.objects.create(
                participant=participant,
                question=code,
                value=value,
                version=questionnaire.VERSION,
                created_at=now,
                saved_at=now,
            )
        elif step == Step.UPDATE and latest is not None:
            latest.value, latest.saved_at, latest.version = value, now, questionnaire.VERSION
            latest.save(update_fields=["value", "saved_at", "version"])
        elif step == Step.DISCARD and latest is not None:
            latest.delete()
    return changed


@transaction.atomic
def do_record_confidence(participant: User, score: int, today: dt.date) -> ConfidenceCheckIn:
    """Record today's check-in; a second one on the same day replaces the first."""
    check_in, created = ConfidenceCheckIn.objects.get_or_create(
        participant=participant, on=today, defaults={"score": score}
    )
    if not created and check_in.score != score:
        check_in.score = score
        check_in.updated_at = timezone.now()
        check_in.save(update_fields=["score", "updated_at"])
    return check_in


def _change(
    goal: Goal,
    actor: User | None,
    action: str,
    changes: dict[str, list[Any]] | None = None,
    objective: Objective | None = None,
) -> GoalChange:
    return GoalChange.objects.create(
        goal=goal, objective=objective, actor=actor, action=action, changes=changes or {}
    )


def _diff(obj: Any, fields: dict[str, Any]) -> dict[str, list[Any]]:
    """Apply `fields` to `obj`; return {field: [old, new]} for what changed, as stored values."""

    def stored(value: Any) -> Any:
        return value.isoformat() if isinstance(value, dt.date) else value

    changes = {}
    for name, value in fields.items():
        old = getattr(obj, name)
        if old != value:
            changes[name] = [stored(old), stored(value)]
            setattr(obj, name, value)
    return changes


@transaction.atomic
def ensure_starter_goal(participant: User) -> Goal:
    """The six-step starter checklist, created the first time the person opens their plan."""
    goal, created = Goal.objects.get_or_create(participant=participant, code=STARTER_GOAL_CODE)
    if created:
        Objective.objects.bulk_create(
            Objective(goal=goal, code=code, order=index)
            for index, (code, _label) in enumerate(STARTER_ITEMS)
        )
        _change(goal, None, GoalChange.Action.CREATE_GOAL)
    return goal


@transaction.atomic
def do_add_goal(actor: User, participant: User, title: str, why: str = "") -> Goal:
    goal = Goal.objects.create(participant=participant, title=title, why=why)
    _change(goal, actor, GoalChange.Action.CREATE_GOAL, {"title": [None, title]})
    return goal


@transaction.atomic
def do_update_goal(actor: User, goal: Goal, *, title: str, why: str) -> dict[str, list[Any]]:
    fields = {"why": why} if goal.is_starter else {"title": title, "why": why}
    changes = _diff(goal, fields)
    if changes:
        goal.updated_at = timezone.now()
        goal.save(update_fields=[*changes, "updated_at"])
        _change(goal, actor, GoalChange.Action.UPDATE_GOAL, changes)
    return changes


@transaction.atomic
def do_set_goal_aside(actor: User, goal: Goal, set_aside: bool) -> None:
    if goal.set_aside == set_aside:
        return
    goal.set_aside = set_aside
    goal.updated_at = timezone.now()
    goal.save(update_fields=["set_aside", "updated_at"])
    _change(goal, actor, GoalChange.Action.SET_ASIDE if set_aside else GoalChange.Action.RESTORE)


@transaction.atomic
def do_add_objective(
    actor: User, goal: Goal, *, text: str, target_date: dt.date | None, status: str
) -> Objective:
    last = goal.objectives.order_by("-order").values_list("order", flat=True).first()
    objective = Objective.objects.create(
        goal=goal,
        text=text,
        target_date=target_date,
        status=status,
        order=0 if last is None else last + 1,
    )
    changes: dict[str, list[Any]] = {"text": [None, text], "status": [None, status]}
    if target_date:
        changes["target_date"] = [None, target_date.isoformat()]
    _change(goal, actor, GoalChange.Action.CREATE_OBJECTIVE, changes, objective)
    return objective


@transaction.atomic
def do_update_objective(
    actor: User, objective: Objective, *, text: str, target_date: dt.date | None, status: str
) -> dict[str, list[Any]]:
    fields: dict[str, Any] = {"target_date": target_date, "status": status}
    if not objective.code:
        fields["text"] = text
    changes = _diff(objective, fields)
    if changes:
        objective.updated_at = timezone.now()
        objective.save(update_fields=[*changes, "updated_at"])
        _change(objective.goal, actor, GoalChange.Action.UPDATE_OBJECTIVE, changes, objective)
    return changes


@transaction.atomic
def do_add_goal_comment(author: User, goal: Goal, body: str) -> GoalComment:
    """A comment on a goal. From staff it is audited and the participant is told."""
    comment = GoalComment.objects.create(goal=goal, author=author, body=body)
    participant = goal.participant
    if author.pk != participant.pk:
        record_event(author, "plan.goal.comment", comment, subject=participant)
        name = author.display_name

        def render() -> tuple[str, str]:
            return (
                _("New comment on your plan"),
                _("%(name)s left a comment on one of your goals. Sign in to PeerPath to read it.")
                % {"name": name},
            )

        do_notify(
            participant,
            "plan.comment",
            render,
            url=reverse("plan-show-goal", args=[goal.pk]),
            dedupe_key=f"plan.comment.{comment.pk}",
        )
    return comment


@transaction.atomic
def do_start_assessment(author: User, participant: User) -> CompetencyAssessment:
    """Open a competency assessment, or return the author's draft if one is open.

    The participant's own are self-assessments; a staff member's is their view.
    """
    perspective = Perspective.SELF if author.pk == participant.pk else Perspective.STAFF
    # Two quick clicks on "Start" must find the same draft, not both create one.
    User.objects.lock(participant)
    draft = CompetencyAssessment.objects.filter(
        participant=participant, author=author, perspective=perspective, completed_at__isnull=True
    ).first()
    if draft is not None:
        return draft
    assessment = CompetencyAssessment.objects.create(
        participant=participant,
        author=author,
        author_label=author.display_name,
        perspective=perspective,
    )
    if perspective == Perspective.STAFF:
        record_event(author, "plan.assessment.start", assessment, subject=participant)
    return assessment


@transaction.atomic
def do_save_ratings(
    assessment: CompetencyAssessment, category: str, ratings: dict[int, int]
) -> None:
    """Save one category's ratings on a draft (items left out keep what they had)."""
    if not assessment.is_draft:
        raise ValueError("A completed assessment cannot change.")
    existing = {
        r.item: r for r in CompetencyRating.objects.filter(assessment=assessment, category=category)
    }
    changed, added = [], []
    for item, value in ratings.items():
        rating = existing.get(item)
        if rating is None:
            added.append(
                CompetencyRating(assessment=assessment, category=category, item=item, rating=value)
            )
        elif rating.rating != value:
            rating.rating = value
            changed.append(rating)
    CompetencyRating.objects.bulk_create(added)
    CompetencyRating.objects.bulk_update(changed, ["rating"])
    assessment.updated_at = timezone.now()
    assessment.save(update_fields=["updated_at"])


class AssessmentIncomplete(Exception):
    pass


@transaction.atomic
def do_finish_assessment(
    actor: User, assessment: CompetencyAssessment, unrated: dict[str, int]
) -> None:
    """Complete a draft; `unrated` (from `rules.unrated_by_category`) must be empty."""
    if unrated:
        raise AssessmentIncomplete
    if not assessment.is_draft:
        return
    assessment.completed_at = timezone.now()
    assessment.save(update_fields=["completed_at"])
    participant = assessment.participant
    if assessment.perspective == Perspective.STAFF:
        record_event(actor, "plan.assessment.complete", assessment, subject=participant)
        name = actor.display_name

        def render() -> tuple[str, str]:
            return (
                _("Feedback on your competencies"),
                _(
                    "%(name)s shared their view of your peer worker competencies. "
                    "Sign in to PeerPath to see it next to your own."
                )
                % {"name": name},
            )

        do_notify(
            participant,
            "plan.assessment",
            render,
            url=reverse("plan-show-competencies"),
            dedupe_key=f"plan.assessment.{assessment.pk}",
        )


@transaction.atomic
def do_discard_assessment(actor: User, assessment: CompetencyAssessment) -> None:
    if not assessment.is_draft:
        raise ValueError("Only a draft can be discarded.")
    if assessment.perspective == Perspective.STAFF:
        record_event(actor, "plan.assessment.discard", assessment, subject=assessment.participant)
    assessment.delete()
