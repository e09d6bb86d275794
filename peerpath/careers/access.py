"""Who may see which careers record, built on accounts.access.

A participant sees their own records. Staff see the records of participants
returned by `participants_for_user()` (an advocate's caseload, a coordinator's
or organization administrator's organization, everyone for an installation
administrator). Everything else is a 404.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from peerpath.accounts.access import get_participant_for_user
from peerpath.accounts.models import Role, User
from peerpath.careers.models import InterviewAnswer, JobPlacement, Resume


def owner_for(user: User, participant_id: int | None) -> User:
    """The participant whose records a page shows: oneself, or one in the staff member's scope."""
    if participant_id is None:
        if user.role != Role.PARTICIPANT:
            raise Http404
        return user
    return get_participant_for_user(user, participant_id)


def advocate_for(participant: User) -> User | None:
    """The participant's advocate, while they may still see the participant's records.

    An advocate who has left, changed role or moved to another organization keeps
    the link until someone reassigns the caseload; they must not be told about it.
    """
    advocate = participant.advocate
    program = participant.program
    if (
        advocate is None
        or not advocate.is_active
        or advocate.role != Role.ADVOCATE
        or program is None
        or advocate.organization_id != program.organization_id
    ):
        return None
    return advocate


def get_resume_for_user(user: User, resume_id: int, participant_id: int | None = None) -> Resume:
    owner = owner_for(user, participant_id)
    return get_object_or_404(
        Resume.objects.select_related("participant__program"), pk=resume_id, participant=owner
    )


def get_placement_for_user(
    user: User, placement_id: int, participant_id: int | None = None
) -> JobPlacement:
    owner = owner_for(user, participant_id)
    return get_object_or_404(
        JobPlacement.objects.select_related(
            "participant__program", "participant__advocate", "employer_type", "job_title"
        ).prefetch_related("follow_ups"),
        pk=placement_id,
        participant=owner,
    )


def get_answer_for_user(
    user: User, question: str, participant_id: int | None = None
) -> InterviewAnswer | None:
    owner = owner_for(user, participant_id)
    return (
        InterviewAnswer.objects.filter(participant=owner, question=question)
        .prefetch_related("feedback__author")
        .first()
    )
