"""Table-driven tests of every indicator at its boundaries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from peerpath.reports.rules import (
    InvalidReportInput,
    JobFact,
    ParticipantFacts,
    Period,
    Quarter,
    ReportInput,
    TrainingFact,
    compute,
    credential_deadline,
    make_median,
    make_rate,
    median,
    quarter_after_exit,
    validate,
)

D = dt.date.fromisoformat
YEAR = Period(D("2025-07-01"), D("2026-06-30"))


def person(pid: str = "p", **kwargs: object) -> ParticipantFacts:
    kwargs.setdefault("enrolled_on", D("2025-01-15"))
    return ParticipantFacts(id=pid, **kwargs)  # type: ignore[arg-type]


def run(
    *people: ParticipantFacts, as_of: str = "2027-12-31", period: Period = YEAR, min_cell: int = 1
):
    return compute(
        ReportInput(period=period, as_of=D(as_of), participants=people, min_cell=min_cell)
    )


@pytest.mark.parametrize(
    ("exited_on", "n", "expected"),
    [
        ("2025-08-20", 2, "2026Q1"),
        ("2025-08-20", 4, "2026Q3"),
        ("2025-03-31", 2, "2025Q3"),
        ("2025-04-01", 2, "2025Q4"),
        ("2025-12-31", 4, "2026Q4"),
        ("2025-10-01", 2, "2026Q2"),
    ],
)
def test_quarter_after_exit(exited_on: str, n: int, expected: str) -> None:
    assert quarter_after_exit(D(exited_on), n).key == expected


def test_quarter_bounds() -> None:
    assert Quarter.parse("2024Q1").last_day == D("2024-03-31")
    assert Quarter.parse("2025Q4").first_day == D("2025-10-01")
    assert Quarter.parse("2025Q4").last_day == D("2025-12-31")
    with pytest.raises(ValueError):
        Quarter.parse("2025Q5")


@pytest.mark.parametrize(
    ("enrolled_on", "exited_on", "served"),
    [
        ("2026-06-30", None, True),  # enrolled on the period's last day
        ("2026-07-01", None, False),  # enrolled the day after
        ("2025-01-01", "2025-07-01", True),  # exited on the first day
        ("2025-01-01", "2025-06-30", False),  # exited the day before
        ("2025-01-01", "2026-09-01", True),  # exited after the period
    ],
)
def test_served(enrolled_on: str, exited_on: str | None, served: bool) -> None:
    p = person(enrolled_on=D(enrolled_on), exited_on=exited_on and D(exited_on))
    assert run(p).served == int(served)


@pytest.mark.parametrize(
    ("exited_on", "excluded", "counted"),
    [
        ("2025-07-01", False, True),
        ("2026-06-30", False, True),
        ("2025-06-30", False, False),
        ("2026-07-01", False, False),
        ("2025-09-01", True, False),
        (None, False, False),
    ],
)
def test_exiters(exited_on: str | None, excluded: bool, counted: bool) -> None:
    p = person(exited_on=exited_on and D(exited_on), exit_excluded=excluded)
    assert run(p).exiters == int(counted)


# Exit 2025-09-30 (Q3) → Q2 after exit is 2026Q1; exit 2025-10-01 (Q4) → 2026Q2.
@pytest.mark.parametrize(
    ("exited_on", "job_start", "job_end", "as_of", "expected"),
    [
        # (numerator, denominator, pending)
        ("2025-09-30", "2026-03-31", None, "2026-03-31", (1, 1, 0)),  # starts on last day
        ("2025-09-30", "2026-04-01", None, "2026-06-30", (0, 1, 0)),  # starts after
        ("2025-09-30", "2025-01-01", "2026-01-01", "2026-06-30", (1, 1, 0)),  # ends on first day
        ("2025-09-30", "2025-01-01", "2025-12-31", "2026-06-30", (0, 1, 0)),  # ends the day before
        ("2025-09-30", "2026-02-01", None, "2026-03-30", (0, 0, 1)),  # quarter not ended: pending
        ("2025-10-01", "2026-02-01", None, "2026-03-31", (0, 0, 1)),  # 1 April exit → 2026Q2
        ("2025-10-01", "2026-06-30", None, "2026-06-30", (1, 1, 0)),
    ],
)
def test_employment_q2(
    exited_on: str, job_start: str, job_end: str | None, as_of: str, expected: tuple[int, int, int]
) -> None:
    job = JobFact(start=D(job_start), end=job_end and D(job_end))
    period = Period(D("2025-07-01"), D("2025-12-31"))
    result = run(person(exited_on=D(exited_on), jobs=[job]), as_of=as_of, period=period)
    rate = result.employment_q2
    assert (rate.numerator, rate.denominator, rate.pending) == expected


def test_exit_on_31_march_vs_1_april() -> None:
    period = Period(D("2025-01-01"), D("2025-12-31"))
    job = JobFact(start=D("2025-07-01"), end=D("2025-09-30"))  # works 2025Q3 only
    march = run(person(exited_on=D("2025-03-31"), jobs=[job]), period=period, as_of="2026-12-31")
    april = run(person(exited_on=D("2025-04-01"), jobs=[job]), period=period, as_of="2026-12-31")
    assert march.employment_q2.numerator == 1  # Q1 exit → 2025Q3
    assert april.employment_q2.numerator == 0  # Q2 exit → 2025Q4


def test_employment_q4_pending_until_its_quarter_ends() -> None:
    p = person(exited_on=D("2025-08-20"), jobs=[JobFact(start=D("2026-09-30"))])
    assert run(p, as_of="2026-09-29").employment_q4.pending == 1
    rate = run(p, as_of="2026-09-30").employment_q4
    assert (rate.numerator, rate.denominator, rate.pending) == (1, 1, 0)


@pytest.mark.parametrize(
    ("jobs", "expected_values"),
    [
        # two jobs in 2026Q1 → summed
        (
            [
                JobFact(D("2025-10-01"), None, {"2026Q1": Decimal("3000")}),
                JobFact(
                    D("2026-01-10"), None, {"2026Q1": Decimal("1000.50"), "2026Q2": Decimal(9)}
                ),
            ],
            [Decimal("4000.50")],
        ),
        ([JobFact(D("2025-10-01"), None, {"2025Q4": Decimal("500")})], []),  # nothing for 2026Q1
        ([JobFact(D("2026-04-01"), None, {"2026Q1": Decimal("500")})], []),  # not employed in Q1
    ],
)
def test_median_earnings_inputs(jobs: list[JobFact], expected_values: list[Decimal]) -> None:
    result = run(person(exited_on=D("2025-08-20"), jobs=jobs)).median_earnings_q2
    assert result.count == len(expected_values)
    assert result.value == (expected_values[0] if expected_values else None)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([3, 1, 2], Decimal("2.00")),  # odd
        ([4, 1, 3, 2], Decimal("2.50")),  # even: mean of the two middle values
        ([Decimal("1000.005"), Decimal("1000.00")], Decimal("1000.00")),
        ([Decimal("0.015")], Decimal("0.02")),
        ([], None),
    ],
)
def test_median(values: list[Decimal | int], expected: Decimal | None) -> None:
    assert median(values) == expected


@pytest.mark.parametrize(
    ("count", "min_cell", "shown", "suppressed"),
    [(10, 11, False, True), (11, 11, True, False), (0, 11, False, False), (2, 3, False, True)],
)
def test_median_suppression(count: int, min_cell: int, shown: bool, suppressed: bool) -> None:
    result = make_median(list(range(count)), min_cell)
    assert (result.value is not None, result.suppressed, result.count) == (shown, suppressed, count)


@pytest.mark.parametrize(
    ("numerator", "denominator", "min_cell", "expected"),
    [
        (5, 10, 11, (None, 10, None, True)),  # min_cell - 1: suppressed
        (5, 11, 11, (5, 11, Decimal("0.4545"), False)),  # min_cell: shown
        (0, 0, 11, (0, 0, None, False)),  # nothing to divide
        (2, 3, 1, (2, 3, Decimal("0.6667"), False)),
        (1, 1, 1, (1, 1, Decimal("1.0000"), False)),
    ],
)
def test_rate_and_suppression(
    numerator: int, denominator: int, min_cell: int, expected: tuple[object, ...]
) -> None:
    rate = make_rate(numerator, denominator, 0, min_cell)
    assert (rate.numerator, rate.denominator, rate.rate, rate.suppressed) == expected


def test_suppression_applies_to_computed_indicators() -> None:
    people = [
        person(f"p{i}", exited_on=D("2025-08-20"), jobs=[JobFact(D("2025-09-01"))])
        for i in range(10)
    ]
    assert run(*people, min_cell=11).employment_q2.suppressed
    assert run(*people, min_cell=10).employment_q2.rate == Decimal("1.0000")


@pytest.mark.parametrize(
    ("exited_on", "deadline"),
    [("2024-02-29", "2025-02-28"), ("2025-08-20", "2026-08-20"), ("2023-02-28", "2024-02-28")],
)
def test_credential_deadline(exited_on: str, deadline: str) -> None:
    assert credential_deadline(D(exited_on)) == D(deadline)


CORE = TrainingFact("core", D("2025-02-01"))


@pytest.mark.parametrize(
    ("enrolled_on", "exited_on", "trainings", "certified_on", "as_of", "expected"),
    [
        (
            "2023-01-01",
            "2024-02-29",
            [TrainingFact("core", D("2023-02-01"))],
            "2025-02-28",
            "2025-12-31",
            (1, 1, 0),
        ),
        (
            "2023-01-01",
            "2024-02-29",
            [TrainingFact("core", D("2023-02-01"))],
            "2025-03-01",
            "2025-12-31",
            (0, 1, 0),
        ),
        (
            "2023-01-01",
            "2024-02-29",
            [TrainingFact("core", D("2023-02-01"))],
            None,
            "2025-02-27",
            (0, 0, 1),
        ),
        (
            "2023-01-01",
            "2024-02-29",
            [TrainingFact("core", D("2023-02-01"))],
            None,
            "2025-02-28",
            (0, 1, 0),
        ),
        (
            "2025-01-01",
            "2025-08-20",
            [CORE],
            "2024-12-31",
            "2027-01-01",
            (0, 1, 0),
        ),  # before enrolment
        ("2025-01-01", "2025-08-20", [CORE], "2025-01-01", "2027-01-01", (1, 1, 0)),  # on enrolment
        (
            "2025-01-01",
            "2025-08-20",
            [TrainingFact("core", D("2025-08-20"))],
            None,
            "2027-01-01",
            (0, 1, 0),
        ),
        (
            "2025-01-01",
            "2025-08-20",
            [TrainingFact("core", D("2025-08-21"))],
            "2025-09-01",
            "2027-01-01",
            (0, 0, 0),
        ),
        (
            "2025-01-01",
            "2025-08-20",
            [TrainingFact("other", D("2025-02-01"))],
            "2025-09-01",
            "2027-01-01",
            (0, 0, 0),
        ),
        (
            "2025-01-01",
            "2025-08-20",
            [TrainingFact("specialization", D("2025-02-01"))],
            "2025-09-01",
            "2025-09-02",
            (1, 1, 0),
        ),
    ],
)
def test_credential_rate(
    enrolled_on: str,
    exited_on: str,
    trainings: list[TrainingFact],
    certified_on: str | None,
    as_of: str,
    expected: tuple[int, int, int],
) -> None:
    period = Period(D(exited_on), D(exited_on))
    p = person(
        enrolled_on=D(enrolled_on),
        exited_on=D(exited_on),
        trainings=trainings,
        certified_on=certified_on and D(certified_on),
    )
    rate = run(p, as_of=as_of, period=period).credential_rate
    assert (rate.numerator, rate.denominator, rate.pending) == expected


@pytest.mark.parametrize(
    ("trainings", "certified_on", "expected"),
    [
        ([TrainingFact("core", D("2026-06-30"))], None, (0, 1)),  # starts on the last day
        ([TrainingFact("core", D("2026-07-01"))], None, (0, 0)),  # starts after
        ([TrainingFact("core", D("2025-01-01"), D("2025-06-30"))], None, (0, 0)),  # done before
        ([TrainingFact("core", D("2025-01-01"), D("2025-07-01"))], None, (1, 1)),  # done on day 1
        ([TrainingFact("core", D("2025-01-01"), D("2026-07-01"))], None, (0, 1)),  # done after
        ([TrainingFact("core", D("2025-01-01"))], "2026-06-30", (1, 1)),  # certified within
        ([TrainingFact("core", D("2025-01-01"))], "2026-07-01", (0, 1)),
        ([TrainingFact("continuing_education", D("2025-09-01"), D("2025-10-01"))], None, (0, 0)),
    ],
)
def test_skill_gain(
    trainings: list[TrainingFact], certified_on: str | None, expected: tuple[int, int]
) -> None:
    p = person(trainings=trainings, certified_on=certified_on and D(certified_on))
    rate = run(p).skill_gain_rate
    assert (rate.numerator, rate.denominator) == expected


@pytest.mark.parametrize(
    ("start", "end", "as_of", "expected"),
    [
        # (days, numerator, denominator, pending)
        ("2025-07-01", None, "2025-07-31", {30: (1, 1, 0), 90: (0, 0, 1)}),  # start + 30 = as_of
        ("2025-07-01", None, "2025-07-30", {30: (0, 0, 1)}),
        (
            "2025-07-01",
            "2025-07-31",
            "2026-12-31",
            {30: (1, 1, 0), 90: (0, 1, 0)},
        ),  # ends on the mark
        ("2025-07-01", "2025-07-30", "2026-12-31", {30: (0, 1, 0)}),  # ends the day before
        ("2025-06-30", None, "2026-12-31", {30: (0, 0, 0)}),  # started before the period
        ("2026-06-30", None, "2026-12-27", {180: (1, 1, 0)}),
        ("2026-06-30", None, "2026-12-26", {180: (0, 0, 1)}),
    ],
)
def test_retention(
    start: str, end: str | None, as_of: str, expected: dict[int, tuple[int, int, int]]
) -> None:
    p = person(jobs=[JobFact(D(start), end and D(end))])
    result = run(p, as_of=as_of)
    for days, triple in expected.items():
        rate = result.retention[days]
        assert (rate.numerator, rate.denominator, rate.pending) == triple, days


@pytest.mark.parametrize(
    ("enrolled_on", "certified_on", "expected"),
    [
        ("2025-07-01", "2025-07-01", [0]),
        ("2025-01-01", "2025-07-01", [181]),
        ("2025-01-01", "2025-06-30", []),  # before the period
        ("2025-08-01", "2025-07-31", []),  # before enrolment
        ("2025-01-01", "2026-07-01", []),  # after the period
    ],
)
def test_days_to_certification(enrolled_on: str, certified_on: str, expected: list[int]) -> None:
    p = person(enrolled_on=D(enrolled_on), certified_on=D(certified_on))
    result = run(p).median_days_to_certification
    assert result.count == len(expected)
    assert result.value == (Decimal(expected[0]).quantize(Decimal("0.01")) if expected else None)


def test_days_to_certification_even_median() -> None:
    people = [
        person(f"p{i}", enrolled_on=D("2025-07-01"), certified_on=D(c))
        for i, c in enumerate(["2025-07-11", "2025-07-12"])
    ]
    assert run(*people).median_days_to_certification.value == Decimal("10.50")


@pytest.mark.parametrize(
    ("report", "field"),
    [
        (ReportInput(Period(D("2025-07-01"), D("2025-06-30")), D("2026-01-01"), []), "period.end"),
        (ReportInput(YEAR, D("2025-06-30"), []), "as_of"),
        (ReportInput(YEAR, D("2026-01-01"), [], min_cell=0), "min_cell"),
        (
            ReportInput(
                YEAR, D("2026-01-01"), [person(jobs=[JobFact(D("2025-08-02"), D("2025-08-01"))])]
            ),
            "participants[0].jobs[0].end",
        ),
        (
            ReportInput(
                YEAR,
                D("2026-01-01"),
                [person(jobs=[JobFact(D("2025-08-02"), None, {"2025Q3": Decimal(-1)})])],
            ),
            "participants[0].jobs[0].earnings.2025Q3",
        ),
    ],
)
def test_validate_names_the_field(report: ReportInput, field: str) -> None:
    with pytest.raises(InvalidReportInput) as info:
        validate(report)
    assert info.value.field == field


def test_as_of_inside_the_period_is_valid() -> None:
    validate(ReportInput(YEAR, D("2025-07-01"), []))
