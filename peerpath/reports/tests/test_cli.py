from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

EXAMPLE = {
    "period": {"start": "2025-07-01", "end": "2026-06-30"},
    "as_of": "2026-09-29",
    "min_cell": 1,
    "participants": [
        {
            "id": "a",
            "enrolled_on": "2025-01-15",
            "exited_on": "2025-08-20",
            "trainings": [{"kind": "core", "start": "2025-02-01", "completed_on": "2025-07-15"}],
            "certified_on": "2025-10-01",
            "jobs": [
                {
                    "start": "2025-11-01",
                    "end": None,
                    "earnings": {"2026Q1": 7800, "2025Q4": "4100.50"},
                }
            ],
        },
        {
            "id": 2,
            "enrolled_on": "2025-03-01",
            "exited_on": "2025-09-30",
            "exit_excluded": True,
            "trainings": [],
            "certified_on": None,
            "jobs": [],
        },
        {"id": "c", "enrolled_on": "2026-01-10", "exited_on": None},
    ],
}

EXPECTED = {
    "served": 3,
    "exiters": 1,
    "employment_q2": {
        "numerator": 1,
        "denominator": 1,
        "rate": 1.0,
        "pending": 0,
        "suppressed": False,
    },
    "employment_q4": {
        "numerator": 0,
        "denominator": 0,
        "rate": None,
        "pending": 1,
        "suppressed": False,
    },
    "median_earnings_q2": {"value": 7800.0, "count": 1, "suppressed": False},
    "credential_rate": {
        "numerator": 1,
        "denominator": 1,
        "rate": 1.0,
        "pending": 0,
        "suppressed": False,
    },
    "skill_gain_rate": {
        "numerator": 1,
        "denominator": 1,
        "rate": 1.0,
        "pending": 0,
        "suppressed": False,
    },
    "retention": {
        "30": {"numerator": 1, "denominator": 1, "rate": 1.0, "pending": 0, "suppressed": False},
        "90": {"numerator": 1, "denominator": 1, "rate": 1.0, "pending": 0, "suppressed": False},
        "180": {"numerator": 1, "denominator": 1, "rate": 1.0, "pending": 0, "suppressed": False},
    },
    "median_days_to_certification": {"value": 259.0, "count": 1, "suppressed": False},
}


def run(path: Path | str) -> Any:
    out = io.StringIO()
    call_command("outcome_indicators", str(path), stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def fail(path: Path) -> str:
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("outcome_indicators", str(path), stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code == 2
    return err.getvalue()


def write_json(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_single_object(tmp_path: Path) -> None:
    assert run(write_json(tmp_path, EXAMPLE)) == EXPECTED


def test_default_min_cell_suppresses_small_numbers(tmp_path: Path) -> None:
    data = {key: value for key, value in EXAMPLE.items() if key != "min_cell"}
    result = run(write_json(tmp_path, data))
    assert result["employment_q2"] == {
        "numerator": None,
        "denominator": 1,
        "rate": None,
        "pending": 0,
        "suppressed": True,
    }
    assert result["median_earnings_q2"] == {"value": None, "count": 1, "suppressed": True}


def test_list_gives_list_of_same_length(tmp_path: Path) -> None:
    empty = {
        "period": {"start": "2025-01-01", "end": "2025-03-31"},
        "as_of": "2025-04-01",
        "participants": [],
    }
    results = run(write_json(tmp_path, [EXAMPLE, empty]))
    assert len(results) == 2
    assert results[0] == EXPECTED
    assert results[1]["served"] == 0
    assert results[1]["credential_rate"]["rate"] is None


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(EXAMPLE)))
    assert run("-") == EXPECTED


def _with(**changes: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(EXAMPLE))
    data.update(changes)
    return data


def _with_job(job: dict[str, Any]) -> dict[str, Any]:
    data = json.loads(json.dumps(EXAMPLE))
    data["participants"][0]["jobs"] = [job]
    return data


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (_with(period={"start": "2025-07-01", "end": "2025-06-30"}), "period.end"),
        (_with(as_of="2025-06-30"), "as_of"),
        (_with(colour="blue"), "colour"),
        (_with(period={"start": "2025-07-01", "end": "2026-06-30", "label": "x"}), "period.label"),
        (_with(min_cell=0), "min_cell"),
        (_with(as_of=None), "as_of"),
        (
            _with_job({"start": "2025-11-01", "earnings": {"2026Q1": -5}}),
            "participants[0].jobs[0].earnings.2026Q1",
        ),
        (
            _with_job({"start": "2025-11-01", "earnings": {"2026-Q1": 5}}),
            "participants[0].jobs[0].earnings.2026-Q1",
        ),
        (_with_job({"start": "2025-11-01", "end": "2025-10-31"}), "participants[0].jobs[0].end"),
        (_with_job({"start": "2025-11-01", "employer": "x"}), "participants[0].jobs[0].employer"),
        (
            _with(participants=[{"id": "x", "enrolled_on": "2025-02-30"}]),
            "participants[0].enrolled_on",
        ),
        (
            _with(participants=[{"id": "x", "enrolled_on": "2025-02-01", "name": "Ana"}]),
            "participants[0].name",
        ),
        (
            _with(
                participants=[
                    {
                        "id": "x",
                        "enrolled_on": "2025-02-01",
                        "trainings": [{"kind": "yoga", "start": "2025-02-01"}],
                    }
                ]
            ),
            "participants[0].trainings[0].kind",
        ),
    ],
)
def test_invalid_input_exits_with_status_2_naming_the_field(
    tmp_path: Path, data: dict[str, Any], field: str
) -> None:
    assert f"error: {field}:" in fail(write_json(tmp_path, data))


def test_invalid_item_in_a_list_is_named(tmp_path: Path) -> None:
    message = fail(write_json(tmp_path, [EXAMPLE, _with(as_of="2020-01-01")]))
    assert "[1].as_of" in message


def test_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "input.json"
    path.write_text("{", encoding="utf-8")
    assert "FILE" in fail(path)
