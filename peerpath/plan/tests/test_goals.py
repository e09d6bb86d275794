"""Goals and objectives: the starter checklist, edits with history, comments."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.audit.models import AuditEvent
from peerpath.notifications.models import Notification
from peerpath.plan import actions
from peerpath.plan.checklist import STARTER_GOAL_CODE, STARTER_ITEMS
from peerpath.plan.models import Goal, GoalChange, GoalComment, Objective

pytestmark = pytest.mark.django_db

GOALS = reverse("plan-list-goals")


def goal_url(goal):
    return reverse("plan-show-goal", args=[goal.pk])


def test_first_visit_creates_the_six_step_starter_checklist_once(client, participant):
    client.force_login(participant)
    html = client.get(GOALS).content.decode()
    client.get(reverse("plan-show-plan"))
    goal = Goal.objects.get(participant=participant)
    assert goal.code == STARTER_GOAL_CODE
    assert [o.code for o in goal.objectives.all()] == [code for code, _label in STARTER_ITEMS]
    assert "Complete the training" in html and "Make a schedule for the training" in html
    assert "0 of 6 plan steps done" in html


def test_the_starter_checklist_follows_the_reader_s_language(client, participant):
    actions.ensure_starter_goal(participant)
    client.cookies["peerpath_language"] = "es"
    participant.language = "es"
    participant.save()
    client.force_login(participant)
    html = client.get(GOALS).content.decode()
    assert "Completar la capacitación" in html
    assert "Hacer un horario para la capacitación" in html


def test_participant_writes_a_goal_with_objectives(client, participant):
    client.force_login(participant)
    response = client.post(GOALS, {"title": "Finish the core training", "why": "For my family"})
    goal = Goal.objects.get(title="Finish the core training")
    assert response.url == goal_url(goal)
    target = timezone.localdate() + dt.timedelta(days=30)
    client.post(
        goal_url(goal),
        {
            "form": "new-objective",
            "new-text": "Attend every session",
            "new-target_date": target.isoformat(),
            "new-status": "in_progress",
        },
    )
    objective = goal.objectives.get()
    assert (objective.text, objective.target_date, objective.status) == (
        "Attend every session",
        target,
        "in_progress",
    )
    html = client.get(goal_url(goal)).content.decode()
    assert "For my family" in html and "Attend every session" in html
    assert "0 of 1 plan step done" in html


def test_changes_keep_history_with_who_and_what(client, participant):
    goal = actions.do_add_goal(participant, participant, "Get a job", "")
    objective = actions.do_add_objective(
        participant, goal, text="Draft my résumé", target_date=None, status="not_started"
    )
    client.force_login(participant)
    client.post(
        goal_url(goal),
        {
            "form": "objective",
            "objective": objective.pk,
            f"objective-{objective.pk}-text": "Draft my résumé",
            f"objective-{objective.pk}-target_date": "2026-07-01",
            f"objective-{objective.pk}-status": "done",
        },
    )
    client.post(
        goal_url(goal), {"form": "goal", "goal-title": "Get a peer support job", "goal-why": ""}
    )
    change = GoalChange.objects.filter(action="objective.update").get()
    assert change.actor == participant
    assert change.changes == {
        "target_date": [None, "2026-07-01"],
        "status": ["not_started", "done"],
    }
    html = client.get(goal_url(goal)).content.decode()
    assert "Status: Not started → Done" in html
    assert "Target date: (none) → July 1, 2026" in html
    assert "Goal: Get a job → Get a peer support job" in html
    assert "Ana Ruiz changed an objective" in html


def test_saving_without_changes_adds_no_history(participant):
    goal = actions.do_add_goal(participant, participant, "Get a job")
    assert actions.do_update_goal(participant, goal, title="Get a job", why="") == {}
    assert GoalChange.objects.filter(goal=goal).count() == 1


def test_starter_steps_keep_their_wording(client, participant):
    goal = actions.ensure_starter_goal(participant)
    step = goal.objectives.get(code="schedule")
    client.force_login(participant)
    client.post(
        goal_url(goal),
        {
            "form": "objective",
            "objective": step.pk,
            f"objective-{step.pk}-text": "Something else",
            f"objective-{step.pk}-status": "done",
        },
    )
    step.refresh_from_db()
    assert (step.text, step.status, step.label) == ("", "done", "Make a schedule for the training")


def test_dropped_objectives_and_goals_set_aside_leave_progress(client, participant):
    goal = actions.do_add_goal(participant, participant, "Learn to drive")
    actions.do_add_objective(
        participant, goal, text="Book lessons", target_date=None, status="done"
    )
    actions.do_add_objective(
        participant, goal, text="Buy a car", target_date=None, status="dropped"
    )
    client.force_login(participant)
    assert "1 of 7 plan steps done" in client.get(GOALS).content.decode()
    client.post(goal_url(goal), {"form": "set-aside"})
    html = client.get(GOALS).content.decode()
    assert "0 of 6 plan steps done" in html and "Set aside" in html
    client.post(goal_url(goal), {"form": "restore"})
    assert not Goal.objects.get(pk=goal.pk).set_aside
    assert list(GoalChange.objects.filter(goal=goal).values_list("action", flat=True)[:2]) == [
        "goal.restore",
        "goal.set_aside",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"form": "new-objective", "new-text": "", "new-status": "done"}, "Write the objective."),
        ({"form": "new-objective", "new-text": "x" * 301, "new-status": "done"}, "300 characters"),
        (
            {"form": "new-objective", "new-text": "A", "new-status": "finished"},
            "Choose one of the statuses shown.",
        ),
        (
            {
                "form": "new-objective",
                "new-text": "A",
                "new-status": "done",
                "new-target_date": "0001-01-01",
            },
            "Choose a date between",
        ),
        (
            {
                "form": "new-objective",
                "new-text": "A",
                "new-status": "done",
                "new-target_date": "31/02/2026",
            },
            "Enter a date like",
        ),
        ({"form": "goal", "goal-title": ""}, "Write your goal."),
        ({"form": "comment", "comment-body": "   "}, "Write a comment first."),
        ({"form": "comment", "comment-body": "x" * 2001}, "2000 characters or fewer"),
        ({"form": "made-up", "goal-title": "Changed"}, "Add an objective"),
        ({}, "Add an objective"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(client, participant, data, message):
    goal = actions.do_add_goal(participant, participant, "Get a job")
    client.force_login(participant)
    response = client.post(goal_url(goal), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Objective.objects.filter(goal=goal).exists()
    assert Goal.objects.get(pk=goal.pk).title == "Get a job"
    assert not GoalComment.objects.exists()


def test_an_objective_of_someone_else_s_goal_is_404(client, participant, other_participant):
    mine = actions.do_add_goal(participant, participant, "Mine")
    theirs = actions.do_add_goal(other_participant, other_participant, "Theirs")
    objective = actions.do_add_objective(
        other_participant, theirs, text="Secret", target_date=None, status="not_started"
    )
    client.force_login(participant)
    for value in (objective.pk, "not-a-number", ""):
        response = client.post(
            goal_url(mine),
            {"form": "objective", "objective": value, f"objective-{value}-status": "done"},
        )
        assert response.status_code == 404
    assert Objective.objects.get(pk=objective.pk).status == "not_started"


def test_advocate_comments_and_the_participant_sees_it_and_is_told(client, caseload, advocate):
    goal = actions.do_add_goal(caseload, caseload, "Finish training")
    client.force_login(advocate)
    url = reverse("plan-show-person-goal", args=[caseload.pk, goal.pk])
    html = client.get(url).content.decode()
    assert "Ana Ruiz will see this comment." in html
    assert "Edit the goal" not in html  # staff comment, they do not edit
    client.post(url, {"form": "comment", "comment-body": "Proud of you. Let's plan the exam."})
    comment = GoalComment.objects.get()
    assert comment.author == advocate
    assert AuditEvent.objects.filter(
        action="plan.goal.comment", actor=advocate, subject=caseload
    ).exists()
    assert AuditEvent.objects.filter(
        action="plan.goal.view", actor=advocate, subject=caseload
    ).exists()
    note = Notification.objects.get(user=caseload)
    assert note.url == goal_url(goal)
    assert "Finish training" not in note.body  # the email says who, not what
    client.force_login(caseload)
    html = client.get(goal_url(goal)).content.decode()
    assert "Proud of you. Let&#x27;s plan the exam." in html
    assert "(Peer support advocate)" in html


def test_staff_cannot_edit_a_goal_even_by_posting(client, caseload, advocate):
    goal = actions.do_add_goal(caseload, caseload, "Finish training")
    client.force_login(advocate)
    url = reverse("plan-show-person-goal", args=[caseload.pk, goal.pk])
    client.post(url, {"form": "goal", "goal-title": "Changed by staff"})
    client.post(url, {"form": "set-aside"})
    goal.refresh_from_db()
    assert (goal.title, goal.set_aside) == ("Finish training", False)


def test_coordinator_comments_too(client, participant, coordinator):
    goal = actions.do_add_goal(participant, participant, "Finish training")
    client.force_login(coordinator)
    client.post(
        reverse("plan-show-person-goal", args=[participant.pk, goal.pk]),
        {"form": "comment", "comment-body": "Nice plan"},
    )
    assert GoalComment.objects.get().author == coordinator


def test_participant_replies_without_notifying_themselves(client, participant):
    goal = actions.do_add_goal(participant, participant, "Finish training")
    client.force_login(participant)
    client.post(goal_url(goal), {"form": "comment", "comment-body": "Thanks!"})
    assert GoalComment.objects.get().author == participant
    assert not Notification.objects.exists()
    assert not AuditEvent.objects.filter(action="plan.goal.comment").exists()


def test_goal_pages_queries_do_not_grow(client, participant, count_queries):
    client.force_login(participant)
    goal = actions.do_add_goal(participant, participant, "Goal 0")
    client.get(GOALS)

    def pages():
        client.get(GOALS)
        client.get(goal_url(goal))

    few = count_queries(pages)
    for n in range(1, 8):
        other = actions.do_add_goal(participant, participant, f"Goal {n}")
        for m in range(4):
            actions.do_add_objective(
                participant, other, text=f"o{m}", target_date=None, status="done"
            )
            actions.do_add_objective(
                participant, goal, text=f"g{n}{m}", target_date=None, status="done"
            )
        actions.do_add_goal_comment(participant, goal, f"note {n}")
    assert count_queries(pages) == few
