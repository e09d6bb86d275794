from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from peerpath.intake.rules import (
    CERTIFICATION_RULE_CODES,
    PROGRAM_RULE_CODES,
    AgeBand,
    Applicant,
    certification_eligibility,
    program_eligibility,
)

D = dt.date
TODAY = D(2025, 6, 15)


def applicant(**changes: Any) -> Applicant:
    """A 21-year-old who meets every program rule, with `changes` applied."""
    answers: dict[str, Any] = {
        "today": TODAY,
        "birth_date": D(2004, 1, 10),
        "lived_experience": "consumer",
        "diploma": True,
        "internet_access": True,
        "computer_skills": True,
        "willing_to_share": True,
        "commits_to_training": True,
        "commits_to_certification": True,
        "agrees_to_code_of_ethics": True,
    }
    return Applicant(**{**answers, **changes})


def program_codes(person: Applicant, band: AgeBand | None = None) -> tuple[str, ...]:
    result = program_eligibility(person) if band is None else program_eligibility(person, band)
    assert result.eligible is (not result.unmet)
    return result.codes


@pytest.fixture
def renderable_texts() -> None:
    """Lazy texts need settings to render; run without pytest-django too."""
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=False)


# --- program: the whole picture ---------------------------------------------


def test_someone_meeting_every_rule_is_eligible() -> None:
    result = program_eligibility(applicant())
    assert result.eligible is True
    assert result.unmet == ()


def test_family_members_and_caregivers_have_lived_experience() -> None:
    assert program_codes(applicant(lived_experience="family")) == ()


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"lived_experience": None}, "lived_experience"),
        ({"birth_date": D(1990, 1, 1)}, "age"),
        ({"diploma": False}, "diploma"),
        ({"internet_access": False}, "internet_and_computer"),
        ({"computer_skills": False}, "internet_and_computer"),
        ({"internet_access": False, "computer_skills": False}, "internet_and_computer"),
        ({"willing_to_share": False}, "willing_to_share"),
        ({"commits_to_training": False}, "training_commitment"),
        ({"commits_to_certification": False}, "certification_commitment"),
        ({"agrees_to_code_of_ethics": False}, "code_of_ethics"),
    ],
)
def test_each_rule_failing_alone_gives_exactly_its_code(changes: dict[str, Any], code: str) -> None:
    assert program_codes(applicant(**changes)) == (code,)


def test_every_failing_rule_is_reported_in_the_documented_order() -> None:
    everything_missing = applicant(
        lived_experience=None,
        birth_date=D(2010, 1, 1),
        diploma=False,
        internet_access=False,
        computer_skills=False,
        willing_to_share=False,
        commits_to_training=False,
        commits_to_certification=False,
        agrees_to_code_of_ethics=False,
    )
    assert program_codes(everything_missing) == PROGRAM_RULE_CODES


def test_some_failing_rules_keep_the_documented_order() -> None:
    person = applicant(agrees_to_code_of_ethics=False, diploma=False, lived_experience=None)
    assert program_codes(person) == ("lived_experience", "diploma", "code_of_ethics")


# --- program: age boundaries ------------------------------------------------


@pytest.mark.parametrize(
    ("birth_date", "today", "eligible_by_age"),
    [
        pytest.param(D(2007, 6, 15), D(2025, 6, 14), False, id="day-before-18th-birthday"),
        pytest.param(D(2007, 6, 15), D(2025, 6, 15), True, id="18th-birthday"),
        pytest.param(D(2000, 6, 15), D(2025, 6, 14), True, id="last-day-of-age-24"),
        pytest.param(D(2000, 6, 15), D(2025, 6, 15), False, id="25th-birthday"),
        pytest.param(D(2004, 2, 29), D(2022, 2, 28), False, id="leapling-28-feb-before-18"),
        pytest.param(D(2004, 2, 29), D(2022, 3, 1), True, id="leapling-1-mar-turns-18"),
        pytest.param(D(2004, 2, 29), D(2029, 2, 28), True, id="leapling-28-feb-still-24"),
        pytest.param(D(2004, 2, 29), D(2029, 3, 1), False, id="leapling-1-mar-turns-25"),
    ],
)
def test_age_band_boundaries(birth_date: D, today: D, eligible_by_age: bool) -> None:
    codes = program_codes(applicant(birth_date=birth_date, today=today))
    assert codes == (() if eligible_by_age else ("age",))


@pytest.mark.parametrize(
    ("birth_date", "eligible_by_age"),
    [
        pytest.param(D(2009, 6, 16), False, id="15"),
        pytest.param(D(2009, 6, 15), True, id="16th-birthday"),
        pytest.param(D(1998, 6, 16), True, id="last-day-of-26"),
        pytest.param(D(1998, 6, 15), False, id="27th-birthday"),
    ],
)
def test_the_age_band_is_a_program_setting(birth_date: D, eligible_by_age: bool) -> None:
    codes = program_codes(applicant(birth_date=birth_date), AgeBand(minimum=16, maximum=26))
    assert codes == (() if eligible_by_age else ("age",))


def test_the_default_band_is_18_to_24() -> None:
    assert AgeBand() == AgeBand(minimum=18, maximum=24)


def test_an_inverted_age_band_is_refused() -> None:
    with pytest.raises(ValueError):
        AgeBand(minimum=25, maximum=18)


def test_a_birth_date_after_today_is_refused() -> None:
    with pytest.raises(ValueError):
        applicant(birth_date=TODAY + dt.timedelta(days=1))


