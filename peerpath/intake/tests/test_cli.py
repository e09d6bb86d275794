from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

VALID = {
    "today": "2025-06-15",
    "birth_date": "2004-01-10",
    "lived_experience": "family",
    "diploma": True,
    "internet_access": True,
    "computer_skills": True,
    "willing_to_share": True,
    "commits_to_training": True,
    "commits_to_certification": True,
    "agrees_to_code_of_ethics": True,
}


def run(tmp_path: Path, data: Any) -> tuple[str, str]:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("check_eligibility", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_one_object_gives_one_result(tmp_path: Path) -> None:
    out, _ = run(tmp_path, {**VALID, "diploma": False})
    assert json.loads(out) == {"eligible": False, "unmet": ["diploma"]}


def test_a_list_gives_a_list_of_the_same_length(tmp_path: Path) -> None:
    out, _ = run(tmp_path, [VALID, {**VALID, "birth_date": "1990-01-01"}])
    assert json.loads(out) == [
        {"eligible": True, "unmet": []},
        {"eligible": False, "unmet": ["age"]},
    ]


def test_invalid_input_exits_with_status_2_naming_the_field(tmp_path: Path) -> None:
    path = tmp_path / "input.json"
    path.write_text(json.dumps([VALID, {**VALID, "birth_date": "2030-01-01"}]), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as caught:
        call_command("check_eligibility", str(path), stdout=out, stderr=err)
    assert caught.value.code == 2
    assert "[1].birth_date" in err.getvalue()
    assert out.getvalue() == ""
