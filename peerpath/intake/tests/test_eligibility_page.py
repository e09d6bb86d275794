from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

ELIGIBILITY = reverse("intake-eligibility")
TODAY = dt.date(2025, 6, 15)
FIELDS = (
    "birth_date",
    "lived_experience",
    "diploma",
    "internet_access",
    "computer_skills",
    "willing_to_share",
    "commits_to_training",
    "commits_to_certification",
    "agrees_to_code_of_ethics",
)


@pytest.fixture
def today(monkeypatch):
    """Freeze the page's idea of today; return a setter for other dates."""

    def freeze(day: dt.date) -> None:
        monkeypatch.setattr("peerpath.intake.views.timezone.localdate", lambda: day)

    freeze(TODAY)
    return freeze


def answers(**changes: str) -> dict[str, str]:
    """A 21-year-old who meets every program rule on TODAY, with `changes`."""
    data = {
        "birth_date": "2004-01-10",
        "lived_experience": "consumer",
        "diploma": "yes",
        "internet_access": "yes",
        "computer_skills": "yes",
        "willing_to_share": "yes",
        "commits_to_training": "yes",
        "commits_to_certification": "yes",
        "agrees_to_code_of_ethics": "yes",
    }
    return {**data, **changes}


def check(client, **changes: str):
    response = client.post(ELIGIBILITY, answers(**changes))
    assert response.status_code == 200
    return response


