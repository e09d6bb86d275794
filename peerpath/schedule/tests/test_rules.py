"""Recurrence, reminders and attendance on plain values: no database."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from peerpath.schedule import rules
from peerpath.schedule.rules import Change, SeriesRule

LA = ZoneInfo("America/Los_Angeles")
D = dt.date
T = dt.time


FOUR_PM, QUARTER_TO_FIVE, NEW_YEAR = T(16, 0), T(16, 45), D(2026, 1, 1)


def series(recurrence, start=FOUR_PM, end=QUARTER_TO_FIVE, starts_on=NEW_YEAR, **extra):
    return SeriesRule(
        series_id=1,
        kind="orientation",
        title="Orientation",
        starts_on=starts_on,
        start_time=start,
        end_time=end,
        recurrence=recurrence,
        zone=extra.pop("zone", LA),
        **extra,
    )


MONDAYS = series("FREQ=WEEKLY;BYDAY=MO")
GROUPS = series("FREQ=MONTHLY;BYDAY=1TU,3TU", start=T(12, 0), end=T(13, 0))


def starts(occurrences):
    return [o.start.isoformat() for o in occurrences]


def test_weekly_sessions_keep_their_wall_clock_time_across_the_spring_change():
    # The US changes to daylight time on Sunday 8 March 2026.
    found = rules.expand(MONDAYS, {}, D(2026, 3, 1), D(2026, 3, 16))
    assert starts(found) == [
        "2026-03-02T16:00:00-08:00",
        "2026-03-09T16:00:00-07:00",
        "2026-03-16T16:00:00-07:00",
    ]
    utc = [o.start.astimezone(dt.UTC).time() for o in found]
    assert utc == [T(0, 0), T(23, 0), T(23, 0)]
    assert all(o.end - o.start == dt.timedelta(minutes=45) for o in found)


def test_weekly_sessions_keep_their_wall_clock_time_across_the_autumn_change():
    # Back to standard time on Sunday 1 November 2026.
    found = rules.expand(MONDAYS, {}, D(2026, 10, 26), D(2026, 11, 2))
    assert starts(found) == ["2026-10-26T16:00:00-07:00", "2026-11-02T16:00:00-08:00"]


def test_a_session_at_a_time_that_does_not_exist_on_the_spring_change_moves_an_hour_on():
    early = series("FREQ=WEEKLY;BYDAY=SU", start=T(2, 30), end=T(3, 30))
    [sunday] = rules.expand(early, {}, D(2026, 3, 8), D(2026, 3, 8))
    assert sunday.start.isoformat() == "2026-03-08T03:30:00-07:00"
    assert sunday.end.isoformat() == "2026-03-08T04:30:00-07:00"


def test_first_and_third_tuesday_when_the_first_tuesday_is_the_first_of_the_month():
    found = rules.expand(GROUPS, {}, D(2026, 12, 1), D(2026, 12, 31))
    assert [o.start.date() for o in found] == [D(2026, 12, 1), D(2026, 12, 15)]


def test_first_and_third_tuesday_when_the_first_tuesday_is_the_seventh():
    found = rules.expand(GROUPS, {}, D(2026, 7, 1), D(2026, 7, 31))
    assert [o.start.date() for o in found] == [D(2026, 7, 7), D(2026, 7, 21)]
    assert starts(found)[0] == "2026-07-07T12:00:00-07:00"


def test_leap_year_february():
    # February 2028 starts on a Tuesday and has a 29th (also a Tuesday).
    found = rules.expand(GROUPS, {}, D(2028, 2, 1), D(2028, 3, 31))
    assert [o.start.date() for o in found] == [
        D(2028, 2, 1),
        D(2028, 2, 15),
        D(2028, 3, 7),
        D(2028, 3, 21),
    ]
    last_day = series("FREQ=MONTHLY;BYMONTHDAY=-1")
    days = rules.occurrence_dates(last_day, D(2027, 2, 1), D(2028, 3, 1))
    assert D(2027, 2, 28) in days and D(2028, 2, 29) in days
    leap_only = series("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", starts_on=D(2024, 1, 1))
    assert rules.occurrence_dates(leap_only, D(2024, 1, 1), D(2031, 12, 31)) == [
        D(2024, 2, 29),
        D(2028, 2, 29),
    ]
    tuesdays = series("FREQ=WEEKLY;BYDAY=TU")
    assert D(2028, 2, 29) in rules.occurrence_dates(tuesdays, D(2028, 2, 28), D(2028, 3, 1))


def test_support_room_on_two_days_a_week():
    room = series("FREQ=WEEKLY;BYDAY=MO,WE", start=T(12, 0), end=T(14, 30))
    found = rules.expand(room, {}, D(2026, 12, 7), D(2026, 12, 13))
    assert starts(found) == ["2026-12-07T12:00:00-08:00", "2026-12-09T12:00:00-08:00"]


def test_a_cancelled_occurrence_stays_on_its_date_with_the_note():
    changes = {D(2026, 3, 9): Change(D(2026, 3, 9), cancelled=True, note="Holiday")}
    found = rules.expand(MONDAYS, changes, D(2026, 3, 2), D(2026, 3, 16))
    assert [o.status for o in found] == ["scheduled", "cancelled", "scheduled"]
    assert found[1].note == "Holiday" and found[1].is_cancelled


def test_a_moved_occurrence_appears_at_its_new_time_and_not_at_the_old_one():
    new_start = dt.datetime(2026, 3, 10, 17, 0, tzinfo=LA)
    changes = {
        D(2026, 3, 9): Change(
            D(2026, 3, 9),
            cancelled=False,
            new_start=new_start,
            new_end=new_start + dt.timedelta(hours=1),
        )
    }
    found = rules.expand(MONDAYS, changes, D(2026, 3, 2), D(2026, 3, 16))
    assert starts(found) == [
        "2026-03-02T16:00:00-08:00",
        "2026-03-10T17:00:00-07:00",
        "2026-03-16T16:00:00-07:00",
    ]
    moved = found[1]
    assert moved.status == "moved"
    assert moved.original_date == D(2026, 3, 9)
    assert moved.original_start.isoformat() == "2026-03-09T16:00:00-07:00"


def test_a_move_into_or_out_of_the_window_is_followed():
    new_start = dt.datetime(2026, 3, 20, 10, 0, tzinfo=LA)
    changes = {
        D(2026, 3, 9): Change(
            D(2026, 3, 9),
            cancelled=False,
            new_start=new_start,
            new_end=new_start + dt.timedelta(hours=1),
        )
    }
    # The window of the new date shows it, though its original date is outside.
    assert starts(rules.expand(MONDAYS, changes, D(2026, 3, 17), D(2026, 3, 22))) == [
        "2026-03-20T10:00:00-07:00"
    ]
    # The window of the original date no longer shows it.
    assert rules.expand(MONDAYS, changes, D(2026, 3, 9), D(2026, 3, 9)) == []


def test_a_change_on_a_day_the_series_does_not_meet_is_ignored():
    stray = dt.datetime(2026, 3, 20, 10, 0, tzinfo=LA)
    changes = {
        D(2026, 3, 10): Change(
            D(2026, 3, 10), cancelled=False, new_start=stray, new_end=stray + dt.timedelta(hours=1)
        )
    }
    assert rules.expand(MONDAYS, changes, D(2026, 3, 17), D(2026, 3, 22)) == []


def test_one_time_session_start_and_end_dates():
    once = series("", starts_on=D(2026, 5, 6))
    assert [o.start.date() for o in rules.expand(once, {}, D(2026, 5, 1), D(2026, 5, 31))] == [
        D(2026, 5, 6)
    ]
    assert rules.expand(once, {}, D(2026, 5, 7), D(2026, 5, 31)) == []
    bounded = series("FREQ=WEEKLY;BYDAY=MO", starts_on=D(2026, 3, 4), ends_on=D(2026, 3, 16))
    # From a Wednesday: the start date is "from", not an occurrence.
    assert rules.occurrence_dates(bounded, D(2026, 3, 1), D(2026, 3, 31)) == [
        D(2026, 3, 9),
        D(2026, 3, 16),
    ]
    assert rules.occurrence_dates(bounded, D(2026, 3, 31), D(2026, 3, 1)) == []


def test_another_time_zone():
    new_york = series("FREQ=WEEKLY;BYDAY=MO", zone=ZoneInfo("America/New_York"))
    [monday] = rules.expand(new_york, {}, D(2026, 3, 9), D(2026, 3, 9))
    assert monday.start.isoformat() == "2026-03-09T16:00:00-04:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=WEEKLY;BYDAY=MO,WE"),
        ("rrule:byday=1tu,3tu;freq=monthly", "FREQ=MONTHLY;BYDAY=1TU,3TU"),
        ("  ", ""),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
    ],
)
def test_valid_rules_are_normalised(text, expected):
    assert rules.validate_recurrence(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FREQ=HOURLY",
        "FREQ=MINUTELY;INTERVAL=1",
        "FREQ=WEEKLY;BYHOUR=3",
        "FREQ=WEEKLY;UNTIL=20260101T000000Z",
        "FREQ=WEEKLY;INTERVAL=0",
        "FREQ=WEEKLY;INTERVAL=1000",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=MONTHLY;BYDAY=9TU",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=WEEKLY;COUNT=many",
        "garbage",
        "FREQ=WEEKLY;" + "BYDAY=MO;" * 60,
        "\x00\x01",
    ],
)
def test_bad_rules_are_refused_with_a_message(text):
    with pytest.raises(ValueError, match=r"\w"):
        rules.validate_recurrence(text)


def test_the_form_builds_and_reads_back_the_seed_patterns():
    assert rules.build_recurrence("weekly", ["WE", "MO"], []) == "FREQ=WEEKLY;BYDAY=MO,WE"
    assert rules.build_recurrence("monthly", ["TU"], [3, 1]) == "FREQ=MONTHLY;BYDAY=1TU,3TU"
    assert rules.build_recurrence("once", [], []) == ""
    assert rules.split_recurrence("FREQ=MONTHLY;BYDAY=1TU,3TU") == ("monthly", ["TU"], [1, 3])
    assert rules.split_recurrence("FREQ=WEEKLY;BYDAY=MO,WE") == ("weekly", ["MO", "WE"], [])
    assert rules.split_recurrence("FREQ=MONTHLY;BYMONTHDAY=-1") is None
    with pytest.raises(ValueError):
        rules.build_recurrence("weekly", [], [])
    with pytest.raises(ValueError):
        rules.build_recurrence("monthly", ["TU"], [])


def test_rules_in_words_in_both_languages():
    assert rules.describe_recurrence("FREQ=WEEKLY;BYDAY=MO,WE") == "Every Monday and Wednesday"
    assert (
        rules.describe_recurrence("FREQ=MONTHLY;BYDAY=1TU,3TU")
        == "The first and third Tuesday of each month"
    )
    with translation.override("es"):
        assert rules.describe_recurrence("FREQ=WEEKLY;BYDAY=MO") == "Todos los lunes"
        assert (
            rules.describe_recurrence("FREQ=MONTHLY;BYDAY=1TU,3TU")
            == "El primer y tercer martes de cada mes"
        )


NOON = dt.datetime(2026, 12, 7, 12, 0, tzinfo=LA)


@pytest.mark.parametrize(
    ("now_before", "booked_before", "due"),
    [
        (dt.timedelta(hours=30), dt.timedelta(days=5), None),  # too early
        (dt.timedelta(hours=23), dt.timedelta(days=5), 24),
        (dt.timedelta(hours=2), dt.timedelta(days=5), 24),
        (dt.timedelta(minutes=50), dt.timedelta(days=5), 1),
        (dt.timedelta(minutes=50), dt.timedelta(hours=3), 1),  # booked late: no "24 h"
        (dt.timedelta(hours=5), dt.timedelta(hours=10), None),
        (dt.timedelta(0), dt.timedelta(days=5), None),  # started
    ],
)
def test_the_nearest_reached_reminder_is_due(now_before, booked_before, due):
    assert rules.due_reminder(NOON, NOON - booked_before, NOON - now_before, (24, 1)) == due


def test_offsets_parse():
    assert rules.parse_offsets("1, 24,x,0,24") == (24, 1)
    assert rules.parse_offsets("") == ()


@pytest.mark.parametrize(
    ("history", "run"),
    [
        ([], 0),
        (["absent", "absent", "absent"], 3),
        (["absent", "present", "absent"], 1),
        (["absent", "excused", "absent", "absent", "present"], 3),
        (["excused", "excused"], 0),
        (["present", "absent", "absent"], 0),
    ],
)
def test_the_run_of_absences_skips_excused_and_ends_at_the_last_visit(history, run):
    assert rules.consecutive_absences(history) == run


def test_flags_checkin_and_places():
    assert rules.is_absence_flagged(3, 3) and not rules.is_absence_flagged(2, 3)
    start = NOON
    end = NOON + dt.timedelta(hours=2)
    assert not rules.check_in_open(start, end, start - dt.timedelta(minutes=16), 15)
    assert rules.check_in_open(start, end, start - dt.timedelta(minutes=15), 15)
    assert rules.check_in_open(start, end, end, 15)
    assert not rules.check_in_open(start, end, end + dt.timedelta(seconds=1), 15)
    assert rules.can_excuse(start, start - dt.timedelta(seconds=1))
    assert not rules.can_excuse(start, start)
    assert rules.spots_left(None, 40) is None
    assert rules.spots_left(12, 11) == 1
    assert rules.spots_left(12, 14) == 0


def test_join_details_never_show_in_a_repr():
    details = rules.JoinDetails("https://meet.example.org/x", "123 456", "SECRET")
    assert "SECRET" not in repr(details) and "meet.example.org" not in repr(details)
    occurrence = rules.expand(MONDAYS, {}, D(2026, 3, 9), D(2026, 3, 9))[0]
    from dataclasses import replace

    assert "SECRET" not in repr(replace(occurrence, join=details))


@pytest.mark.parametrize(
    ("text", "tidy"),
    [
        ("on Monday, 5 p.m.. Open PeerPath", "on Monday, 5 p.m. Open PeerPath"),
        ("at 17:00. Open PeerPath", "at 17:00. Open PeerPath"),
        ("a las 5 p. m.. Abra PeerPath", "a las 5 p. m. Abra PeerPath"),
        ("ends 5 p.m..", "ends 5 p.m."),
        ("wait...", "wait..."),
    ],
)
def test_a_time_ending_in_a_period_does_not_double_it(text, tidy):
    assert rules.tidy_sentences(text) == tidy
