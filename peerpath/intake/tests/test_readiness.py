from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from peerpath.intake.readiness import (
    AREAS,
    AREAS_BY_CODE,
    QUESTIONS,
    REFLECTION_MAX_LENGTH,
    STATEMENTS,
    summarise,
)

READINESS = reverse("intake-readiness")
ALL_AGREE = {statement.code: "agree" for statement in STATEMENTS}


def area_codes(areas) -> list[str]:
    return [area.code for area in areas]


# The content


def test_the_assessment_has_nine_statements_and_eleven_questions():
    assert len(STATEMENTS) == 9
    assert len(QUESTIONS) == 11


def test_every_statement_belongs_to_a_known_area_and_every_area_has_a_statement():
    assert {statement.area for statement in STATEMENTS} == set(AREAS_BY_CODE)
    assert area_codes(AREAS) == [
        "time",
        "schooling",
        "travel",
        "participation",
        "stamina",
        "sharing",
        "empathy",
        "transport",
    ]


def test_field_names_are_unique_across_statements_and_questions():
    codes = [item.code for item in (*STATEMENTS, *QUESTIONS)]
    assert len(codes) == len(set(codes))


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.mark.usefixtures("english")
def test_every_user_facing_text_is_translatable():
    texts = [statement.text for statement in STATEMENTS]
    texts += [question.text for question in QUESTIONS]
    texts += [text for area in AREAS for text in (area.name, area.suggestion)]
    assert all(isinstance(text, Promise) for text in texts)
    assert all(str(text).strip() for text in texts)


@pytest.mark.usefixtures("english")
def test_suggestions_point_somewhere_practical():
    suggestion = {area.code: str(area.suggestion) for area in AREAS}
    assert "work-readiness" in suggestion["time"]
    assert "GED" in suggestion["schooling"] and "HiSET" in suggestion["schooling"]
    assert "online" in suggestion["travel"] and "transit" in suggestion["transport"]
    assert "You decide what to share" in suggestion["sharing"]
    assert "support room" in suggestion["empathy"]
    assert "accommodations" in suggestion["stamina"]


# summarise()


def test_all_agree_means_every_area_is_ready():
    summary = summarise(ALL_AGREE)
    assert summary.ready == AREAS
    assert summary.to_think_about == ()
    assert summary.unanswered == ()
    assert summary.answered_any


def test_not_sure_and_disagree_give_exactly_those_areas_with_their_suggestions():
    answers = {**ALL_AGREE, "time_to_study": "not_sure", "own_transportation": "disagree"}
    summary = summarise(answers)
    assert [item.area.code for item in summary.to_think_about] == ["time", "transport"]
    time, transport = summary.to_think_about
    assert time.area.suggestion == AREAS_BY_CODE["time"].suggestion
    assert [(s.code, answer) for s, answer in time.answers] == [("time_to_study", "not_sure")]
    assert [(s.code, answer) for s, answer in transport.answers] == [
        ("own_transportation", "disagree")
    ]
    assert "time" not in area_codes(summary.ready)
    assert "transport" not in area_codes(summary.ready)
    assert len(summary.ready) == len(AREAS) - 2


def test_one_doubt_is_enough_to_put_an_area_with_two_statements_up_for_thought():
    summary = summarise({**ALL_AGREE, "tell_my_story": "not_sure"})
    (sharing,) = summary.to_think_about
    assert sharing.area.code == "sharing"
    assert [s.code for s, _answer in sharing.answers] == ["tell_my_story"]


def test_nothing_answered_lists_every_statement_as_open():
    summary = summarise({})
    assert summary.ready == ()
    assert summary.to_think_about == ()
    assert summary.unanswered == STATEMENTS
    assert not summary.answered_any


def test_blank_answers_count_as_unanswered_and_an_area_is_ready_only_when_fully_agreed():
    answers = {**ALL_AGREE, "tell_my_story": "", "schooling": ""}
    del answers["own_transportation"]
    summary = summarise(answers)
    assert [s.code for s in summary.unanswered] == [
        "schooling",
        "tell_my_story",
        "own_transportation",
    ]
    ready = area_codes(summary.ready)
    assert "sharing" not in ready and "schooling" not in ready and "transport" not in ready
    assert summary.to_think_about == ()


@pytest.mark.parametrize(
    "answers",
    [{"time_to_study": "maybe"}, {"what_helped": "agree"}, {"unknown": ""}],
)
def test_unknown_codes_or_answers_are_a_programming_error(answers):
    with pytest.raises(ValueError):
        summarise(answers)


# The page


