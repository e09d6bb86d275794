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


def feedback(capsys, payload, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(payload)))
    call_command("coach_feedback", "-")
    return json.loads(capsys.readouterr().out)


def test_feedback_list_in_list_out(capsys, monkeypatch):
    items = [
        {
            "exercise": "affirmation",
            "language": "en",
            "client": "I haven't missed a single check-in with my PO since I got out.",
            "response": "Good job!",
        },
        {
            "exercise": "affirmation",
            "language": "es",
            "client": "No he faltado a ni una cita con mi PO desde que salí.",
            "response": "¡Buen trabajo!",
        },
        {
            "exercise": "reflection_simple",
            "language": "en",
            "client": "I'm working two jobs and going to training three days a week.",
            "response": "You're juggling two jobs and training.",
        },
        {
            "exercise": "open_question",
            "language": "en",
            "client": "I feel so alone since I moved here.",
            "response": "Do you have friends here?",
        },
    ]
    out = feedback(capsys, items, monkeypatch)
    assert len(out) == 4
    assert all(set(item) == {"meets", "label", "problems", "message"} for item in out)
    assert out[0]["meets"] is False and out[0]["problems"] == ["generic_praise"]
    assert out[1]["problems"] == ["generic_praise"] and "buen trabajo" in out[1]["message"]
    assert out[2] == {**out[2], "meets": True, "label": "reflection", "problems": []}
    assert out[3]["problems"] == ["closed_question"]


def test_feedback_empty_list_and_file(capsys, monkeypatch, tmp_path):
    assert feedback(capsys, [], monkeypatch) == []
    path = tmp_path / "answers.json"
    item = {"exercise": "summary", "language": "en", "client": "I moved.", "response": "Ok."}
    path.write_text(json.dumps([item]))
    call_command("coach_feedback", str(path))
    assert json.loads(capsys.readouterr().out)[0]["meets"] is False


GOOD = {"exercise": "summary", "language": "en", "client": "hi", "response": "hi"}


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (GOOD, "input: expected a JSON list"),
        ([{**GOOD, "exercise": "advice"}], "[0].exercise: must be one of"),
        ([GOOD, {**GOOD, "language": "fr"}], "[1].language"),
        ([{**GOOD, "client": None}], "[0].client: must be a string"),
        ([{k: v for k, v in GOOD.items() if k != "response"}], "[0].response"),
        ([{**GOOD, "mood": "ok"}], "[0].mood: is not a known field"),
        ([{**GOOD, "response": "x" * 5001}], "[0].response: is longer than"),
        (["just text"], "[0]: expected a JSON object"),
    ],
)
def test_feedback_bad_input_exits_2_naming_the_field(capsys, monkeypatch, payload, message):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(payload)))
    with pytest.raises(SystemExit) as exit_info:
        call_command("coach_feedback", "-")
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_feedback_rejects_a_file_that_is_not_json(capsys, tmp_path):
    path = tmp_path / "answers.json"
    path.write_text("[{")
    with pytest.raises(SystemExit) as exit_info:
        call_command("coach_feedback", str(path))
    assert exit_info.value.code == 2
    assert "FILE: not valid JSON" in capsys.readouterr().err
