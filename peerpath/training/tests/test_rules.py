"""Hours arithmetic, verification, schedules and pay periods: pure functions, no database."""

import datetime as dt
from decimal import Decimal as D

import pytest

from peerpath.training import rules

TODAY = dt.date(2026, 11, 20)
EARLIEST = dt.date(2022, 7, 1)


def training_check(**overrides):
    values = {
        "day": TODAY,
        "hours": D("4"),
        "today": TODAY,
        "logged_so_far": D("0"),
        "course_hours": D("80"),
        "day_total_so_far": D("0"),
        "is_total": False,
        "starts_on": None,
    }
    values.update(overrides)
    return {field: str(message) for field, message in rules.check_training_hours(**values)}


def test_quarter_hours_pass_and_other_fractions_are_refused():
    assert rules.hours_problem(D("0.25")) is None
    assert rules.hours_problem(D("7.75")) is None
    assert "quarter hours" in str(rules.hours_problem(D("1.1")))
    assert "quarter hours" in str(rules.hours_problem(D("0.2")))


@pytest.mark.parametrize("hours", [D("0"), D("-1"), D("-0.25"), D("NaN"), D("Infinity")])
def test_zero_negative_and_non_numbers_are_refused(hours):
    assert "greater than 0" in str(rules.hours_problem(hours))


def test_a_session_is_at_most_a_day_long():
    assert rules.hours_problem(D("24")) is None
    assert "At most 24 hours" in str(rules.hours_problem(D("24.25")))


def test_logging_within_the_course_is_accepted():
    assert training_check() == {}
    assert training_check(logged_so_far=D("76"), hours=D("4")) == {}


def test_logging_more_than_the_course_has_is_refused_with_what_is_left():
    problems = training_check(logged_so_far=D("78"), hours=D("4"))
    assert problems["hours"] == (
        "This course has 80 hours and 78 are logged already, so at most 2 more can be added."
    )


def test_a_full_course_accepts_nothing_more():
    problems = training_check(logged_so_far=D("80"), hours=D("0.25"))
    assert "at most 0 more" in problems["hours"]


def test_specialization_courses_stop_at_40():
    problems = training_check(course_hours=D("40"), logged_so_far=D("39.5"), hours=D("1"))
    assert "This course has 40 hours and 39.5 are logged" in problems["hours"]


def test_future_dates_are_refused():
    problems = training_check(day=TODAY + dt.timedelta(days=1))
    assert "in the future" in problems["date"]


def test_dates_before_the_training_started_are_refused():
    problems = training_check(day=dt.date(2026, 1, 1), starts_on=dt.date(2026, 2, 1))
    assert "before the training started" in problems["date"]


def test_more_than_24_session_hours_in_a_day_across_trainings_is_refused():
    problems = training_check(day_total_so_far=D("20"), hours=D("4.25"))
    assert problems["hours"] == (
        "A day has 24 hours and 20 are logged on this day already, so at most 4 more can be added."
    )
    assert training_check(day_total_so_far=D("20"), hours=D("4")) == {}


def test_a_total_for_several_sessions_may_exceed_a_day_but_not_the_course():
    assert training_check(hours=D("80"), is_total=True) == {}
    assert training_check(hours=D("40"), is_total=True, day_total_so_far=D("10")) == {}
    problems = training_check(hours=D("80.25"), is_total=True)
    assert "At most 80 hours" in problems["hours"]


def test_other_courses_without_a_known_length_are_held_to_a_day_per_session():
    assert training_check(course_hours=None, hours=D("8")) == {}
    assert "At most 24" in training_check(course_hours=None, hours=D("30"))["hours"]


def work_check(**overrides):
    values = {
        "day": TODAY,
        "hours": D("6"),
        "today": TODAY,
        "placement_starts": dt.date(2026, 10, 1),
        "placement_ends": None,
        "day_total_so_far": D("0"),
    }
    values.update(overrides)
    return {field: str(message) for field, message in rules.check_work_hours(**values)}


