"""A participant's careers at a glance, for the home page and the staff record page.

`careers_summary(participant)` makes the same number of queries whatever the
data (five). Staff pages that show it must audit the read themselves, as they
do for the rest of the record.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Prefetch
from django.utils import timezone

from peerpath.accounts.models import User
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


def careers_summary(participant: User) -> dict[str, Any]:
    """Résumés, interview preparation and the current job with its next follow-up.

    Keys: participant_id, resume_count, resume_updated_at, prep_done, prep_total,
    practice_answered, practice_total, placement (the current JobPlacement or None),
    next_follow_up (rules.FollowUpDue or None), follow_up_state ("upcoming", "due",
    "overdue" or None).
    """
    content = interview_content()
    resumes = Resume.objects.filter(participant=participant).aggregate(
        count=Count("id"), updated=Max("updated_at")
    )
    prep = InterviewPrep.objects.filter(participant=participant).first()
    done, total = rules.prep_progress(
        prep.tips_checked if prep else [],
        content.tip_codes,
        prep.sections_filled() if prep else [False] * WORKSHEET_SECTIONS,
    )
    questions = {question.code for question in content.questions}
    answered = sum(
        code in questions
        for code in InterviewAnswer.objects.filter(participant=participant)
        .exclude(answer="")
        .values_list("question", flat=True)
    )
    placement = (
        JobPlacement.objects.filter(participant=participant, status=JobPlacement.Status.WORKING)
        .filter(end_date__isnull=True)
        .select_related("employer_type", "job_title")
        .prefetch_related(
            Prefetch("follow_ups", queryset=FollowUp.objects.only("milestone", "placement_id"))
        )
        .first()
    )
    today = timezone.localdate()
    next_follow_up = placement.next_follow_up(today) if placement else None
    return {
        "participant_id": participant.pk,
        "resume_count": resumes["count"],
        "resume_updated_at": resumes["updated"],
        "prep_done": done,
        "prep_total": total,
        "practice_answered": answered,
        "practice_total": len(questions),
        "placement": placement,
        "next_follow_up": next_follow_up,
        "follow_up_state": next_follow_up.state(today) if next_follow_up else None,
    }
