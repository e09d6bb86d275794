from __future__ import annotations

from django.db import transaction

from peerpath.accounts.models import User
from peerpath.practice.models import PracticeAttempt, PracticeProfile


@transaction.atomic
def do_record_practice_attempt(
    user: User,
    *,
    keep: bool,
    exercise: str,
    prompt_code: str,
    meets_goal: bool,
    response: str = "",
    choice: str = "",
    label: str = "",
    subtype: str | None = None,
    confidence: float | None = None,
) -> PracticeAttempt | None:
    """Remember the person's choice about history, and save the attempt only if they chose to."""
    PracticeProfile.objects.update_or_create(user=user, defaults={"keep_history": keep})
    if not keep:
        return None
    return PracticeAttempt.objects.create(
        user=user,
        exercise=exercise,
        prompt_code=prompt_code,
        response=response,
        choice=choice,
        label=label,
        subtype=subtype or "",
        confidence=confidence,
        meets_goal=meets_goal,
    )


def do_share_practice_attempt(attempt: PracticeAttempt, shared: bool) -> None:
    attempt.shared_with_staff = shared
    attempt.save(update_fields=["shared_with_staff"])


def do_delete_practice_attempt(attempt: PracticeAttempt) -> None:
    attempt.delete()
