"""Every plan page for every role: own plan only, caseload, organization, 404 otherwise."""

import pytest
from django.urls import reverse

from peerpath.audit.models import AuditEvent
from peerpath.plan import actions
from peerpath.plan.models import CompetencyAssessment, GoalComment
from peerpath.plan.tests.test_competencies import rate_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(participant, reference_data):
    """Ana's plan: a goal, a finished self-assessment and a draft."""
    actions.do_save_answers(participant, {"strengths": "Ana's secret strength"})
    goal = actions.do_add_goal(participant, participant, "Ana's goal")
    done = actions.do_start_assessment(participant, participant)
    rate_all(done, 3)
    actions.do_finish_assessment(participant, done, {})
    draft = actions.do_start_assessment(participant, participant)
    return {"goal": goal, "done": done, "draft": draft}


def own_pages(plan):
    return [
        reverse("plan-show-plan"),
        reverse("plan-show-questionnaire"),
        reverse("plan-record-confidence"),
        reverse("plan-list-goals"),
        reverse("plan-show-goal", args=[plan["goal"].pk]),
        reverse("plan-show-competencies"),
        reverse("plan-show-assessment", args=[plan["done"].pk]),
        reverse("plan-show-assessment", args=[plan["draft"].pk]),
        reverse("plan-rate-assessment", args=[plan["draft"].pk, "samhsa-1"]),
    ]


def staff_pages(person, plan):
    pk = person.pk
    return [
        reverse("plan-show-person-plan", args=[pk]),
        reverse("plan-show-person-questionnaire", args=[pk]),
        reverse("plan-list-person-goals", args=[pk]),
        reverse("plan-show-person-goal", args=[pk, plan["goal"].pk]),
        reverse("plan-show-person-competencies", args=[pk]),
        reverse("plan-show-person-assessment", args=[pk, plan["done"].pk]),
    ]


def test_participant_reaches_their_own_plan(client, participant, plan):
    client.force_login(participant)
    for url in own_pages(plan):
        assert client.get(url).status_code == 200, url


def test_another_participant_gets_404_for_ana_s_records_and_never_sees_them(
    client, other_participant, participant, plan
):
    client.force_login(other_participant)
    for url in own_pages(plan)[4:]:
        if url.endswith(("/plan/competencies/",)):
            continue
        assert client.get(url).status_code == 404, url
    for url in own_pages(plan)[:4]:
        assert "Ana" not in client.get(url).content.decode(), url
    for url in staff_pages(participant, plan):
        assert client.get(url).status_code == 404, url
    goal = plan["goal"]
    response = client.post(
        reverse("plan-show-goal", args=[goal.pk]), {"form": "comment", "comment-body": "hi"}
    )
    assert response.status_code == 404 and not GoalComment.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, participant, plan):
    for url in own_pages(plan) + staff_pages(participant, plan):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), url


@pytest.mark.parametrize("who", ["advocate", "coordinator", "site_admin"])
def test_staff_cannot_open_participant_pages(client, request, participant, plan, who):
    client.force_login(request.getfixturevalue(who))
    for url in own_pages(plan):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("advocate", 200),  # Ana is on the advocate's caseload
        ("other_advocate", 404),  # same organization, not their caseload
        ("coordinator", 200),
        ("other_coordinator", 404),
        ("site_admin", 200),
    ],
)
def test_staff_pages_by_role_and_reads_are_audited(client, request, caseload, plan, who, status):
    staff = request.getfixturevalue(who)
    client.force_login(staff)
    for url in staff_pages(caseload, plan):
        assert client.get(url).status_code == status, url
    events = AuditEvent.objects.filter(actor=staff, subject=caseload)
    if status == 200:
        assert set(events.values_list("action", flat=True)) == {
            "plan.overview.view",
            "plan.questionnaire.view",
            "plan.goals.view",
            "plan.goal.view",
            "plan.competencies.view",
            "plan.assessment.view",
        }
    else:
        assert not events.exists()


@pytest.mark.parametrize("who", ["other_advocate", "other_coordinator"])
def test_staff_out_of_scope_cannot_comment_or_add_a_view(client, request, caseload, plan, who):
    client.force_login(request.getfixturevalue(who))
    pk = caseload.pk
    url = reverse("plan-show-person-goal", args=[pk, plan["goal"].pk])
    assert client.post(url, {"form": "comment", "comment-body": "hi"}).status_code == 404
    assert client.post(reverse("plan-start-person-assessment", args=[pk])).status_code == 404
    assert not GoalComment.objects.exists()
    assert CompetencyAssessment.objects.filter(perspective="staff").count() == 0


def test_a_guessed_goal_of_someone_else_under_a_person_in_scope_is_404(
    client, caseload, other_participant, advocate, plan
):
    other_participant.advocate = advocate
    other_participant.save()
    theirs = actions.do_add_goal(other_participant, other_participant, "Ben's goal")
    client.force_login(advocate)
    url = reverse("plan-show-person-goal", args=[caseload.pk, theirs.pk])
    assert client.get(url).status_code == 404
    assessment = reverse(
        "plan-show-person-assessment", args=[other_participant.pk, plan["done"].pk]
    )
    assert client.get(assessment).status_code == 404


def test_staff_pages_never_offer_the_participant_s_own_edit_forms(client, caseload, advocate, plan):
    client.force_login(advocate)
    html = client.get(
        reverse("plan-show-person-questionnaire", args=[caseload.pk])
    ).content.decode()
    assert "Ana&#x27;s secret strength" in html and "<textarea" not in html
    overview = client.get(reverse("plan-show-person-plan", args=[caseload.pk])).content.decode()
    assert "Save check-in" not in overview and "Next step" not in overview


def test_staff_person_pages_queries_do_not_grow(client, caseload, advocate, plan, count_queries):
    client.force_login(advocate)
    urls = staff_pages(caseload, plan)
    for url in urls:
        client.get(url)
    before = [count_queries(lambda url=url: client.get(url)) for url in urls]
    for n in range(6):
        goal = actions.do_add_goal(caseload, caseload, f"Goal {n}")
        actions.do_add_objective(caseload, goal, text="x", target_date=None, status="done")
        actions.do_add_goal_comment(advocate, plan["goal"], f"comment {n}")
        actions.do_save_answers(caseload, {"skills": f"skill {n}"})
    after = [count_queries(lambda url=url: client.get(url)) for url in urls]
    assert after == before
