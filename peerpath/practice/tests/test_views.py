"""The practice pages: every role, saving only by choice, sharing, and staff views."""

import pytest
from django.urls import reverse

from peerpath.audit.models import AuditEvent
from peerpath.practice.exercises import get_exercise
from peerpath.practice.models import PracticeAttempt, PracticeProfile

pytestmark = pytest.mark.django_db

HOME = reverse("practice-home")


def exercise_url(code, prompt=None):
    url = reverse("practice-exercise", args=[code])
    return f"{url}?prompt={prompt}" if prompt else url


def answer(client, code, prompt, **data):
    return client.post(exercise_url(code), {"prompt": prompt, **data})


def test_skills_link_to_the_samhsa_competencies_they_build(client, reference_data):
    html = client.get(HOME).content.decode()
    assert 'href="/competencies/#samhsa-1"' in html or 'href="/competencies/#samhsa-2"' in html
    page = client.get(reverse("web-competencies")).content.decode()
    assert 'id="samhsa-12"' in page and 'id="sb803-' in page


def test_anyone_can_practise_without_an_account_and_nothing_is_stored(client):
    assert client.get(HOME).status_code == 200
    response = answer(client, "open_question", "oq-01", response="You should quit that job.")
    html = response.content.decode()
    assert response.status_code == 200
    assert "This is advice" in html or "This looks like advice" in html
    assert "righting reflex" in html
    assert "Two responses that would work" in html
    assert PracticeAttempt.objects.count() == 0


def test_an_open_question_meets_the_goal(client):
    response = answer(
        client, "open_question", "oq-01", response="What has it been like working those shifts?"
    )
    feedback = response.context["feedback"]
    assert feedback.kind == "open_question" and feedback.meets_goal
    assert "✓" in response.content.decode()


def test_a_simple_reflection_does_not_meet_the_complex_goal_and_gets_a_specific_tip(client):
    response = answer(client, "reflection_complex", "rc-01", response="You drink to relax.")
    feedback = response.context["feedback"]
    assert feedback.kind == "reflection"
    if feedback.subtype == "simple":
        assert not feedback.meets_goal
        assert "feeling or the meaning" in feedback.tip


