import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from peerpath.accounts.models import User
from peerpath.plan import summary
from peerpath.plan.models import (
    CompetencyAssessment,
    ConfidenceCheckIn,
    GoalComment,
    QuestionnaireAnswer,
)

pytestmark = pytest.mark.django_db


def test_demo_plans(client):
    call_command("serve", "--demo", "--no-serve", stdout=io.StringIO())
    call_command("serve", "--demo", "--no-serve", stdout=io.StringIO())  # idempotent
    jordan = User.objects.get(email="participant@demo.peerpath.org")
    maya = User.objects.get(email="maya@demo.peerpath.org")
    luis = User.objects.get(email="luis@demo.peerpath.org")
    assert [score for _on, score in summary.confidence_series(jordan)] == [5, 6, 6, 7]
    assert summary.latest_confidence([maya.pk, luis.pk]) == {maya.pk: 3, luis.pk: 8}
    assert (
        QuestionnaireAnswer.objects.filter(participant=jordan).values("question").distinct().count()
        == 16
    )
    assert CompetencyAssessment.objects.filter(participant=jordan, perspective="self").count() == 2
    assert CompetencyAssessment.objects.filter(participant=jordan, perspective="staff").count() == 1
    assert GoalComment.objects.filter(goal__participant=jordan, author=jordan.advocate).count() == 1
    done, total = summary.goals_progress([jordan.pk])[jordan.pk]
    assert 0 < done < total
    assert not summary.confidence_due(jordan, ConfidenceCheckIn.objects.latest("on").on)
    client.force_login(luis)
    html = client.get(reverse("plan-list-goals")).content.decode()
    assert "Terminar la capacitación de 80 horas" in html and 'lang="es"' in html
    client.force_login(jordan)
    html = client.get(reverse("plan-show-competencies")).content.decode()
    assert "up " in html and "Sam’s view (staff)" in html
