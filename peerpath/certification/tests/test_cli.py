from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command


def run(path: Path | str) -> Any:
    out = io.StringIO()
    call_command("certification_plan", str(path), stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def write_json(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_single_object(tmp_path: Path) -> None:
    path = write_json(
        tmp_path,
        {
            "today": "2025-06-01",
            "application_submitted": "2025-01-01",
            "application_completed": "2025-01-20",
            "application_approved": "2025-03-10",
        },
    )
    assert run(path) == {
        "stage": "complete_training",
        "deadlines": {
            "application_complete_by": "2025-04-01",
            "approval_valid_through": "2026-03-10",
            "last_exam_request": "2026-02-24",
        },
        "exam_attempts_remaining": 3,
        "problems": [],
    }


def test_list_gives_list_of_same_length(tmp_path: Path) -> None:
    path = write_json(
        tmp_path,
        [
            {"today": "2025-04-01", "application_submitted": "2025-01-01"},
            {"today": "2025-04-02", "application_submitted": "2025-01-01"},
            {"today": "2026-05-16", "certified_on": "2024-05-15"},
        ],
    )
    results = run(path)
    assert [result["stage"] for result in results] == [
        "complete_application",
        "application_void",
        "renewal_overdue",
    ]


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('{"today": "2025-01-01"}'))
    assert run("-")["stage"] == "start_application"


def test_invalid_input_exits_with_status_2_naming_the_field(tmp_path: Path) -> None:
    path = write_json(
        tmp_path,
        [
            {"today": "2025-01-01"},
            {"today": "2025-01-01", "exam_attempts": [{"date": "2024-05-01", "passed": "no"}]},
        ],
    )
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("certification_plan", str(path), stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code == 2
    assert "[1].exam_attempts[0].passed" in err.getvalue()


def test_unreadable_file_exits_with_status_2(tmp_path: Path) -> None:
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "certification_plan", str(tmp_path / "missing.json"), stdout=io.StringIO(), stderr=err
        )
    assert exit_info.value.code == 2
    assert "FILE" in err.getvalue()
