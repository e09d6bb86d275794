"""Plan rules on plain values: answer history, check-ins, progress, next step."""

import datetime as dt

import pytest

from peerpath.plan import rules
from peerpath.plan.rules import OpenObjective, SavedRevision, Step

NOW = dt.datetime(2026, 5, 10, 15, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 5, 10)


def saved(value, minutes_ago):
    return SavedRevision(value, NOW - dt.timedelta(minutes=minutes_ago))


@pytest.mark.parametrize(
    ("new", "latest", "earlier", "step"),
    [
        ("", None, "", Step.SKIP),  # nothing typed yet
        ("Listening", None, "", Step.CREATE),  # first answer
        ("Listening", saved("Listening", 1), "", Step.SKIP),  # the same again
        ("Listening well", saved("Listening", 2), "", Step.UPDATE),  # still typing
        ("Listening well", saved("Listening", 9.9), "", Step.UPDATE),
        ("Listening well", saved("Listening", 10), "", Step.CREATE),  # a new sitting
        ("Listening well", saved("Listening", 60 * 24 * 30), "", Step.CREATE),
        ("Old", saved("Oldx", 1), "Old", Step.DISCARD),  # typed, then undone
        ("", saved("L", 1), "", Step.DISCARD),  # a first answer typed and erased
        ("", saved("Listening", 30), "", Step.CREATE),  # erased later: kept as history
    ],
)
def test_revision_step(new, latest, earlier, step):
    assert rules.revision_step(new, latest, earlier, NOW) == step


def test_revision_window_is_ten_minutes_from_the_last_save():
    assert dt.timedelta(minutes=10) == rules.COALESCE_WINDOW
    assert rules.revision_step("b", saved("a", 3), "", NOW, dt.timedelta(minutes=2)) == Step.CREATE


@pytest.mark.parametrize(
    ("last", "today", "due"),
    [
        (None, TODAY, True),
        (dt.date(2026, 4, 10), TODAY, True),  # a month to the day
        (dt.date(2026, 4, 11), TODAY, False),
        (dt.date(2026, 5, 10), TODAY, False),  # checked in today
        (dt.date(2026, 1, 31), dt.date(2026, 2, 27), False),
        (dt.date(2026, 1, 31), dt.date(2026, 2, 28), True),  # clamped to the month's end
        (dt.date(2025, 12, 15), dt.date(2026, 1, 15), True),  # across the year
    ],
)
def test_confidence_is_due_monthly(last, today, due):
    assert rules.is_confidence_due(last, today) is due


def test_confidence_is_never_due_while_paused():
    assert not rules.is_confidence_due(None, TODAY, paused_until=TODAY)
    assert not rules.is_confidence_due(dt.date(2026, 1, 1), TODAY, paused_until=dt.date(2026, 6, 1))
    assert rules.is_confidence_due(None, TODAY, paused_until=dt.date(2026, 5, 9))


def test_next_due_date():
    assert rules.confidence_next_due(None) is None
    assert rules.confidence_next_due(dt.date(2024, 1, 31)) == dt.date(2024, 2, 29)


def test_progress_counts_done_over_objectives_in_play():
    objectives = [
        ("done", False),
        ("in_progress", False),
        ("not_started", False),
        ("dropped", False),  # dropped: in neither number
        ("done", True),  # goal set aside: in neither number
    ]
    assert rules.count_progress(objectives, has_starter=True) == (1, 3)


def test_progress_counts_the_starter_steps_before_the_checklist_exists():
    assert rules.count_progress([], has_starter=False) == (0, 6)
    assert rules.count_progress([("done", False)], has_starter=False) == (1, 7)
    assert rules.count_progress([], has_starter=True) == (0, 0)


def test_category_averages_and_comparison():
    first = rules.category_averages([("a", 1), ("a", 2), ("b", 4)])
    latest = rules.category_averages([("a", 3), ("a", 3)])
    assert first == {"a": 1.5, "b": 4.0}
    rows = rules.compare_categories(["a", "b", "c"], first, latest)
    assert [(r.code, r.first, r.latest, r.change) for r in rows] == [
        ("a", 1.5, 3.0, 1.5),
        ("b", 4.0, None, None),
        ("c", None, None, None),
    ]


def test_unrated_items_by_category():
    items = {"samhsa-1": [1, 2, 3], "samhsa-2": [1, 2]}
    rated = [("samhsa-1", 1), ("samhsa-2", 1), ("samhsa-2", 2), ("samhsa-9", 1)]
    assert rules.unrated_by_category(items, rated) == {"samhsa-1": 2}
    assert rules.unrated_by_category(items, [*rated, ("samhsa-1", 2), ("samhsa-1", 3)]) == {}


def step(**overrides):
    values = {
        "answered": 5,
        "confidence_due": False,
        "objectives": [],
        "completed_self_assessments": 1,
        "has_self_draft": False,
        "today": TODAY,
    }
    values.update(overrides)
    return rules.choose_next_step(**values)


def objective(label, days=None):
    return OpenObjective(1, label, None if days is None else TODAY + dt.timedelta(days=days))


def test_next_step_order():
    assert step(answered=0, confidence_due=True).kind == "questionnaire"
    assert step(confidence_due=True, objectives=[objective("a", 1)]).kind == "confidence"
    soon = step(objectives=[objective("undated"), objective("later", 10), objective("late", -3)])
    assert (soon.kind, soon.objective.label) == ("objective-due", "late")
    undated = step(objectives=[objective("far", 40), objective("undated"), objective("u2")])
    assert (undated.kind, undated.objective.label) == ("objective-undated", "undated")
    far = step(objectives=[objective("far", 40), objective("farther", 90)])
    assert (far.kind, far.objective.label) == ("objective-due", "far")
    assert step(objectives=[objective("u"), objective("edge", 14)]).objective.label == "edge"
    assert step(objectives=[objective("u"), objective("past edge", 15)]).objective.label == "u"
    assert step(completed_self_assessments=0).kind == "competencies"
    assert step(completed_self_assessments=0, has_self_draft=True).kind == "competencies-draft"
    assert step() is None
