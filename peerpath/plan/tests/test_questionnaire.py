"""The personal questionnaire: autosave, history, hostile input, staff reading."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.audit.models import AuditEvent
from peerpath.plan import questionnaire
from peerpath.plan.actions import do_save_answers
from peerpath.plan.models import ConfidenceCheckIn, QuestionnaireAnswer

pytestmark = pytest.mark.django_db

URL = reverse("plan-show-questionnaire")


def revisions(person, code):
    return list(
        QuestionnaireAnswer.objects.filter(participant=person, question=code)
        .order_by("saved_at", "id")
        .values_list("value", flat=True)
    )


def test_all_seventeen_questions_are_asked(client, participant):
    client.force_login(participant)
    html = client.get(URL).content.decode()
    assert len(questionnaire.QUESTIONS) == 17
    for question in questionnaire.QUESTIONS:
        assert str(question.text) in html
    assert 'aria-live="polite"' in html and 'hx-post="/plan/questionnaire/"' in html


def test_answers_saved_without_javascript_survive_a_reload(client, participant):
    client.force_login(participant)
    response = client.post(
        URL, {"strengths": "  I listen well  ", "ready": "partly", "confidence": "6"}
    )
    assert response.status_code == 302
    html = client.get(URL).content.decode()
    assert "I listen well</textarea>" in html
    assert re.search(r'value="partly"[^>]*checked', html)
    assert re.search(r'name="confidence" value="6"[^>]*checked', html)
    assert revisions(participant, "strengths") == ["I listen well"]
    assert revisions(participant, "ready") == ["partly"]
    assert ConfidenceCheckIn.objects.get(participant=participant).score == 6


def test_autosave_answers_with_a_status_for_screen_readers(client, participant):
    client.force_login(participant)
    response = client.post(URL, {"skills": "Cooking"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.content.decode().startswith("Saved at")
    assert "<html" not in response.content.decode()
    assert revisions(participant, "skills") == ["Cooking"]


def test_typing_in_one_sitting_keeps_one_revision_and_a_later_change_adds_one(participant):
    start = timezone.now() - dt.timedelta(days=3)
    for seconds, value in enumerate(["C", "Co", "Cooking", "Cooking and art"]):
        do_save_answers(participant, {"skills": value}, start + dt.timedelta(minutes=3 * seconds))
    assert revisions(participant, "skills") == ["Cooking and art"]
    do_save_answers(participant, {"skills": "Cooking, art, music"}, start + dt.timedelta(hours=2))
    assert revisions(participant, "skills") == ["Cooking and art", "Cooking, art, music"]
    # Undone within the sitting: the history is as it was.
    do_save_answers(
        participant, {"skills": "Cooking and art"}, start + dt.timedelta(hours=2, minutes=1)
    )
    assert revisions(participant, "skills") == ["Cooking and art"]


def test_earlier_answers_are_shown_to_the_participant(client, participant):
    long_ago = timezone.now() - dt.timedelta(days=40)
    do_save_answers(participant, {"barriers": "My work hours change"}, long_ago)
    do_save_answers(participant, {"barriers": "Bus times"}, long_ago + dt.timedelta(days=20))
    client.force_login(participant)
    html = client.get(URL).content.decode()
    assert "Bus times</textarea>" in html
    assert "1 earlier answer" in html and "My work hours change" in html


def test_questions_left_out_of_a_request_are_not_cleared(client, participant):
    do_save_answers(participant, {"strengths": "Patience", "skills": "Cooking"})
    client.force_login(participant)
    client.post(URL, {"skills": "Cooking and art"}, HTTP_HX_REQUEST="true")
    assert revisions(participant, "strengths") == ["Patience"]
    assert revisions(participant, "skills") == ["Cooking and art"]


def test_a_bad_answer_is_explained_and_the_good_ones_are_still_saved(client, participant):
    client.force_login(participant)
    data = {"strengths": "x" * 5000, "skills": "Cooking", "ready": "maybe", "confidence": "11"}
    response = client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please shorten this to 4000 characters or fewer. It has 5000 now." in html
    assert 'id="id_strengths_error"' in html
    assert "Choose one of the answers shown." in html
    assert "Choose a number from 1 to 10." in html
    assert "x" * 5000 in html  # nothing typed is lost
    assert revisions(participant, "skills") == ["Cooking"]
    assert revisions(participant, "strengths") == []
    assert not ConfidenceCheckIn.objects.exists()


def test_autosave_reports_what_could_not_be_saved(client, participant):
    client.force_login(participant)
    response = client.post(URL, {"skills": "y" * 4001}, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert "Some answers could not be saved" in text and 'href="#id_skills"' in text


def test_confidence_in_the_questionnaire_is_a_check_in(client, participant):
    client.force_login(participant)
    client.post(URL, {"confidence": "4"}, HTTP_HX_REQUEST="true")
    client.post(URL, {"confidence": "4", "skills": "Art"}, HTTP_HX_REQUEST="true")
    client.post(URL, {"confidence": "5"}, HTTP_HX_REQUEST="true")
    check_in = ConfidenceCheckIn.objects.get(participant=participant)
    assert (check_in.score, check_in.on) == (5, timezone.localdate())
    assert 'value="5"' in client.get(URL).content.decode()


def page_values(html):
    """What a browser would post for the page as loaded: each answer and its loaded copy."""
    data = {}
    for name, value in re.findall(
        r'<input type="hidden" name="(initial-[a-z]+)"[^>]*value="([^"]*)"', html
    ):
        data[name] = value
        data[name.removeprefix("initial-")] = value
    return data


def test_a_stale_tab_does_not_undo_what_was_saved_elsewhere(client, participant):
    do_save_answers(participant, {"strengths": "Patience"})
    client.force_login(participant)
    stale = page_values(client.get(URL).content.decode())
    assert stale["initial-strengths"] == "Patience" and stale["strengths"] == "Patience"
    # On another device the answer changes and a check-in is recorded.
    client.post(
        URL, {"strengths": "Patience and humour", "confidence": "8"}, HTTP_HX_REQUEST="true"
    )
    # Back in the old tab, typing in another question autosaves the whole form.
    response = client.post(URL, {**stale, "skills": "Cooking"}, HTTP_HX_REQUEST="true")
    assert response.content.decode().startswith("Saved at")
    assert revisions(participant, "strengths") == ["Patience and humour"]
    assert revisions(participant, "skills") == ["Cooking"]
    assert ConfidenceCheckIn.objects.get(participant=participant).score == 8


def test_a_change_undone_in_the_same_tab_is_saved(client, participant):
    do_save_answers(participant, {"strengths": "Patience"})
    client.force_login(participant)
    page = page_values(client.get(URL).content.decode())
    response = client.post(URL, {**page, "strengths": "Humour"}, HTTP_HX_REQUEST="true")
    # The page learns what is saved now, so going back to the first wording counts as a change.
    after = page_values(response.content.decode())
    assert after == {"initial-strengths": "Humour", "strengths": "Humour"}
    client.post(URL, {**page, **after, "strengths": "Patience"}, HTTP_HX_REQUEST="true")
    assert revisions(participant, "strengths") == ["Patience"]


def test_questionnaire_in_spanish(client, participant):
    participant.language = "es"
    participant.save()
    client.cookies["peerpath_language"] = "es"
    client.force_login(participant)
    html = client.get(URL).content.decode()
    assert "¿Cuáles son sus fortalezas?" in html
    assert "Cuestionario personal" in html


def test_staff_read_answers_and_history_and_the_read_is_audited(client, caseload, advocate):
    long_ago = timezone.now() - dt.timedelta(days=40)
    do_save_answers(caseload, {"ready": "not_yet", "help": "A laptop"}, long_ago)
    do_save_answers(caseload, {"ready": "yes"})
    client.force_login(advocate)
    html = client.get(
        reverse("plan-show-person-questionnaire", args=[caseload.pk])
    ).content.decode()
    assert "A laptop" in html
    assert "Yes" in html and "Not yet" in html  # the current answer and the earlier one
    assert "<textarea" not in html
    assert AuditEvent.objects.filter(
        action="plan.questionnaire.view", actor=advocate, subject=caseload
    ).exists()


def test_questionnaire_page_queries_do_not_grow_with_history(client, participant, count_queries):
    client.force_login(participant)
    start = timezone.now() - dt.timedelta(days=400)
    do_save_answers(participant, {"skills": "a"}, start)
    client.get(URL)
    few = count_queries(lambda: client.get(URL))
    for day in range(1, 30):
        do_save_answers(
            participant,
            {c: f"{c} {day}" for c in questionnaire.ANSWER_CODES},
            start + dt.timedelta(days=day),
        )
    assert count_queries(lambda: client.get(URL)) == few
