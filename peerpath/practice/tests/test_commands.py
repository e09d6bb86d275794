import io
import json
import sys

import pytest
from django.core.management import call_command


def run(capsys, payload, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(payload)))
    call_command("coach_classify", "-")
    return json.loads(capsys.readouterr().out)


def test_classify_list_in_list_out(capsys, monkeypatch):
    turns = [
        {"speaker": "practitioner", "text": "Tell me more about your week."},
        {"speaker": "client", "text": "I'm going to call my sister tonight."},
        {"speaker": "practitioner", "text": "You should just quit."},
        {"speaker": "practitioner", "text": "How many days did you work?"},
    ]
    out = run(capsys, turns, monkeypatch)
    assert len(out) == 4
    assert out[0]["label"] == "open_question" and "subtype" not in out[0]
    assert out[1] == {**out[1], "label": "change", "subtype": "commitment"}
    assert out[2]["label"] == "advice"
    assert out[3]["label"] == "closed_question"
    assert all(0 <= item["confidence"] <= 1 for item in out)


def test_classify_empty_list(capsys, monkeypatch):
    assert run(capsys, [], monkeypatch) == []


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"speaker": "client", "text": "hi"}, "input: expected a JSON list"),
        ([{"speaker": "therapist", "text": "hi"}], "[0].speaker"),
        ([{"speaker": "client", "text": 5}], "[0].text: must be a string"),
        ([{"speaker": "client", "text": "hi", "mood": "ok"}], "[0].mood"),
        (["just text"], "[0]: expected a JSON object"),
    ],
)
def test_bad_input_exits_2_with_a_message(capsys, monkeypatch, payload, message):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(payload)))
    with pytest.raises(SystemExit) as exit_info:
        call_command("coach_classify", "-")
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_classify_reads_a_file(tmp_path, capsys):
    path = tmp_path / "turns.json"
    path.write_text(json.dumps([{"speaker": "client", "text": "I want to sleep better."}]))
    call_command("coach_classify", str(path))
    assert json.loads(capsys.readouterr().out)[0]["label"] == "change"


def test_evaluate_prints_per_class_scores(capsys):
    call_command("coach_evaluate", "--no-cv", "--no-fresh")
    out = capsys.readouterr().out
    assert "macro-F1" in out
    assert "open_question P/R/F1" in out
