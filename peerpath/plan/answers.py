"""Reading questionnaire answers and their history."""

from __future__ import annotations

from collections import defaultdict

from peerpath.accounts.models import User
from peerpath.plan import questionnaire
from peerpath.plan.models import QuestionnaireAnswer


def answer_revisions(participant: User) -> dict[str, list[QuestionnaireAnswer]]:
    """Every question's revisions, newest first (one query)."""
    revisions: dict[str, list[QuestionnaireAnswer]] = defaultdict(list)
    for revision in QuestionnaireAnswer.objects.filter(participant=participant).order_by(
        "question", "-saved_at", "-id"
    ):
        revisions[revision.question].append(revision)
    return dict(revisions)


def current_values(revisions: dict[str, list[QuestionnaireAnswer]]) -> dict[str, str]:
    """Each known question's current answer (empty ones left out)."""
    return {
        code: found[0].value
        for code, found in revisions.items()
        if code in questionnaire.QUESTIONS_BY_CODE and found and found[0].value
    }