def test_work_hours_inside_the_placement_are_accepted():
    assert work_check() == {}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"day": TODAY + dt.timedelta(days=1)}, "date", "in the future"),
        ({"day": dt.date(2026, 9, 30)}, "date", "before the placement started"),
        (
            {"day": dt.date(2026, 11, 2), "placement_ends": dt.date(2026, 11, 1)},
            "date",
            "after the placement ended",
        ),
        ({"hours": D("0")}, "hours", "greater than 0"),
        ({"hours": D("-2")}, "hours", "greater than 0"),
        ({"hours": D("2.1")}, "hours", "quarter hours"),
        ({"hours": D("25")}, "hours", "At most 24"),
        ({"day_total_so_far": D("18.5"), "hours": D("6")}, "hours", "at most 5.5 more"),
    ],
)
def test_impossible_work_hours_are_refused(overrides, field, message):
    assert message in work_check(**overrides)[field]


def test_verified_hours_are_logged_hours_a_document_confirms():
    assert rules.verified_hours(D("52"), [D("40")], D("80")) == D("40")
    assert rules.verified_hours(D("52"), [D("40"), D("48")], D("80")) == D("48")
    assert rules.verified_hours(D("52"), [D("60")], D("80")) == D("52")
    assert rules.verified_hours(D("90"), [D("100")], D("80")) == D("80")


def test_nothing_is_verified_without_a_verified_document():
    assert rules.verified_hours(D("52"), [], D("80")) == D("0")
    assert rules.verified_hours(D("52"), [None], D("80")) == D("0")


def reasons(**overrides):
    values = {
        "has_core": True,
        "provider_approved": True,
        "completed_on": dt.date(2026, 6, 1),
        "earliest_completion": EARLIEST,
        "certificate_verified": True,
    }
    values.update(overrides)
    return rules.core_certification_reasons(**values)


def test_core_counts_when_approved_completed_in_time_and_verified():
    assert reasons() == ()
    assert reasons(completed_on=EARLIEST) == ()


def test_core_does_not_count_without_each_condition():
    assert reasons(has_core=False) == ("no_core_training",)
    assert reasons(provider_approved=False) == ("provider_not_approved",)
    assert reasons(completed_on=None) == ("not_completed",)
    assert reasons(completed_on=dt.date(2022, 6, 30)) == ("completed_too_early",)
    assert reasons(certificate_verified=False) == ("certificate_not_verified",)
    assert reasons(provider_approved=False, completed_on=None, certificate_verified=False) == (
        "provider_not_approved",
        "not_completed",
        "certificate_not_verified",
    )


def test_specializations_before_core_completion_are_flagged():
    assert rules.specialization_before_core(dt.date(2026, 3, 1), None)
    assert rules.specialization_before_core(dt.date(2026, 3, 1), dt.date(2026, 4, 1))
    assert not rules.specialization_before_core(dt.date(2026, 4, 1), dt.date(2026, 4, 1))
    assert not rules.specialization_before_core(None, dt.date(2026, 4, 1))


START, END = dt.date(2026, 9, 1), dt.date(2026, 11, 10)  # 70 days


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 8, 1), D("0")),
        (START, D("0")),
        (dt.date(2026, 9, 8), D("8")),
        (dt.date(2026, 10, 6), D("40")),
        (dt.date(2026, 9, 2), D("1")),  # 80 / 70 = 1.14…, rounded down to a quarter
        (END, D("80")),
        (dt.date(2027, 1, 1), D("80")),
    ],
)
def test_expected_core_hours_follow_a_straight_line(today, expected):
    assert rules.expected_core_hours(START, END, today) == expected


def test_expected_hours_use_the_given_target_and_handle_a_one_day_course():
    assert rules.expected_core_hours(START, END, dt.date(2026, 10, 6), D("40")) == D("20")
    assert rules.expected_core_hours(START, START, START) == D("80")


def test_behind_schedule_means_more_than_one_training_day_or_ten_percent():
    assert not rules.is_behind_schedule(D("32"), D("40"))
    assert rules.is_behind_schedule(D("31.75"), D("40"))
    assert not rules.is_behind_schedule(D("0"), D("8"))
    assert rules.is_behind_schedule(D("0"), D("8.25"))
    assert not rules.is_behind_schedule(D("60"), D("40"))
    # Longer courses: 10 % of 200 expected hours is 20.
    assert not rules.is_behind_schedule(D("180"), D("200"))
    assert rules.is_behind_schedule(D("179.75"), D("200"))


