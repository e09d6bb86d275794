from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from peerpath.accounts.access import get_participant_for_user, role_required, staff_required
from peerpath.accounts.models import Role
from peerpath.audit.actions import record_event
from peerpath.careers import actions, rules
from peerpath.careers.access import get_answer_for_user
from peerpath.careers.content import Question, interview_content
from peerpath.careers.forms import AnswerForm, FeedbackForm, TipsForm, WorksheetForm
from peerpath.careers.models import InterviewAnswer
from peerpath.careers.views.common import acting_user, draft_refused, draft_saved


@never_cache
@role_required(Role.PARTICIPANT)
def prepare_interview(request: HttpRequest) -> HttpResponse:
    """Interview tips to tick and the preparation worksheet, both saved as the person goes."""
    participant = acting_user(request)
    prep = actions.get_or_create_prep(participant)
    here = reverse("careers-prepare-interview")
    worksheet = WorksheetForm(initial=WorksheetForm.initial_from(prep))
    if request.method == "POST":
        if request.POST.get("form") == "tips":
            tips = TipsForm(request.POST)
            if tips.is_valid():
                actions.do_save_interview_tips(participant, tips.cleaned_data["tips"])
                return draft_saved(request, here + "#tips-heading")
            return draft_refused(request, tips)
        worksheet = WorksheetForm(request.POST)
        if worksheet.is_valid():
            actions.do_save_worksheet(participant, worksheet.values())
            return draft_saved(request, here + "#worksheet-heading")
        if request.htmx:  # type: ignore[attr-defined]
            return draft_refused(request, worksheet)
    content = interview_content()
    done, total = rules.prep_progress(prep.tips_checked, content.tip_codes, prep.sections_filled())
    return render(
        request,
        "careers/interview.html",
        {
            "tip_groups": content.tips_by_group(),
            "checked": set(prep.tips_checked),
            "worksheet": worksheet,
            "prep": prep,
            "done": done,
            "total": total,
        },
    )


def _question_or_404(code: str) -> Question:
    question = interview_content().question(code)
    if question is None:
        raise Http404
    return question


@never_cache
@role_required(Role.PARTICIPANT)
def list_questions(request: HttpRequest) -> HttpResponse:
    content = interview_content()
    answers = {
        answer.question: answer
        for answer in InterviewAnswer.objects.filter(participant=acting_user(request)).only(
            "question", "answer", "covered", "updated_at"
        )
    }
    groups = [
        (
            group,
            [
                (
                    question,
                    answers.get(question.code),
                    _coverage(question, answers.get(question.code)),
                )
                for question in questions
            ],
        )
        for group, questions in content.questions_by_group()
    ]
    return render(request, "careers/questions.html", {"groups": groups})


def _coverage(question: Question, answer: InterviewAnswer | None) -> tuple[int, int]:
    return rules.coverage(question.point_codes, answer.covered if answer else [])


@never_cache
@role_required(Role.PARTICIPANT)
def answer_question(request: HttpRequest, code: str) -> HttpResponse:
    """Write an answer, tick what it covers; autosaved, with a Save button without JavaScript."""
    question = _question_or_404(code)
    participant = acting_user(request)
    answer = get_answer_for_user(participant, question.code)
    here = reverse("careers-answer-question", args=[question.code])
    if request.method == "POST":
        form = AnswerForm(request.POST, question=question)
        if form.is_valid():
            actions.do_save_interview_answer(
                participant, question, form.cleaned_data["answer"], form.cleaned_data["covered"]
            )
            return draft_saved(request, here + "#review-heading")
        if request.htmx:  # type: ignore[attr-defined]
            return draft_refused(request, form)
    else:
        form = AnswerForm(
            initial={"answer": answer.answer, "covered": answer.covered} if answer else None,
            question=question,
        )
    return render(
        request,
        "careers/answer.html",
        {
            "question": question,
            "answer": answer,
            "form": form,
            "coverage": _coverage(question, answer),
            "feedback": list(answer.feedback.all()) if answer else [],
            "next_question": _next_question(question),
        },
    )


def _next_question(question: Question) -> Question | None:
    questions = interview_content().questions
    index = questions.index(question)
    return questions[index + 1] if index + 1 < len(questions) else None


@never_cache
@staff_required
def review_answer(request: HttpRequest, participant_id: int, code: str) -> HttpResponse:
    """Staff read a participant's practice answer and leave feedback for them."""
    staff = acting_user(request)
    participant = get_participant_for_user(staff, participant_id)
    question = _question_or_404(code)
    answer = get_answer_for_user(staff, question.code, participant_id)
    if answer is None:
        raise Http404
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_add_answer_feedback(staff, answer, form.cleaned_data["text"])
        messages.success(request, _("Your feedback is saved. The participant can read it now."))
        return redirect("careers-review-answer", participant_id, question.code)
    record_event(staff, "careers.answer.view", answer, subject=participant)
    return render(
        request,
        "careers/review_answer.html",
        {
            "participant": participant,
            "question": question,
            "answer": answer,
            "covered": set(answer.covered),
            "coverage": _coverage(question, answer),
            "feedback": list(answer.feedback.all()),
            "form": form,
        },
    )