@pytest.mark.django_db
def test_the_page_shows_the_form_and_says_nothing_is_saved(client):
    response = client.get(READINESS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing you enter here is saved." in html
    assert "Print or save this page" in html
    assert html.count("<fieldset") == len(STATEMENTS)
    assert html.count("<legend>") == len(STATEMENTS)
    assert html.count("<textarea") == len(QUESTIONS)
    assert 'id="summary-heading"' not in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_posting_shows_the_summary_and_echoes_the_reflections(client):
    data = {
        **ALL_AGREE,
        "time_to_study": "not_sure",
        "listen_with_empathy": "disagree",
        "full_training_day": "",
        "what_helped": "My sister, and walking every morning.",
        "supports": "<b>my group</b>",
    }
    response = client.post(READINESS, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="summary-heading"' in html
    summary = response.context["summary"]
    assert [item.area.code for item in summary.to_think_about] == ["time", "empathy"]
    assert [s.code for s in summary.unanswered] == ["full_training_day"]
    assert str(AREAS_BY_CODE["time"].suggestion) in html
    assert str(AREAS_BY_CODE["empathy"].suggestion).replace("'", "&#x27;") in html
    assert "does not predict whether someone completes the" in html
    assert "My sister, and walking every morning." in html
    assert "&lt;b&gt;my group&lt;/b&gt;" in html
    assert reverse("intake-eligibility") in html
    assert reverse("catalog-find-providers") in html


@pytest.mark.django_db
def test_an_empty_submission_is_fine(client):
    response = client.post(READINESS, {})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="summary-heading"' in html
    assert "You did not write any reflections this time." in html
    assert not response.context["summary"].answered_any


@pytest.mark.django_db
def test_nothing_is_stored_and_no_session_is_started(client, django_assert_num_queries):
    sessions = Session.objects.count()
    with django_assert_num_queries(0):
        response = client.post(READINESS, {**ALL_AGREE, "strengths": "Patience."})
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == sessions


@pytest.mark.django_db
def test_an_over_long_reflection_is_flagged_next_to_it_and_the_rest_is_kept(client):
    data = {
        "time_to_study": "disagree",
        "strengths": "x" * (REFLECTION_MAX_LENGTH + 1),
        "setbacks": "One day at a time.",
    }
    response = client.post(READINESS, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="summary-heading"' not in html
    assert 'id="id_strengths_error"' in html
    assert 'aria-describedby="id_strengths_error"' in html
    assert "2000 characters or fewer" in html
    assert "One day at a time.</textarea>" in html
    assert re.search(r'<input[^>]*value="disagree"[^>]*id="id_time_to_study_2"[^>]*checked', html)


@pytest.mark.django_db
def test_line_breaks_count_once_towards_the_limit(client):
    response = client.post(READINESS, {"strengths": "a\r\n" * (REFLECTION_MAX_LENGTH // 2)})
    assert response.context["summary"] is not None


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_anyone_can_use_the_page(client, participant, signed_in):
    if signed_in:
        client.force_login(participant)
    assert client.get(READINESS).status_code == 200
    assert client.post(READINESS, ALL_AGREE).status_code == 200


@pytest.fixture
def spanish(client):
    client.cookies["peerpath_language"] = "es"
    yield
    # The test client leaves the last request's language active in this thread.
    translation.deactivate()


@pytest.mark.django_db
@pytest.mark.usefixtures("spanish")
def test_the_page_renders_in_spanish(client):
    response = client.get(READINESS)
    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()


# Keeping a copy ----------------------------------------------------------------------

KEEP_ANSWERS = {"time_to_study": "not_sure", "own_transportation": "agree", "strengths": "Humor"}


def test_visitors_and_staff_are_not_offered_to_keep_anything(client, coordinator):
    from peerpath.intake.models import ReadinessRecord

    url = reverse("intake-readiness")
    assert "keep" not in client.get(url).context["form"].fields
    client.post(url, {**KEEP_ANSWERS, "keep": "on"})
    client.force_login(coordinator)
    client.post(url, {**KEEP_ANSWERS, "keep": "on"})
    assert ReadinessRecord.objects.count() == 0


def test_a_participant_keeps_a_copy_only_when_they_ask(client, participant):
    from peerpath.intake.models import ReadinessRecord

    client.force_login(participant)
    url = reverse("intake-readiness")
    client.post(url, KEEP_ANSWERS)
    assert ReadinessRecord.objects.count() == 0
    response = client.post(url, {**KEEP_ANSWERS, "keep": "on"})
    assert response["Location"] == reverse("intake-readiness-kept")
    record = ReadinessRecord.objects.get(user=participant)
    assert record.answers == {"time_to_study": "not_sure", "own_transportation": "agree"}
    assert record.reflections == {"strengths": "Humor"}
    html = client.get(reverse("intake-readiness-kept")).content.decode()
    assert "Humor" in html and "Things to think about" in html
    client.cookies["peerpath_language"] = "es"
    html = client.get(reverse("intake-readiness-kept")).content.decode()
    assert "Cosas para pensar" in html and "Humor" in html


def test_nobody_else_reads_or_deletes_a_kept_copy(client, participant, other_participant):
    from peerpath.intake.models import ReadinessRecord

    record = ReadinessRecord.objects.create(user=participant, answers={}, reflections={"x": "y"})
    client.force_login(other_participant)
    assert client.get(reverse("intake-readiness-kept")).context["records"] == []
    delete = reverse("intake-readiness-delete", args=[record.pk])
    assert client.post(delete).status_code == 404
    client.force_login(participant)
    assert client.post(delete).status_code == 302
    assert not ReadinessRecord.objects.exists()


@pytest.mark.parametrize("persona", ["advocate", "coordinator", "site_admin"])
def test_staff_cannot_open_kept_copies(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("intake-readiness-kept")).status_code == 404


@pytest.mark.parametrize(
    ("kept", "current"),
    [
        ({}, {}),
        ({"time_to_study": "agree"}, {"time_to_study": "agree"}),
        ({"time_to_study": ""}, {"time_to_study": ""}),
        ({"retired_statement": "agree", "time_to_study": "agree"}, {"time_to_study": "agree"}),
        ({"time_to_study": "maybe"}, {}),
    ],
)
def test_current_answers_leave_out_what_the_content_no_longer_asks(kept, current):
    from peerpath.intake.readiness import current_answers, summarise

    assert current_answers(kept) == current
    summarise(current_answers(kept))


def test_a_kept_copy_with_retired_statements_still_opens(client, participant):
    from peerpath.intake.models import ReadinessRecord

    ReadinessRecord.objects.create(
        user=participant,
        answers={"retired_statement": "disagree", "time_to_study": "not_sure", "x": "odd"},
        reflections={"strengths": "Humor"},
    )
    client.force_login(participant)
    response = client.get(reverse("intake-readiness-kept"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Humor" in html and "Things to think about" in html
