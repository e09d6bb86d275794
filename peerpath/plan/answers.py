"""Reading questionnaire answers and their history."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import BooleanField, ExpressionWrapper, Q

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


def answered_count(participant: User) -> int:
    """How many known questions have a current answer that is not empty: the same
    as `len(current_values(answer_revisions(participant)))`, in one query that
    decrypts nothing (an empty answer is stored empty)."""
    latest_blank: dict[str, bool] = {}
    rows = (
        QuestionnaireAnswer.objects.filter(
            participant=participant, question__in=list(questionnaire.QUESTIONS_BY_CODE)
        )
        .annotate(blank=ExpressionWrapper(Q(value=""), output_field=BooleanField()))
        .order_by("question", "-saved_at", "-id")
        .values_list("question", "blank")
    )
    for code, blank in rows:
        latest_blank.setdefault(code, blank)
    return sum(not blank for blank in latest_blank.values())
