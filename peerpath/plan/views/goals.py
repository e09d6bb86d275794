from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from peerpath.accounts.access import role_required, staff_required
from peerpath.accounts.models import Role, User
from peerpath.audit.actions import record_event
from peerpath.plan import actions, rules
from peerpath.plan.access import get_goal_for_plan, get_objective_for_goal
from peerpath.plan.forms import CommentForm, GoalForm, ObjectiveForm
from peerpath.plan.history import describe
from peerpath.plan.models import Goal, GoalChange, GoalComment, Objective
from peerpath.plan.views.common import person_for_staff, plan_context, viewer


def _goals(participant: User) -> list[Goal]:
    goals = list(
        Goal.objects.filter(participant=participant).prefetch_related(
            Prefetch("objectives", queryset=Objective.objects.order_by("order", "id"))
        )
    )
    for goal in goals:
        goal.progress = rules.count_progress(  # type: ignore[attr-defined]
            ((o.status, False) for o in goal.objectives.all()), has_starter=True
        )
    return goals


def _list(
    request: HttpRequest, participant: User, is_own: bool, form: GoalForm | None
) -> HttpResponse:
    goals = _goals(participant)
    context = plan_context(
        participant,
        is_own,
        goals=[g for g in goals if not g.set_aside],
        set_aside=[g for g in goals if g.set_aside],
        form=form,
        progress=rules.count_progress(
            ((o.status, g.set_aside) for g in goals for o in g.objectives.all()),
            has_starter=any(g.is_starter for g in goals),
        ),
    )
    return render(request, "plan/goals.html", context)


@never_cache
@role_required(Role.PARTICIPANT)
def list_goals(request: HttpRequest) -> HttpResponse:
    participant = viewer(request)
    actions.ensure_starter_goal(participant)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        goal = actions.do_add_goal(
            participant, participant, form.cleaned_data["title"], form.cleaned_data["why"]
        )
        messages.success(request, _("Your goal is added. Now add the steps that lead to it."))
        return redirect("plan-show-goal", goal_id=goal.pk)
    return _list(request, participant, True, form)


@never_cache
@staff_required
def list_person_goals(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = person_for_staff(request, participant_id, "plan.goals.view")
    return _list(request, participant, False, None)


def _goal_page(
    request: HttpRequest,
    participant: User,
    goal: Goal,
    is_own: bool,
    bound: dict[str, Any] | None = None,
) -> HttpResponse:
    bound = bound or {}
    objectives = list(goal.objectives.order_by("order", "id"))
    objective_forms = []
    for objective in objectives:
        key = f"objective-{objective.pk}"
        form = bound.get(key) or ObjectiveForm(
            prefix=key,
            coded=bool(objective.code),
            initial={
                "text": objective.text,
                "target_date": objective.target_date,
                "status": objective.status,
            },
        )
        objective_forms.append((objective, form))
    changes = describe(GoalChange.objects.filter(goal=goal).select_related("actor", "objective"))
    comments = GoalComment.objects.filter(goal=goal).select_related("author")
    context = plan_context(
        participant,
        is_own,
        goal=goal,
        objectives=objective_forms,
        progress=rules.count_progress(((o.status, False) for o in objectives), has_starter=True),
        goal_form=bound.get("goal")
        or (
            GoalForm(
                prefix="goal",
                starter=goal.is_starter,
                initial={"title": goal.title, "why": goal.why},
            )
            if is_own
            else None
        ),
        new_objective_form=bound.get("new-objective")
        or (ObjectiveForm(prefix="new") if is_own else None),
        comment_form=bound.get("comment") or CommentForm(prefix="comment"),
        comments=comments,
        changes=changes,
    )
    return render(request, "plan/goal.html", context)


def _comment(request: HttpRequest, goal: Goal, back: str) -> HttpResponse | dict[str, Any]:
    form = CommentForm(request.POST, prefix="comment")
    if form.is_valid():
        actions.do_add_goal_comment(viewer(request), goal, form.cleaned_data["body"])
        messages.success(request, _("Your comment is added."))
        return redirect(f"{back}#comments")
    return {"comment": form}


@never_cache
@role_required(Role.PARTICIPANT)
def show_goal(request: HttpRequest, goal_id: int) -> HttpResponse:
    participant = viewer(request)
    goal = get_goal_for_plan(participant, goal_id)
    back = reverse("plan-show-goal", args=[goal.pk])
    bound: dict[str, Any] = {}
    if request.method == "POST":
        which = request.POST.get("form", "")
        if which == "goal":
            form = GoalForm(request.POST, prefix="goal", starter=goal.is_starter)
            if form.is_valid():
                actions.do_update_goal(
                    participant,
                    goal,
                    title=form.cleaned_data.get("title", goal.title),
                    why=form.cleaned_data["why"],
                )
                messages.success(request, _("Your goal is saved."))
                return redirect(back)
            bound["goal"] = form
        elif which == "objective":
            objective = get_objective_for_goal(goal, request.POST.get("objective"))
            key = f"objective-{objective.pk}"
            form = ObjectiveForm(request.POST, prefix=key, coded=bool(objective.code))
            if form.is_valid():
                actions.do_update_objective(
                    participant,
                    objective,
                    text=form.cleaned_data.get("text", objective.text),
                    target_date=form.cleaned_data["target_date"],
                    status=form.cleaned_data["status"],
                )
                messages.success(request, _("Saved."))
                return redirect(f"{back}#{key}")
            bound[key] = form
        elif which == "new-objective":
            form = ObjectiveForm(request.POST, prefix="new")
            if form.is_valid():
                objective = actions.do_add_objective(participant, goal, **form.cleaned_data)
                messages.success(request, _("The objective is added."))
                return redirect(f"{back}#objective-{objective.pk}")
            bound["new-objective"] = form
        elif which in ("set-aside", "restore"):
            actions.do_set_goal_aside(participant, goal, which == "set-aside")
            messages.success(
                request,
                _("The goal is set aside. You can bring it back any time.")
                if which == "set-aside"
                else _("The goal is back in your plan."),
            )
            return redirect(back)
        elif which == "comment":
            result = _comment(request, goal, back)
            if isinstance(result, HttpResponse):
                return result
            bound.update(result)
    return _goal_page(request, participant, goal, True, bound)


@never_cache
@staff_required
def show_person_goal(request: HttpRequest, participant_id: int, goal_id: int) -> HttpResponse:
    """Staff read a goal (audited) and may comment on it; only the participant edits it."""
    participant = person_for_staff(request, participant_id, None)
    goal = get_goal_for_plan(participant, goal_id)
    record_event(request.user, "plan.goal.view", goal, subject=participant)
    bound: dict[str, Any] = {}
    if request.method == "POST":
        result = _comment(
            request, goal, reverse("plan-show-person-goal", args=[participant.pk, goal.pk])
        )
        if isinstance(result, HttpResponse):
            return result
        bound.update(result)
    return _goal_page(request, participant, goal, False, bound)
