"""Careers rules on plain values: no database."""

import datetime as dt
from decimal import Decimal

import pytest

from peerpath.careers import rules

START = dt.date(2026, 1, 15)


def test_follow_ups_fall_30_90_and_180_days_after_the_start():
    due = rules.open_follow_ups(START, set())
    assert [(f.milestone, f.due_on) for f in due] == [
        (30, dt.date(2026, 2, 14)),
        (90, dt.date(2026, 4, 15)),
        (180, dt.date(2026, 7, 14)),
    ]


def test_the_next_follow_up_skips_recorded_ones_and_stops_when_the_job_ends():
    day = dt.date(2026, 1, 20)
    assert rules.next_follow_up(START, set(), day).milestone == 30
    assert rules.next_follow_up(START, {30}, day).milestone == 90
    assert rules.next_follow_up(START, {30, 90, 180}, day) is None
    assert rules.next_follow_up(START, set(), day, ended=True) is None
    assert rules.next_follow_up(None, set(), day) is None


def test_a_missed_follow_up_gives_way_to_the_one_now_due():
    assert rules.next_follow_up(START, set(), dt.date(2026, 3, 1)).milestone == 30  # overdue
    assert rules.next_follow_up(START, set(), dt.date(2026, 4, 10)).milestone == 90


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (dt.date(2026, 2, 6), rules.UPCOMING),
        (dt.date(2026, 2, 7), rules.DUE),  # seven days before
        (dt.date(2026, 2, 14), rules.DUE),
        (dt.date(2026, 2, 15), rules.OVERDUE),
    ],
)
def test_follow_up_state_by_day(today, state):
    assert rules.follow_up_state(dt.date(2026, 2, 14), today) == state


@pytest.mark.parametrize(
    ("today", "recorded", "expected"),
    [
        (dt.date(2026, 2, 6), set(), None),  # too early
        (dt.date(2026, 2, 7), set(), 30),  # window opens a week before
        (dt.date(2026, 3, 16), set(), 30),  # 30 days late: still reminded
        (dt.date(2026, 3, 17), set(), None),  # stale: not sent late
        (dt.date(2026, 4, 8), set(), 90),  # the 30-day one was missed; remind the current one
        (dt.date(2026, 4, 8), {90}, None),
        (dt.date(2026, 7, 10), {30, 90}, 180),
    ],
)
def test_reminder_windows(today, recorded, expected):
    due = rules.reminder_due(START, recorded, today)
    assert (due.milestone if due else None) == expected


def test_no_reminders_for_ended_jobs_or_without_a_start_date():
    assert rules.reminder_due(START, set(), dt.date(2026, 2, 10), ended=True) is None
    assert rules.reminder_due(None, set(), dt.date(2026, 2, 10)) is None


def test_reminder_windows_never_overlap():
    for today in (START + dt.timedelta(days=n) for n in range(260)):
        windows = [
            f.milestone
            for f in rules.open_follow_ups(START, set())
            if f.due_on - dt.timedelta(days=rules.REMINDER_LEAD_DAYS)
            <= today
            <= f.due_on + dt.timedelta(days=rules.REMINDER_STALE_DAYS)
        ]
        assert len(windows) <= 1


def test_model_choices_match_the_milestones():
    from peerpath.careers.models import FollowUp

    assert tuple(days for days, _label in FollowUp.MILESTONE_CHOICES) == (
        rules.FOLLOW_UP_MILESTONES
    )


TODAY = dt.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ((dt.date(2026, 5, 1), dt.date(2026, 4, 1), None), "start_date"),
        ((None, dt.date(2026, 4, 1), dt.date(2026, 3, 1)), "end_date"),
        ((dt.date(2026, 7, 1), None, None), "offered_on"),
        ((None, dt.date(2028, 1, 1), None), "start_date"),
        ((None, None, dt.date(2026, 3, 1)), "start_date"),
        ((None, dt.date(1900, 1, 1), None), "start_date"),
        ((None, dt.date(2026, 4, 1), dt.date(2026, 7, 1)), "end_date"),
    ],
)
def test_placement_dates_in_the_wrong_order_or_out_of_range(dates, field):
    errors = rules.check_placement_dates(*dates, TODAY)
    assert field in [name for name, _message in errors]


def test_sensible_placement_dates_pass():
    assert rules.check_placement_dates(dt.date(2026, 4, 1), dt.date(2026, 4, 15), None, TODAY) == []
    assert rules.check_placement_dates(None, dt.date(2026, 6, 20), None, TODAY) == []


@pytest.mark.parametrize(
    ("hours", "wage", "period", "field"),
    [
        (Decimal("0"), None, "hour", "hours_per_week"),
        (Decimal("81"), None, "hour", "hours_per_week"),
        (None, Decimal("-1"), "hour", "wage"),
        (None, Decimal("900"), "hour", "wage"),
        (None, Decimal("2000000"), "year", "wage"),
    ],
)
def test_impossible_pay(hours, wage, period, field):
    assert [name for name, _m in rules.check_pay(hours, wage, period)] == [field]


def test_plausible_pay_passes():
    assert rules.check_pay(Decimal("32"), Decimal("24.50"), "hour") == []
    assert rules.check_pay(None, Decimal("52000"), "year") == []


def test_entry_dates():
    assert (
        rules.check_entry_dates(dt.date(2024, 1, 1), dt.date(2023, 1, 1), TODAY)[0][0] == "end_on"
    )
    assert rules.check_entry_dates(dt.date(2027, 1, 1), None, TODAY)[0][0] == "start_on"
    assert rules.check_entry_dates(dt.date(2024, 1, 1), None, TODAY) == []
    # Expected graduation may lie ahead.
    assert rules.check_entry_dates(None, dt.date(2027, 6, 1), TODAY) == []


def test_bullet_lines_strip_what_people_type():
    text = "- one\r\n\r\n• two\n  3. three  \n* four\n–  five\nplain"
    assert rules.bullet_lines(text) == ["one", "two", "three", "four", "five", "plain"]
    assert rules.bullet_lines("") == []


def test_prep_progress_counts_known_tips_and_filled_sections():
    assert rules.prep_progress(["a", "zz"], ["a", "b", "c"], [True, False]) == (2, 5)
    assert rules.prep_progress([], ["a"], []) == (0, 1)


def test_coverage():
    assert rules.coverage(("hope", "tools", "connection"), ["tools", "unknown"]) == (1, 3)


def test_a_check_in_counts_for_a_follow_up_only_near_or_after_its_date():
    # START + 90 days is 2026-04-15; a check-in may be recorded from two weeks before.
    check = rules.check_follow_up
    assert check(START, 90, dt.date(2026, 4, 1), None, still_employed=True) == []
    assert check(START, 90, dt.date(2026, 3, 31), None, still_employed=True)[0][0] == (
        "contacted_on"
    )
    assert check(START, 180, dt.date(2026, 1, 30), None, still_employed=False)[0][0] == (
        "contacted_on"
    )


def test_a_check_in_after_the_last_day_cannot_find_the_person_still_working():
    last_day = dt.date(2026, 2, 20)
    errors = rules.check_follow_up(START, 30, dt.date(2026, 3, 1), last_day, still_employed=True)
    assert [field for field, _message in errors] == ["still_employed"]
    assert (
        rules.check_follow_up(START, 30, dt.date(2026, 2, 20), last_day, still_employed=True) == []
    )
    assert (
        rules.check_follow_up(START, 30, dt.date(2026, 3, 1), last_day, still_employed=False) == []
    )