def test_choose_exercises_check_the_answer_and_explain_why(client):
    exercise = get_exercise("change_talk")
    prompt = exercise.prompts[0]
    wrong = next(code for code in exercise.choices if code != prompt.answer)
    response = answer(client, "change_talk", prompt.code, choice=wrong)
    assert not response.context["choice_feedback"].correct
    assert prompt.data["why"] in response.content.decode()
    right = answer(client, "change_talk", prompt.code, choice=prompt.answer)
    assert right.context["choice_feedback"].correct


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"response": "   "}, "response", "Type a response first"),
        ({"response": "x" * 1001}, "response", "under 1000 characters"),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field(client, data, field, message):
    response = answer(client, "open_question", "oq-01", **data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()


def test_an_unknown_prompt_or_exercise_is_handled(client):
    response = answer(client, "open_question", "zz-99", response="How are you?")
    assert response.status_code == 200
    assert response.context["form"].errors["prompt"]
    assert client.get(exercise_url("juggling")).status_code == 404
    assert client.get(exercise_url("open_question", "zz-99")).status_code == 200


def test_every_exercise_and_prompt_renders_in_both_languages(client):
    from peerpath.practice.exercises import all_exercises

    for language in ("en", "es"):
        client.cookies["peerpath_language"] = language
        for exercise in all_exercises():
            for prompt in exercise.prompts[:3]:
                response = client.get(exercise_url(exercise.code, prompt.code))
                assert response.status_code == 200, (exercise.code, prompt.code)
                assert f'<html lang="{language}">' in response.content.decode()


def test_spanish_ui_shows_spanish_prompts(client):
    client.cookies["peerpath_language"] = "es"
    prompt = get_exercise("open_question").prompt("oq-01")
    html = client.get(exercise_url("open_question", "oq-01")).content.decode()
    assert prompt.data["client_es"] in html
    assert "Comprobar mi respuesta" in html


def test_participant_keeps_history_only_when_they_choose(client, participant):
    client.force_login(participant)
    answer(client, "open_question", "oq-01", response="What's that been like?")
    assert PracticeAttempt.objects.count() == 0
    answer(client, "open_question", "oq-02", response="What's that been like?", save="on")
    attempt = PracticeAttempt.objects.get()
    assert attempt.user == participant and attempt.label == "open_question"
    assert PracticeProfile.objects.get(user=participant).keep_history
    form = client.get(exercise_url("open_question")).context["form"]
    assert form.initial["save"] is True
    html = client.get(HOME).content.decode()
    assert "You have kept 1 try; 1 met the goal." in html


def test_participant_shares_and_deletes_their_own_attempt(client, participant):
    client.force_login(participant)
    answer(client, "affirmation", "af-01", response="You showed real courage.", save="on")
    attempt = PracticeAttempt.objects.get()
    client.post(reverse("practice-share-attempt", args=[attempt.pk]), {"shared": "1"})
    attempt.refresh_from_db()
    assert attempt.shared_with_staff
    assert "You showed real courage." in client.get(reverse("practice-history")).content.decode()
    client.post(reverse("practice-delete-attempt", args=[attempt.pk]))
    assert not PracticeAttempt.objects.exists()


def test_another_participant_cannot_reach_an_attempt(client, participant, other_participant):
    attempt = PracticeAttempt.objects.create(
        user=participant, exercise="open_question", prompt_code="oq-01", meets_goal=True
    )
    client.force_login(other_participant)
    share = reverse("practice-share-attempt", args=[attempt.pk])
    assert client.post(share, {"shared": "1"}).status_code == 404
    assert client.post(reverse("practice-delete-attempt", args=[attempt.pk])).status_code == 404
    attempt.refresh_from_db()
    assert not attempt.shared_with_staff


@pytest.mark.parametrize("persona", ["advocate", "coordinator", "other_coordinator", "site_admin"])
def test_staff_cannot_use_participant_history_pages(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("practice-history")).status_code == 404


@pytest.fixture
def practised(participant, other_participant, advocate):
    participant.advocate = advocate
    participant.save()
    PracticeAttempt.objects.create(
        user=participant,
        exercise="open_question",
        prompt_code="oq-01",
        meets_goal=True,
        response="A private practice sentence.",
    )
    PracticeAttempt.objects.create(
        user=participant,
        exercise="affirmation",
        prompt_code="af-01",
        meets_goal=True,
        response="A shared practice sentence.",
        shared_with_staff=True,
    )
    return participant


def test_advocate_sees_counts_for_their_caseload_and_only_shared_texts(client, advocate, practised):
    client.force_login(advocate)
    response = client.get(reverse("practice-staff-activity"))
    html = response.content.decode()
    rows = {p.email: p for p in response.context["participants"]}
    assert list(rows) == [practised.email]  # other_participant is not on the caseload
    assert rows[practised.email].attempts == 2
    assert "A shared practice sentence." in html
    assert "A private practice sentence." not in html
    assert AuditEvent.objects.filter(action="practice.shared_attempt.view", actor=advocate).exists()


def test_coordinator_sees_the_organization_and_other_organizations_see_nothing(
    client, coordinator, other_coordinator, practised, other_participant
):
    client.force_login(coordinator)
    emails = {
        p.email for p in client.get(reverse("practice-staff-activity")).context["participants"]
    }
    assert emails == {practised.email, other_participant.email}
    client.force_login(other_coordinator)
    response = client.get(reverse("practice-staff-activity"))
    assert list(response.context["participants"]) == []
    assert "A shared practice sentence." not in response.content.decode()


@pytest.mark.parametrize("persona", ["participant", "other_participant"])
def test_participants_cannot_see_staff_activity(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("practice-staff-activity")).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in_for_history_and_activity(client):
    for name in ("practice-history", "practice-staff-activity"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_staff_activity_queries_do_not_grow_with_the_caseload(
    client, coordinator, program, count_queries
):
    from peerpath.accounts.models import Role
    from peerpath.conftest import make_user

    def add(count, start):
        for index in range(start, start + count):
            person = make_user(f"p{index}@example.org", Role.PARTICIPANT, program=program)
            PracticeAttempt.objects.create(
                user=person,
                exercise="open_question",
                prompt_code="oq-01",
                meets_goal=True,
                shared_with_staff=True,
                response="shared",
            )

    client.force_login(coordinator)
    url = reverse("practice-staff-activity")
    add(5, 0)
    small = count_queries(lambda: client.get(url))
    add(40, 5)
    large = count_queries(lambda: client.get(url))
    assert large == small


def test_a_spanish_non_answer_does_not_meet_the_goal(client):
    response = answer(client, "open_question", "oq-01", response="Pues la neta no sé qué onda.")
    feedback = response.context["feedback"]
    assert not feedback.meets_goal and feedback.tip


def test_a_spanish_open_question_meets_the_goal(client):
    response = answer(client, "open_question", "oq-01", response="¿Cómo te has sentido con eso?")
    assert response.context["feedback"].meets_goal
