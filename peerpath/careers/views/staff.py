from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Max, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from peerpath.accounts.access import get_participant_for_user, participants_for_user, staff_required
from peerpath.audit.actions import record_event, record_events
from peerpath.careers import rules
from peerpath.careers.content import interview_content
from peerpath.careers.models import (
    WORKSHEET_SECTIONS,
    FollowUp,
    InterviewAnswer,
    InterviewPrep,
    JobPlacement,
    Resume,
)
from peerpath.careers.summary import careers_summary
from peerpath.careers.views.common import acting_user
from peerpath.careers.views.placements import follow_up_rows


def _current(placements: list[JobPlacement]) -> JobPlacement | None:
    return next((p for p in placements if p.is_current), None)


@never_cache
@staff_required
def list_people(request: HttpRequest) -> HttpResponse:
    """Everyone in scope with résumés, interview preparation, job and next follow-up.

    Sorted by the next follow-up (soonest first); `?due=1` keeps only follow-ups
    due now or overdue. The number of queries does not depend on the number of people.
    """
    staff = acting_user(request)
    today = timezone.localdate()
    content = interview_content()
    people = (
        participants_for_user(staff)
        .select_related("interview_prep", "advocate", "program")
        .annotate(
            resume_count=Count("resumes", distinct=True),
            answered=Count(
                "interview_answers", filter=~Q(interview_answers__answer=""), distinct=True
            ),
        )
        .prefetch_related(
            Prefetch(
                "job_placements",
                queryset=JobPlacement.objects.select_related("job_title").prefetch_related(
                    Prefetch(
                        "follow_ups", queryset=FollowUp.objects.only("milestone", "placement_id")
                    )
                ),
            )
        )
        .order_by("full_name", "email")
    )
    rows = []
    shown: list[JobPlacement] = []
    for person in people:
        placements = list(person.job_placements.all())
        current = _current(placements)
        prep = getattr(person, "interview_prep", None)
        done, total = rules.prep_progress(
            prep.tips_checked if prep else [],
            content.tip_codes,
            prep.sections_filled() if prep else [False] * WORKSHEET_SECTIONS,
        )
        follow_up = current.next_follow_up(today) if current else None
        state = follow_up.state(today) if follow_up else None
        if request.GET.get("due") and state not in (rules.DUE, rules.OVERDUE):
            continue
        if current is not None:
            shown.append(current)
        rows.append(
            {
                "person": person,
                "placement": current,
                "latest": placements[0] if placements else None,
                "follow_up": follow_up,
                "state": state,
                "prep_done": done,
                "prep_total": total,
            }
        )
    rows.sort(
        key=lambda r: (
            r["follow_up"] is None,
            r["follow_up"].due_on if r["follow_up"] else dt.date.max,
            r["person"].display_name.lower(),
        )
    )
    record_events(staff, "careers.placement.view", shown, subject_of="participant")
    return render(
        request,
        "careers/people.html",
        {
            "rows": rows,
            "today": today,
            "only_due": bool(request.GET.get("due")),
            "practice_total": len(content.questions),
        },
    )


@never_cache
@staff_required
def show_person(request: HttpRequest, participant_id: int) -> HttpResponse:
    """One participant's careers record: résumés, preparation, practice answers, jobs."""
    staff = acting_user(request)
    participant = get_participant_for_user(staff, participant_id)
    content = interview_content()
    prep = (
        InterviewPrep.objects.filter(participant=participant)
        .select_related("participant__program")
        .first()
    )
    answers = {
        a.question: a
        for a in InterviewAnswer.objects.filter(participant=participant)
        .exclude(answer="")
        .annotate(feedback_count=Count("feedback"), last_feedback=Max("feedback__created_at"))
    }
    answer_rows = [
        (
            question,
            answers[question.code],
            rules.coverage(question.point_codes, answers[question.code].covered),
        )
        for question in content.questions
        if question.code in answers
    ]
    placements = list(
        JobPlacement.objects.filter(participant=participant)
        .select_related("employer_type", "job_title", "participant__program")
        .prefetch_related("follow_ups")
    )
    today = timezone.localdate()
    # One row for the page, whether or not the person has a job or a worksheet yet.
    record_event(staff, "careers.record.view", participant, subject=participant)
    context: dict[str, Any] = {
        "participant": participant,
        "careers": careers_summary(participant),
        "resumes": Resume.objects.filter(participant=participant).only(
            "title", "language", "updated_at", "participant_id"
        ),
        "prep": prep,
        "tips": [tip for tip in content.tips if prep and tip.code in prep.tips_checked],
        "tip_total": len(content.tips),
        "answer_rows": answer_rows,
        "placements": [(p, follow_up_rows(p, today)) for p in placements],
    }
    return render(request, "careers/person.html", context)