def test_amounts_are_rounded_to_the_cent_half_up():
    assert rules.amount_due(D("7.75"), D("18.50")) == D("143.38")
    assert rules.amount_due(D("0.25"), D("16.90")) == D("4.23")
    assert rules.amount_due(D("10"), D("0")) == D("0.00")


def test_hours_are_shown_without_trailing_zeros():
    assert rules.format_hours(D("52.00")) == "52"
    assert rules.format_hours(D("2.50")) == "2.5"
    assert rules.format_hours(D("0.25")) == "0.25"
    assert rules.format_hours(D("80")) == "80"


def test_biweekly_periods_run_fourteen_days_from_the_anchor_either_way():
    anchor = dt.date(2024, 1, 1)
    assert rules.pay_period_containing(anchor, rules.BIWEEKLY, anchor) == rules.PayPeriod(
        anchor, dt.date(2024, 1, 14)
    )
    assert rules.pay_period_containing(dt.date(2024, 1, 15), rules.BIWEEKLY, anchor).start == (
        dt.date(2024, 1, 15)
    )
    before = rules.pay_period_containing(dt.date(2023, 12, 31), rules.BIWEEKLY, anchor)
    assert before == rules.PayPeriod(dt.date(2023, 12, 18), dt.date(2023, 12, 31))
    period = rules.pay_period_containing(dt.date(2026, 11, 20), rules.BIWEEKLY, anchor)
    assert (period.start - anchor).days % 14 == 0
    assert dt.date(2026, 11, 20) in period and (period.end - period.start).days == 13


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (dt.date(2026, 2, 1), dt.date(2026, 2, 1), dt.date(2026, 2, 15)),
        (dt.date(2026, 2, 15), dt.date(2026, 2, 1), dt.date(2026, 2, 15)),
        (dt.date(2026, 2, 16), dt.date(2026, 2, 16), dt.date(2026, 2, 28)),
        (dt.date(2028, 2, 29), dt.date(2028, 2, 16), dt.date(2028, 2, 29)),
        (dt.date(2026, 12, 31), dt.date(2026, 12, 16), dt.date(2026, 12, 31)),
    ],
)
def test_semimonthly_periods_split_each_month_at_the_15th(day, start, end):
    assert rules.pay_period_containing(day, rules.SEMIMONTHLY) == rules.PayPeriod(start, end)


def test_recent_pay_periods_are_contiguous_newest_first():
    periods = rules.recent_pay_periods(dt.date(2026, 3, 3), rules.SEMIMONTHLY, count=4)
    assert [p.start for p in periods] == [
        dt.date(2026, 3, 1),
        dt.date(2026, 2, 16),
        dt.date(2026, 2, 1),
        dt.date(2026, 1, 16),
    ]
    biweekly = rules.recent_pay_periods(dt.date(2026, 3, 3), count=3)
    assert biweekly[0].start - biweekly[1].end == dt.timedelta(days=1)


def test_unknown_pay_period_kinds_are_an_error():
    with pytest.raises(ValueError, match="unknown"):
        rules.pay_period_containing(TODAY, "monthly")


def test_timesheet_states():
    assert rules.timesheet_is_editable(rules.DRAFT) and rules.timesheet_is_editable(rules.RETURNED)
    assert not rules.timesheet_is_editable(rules.SUBMITTED)
    assert not rules.timesheet_is_editable(rules.APPROVED)
    assert rules.can_submit_timesheet(rules.RETURNED, 1)
    assert not rules.can_submit_timesheet(rules.DRAFT, 0)
    assert not rules.can_submit_timesheet(rules.APPROVED, 3)
    assert rules.can_review_timesheet(rules.SUBMITTED)
    assert not rules.can_review_timesheet(rules.APPROVED)


@pytest.mark.parametrize(
    ("logged", "best", "course", "note"),
    [
        (D(52), None, D(80), None),
        (D(40), D(40), D(80), None),
        (D(52), D(40), D(80), "largest_document"),
        (D(30), D(40), D(80), "capped_by_logged"),
        (D(84), D(84), D(80), "capped_by_course"),
        (D(80), D(90), D(80), "capped_by_course"),
        (D(20), D(12), None, "largest_document"),
    ],
)
def test_the_verified_figure_is_explained_when_it_is_not_what_the_documents_say(
    logged, best, course, note
):
    assert rules.verified_note(logged, best, course) == note