@pytest.mark.usefixtures("renderable_texts")
def test_too_young_and_too_old_get_different_explanations_and_next_steps() -> None:
    (too_young,) = program_eligibility(applicant(birth_date=D(2010, 1, 1))).unmet
    (too_old,) = program_eligibility(applicant(birth_date=D(1990, 1, 1))).unmet
    assert too_young.code == too_old.code == "age"
    assert str(too_young.explanation) != str(too_old.explanation)
    assert str(too_young.next_step) != str(too_old.next_step)
    assert "turn 18" in str(too_young.next_step)
    assert "CalMHSA" in str(too_old.next_step)


@pytest.mark.usefixtures("renderable_texts")
def test_age_texts_name_the_configured_band() -> None:
    band = AgeBand(minimum=16, maximum=26)
    (rule,) = program_eligibility(applicant(birth_date=D(2015, 1, 1)), band).unmet
    assert "16 to 26" in str(rule.explanation)
    assert "turn 16" in str(rule.next_step)


@pytest.mark.usefixtures("renderable_texts")
def test_every_unmet_rule_explains_itself_and_offers_a_next_step() -> None:
    people = [
        applicant(
            lived_experience=None,
            birth_date=birth_date,
            diploma=False,
            internet_access=False,
            willing_to_share=False,
            commits_to_training=False,
            commits_to_certification=False,
            agrees_to_code_of_ethics=False,
        )
        for birth_date in (D(2010, 1, 1), D(1990, 1, 1))
    ]
    rules = [rule for person in people for rule in program_eligibility(person).unmet]
    rules += [rule for person in people for rule in certification_eligibility(person).unmet]
    assert {rule.code for rule in rules} == {*PROGRAM_RULE_CODES, *CERTIFICATION_RULE_CODES}
    for rule in rules:
        assert str(rule.explanation).strip(), rule.code
        assert str(rule.next_step).strip(), rule.code


# --- certification ----------------------------------------------------------


def certified_path(**changes: Any) -> Applicant:
    return applicant(completed_training=True, passed_exam=True, **changes)


def test_someone_trained_and_examined_is_eligible_for_certification() -> None:
    result = certification_eligibility(certified_path())
    assert result.eligible is True
    assert result.can_start_now is True
    assert result.unmet == ()


def test_certification_has_no_upper_age_limit() -> None:
    result = certification_eligibility(certified_path(birth_date=D(1960, 1, 1)))
    assert result.eligible is True


@pytest.mark.parametrize(
    ("birth_date", "old_enough"),
    [
        pytest.param(D(2007, 6, 16), False, id="day-before-18th-birthday"),
        pytest.param(D(2007, 6, 15), True, id="18th-birthday"),
    ],
)
def test_certification_needs_an_18th_birthday(birth_date: D, old_enough: bool) -> None:
    result = certification_eligibility(certified_path(birth_date=birth_date))
    assert result.codes == (() if old_enough else ("age",))
    assert result.can_start_now is old_enough


def test_program_only_rules_do_not_apply_to_certification() -> None:
    person = certified_path(
        internet_access=False,
        computer_skills=False,
        commits_to_training=False,
        commits_to_certification=False,
    )
    assert certification_eligibility(person).eligible is True


@pytest.mark.parametrize(
    ("completed_training", "passed_exam", "codes"),
    [
        (None, None, ("training_not_completed", "exam_not_passed")),
        (False, False, ("training_not_completed", "exam_not_passed")),
        (True, None, ("exam_not_passed",)),
        (True, False, ("exam_not_passed",)),
    ],
)
def test_training_and_exam_are_steps_ahead_not_disqualifiers(
    completed_training: bool | None, passed_exam: bool | None, codes: tuple[str, ...]
) -> None:
    result = certification_eligibility(
        applicant(completed_training=completed_training, passed_exam=passed_exam)
    )
    assert result.codes == codes
    assert result.eligible is False
    assert result.can_start_now is True
    assert result.blocking == ()
    assert result.steps_ahead == result.unmet


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"birth_date": D(2010, 1, 1)}, "age"),
        ({"diploma": False}, "diploma"),
        ({"lived_experience": None}, "lived_experience"),
        ({"willing_to_share": False}, "willing_to_share"),
        ({"agrees_to_code_of_ethics": False}, "code_of_ethics"),
    ],
)
def test_each_certification_requirement_alone_blocks(changes: dict[str, Any], code: str) -> None:
    result = certification_eligibility(certified_path(**changes))
    assert result.codes == (code,)
    assert result.eligible is False
    assert result.can_start_now is False


def test_blockers_and_steps_ahead_are_all_reported_in_order() -> None:
    person = applicant(
        birth_date=D(2010, 1, 1),
        diploma=False,
        lived_experience=None,
        willing_to_share=False,
        agrees_to_code_of_ethics=False,
    )
    result = certification_eligibility(person)
    assert result.codes == CERTIFICATION_RULE_CODES
    assert result.can_start_now is False
    assert [rule.code for rule in result.steps_ahead] == [
        "training_not_completed",
        "exam_not_passed",
    ]
    assert len(result.blocking) == 5


def test_certification_minimum_age_is_a_parameter() -> None:
    person = certified_path(birth_date=D(2006, 1, 1))  # 19 on TODAY
    assert certification_eligibility(person, minimum_age=21).codes == ("age",)


def test_results_are_immutable() -> None:
    result = program_eligibility(applicant())
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.eligible = False  # type: ignore[misc]
