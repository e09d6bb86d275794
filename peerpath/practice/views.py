from __future__ import annotations

import secrets
from typing import Any

from django.db.models import Count, Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_POST

from peerpath.accounts.access import participants_for_user, role_required, staff_required
from peerpath.accounts.models import Role, User
from peerpath.audit.actions import record_events
from peerpath.catalog.models import Competency
from peerpath.practice import actions
from peerpath.practice.exercises import (
    CHOOSE,
    Exercise,
    all_exercises,
    all_skills,
    get_exercise,
    get_skill,
)
from peerpath.practice.feedback import check_choice, feedback_from_verdict
from peerpath.practice.forms import PracticeForm
from peerpath.practice.models import PracticeAttempt, PracticeProfile
from peerpath.practice.verdict import verdict


def _is_participant(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.role == Role.PARTICIPANT  # type: ignore[union-attr]


def practice_home(request: HttpRequest) -> HttpResponse:
    counts: dict[str, dict[str, Any]] = {}
    if _is_participant(request):
        rows = (
            PracticeAttempt.objects.filter(user=request.user)
            .values("exercise")
            .annotate(total=Count("id"), met=Count("id", filter=Q(meets_goal=True)))
        )
        counts = {row["exercise"]: row for row in rows}
    exercises = [(exercise, counts.get(exercise.code)) for exercise in all_exercises()]
    skills = all_skills()
    codes = {code for skill in skills for code in skill.samhsa_codes}
    by_code = {c.code: c for c in Competency.objects.filter(code__in=codes)}
    skill_rows = [
        (skill, [by_code[code] for code in skill.samhsa_codes if code in by_code])
        for skill in skills
    ]
    return render(request, "practice/home.html", {"exercises": exercises, "skills": skill_rows})


def _get_exercise_or_404(code: str) -> Exercise:
    exercise = get_exercise(code)
    if exercise is None:
        raise Http404
    return exercise


def practise(request: HttpRequest, code: str) -> HttpResponse:
    """Show one prompt (a random one unless ?prompt= names it); on POST, coach the answer."""
    exercise = _get_exercise_or_404(code)
    can_save = _is_participant(request)
    keep = (
        PracticeProfile.objects.filter(user=request.user, keep_history=True).exists()
        if can_save
        else False
    )
    feedback = choice_feedback = None
    if request.method == "POST":
        form = PracticeForm(request.POST, exercise=exercise, can_save=can_save)
        if form.is_valid():
            prompt = exercise.prompt(form.cleaned_data["prompt"])
            assert prompt is not None  # checked by the form
            if exercise.kind == CHOOSE:
                choice_feedback = check_choice(
                    exercise.choices, prompt.answer, form.cleaned_data["choice"]
                )
                result: dict[str, Any] = {
                    "choice": form.cleaned_data["choice"],
                    "meets_goal": choice_feedback.correct,
                }
            else:
                language = "es" if (translation.get_language() or "en")[:2] == "es" else "en"
                judged = verdict(
                    exercise.code,
                    language,
                    prompt.client_text(language),
                    form.cleaned_data["response"],
                )
                feedback = feedback_from_verdict(exercise.code, judged)
                result = {
                    "response": form.cleaned_data["response"],
                    "label": judged.label,
                    "subtype": judged.subtype,
                    "confidence": judged.confidence,
                    "meets_goal": judged.meets,
                }
            if can_save:
                keep = form.cleaned_data.get("save", False)
                actions.do_record_practice_attempt(
                    request.user,  # type: ignore[arg-type]
                    keep=keep,
                    exercise=exercise.code,
                    prompt_code=prompt.code,
                    **result,
                )
        else:
            prompt = exercise.prompt(request.POST.get("prompt", "")) or exercise.prompts[0]
    else:
        prompt = exercise.prompt(request.GET.get("prompt", ""))
        if prompt is None:
            prompt = secrets.choice(exercise.prompts)
        form = PracticeForm(
            initial={"prompt": prompt.code, "save": keep}, exercise=exercise, can_save=can_save
        )
    others = [p for p in exercise.prompts if p.code != prompt.code]
    context = {
        "exercise": exercise,
        "skill": get_skill(exercise.skill),
        "prompt": prompt,
        "form": form,
        "feedback": feedback,
        "choice_feedback": choice_feedback,
        "next_prompt": secrets.choice(others) if others else prompt,
    }
    template = "practice/exercise.html#coach" if request.htmx else "practice/exercise.html"
    return render(request, template, context)


@role_required(Role.PARTICIPANT)
def history(request: HttpRequest) -> HttpResponse:
    attempts = PracticeAttempt.objects.filter(user=request.user)[:100]
    titles = {exercise.code: exercise for exercise in all_exercises()}
    return render(request, "practice/history.html", {"attempts": attempts, "titles": titles})


def get_attempt_for_user(user: User, attempt_id: int) -> PracticeAttempt:
    """A participant's own saved attempt; anyone else's is a 404."""
    return get_object_or_404(PracticeAttempt, pk=attempt_id, user_id=user.pk)


@require_POST
@role_required(Role.PARTICIPANT)
def share_attempt(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = get_attempt_for_user(request.user, attempt_id)  # type: ignore[arg-type]
    actions.do_share_practice_attempt(attempt, request.POST.get("shared") == "1")
    return redirect("practice-history")


@require_POST
@role_required(Role.PARTICIPANT)
def delete_attempt(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = get_attempt_for_user(request.user, attempt_id)  # type: ignore[arg-type]
    actions.do_delete_practice_attempt(attempt)
    return redirect("practice-history")


@staff_required
def staff_activity(request: HttpRequest) -> HttpResponse:
    """Practice counts for the people in scope; texts only where the person shared them."""
    participants = (
        participants_for_user(request.user)  # type: ignore[arg-type]
        .annotate(
            attempts=Count("practice_attempts"),
            met=Count("practice_attempts", filter=Q(practice_attempts__meets_goal=True)),
            last_practice=Max("practice_attempts__created_at"),
        )
        .order_by("full_name", "email")
    )
    shared = (
        PracticeAttempt.objects.filter(
            shared_with_staff=True,
            user__in=participants_for_user(request.user),  # type: ignore[arg-type]
        )
        .select_related("user__program")
        .order_by("-created_at")[:50]
    )
    shared = list(shared)
    record_events(request.user, "practice.shared_attempt.view", shared, subject_of="user")
    titles = {exercise.code: exercise for exercise in all_exercises()}
    return render(
        request,
        "practice/staff_activity.html",
        {"participants": participants, "shared": shared, "titles": titles},
    )
