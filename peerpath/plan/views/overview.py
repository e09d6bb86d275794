from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from peerpath.accounts.access import role_required, staff_required
from peerpath.accounts.models import Role, User
from peerpath.plan import questionnaire, rules, summary
from peerpath.plan.actions import ensure_starter_goal
from peerpath.plan.answers import answer_revisions, current_values
from peerpath.plan.assessments import averages
from peerpath.plan.forms import ConfidenceForm
from peerpath.plan.models import CompetencyAssessment, Perspective
from peerpath.plan.views.common import person_for_staff, plan_context, viewer


def _overview(request: HttpRequest, participant: User, is_own: bool) -> HttpResponse:
    today = timezone.localdate()
    values = current_values(answer_revisions(participant))
    series = summary.confidence_series(participant)
    last = series[-1][0] if series else None
    completed = list(
        CompetencyAssessment.objects.filter(
            participant=participant, perspective=Perspective.SELF, completed_at__isnull=False
        ).order_by("completed_at", "id")
    )
    first_latest = [completed[0], completed[-1]] if len(completed) > 1 else completed[:1]
    means = averages(a.pk for a in first_latest)

    def overall(pk: int) -> float | None:
        found = means.get(pk, {})
        return round(sum(found.values()) / len(found), 1) if found else None

    context = plan_context(
        participant,
        is_own,
        answered=len(values) + (last is not None),
        question_count=len(questionnaire.QUESTIONS),
        series=series,
        confidence_due=rules.is_confidence_due(last, today, participant.paused_until),
        next_due=rules.confidence_next_due(last),
        progress=summary.goals_progress([participant.pk])[participant.pk],
        assessments=[(a, overall(a.pk)) for a in first_latest],
        next_step=summary.next_plan_step(participant, today) if is_own else None,
        confidence_form=ConfidenceForm() if is_own else None,
    )
    return render(request, "plan/overview.html", context)


@never_cache
@role_required(Role.PARTICIPANT)
def show_plan(request: HttpRequest) -> HttpResponse:
    ensure_starter_goal(viewer(request))
    return _overview(request, viewer(request), is_own=True)


@never_cache
@staff_required
def show_person_plan(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = person_for_staff(request, participant_id, "plan.overview.view")
    return _overview(request, participant, is_own=False)
