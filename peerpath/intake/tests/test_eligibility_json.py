from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from peerpath.intake.eligibility_json import (
    FIELDS,
    check_eligibility_json,
    parse_applicant,
    result_to_json,
)
from peerpath.intake.rules import AgeBand, program_eligibility
from peerpath.lib.jsoncli import InputError, map_one_or_many


def answers(**changes: Any) -> dict[str, Any]:
    """JSON for a 21-year-old who meets every rule, with `changes` applied."""
    return {
        "today": "2025-06-15",
        "birth_date": "2004-01-10",
        "lived_experience": "consumer",
        "diploma": True,
        "internet_access": True,
        "computer_skills": True,
        "willing_to_share": True,
        "commits_to_training": True,
        "commits_to_certification": True,
        "agrees_to_code_of_ethics": True,
        **changes,
    }


def test_parses_every_field() -> None:
    person = parse_applicant(answers(diploma=False, lived_experience="family"))
    assert person.today == dt.date(2025, 6, 15)
    assert person.birth_date == dt.date(2004, 1, 10)
    assert person.lived_experience == "family"
    assert person.diploma is False
    assert person.agrees_to_code_of_ethics is True
    assert person.completed_training is None


def test_both_kinds_of_lived_experience_count_as_consumer() -> None:
    assert parse_applicant(answers(lived_experience="both")).lived_experience == "consumer"


def test_null_lived_experience_is_an_answer_not_an_error() -> None:
    assert check_eligibility_json(answers(lived_experience=None)) == {
        "eligible": False,
        "unmet": ["lived_experience"],
    }


def test_result_lists_codes_in_order() -> None:
    result = program_eligibility(parse_applicant(answers(diploma=False, birth_date="1990-01-01")))
    assert result_to_json(result) == {"eligible": False, "unmet": ["age", "diploma"]}


def test_eligible_result() -> None:
    assert check_eligibility_json(answers()) == {"eligible": True, "unmet": []}


def test_birth_date_on_the_day_of_the_check_is_accepted() -> None:
    assert check_eligibility_json(answers(birth_date="2025-06-15"))["unmet"] == ["age"]


def test_age_band_is_a_parameter_not_an_input() -> None:
    fifteen = answers(birth_date="2010-01-01")
    assert check_eligibility_json(fifteen)["unmet"] == ["age"]
    assert check_eligibility_json(fifteen, AgeBand(minimum=15, maximum=26))["eligible"] is True
    with pytest.raises(InputError) as caught:
        parse_applicant({**fifteen, "age_min": 15})
    assert caught.value.field == "age_min"


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_is_required(field: str) -> None:
    obj = answers()
    del obj[field]
    with pytest.raises(InputError) as caught:
        parse_applicant(obj)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"today": "15/06/2025"}, "today"),
        ({"today": "2025-6-15"}, "today"),
        ({"today": "2025-W24-7"}, "today"),
        ({"today": 20250615}, "today"),
        ({"today": None}, "today"),
        ({"birth_date": "2004-02-30"}, "birth_date"),
        ({"birth_date": "2003-02-29"}, "birth_date"),
        ({"birth_date": "2004-01-10T00:00:00"}, "birth_date"),
        ({"birth_date": "2025-06-16"}, "birth_date"),
        ({"lived_experience": "self"}, "lived_experience"),
        ({"lived_experience": "Consumer"}, "lived_experience"),
        ({"lived_experience": True}, "lived_experience"),
        ({"lived_experience": ["consumer"]}, "lived_experience"),
        ({"diploma": "yes"}, "diploma"),
        ({"internet_access": 1}, "internet_access"),
        ({"computer_skills": None}, "computer_skills"),
        ({"willing_to_share": "true"}, "willing_to_share"),
        ({"commits_to_training": 0}, "commits_to_training"),
        ({"commits_to_certification": []}, "commits_to_certification"),
        ({"agrees_to_code_of_ethics": None}, "agrees_to_code_of_ethics"),
        ({"nickname": "Ana"}, "nickname"),
        ({"completed_training": True}, "completed_training"),
    ],
)
def test_invalid_input_names_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_applicant(answers(**changes))
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def test_error_messages_do_not_repeat_the_birth_date() -> None:
    with pytest.raises(InputError) as caught:
        parse_applicant(answers(birth_date="2004-02-30"))
    assert "2004" not in str(caught.value)


def test_a_list_gives_a_list_of_results() -> None:
    results = map_one_or_many(
        [answers(), answers(commits_to_training=False)], check_eligibility_json
    )
    assert results == [
        {"eligible": True, "unmet": []},
        {"eligible": False, "unmet": ["training_commitment"]},
    ]


def test_an_error_inside_a_list_names_the_item_and_the_field() -> None:
    with pytest.raises(InputError) as caught:
        map_one_or_many([answers(), answers(diploma="no")], check_eligibility_json)
    assert caught.value.field == "[1].diploma"
