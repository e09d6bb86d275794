"""Which plan records a user may see or change (404 for everything else).

A participant reaches only their own plan; staff reach the plans of the
people `accounts.access.participants_for_user` gives them, through
`get_participant_for_user` in the views.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from peerpath.accounts.models import User
from peerpath.plan.models import CompetencyAssessment, Goal, Objective


def get_goal_for_plan(participant: User, goal_id: int) -> Goal:
    return get_object_or_404(
        Goal.objects.select_related("participant"), pk=goal_id, participant=participant
    )


def get_objective_for_goal(goal: Goal, objective_id: object) -> Objective:
    try:
        pk = int(str(objective_id))
    except ValueError:
        pk = 0
    return get_object_or_404(Objective, pk=pk, goal=goal)


def assessments_visible_to(viewer: User, participant: User) -> QuerySet[CompetencyAssessment]:
    """Completed assessments of the participant, and the viewer's own drafts.

    A participant therefore sees their self-assessments (drafts included) and
    every completed staff view of them; staff see completed ones and only
    their own drafts.
    """
    return CompetencyAssessment.objects.filter(participant=participant).filter(
        Q(completed_at__isnull=False) | Q(author=viewer)
    )


def get_assessment_for_user(
    viewer: User, participant: User, assessment_id: int
) -> CompetencyAssessment:
    return get_object_or_404(assessments_visible_to(viewer, participant), pk=assessment_id)
