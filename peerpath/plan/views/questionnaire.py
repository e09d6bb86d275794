from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from peerpath.accounts.access import role_required, staff_required
from peerpath.accounts.models import Role, User
from peerpath.plan import questionnaire, rules, summary
from peerpath.plan.actions import do_record_confidence, do_save_answers
from peerpath.plan.answers import answer_revisions, current_values
from peerpath.plan.forms import ConfidenceForm, QuestionnaireForm
from peerpath.plan.models import QuestionnaireAnswer
from peerpath.plan.views.common import person_for_staff, plan_context, viewer


def _history(revisions: dict[str, list[QuestionnaireAnswer]]) -> dict[str, list[dict[str, object]]]:
    """Earlier answers per question, newest first, as the person should read them."""
    return {
        code: [
            {
                "value": questionnaire.QUESTIONS_BY_CODE[code].display(r.value),
                "saved_at": r.saved_at,
            }
            for r in found[1:]
        ]
        for code, found in revisions.items()
        if code in questionnaire.QUESTIONS_BY_CODE
    }


def _save(participant: User, form: QuestionnaireForm) -> bool:
    """Save what is valid (never drop good answers because another one is wrong)."""
    changed = do_save_answers(participant, form.answers())
    score = form.confidence()
    if score is not None:
        last = summary.confidence_series(participant)[-1:]
        if not last or last[0][1] != score:
            do_record_confidence(participant, score, timezone.localdate())
            changed.append(questionnaire.CONFIDENCE_CODE)
    return bool(changed)


@never_cache
@role_required(Role.PARTICIPANT)
def show_questionnaire(request: HttpRequest) -> HttpResponse:
    """The questionnaire, saved as the person types (htmx) or with the Save button."""
    participant = viewer(request)
    if request.method == "POST":
        form = QuestionnaireForm(request.POST)
        form.is_valid()
        _save(participant, form)
        if request.htmx:
            loaded = form.loaded_values()
            return render(
                request,
                "plan/_save_status.html",
                {
                    "form": form,
                    "saved_at": timezone.localtime(),
                    "saved": [(code, loaded[code]) for code in form.sent_codes()],
                },
            )
        if not form.errors:
            messages.success(request, _("Your answers are saved. You can change them any time."))
            return redirect("plan-show-questionnaire")
    revisions = answer_revisions(participant)
    series = summary.confidence_series(participant)
    if request.method != "POST":
        initial: dict[str, object] = dict(current_values(revisions))
        if series:
            initial[questionnaire.CONFIDENCE_CODE] = series[-1][1]
        form = QuestionnaireForm(initial=initial)
    context = plan_context(
        participant,
        True,
        form=form,
        loaded=form.loaded_values(),
        history=_history(revisions),
        series=series,
    )
    return render(request, "plan/questionnaire.html", context)


@never_cache
@staff_required
def show_person_questionnaire(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = person_for_staff(request, participant_id, "plan.questionnaire.view")
    revisions = answer_revisions(participant)
    history = _history(revisions)
    values = current_values(revisions)
    series = summary.confidence_series(participant)
    rows = [
        {
            "question": q,
            "answer": q.display(values.get(q.code, "")),
            "history": history.get(q.code, []),
        }
        for q in questionnaire.QUESTIONS
    ]
    context = plan_context(participant, False, rows=rows, series=series, parts=questionnaire.PARTS)
    return render(request, "plan/person_questionnaire.html", context)


@never_cache
@role_required(Role.PARTICIPANT)
def record_confidence(request: HttpRequest) -> HttpResponse:
    """The monthly check-in: how confident do you feel about completing the training?"""
    participant = viewer(request)
    today = timezone.localdate()
    form = ConfidenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_record_confidence(participant, form.cleaned_data["score"], today)
        messages.success(request, _("Thank you. Your check-in is saved."))
        return redirect("plan-record-confidence")
    series = summary.confidence_series(participant)
    last = series[-1][0] if series else None
    context = plan_context(
        participant,
        True,
        form=form,
        series=series,
        due=rules.is_confidence_due(last, today, participant.paused_until),
        next_due=rules.confidence_next_due(last),
        checked_in_today=last == today,
    )
    return render(request, "plan/confidence.html", context)
