"""The functions the home page, caseload and record pages call, and their query counts."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from peerpath.accounts.roles import Role
from peerpath.conftest import make_user
from peerpath.plan import actions, summary
from peerpath.plan.models import ConfidenceCheckIn

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 5, 10)


def people(program, count, start=0):
    return [
        make_user(f"p{n}@example.org", Role.PARTICIPANT, program=program)
        for n in range(start, start + count)
    ]


def fill(person, n):
    for months in range(3):
        ConfidenceCheckIn.objects.create(
            participant=person,
            score=(n + months) % 10 + 1,
            on=TODAY - dt.timedelta(days=30 * months),
        )
    actions.ensure_starter_goal(person)
    goal = actions.do_add_goal(person, person, "Goal")
    actions.do_add_objective(person, goal, text="a", target_date=None, status="done")


def test_latest_confidence(participant, other_participant):
    ConfidenceCheckIn.objects.create(
        participant=participant, score=5, on=TODAY - dt.timedelta(days=60)
    )
    ConfidenceCheckIn.objects.create(participant=participant, score=3, on=TODAY)
    assert summary.latest_confidence([participant.pk, other_participant.pk]) == {
        participant.pk: 3,
        other_participant.pk: None,
    }
    assert summary.latest_confidence([]) == {}


def test_confidence_series_is_oldest_first(participant):
    for days, score in ((10, 7), (70, 5), (40, 6)):
        ConfidenceCheckIn.objects.create(
            participant=participant, score=score, on=TODAY - dt.timedelta(days=days)
        )
    assert summary.confidence_series(participant) == [
        (TODAY - dt.timedelta(days=70), 5),
        (TODAY - dt.timedelta(days=40), 6),
        (TODAY - dt.timedelta(days=10), 7),
    ]


def test_confidence_due(participant):
    assert summary.confidence_due(participant, TODAY)
    actions.do_record_confidence(participant, 6, dt.date(2026, 4, 11))
    assert not summary.confidence_due(participant, TODAY)
    assert summary.confidence_due(participant, dt.date(2026, 5, 11))
    participant.paused_until = dt.date(2026, 6, 1)
    assert not summary.confidence_due(participant, dt.date(2026, 5, 11))


def test_goals_progress(participant, other_participant):
    goal = actions.do_add_goal(participant, participant, "Goal")
    actions.do_add_objective(participant, goal, text="a", target_date=None, status="done")
    actions.do_add_objective(participant, goal, text="b", target_date=None, status="dropped")
    starter = actions.ensure_starter_goal(participant)
    step = starter.objectives.first()
    actions.do_update_objective(participant, step, text="", target_date=None, status="done")
    assert summary.goals_progress([participant.pk, other_participant.pk]) == {
        participant.pk: (2, 7),
        other_participant.pk: (0, 6),  # starter steps still to do
    }


def test_integration_functions_make_a_fixed_number_of_queries(program, count_queries):
    group = people(program, 5)
    for n, person in enumerate(group):
        fill(person, n)
    ids = [p.pk for p in group]

    def run(ids):
        summary.latest_confidence(ids)
        summary.goals_progress(ids)

    small = count_queries(lambda: run(ids))
    more = people(program, 45, start=5)
    for n, person in enumerate(more):
        fill(person, n)
    ids += [p.pk for p in more]
    assert count_queries(lambda: run(ids)) == small == 2
    person = group[0]
    assert count_queries(lambda: summary.confidence_series(person)) == 1
    assert count_queries(lambda: summary.confidence_due(person, TODAY)) == 1
    steps = count_queries(lambda: summary.next_plan_step(person, TODAY))
    for n in range(10):
        goal = actions.do_add_goal(person, person, f"Goal {n}")
        actions.do_add_objective(person, goal, text="x", target_date=None, status="not_started")
        ConfidenceCheckIn.objects.create(
            participant=person, score=5, on=TODAY - dt.timedelta(days=400 + n)
        )
    assert count_queries(lambda: summary.next_plan_step(person, TODAY)) == steps <= 4


def test_next_plan_step_labels_and_links(participant):
    assert summary.next_plan_step(participant, TODAY) == (
        "Answer the personal questionnaire",
        reverse("plan-show-questionnaire"),
    )
    actions.do_save_answers(participant, {"strengths": "Listening"})
    assert summary.next_plan_step(participant, TODAY) == (
        "Check in on your confidence",
        reverse("plan-record-confidence"),
    )
    actions.do_record_confidence(participant, 6, TODAY)
    goal = actions.do_add_goal(participant, participant, "Finish")
    actions.do_add_objective(
        participant, goal, text="Book a laptop", target_date=None, status="not_started"
    )
    label, url = summary.next_plan_step(participant, TODAY)
    assert label == "Set a target date for “Book a laptop”" and url == reverse(
        "plan-show-goal", args=[goal.pk]
    )
    actions.do_add_objective(
        participant,
        goal,
        text="Call Sam",
        target_date=TODAY + dt.timedelta(days=3),
        status="in_progress",
    )
    assert summary.next_plan_step(participant, TODAY)[0] == "Next: “Call Sam” by May 13, 2026"
    with translation.override("es"):
        assert summary.next_plan_step(participant, TODAY + dt.timedelta(days=5))[0] == (
            "Retome “Call Sam” (previsto para el 13 de mayo de 2026)"
        )


def test_next_plan_step_ends_with_the_competencies_and_then_nothing(participant, reference_data):
    actions.do_save_answers(participant, {"strengths": "Listening"})
    actions.do_record_confidence(participant, 6, TODAY)
    assert (
        summary.next_plan_step(participant, TODAY)[0]
        == "Rate yourself on the peer worker competencies"
    )
    assessment = actions.do_start_assessment(participant, participant)
    assert (
        summary.next_plan_step(participant, TODAY)[0] == "Continue your competency self-assessment"
    )
    from peerpath.plan.tests.test_competencies import rate_all

    rate_all(assessment, 2)
    actions.do_finish_assessment(participant, assessment, {})
    assert summary.next_plan_step(participant, TODAY) is None


def test_chart_include_draws_every_check_in_and_a_table():
    series = [(TODAY - dt.timedelta(days=60), 5), (TODAY - dt.timedelta(days=30), 6), (TODAY, 7)]
    html = render_to_string("plan/_confidence_chart.html", {"series": series})
    assert html.count("<circle") == 3 and html.count("<tr>") == 4
    assert (
        'role="img"' in html
        and "Confidence over time: 5 on March 11, 2026, 7 on May 10, 2026" in html
    )
    assert '<time datetime="2026-05-10">' in html
    assert "No confidence check-ins yet." in render_to_string(
        "plan/_confidence_chart.html", {"series": []}
    )
    one = render_to_string("plan/_confidence_chart.html", {"series": series[-1:]})
    assert "Confidence: 7 on May 10, 2026." in one


def test_goals_summary_include():
    html = render_to_string(
        "plan/_goals_summary.html", {"progress": (2, 7), "goals_url": "/plan/goals/"}
    )
    assert "2 of 7 plan steps done" in html and '<progress value="2" max="7"' in html
    assert 'href="/plan/goals/"' in html
    assert "0 of 0" in render_to_string("plan/_goals_summary.html", {"progress": (0, 0)})


def test_confidence_page_records_a_check_in_once_a_day(client, participant):
    client.force_login(participant)
    url = reverse("plan-record-confidence")
    assert client.post(url, {"score": "4"}).status_code == 302
    client.post(url, {"score": "6"})
    check_in = ConfidenceCheckIn.objects.get()
    assert (check_in.score, check_in.on) == (6, timezone.localdate())
    html = client.get(url).content.decode()
    assert "You already checked in today" in html and "<td>6</td>" in html


@pytest.mark.parametrize("score", ["", "0", "11", "six", "5.5"])
def test_confidence_page_refuses_bad_scores(client, participant, score):
    client.force_login(participant)
    response = client.post(reverse("plan-record-confidence"), {"score": score})
    assert response.status_code == 200
    assert "Choose a number from 1 to 10." in response.content.decode()
    assert not ConfidenceCheckIn.objects.exists()


def test_overview_offers_the_check_in_when_due(client, participant):
    client.force_login(participant)
    html = client.get(reverse("plan-show-plan")).content.decode()
    assert "Save check-in" in html and "Next step" in html
    actions.do_record_confidence(participant, 6, timezone.localdate())
    html = client.get(reverse("plan-show-plan")).content.decode()
    assert "Save check-in" not in html and "Your next monthly check-in is from" in html


def test_plan_objectives_match_goals_progress_and_open_objectives(participant, count_queries):
    from peerpath.plan.models import Goal

    assert summary.plan_objectives(participant) == ((0, 6), [])
    actions.ensure_starter_goal(participant)
    goal = actions.do_add_goal(participant, participant, "Goal")
    actions.do_add_objective(participant, goal, text="a", target_date=None, status="done")
    actions.do_add_objective(participant, goal, text="b", target_date=TODAY, status="in_progress")
    actions.do_add_objective(participant, goal, text="c", target_date=None, status="dropped")
    aside = actions.do_add_goal(participant, participant, "Later")
    actions.do_add_objective(participant, aside, text="d", target_date=None, status="not_started")
    Goal.objects.filter(pk=aside.pk).update(set_aside=True)
    found = summary.plan_objectives(participant)
    assert found == (
        summary.goals_progress([participant.pk])[participant.pk],
        summary.open_objectives(participant),
    )
    assert [o.label for o in found[1]][-1] == "b"
    assert count_queries(lambda: summary.plan_objectives(participant)) == 1
    # Passing what the page already read gives the same step, with fewer queries.
    last = summary.confidence_series(participant)[-1:]
    given = {"last_check_in": last[0][0] if last else None, "objectives": found[1]}
    assert summary.next_plan_step(participant, TODAY, **given) == summary.next_plan_step(
        participant, TODAY
    )
    assert count_queries(lambda: summary.next_plan_step(participant, TODAY, **given)) == 2


def test_answered_count_is_the_number_of_current_answers(participant):
    from peerpath.plan.answers import answer_revisions, answered_count, current_values
    from peerpath.plan.models import QuestionnaireAnswer

    def both():
        return answered_count(participant), len(current_values(answer_revisions(participant)))

    assert both() == (0, 0)
    actions.do_save_answers(participant, {"strengths": "Listening"})
    assert both() == (1, 1)
    now = timezone.now()
    # A newer empty revision clears the answer; an unknown question never counts.
    QuestionnaireAnswer.objects.create(
        participant=participant,
        question="strengths",
        value="",
        version=1,
        saved_at=now + dt.timedelta(hours=1),
    )
    QuestionnaireAnswer.objects.create(
        participant=participant, question="retired-question", value="x", version=1, saved_at=now
    )
    assert both() == (0, 0)