def test_the_page_shows_the_form_and_says_nothing_is_saved(client, today):
    response = client.get(ELIGIBILITY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing you enter here is saved." in html
    assert 'type="date"' in html
    assert 'max="2025-06-15"' in html
    assert html.count("<legend>") == len(FIELDS) - 1
    assert 'id="program-heading"' not in html


def test_an_eligible_person_gets_a_warm_welcome_and_a_sign_up_link(client, today):
    response = check(client)
    html = response.content.decode()
    assert response.context["program"].eligible
    assert "you meet every requirement for the program" in html
    assert f'href="{reverse("account_signup")}"' in html
    assert response.context["certification"].can_start_now
    assert "You can start a certification application now." in html


@pytest.mark.parametrize("lived_experience", ["consumer", "family", "both"])
def test_every_kind_of_lived_experience_counts(client, today, lived_experience):
    response = check(client, lived_experience=lived_experience)
    assert response.context["program"].eligible


def test_no_lived_experience_is_explained_with_a_way_on(client, today):
    response = check(client, lived_experience="no")
    assert response.context["program"].codes == ("lived_experience",)
    assert "other rewarding roles" in response.content.decode()


def test_over_the_age_band_can_still_become_certified_directly(client, today):
    response = check(client, birth_date="1995-05-01")
    html = response.content.decode()
    assert response.context["program"].codes == ("age",)
    assert "young adults aged 18 to 24" in html
    assert "You can still become certified directly" in html
    assert response.context["certification"].can_start_now
    assert f'href="{reverse("account_signup")}"' not in html


def test_under_18_is_told_when_to_come_back(client, today):
    response = check(client, birth_date="2008-01-10")
    html = response.content.decode()
    assert response.context["program"].codes == ("age",)
    assert "come back when you turn 18" in html
    assert "Certification is open to people who are 18 or older." in html
    assert not response.context["certification"].can_start_now


def test_no_diploma_points_to_ged_or_hiset(client, today):
    response = check(client, diploma="no")
    assert response.context["program"].codes == ("diploma",)
    (rule,) = response.context["program"].unmet
    assert "GED or HiSET" in str(rule.next_step)
    assert "GED or HiSET" in response.content.decode()


def test_each_unmet_rule_gets_its_explanation_and_next_step(client, today):
    response = check(client, internet_access="no", commits_to_training="no")
    html = response.content.decode()
    program = response.context["program"]
    assert program.codes == ("internet_and_computer", "training_commitment")
    for rule in program.unmet:
        assert str(rule.explanation) in html
        assert str(rule.next_step) in html
    assert "2 of the program's requirements" in html


def test_missing_answers_are_flagged_next_to_each_field(client, today):
    response = client.post(ELIGIBILITY, {})
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["program"] is None
    for field in FIELDS:
        assert f'id="id_{field}_error"' in html
    assert 'aria-describedby="id_birth_date_error"' in html
    assert 'aria-describedby="id_internet_access_error"' in html
    assert 'aria-describedby="id_diploma_helptext id_diploma_error"' in html
    assert "Enter your date of birth." in html
    assert "Choose yes or no." in html
    assert 'id="program-heading"' not in html


def test_other_answers_are_kept_when_one_is_missing(client, today):
    data = answers()
    del data["computer_skills"]
    html = client.post(ELIGIBILITY, data).content.decode()
    assert 'id="id_computer_skills_error"' in html
    assert 'value="2004-01-10"' in html
    assert 'value="yes" id="id_diploma_0" required checked' in html


@pytest.mark.parametrize(
    ("birth_date", "message"),
    [
        ("2025-06-16", "Your date of birth can't be in the future."),
        ("1899-12-31", "That date is before 1900."),
        ("2004-02-30", "Enter your date of birth as a real date"),
        ("soon", "Enter your date of birth as a real date"),
    ],
)
def test_unlikely_birth_dates_get_a_message_next_to_the_field(client, today, birth_date, message):
    response = check(client, birth_date=birth_date)
    html = response.content.decode()
    assert message in " ".join(response.context["form"].errors["birth_date"])
    assert 'id="id_birth_date_error"' in html
    assert response.context["program"] is None


def test_a_birthday_today_is_not_in_the_future(client, today):
    response = check(client, birth_date="2025-06-15")
    assert response.context["program"].codes == ("age",)


@pytest.mark.parametrize(
    ("on", "born", "eligible"),
    [
        # Born on 29 February: in common years the birthday is 1 March.
        (dt.date(2022, 2, 28), "2004-02-29", False),
        (dt.date(2022, 3, 1), "2004-02-29", True),
        (dt.date(2025, 2, 28), "2000-02-29", True),
        (dt.date(2025, 3, 1), "2000-02-29", False),
        (dt.date(2024, 2, 29), "2000-02-29", True),
        (dt.date(2024, 2, 29), "2006-02-28", True),
    ],
)
def test_29_february_birthdays_on_the_edges_of_the_age_band(client, today, on, born, eligible):
    today(on)
    response = check(client, birth_date=born)
    assert response.context["program"].eligible is eligible
    if not eligible:
        assert response.context["program"].codes == ("age",)


def test_nothing_is_stored_and_no_session_is_started(client, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sessions = Session.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = check(client)
    # Reading the program's age band is the only query; nothing is written.
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == sessions
    assert "no-store" in response["Cache-Control"]


@pytest.fixture
def spanish(client):
    client.cookies["peerpath_language"] = "es"
    yield
    # The test client leaves the last request's language active in this thread.
    translation.deactivate()


@pytest.mark.usefixtures("spanish")
def test_the_page_renders_in_spanish(client, today):
    assert '<html lang="es">' in client.get(ELIGIBILITY).content.decode()
    assert '<html lang="es">' in check(client, diploma="no").content.decode()


def test_anyone_can_check_anonymously(client, today):
    assert client.get(ELIGIBILITY).status_code == 200
    assert check(client).context["program"].eligible


def test_a_signed_in_participant_can_check_too(client, today, participant):
    client.force_login(participant)
    assert client.get(ELIGIBILITY).status_code == 200
    html = check(client).content.decode()
    assert "You are already signed in" in html
    assert f'href="{reverse("account_signup")}"' not in html


def test_the_page_uses_the_programs_own_age_band(client, program):
    program.age_min, program.age_max = 16, 21
    program.save()
    response = client.get(reverse("intake-eligibility"))
    assert "aged 16 to 21" in response.content.decode()
