"""Interview tips, the preparation worksheet (drafts that survive a reload), practice answers."""

import pytest
from django.urls import reverse

from peerpath.careers.content import interview_content
from peerpath.careers.models import AnswerFeedback, InterviewAnswer, InterviewPrep
from peerpath.notifications.models import Notification

pytestmark = pytest.mark.django_db

PREP = reverse("careers-prepare-interview")


def worksheet(**fields):
    return {"form": "worksheet", **fields}


def test_worksheet_drafts_saved_while_typing_survive_a_reload(client, participant):
    client.force_login(participant)
    response = client.post(
        PREP,
        worksheet(key_point_1="I follow through", why_unique="My story of coming back to school"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Draft saved at" in response.content.decode()
    assert "<html" not in response.content.decode()  # only the status line
    page = client.get(PREP).content.decode()
    assert 'value="I follow through"' in page
    assert "My story of coming back to school" in page
    prep = InterviewPrep.objects.get(participant=participant)
    assert prep.key_points[0] == "I follow through"


def test_worksheet_save_button_works_without_javascript(client, participant):
    client.force_login(participant)
    response = client.post(
        PREP,
        worksheet(
            area_2="Public speaking", answer_2="I joined a group to practise", quality_7="Curious"
        ),
        follow=True,
    )
    assert "Saved." in response.content.decode()
    prep = InterviewPrep.objects.get(participant=participant)
    assert prep.development_areas[1] == {
        "area": "Public speaking",
        "answer": "I joined a group to practise",
    }
    assert prep.philosophy[6] == "Curious"
    assert 'value="Public speaking"' in client.get(PREP).content.decode()


def test_a_too_long_worksheet_answer_is_not_lost(client, participant):
    client.force_login(participant)
    long_text = "x" * 3001
    response = client.post(PREP, worksheet(why_unique=long_text, questions="Kept here"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please shorten this to 3000 characters or fewer. It has 3001 now." in html
    assert long_text in html and "Kept here" in html
    response = client.post(PREP, worksheet(why_unique=long_text), HTTP_HX_REQUEST="true")
    assert "Not saved yet" in response.content.decode()
    assert "Why I am unique" in response.content.decode()


def test_ticking_tips_is_saved_and_counted(client, participant):
    client.force_login(participant)
    codes = list(interview_content().tip_codes[:3])
    response = client.post(
        PREP, {"form": "tips", "tips": [*codes, "not-a-tip"]}, HTTP_HX_REQUEST="true"
    )
    # An unknown code is left out; the rest is saved.
    assert "Draft saved at" in response.content.decode()
    assert InterviewPrep.objects.get(participant=participant).tips_checked == codes
    page = client.get(PREP)
    assert page.context["done"] == 3
    assert page.context["total"] == len(interview_content().tips) + 6
    assert f'value="{codes[0]}" checked' in page.content.decode()
    client.post(PREP, {"form": "tips"}, HTTP_HX_REQUEST="true")  # untick everything
    assert InterviewPrep.objects.get(participant=participant).tips_checked == []


def test_answering_a_question_with_a_self_review(client, participant):
    client.force_login(participant)
    url = reverse("careers-answer-question", args=["define-the-role"])
    page = client.get(url).content.decode()
    assert "How would you define a peer specialist" in page
    assert "Mutuality" in page and "making people better" in page
    client.post(
        url,
        {"answer": "I walk beside people as an equal.", "covered": ["mutuality", "hope"]},
        HTTP_HX_REQUEST="true",
    )
    answer = InterviewAnswer.objects.get(participant=participant)
    assert answer.covered == ["mutuality", "hope"]
    assert answer.content_version == interview_content().version
    page = client.get(url).content.decode()
    assert "I walk beside people as an equal." in page
    assert "Your answer covers 2 of 4 points." in page
    listing = client.get(reverse("careers-list-questions")).content.decode()
    assert "Answered — covers 2 of 4 points" in listing


def test_unknown_points_are_left_out_and_unknown_questions_refused(client, participant):
    client.force_login(participant)
    url = reverse("careers-answer-question", args=["define-the-role"])
    response = client.post(url, {"answer": "x", "covered": ["invented"]})
    assert response.status_code == 302
    assert InterviewAnswer.objects.get().covered == []
    assert client.get(reverse("careers-answer-question", args=["nope"])).status_code == 404


def test_advocate_feedback_reaches_the_participant(client, caseload, advocate):
    participant = caseload
    InterviewAnswer.objects.create(
        participant=participant, question="recovery", answer="Recovery is personal."
    )
    client.force_login(advocate)
    url = reverse("careers-review-answer", args=[participant.pk, "recovery"])
    page = client.get(url).content.decode()
    assert "Recovery is personal." in page
    response = client.post(url, {"text": ""})
    assert "Write the feedback first." in response.content.decode()
    client.post(url, {"text": "Good start. Add what recovery means beyond substance use."})
    feedback = AnswerFeedback.objects.get()
    assert feedback.author == advocate
    note = Notification.objects.get(user=participant)
    assert note.url == reverse("careers-answer-question", args=["recovery"])
    client.force_login(participant)
    page = client.get(reverse("careers-answer-question", args=["recovery"])).content.decode()
    assert "Add what recovery means beyond substance use." in page
    assert "Sam" in page or "sam@example.org" in page


def test_staff_cannot_review_an_answer_that_does_not_exist(client, caseload, advocate):
    client.force_login(advocate)
    url = reverse("careers-review-answer", args=[caseload.pk, "recovery"])
    assert client.get(url).status_code == 404


def test_an_answer_from_a_page_opened_before_the_questions_changed_is_still_saved(
    client, participant
):
    """A ticked point that no longer exists is dropped; the answer itself is kept."""
    question = interview_content().question("recovery")
    known = question.point_codes[0]
    client.force_login(participant)
    response = client.post(
        reverse("careers-answer-question", args=["recovery"]),
        {"answer": "My own words", "covered": [known, "a-point-since-removed"]},
    )
    assert response.status_code == 302
    answer = InterviewAnswer.objects.get(participant=participant)
    assert (answer.answer, answer.covered) == ("My own words", [known])


def test_tips_from_an_older_page_are_saved_without_the_ones_since_removed(client, participant):
    tip = interview_content().tip_codes[0]
    client.force_login(participant)
    response = client.post(
        PREP, {"form": "tips", "tips": [tip, "a-tip-since-removed"]}, HTTP_HX_REQUEST="true"
    )
    assert "Draft saved at" in response.content.decode()
    assert InterviewPrep.objects.get(participant=participant).tips_checked == [tip]
