"""One outcome report: the indicators and the tables behind the page, the
spreadsheet, the CSV and `peerpath report`.

Every table is built with a fixed number of aggregate queries over the people
in scope. Counts of people from 1 to min_cell − 1 are shown as suppressed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from peerpath.accounts.models import Role, User
from peerpath.careers.models import JobPlacement
from peerpath.certification.models import CertificationCase, ExamAttemptRecord
from peerpath.intake.models import Application, ApplicationStatus, LivedExperienceType
from peerpath.lib.dates import age_on
from peerpath.reports.data import (
    STARTED_JOB,
    Scope,
    build_report_input,
    enrolled_applications,
    rows_of,
)
from peerpath.reports.rules import Indicators, Median, Period, Rate, compute, is_served
from peerpath.schedule.models import Attendance, AttendanceStatus, SessionKind
from peerpath.training.models import (
    HoursEntry,
    TimesheetEntry,
    TimesheetStatus,
    Training,
    TrainingKind,
)


class Suppressed:
    """A cell hidden because fewer than min_cell people are behind it."""

    suppressed = True

    def __str__(self) -> str:
        return _("suppressed")


SUPPRESSED = Suppressed()


class Percent(Decimal):
    """A rate from 0 to 1, shown as a percentage."""


def percent(value: Decimal | None) -> Percent | None:
    return None if value is None else Percent(value)


def people_cell(count: int, min_cell: int) -> int | Suppressed:
    return SUPPRESSED if 0 < count < min_cell else count


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    # Draw a bar chart of this column (index) against the first; "percent" for rates.
    chart_column: int | None = None
    chart_unit: str = ""
    note: str = ""


@dataclass
class Report:
    period: Period
    as_of: dt.date
    min_cell: int
    filters: list[tuple[str, str]]
    indicators: Indicators
    tables: list[Table] = field(default_factory=list)


INDICATOR_LABELS = {
    "employment_q2": gettext_lazy("Employed in the 2nd quarter after exit"),
    "employment_q4": gettext_lazy("Employed in the 4th quarter after exit"),
    "credential_rate": gettext_lazy("Credential attainment"),
    "skill_gain_rate": gettext_lazy("Measurable skill gains"),
    "retention_30": gettext_lazy("Jobs kept 30 days"),
    "retention_90": gettext_lazy("Jobs kept 90 days"),
    "retention_180": gettext_lazy("Jobs kept 180 days"),
    "median_earnings_q2": gettext_lazy("Median earnings in the 2nd quarter after exit (USD)"),
    "median_days_to_certification": gettext_lazy("Median days from enrolment to certification"),
}

DEFINITIONS = [
    (gettext_lazy("Served"), gettext_lazy(
        "Participants enrolled on or before the period's end and not exited before its start."
    )),
    (gettext_lazy("Exiters"), gettext_lazy(
        "Participants whose exit date is in the period, leaving out exits for health or medical "
        "reasons, incarceration, death or moving out of the area."
    )),
    (INDICATOR_LABELS["employment_q2"], gettext_lazy(
        "Exiters with a job at any time in the 2nd calendar quarter after the quarter of "
        "their exit. Pending until that quarter has ended."
    )),
    (INDICATOR_LABELS["employment_q4"], gettext_lazy(
        "The same for the 4th calendar quarter after the quarter of exit."
    )),
    (INDICATOR_LABELS["median_earnings_q2"], gettext_lazy(
        "Of the exiters employed in the 2nd quarter after exit, the median of their earnings "
        "recorded for that quarter over all their jobs; people with none recorded are left out."
    )),
    (INDICATOR_LABELS["credential_rate"], gettext_lazy(
        "Exiters who started a core or specialization training by their exit and were certified "
        "after enrolment and within a year of exit. Pending while that year has not passed."
    )),
    (INDICATOR_LABELS["skill_gain_rate"], gettext_lazy(
        "Served participants in a core or specialization training during the period who "
        "completed such a training or were certified in the period."
    )),
    (gettext_lazy("Job retention"), gettext_lazy(
        "Jobs starting in the period still held 30, 90 and 180 days after the start. Pending "
        "until that day has come."
    )),
    (INDICATOR_LABELS["median_days_to_certification"], gettext_lazy(
        "Days from enrolment to certification for served participants certified in the period."
    )),
    (gettext_lazy("Suppressed"), gettext_lazy(
        "Rates over fewer people than the threshold show no numerator or rate; counts of people "
        "below the threshold and medians over fewer people are not shown."
    )),
]  # fmt: skip


def _rate_row(label: Any, rate: Rate) -> list[Any]:
    if rate.suppressed:
        return [str(label), SUPPRESSED, rate.denominator, rate.pending, SUPPRESSED]
    return [str(label), rate.numerator, rate.denominator, rate.pending, percent(rate.rate)]


def _median_row(label: Any, median: Median) -> list[Any]:
    value = SUPPRESSED if median.suppressed else median.value
    return [str(label), value, median.count]


def indicator_tables(indicators: Indicators) -> list[Table]:
    rates = [
        ("employment_q2", indicators.employment_q2),
        ("employment_q4", indicators.employment_q4),
        ("credential_rate", indicators.credential_rate),
        ("skill_gain_rate", indicators.skill_gain_rate),
        *((f"retention_{days}", rate) for days, rate in indicators.retention.items()),
    ]
    return [
        Table(
            key="summary",
            title=_("People"),
            columns=[_("Measure"), _("People")],
            rows=[[_("Served"), indicators.served], [_("Exiters"), indicators.exiters]],
        ),
        Table(
            key="indicators",
            title=_("Funder indicators"),
            columns=[_("Indicator"), _("Numerator"), _("Denominator"), _("Pending"), _("Rate")],
            rows=[_rate_row(INDICATOR_LABELS[key], rate) for key, rate in rates],
            chart_column=4,
            chart_unit="percent",
        ),
        Table(
            key="medians",
            title=_("Medians"),
            columns=[_("Indicator"), _("Median"), _("People")],
            rows=[
                _median_row(INDICATOR_LABELS["median_earnings_q2"], indicators.median_earnings_q2),
                _median_row(
                    INDICATOR_LABELS["median_days_to_certification"],
                    indicators.median_days_to_certification,
                ),
            ],
        ),
    ]


def _in_period(period: Period, name: str) -> Q:
    return Q(**{f"{name}__gte": period.start, f"{name}__lte": period.end})


def funnel_table(scope: Scope, period: Period, indicators: Indicators, min_cell: int) -> Table:
    people = enrolled_applications(scope).values("applicant_id")
    applications = Application.objects.filter(program_id__in=scope.program_ids)
    accounts = User.objects.filter(role=Role.PARTICIPANT).filter(
        Q(program_id__in=scope.program_ids) | Q(application__program_id__in=scope.program_ids)
    )
    if scope.cohort_id is not None:
        applications = applications.filter(applicant__cohort_id=scope.cohort_id)
        accounts = accounts.filter(cohort_id=scope.cohort_id)
    submitted = applications.filter(_in_period(period, "submitted_at__date"))

    def distinct(queryset: Any, name: str) -> int:
        return int(queryset.aggregate(n=Count(name, distinct=True))["n"])

    completed = Training.objects.filter(participant_id__in=people).filter(
        _in_period(period, "completed_on")
    )
    core = completed.filter(kind=TrainingKind.CORE)
    stages = [
        (
            _("Inquiries (accounts)"),
            distinct(accounts.filter(_in_period(period, "date_joined__date")), "pk"),
        ),
        (_("Applications submitted"), submitted.count()),
        (
            _("Found eligible"),
            submitted.filter(
                Q(status__in=[ApplicationStatus.ELIGIBLE, ApplicationStatus.ENROLLED])
                | Q(enrolled_on__isnull=False)
            ).count(),
        ),
        (_("Enrolled"), applications.filter(_in_period(period, "enrolled_on")).count()),
        (_("Core training completed"), distinct(core, "participant")),
        (
            _("Specialization completed"),
            distinct(completed.filter(kind=TrainingKind.SPECIALIZATION), "participant"),
        ),
        (
            _("Exam passed"),
            distinct(
                ExamAttemptRecord.objects.filter(
                    case__participant_id__in=people, passed=True
                ).filter(_in_period(period, "date")),
                "case__participant",
            ),
        ),
        (
            _("Certified"),
            CertificationCase.objects.filter(participant_id__in=people)
            .filter(_in_period(period, "certified_on"))
            .count(),
        ),
        (
            _("Employed (a job started)"),
            distinct(
                JobPlacement.objects.filter(
                    participant_id__in=people, status__in=STARTED_JOB
                ).filter(_in_period(period, "start_date")),
                "participant",
            ),
        ),
        (_("Jobs still held at 90 days"), indicators.retention[90].numerator or 0),
        (_("Jobs still held at 180 days"), indicators.retention[180].numerator or 0),
    ]
    rows = [[label, people_cell(count, min_cell)] for label, count in stages]
    # A suppressed retention count stays suppressed here too.
    for row, days in ((rows[-2], 90), (rows[-1], 180)):
        if indicators.retention[days].suppressed:
            row[1] = SUPPRESSED
    return Table(
        key="funnel",
        title=_("From first interest to a job"),
        columns=[_("Stage"), _("People")],
        rows=rows,
        chart_column=1,
        note=_("Each stage counts what happened within the period."),
    )


def service_table(scope: Scope, period: Period, min_cell: int) -> Table:
    people = enrolled_applications(scope).values("applicant_id")
    hours = {
        row["training__kind"]: row
        for row in HoursEntry.objects.filter(training__participant_id__in=people)
        .filter(_in_period(period, "date"))
        .values("training__kind")
        .annotate(total=Sum("hours"), people=Count("training__participant", distinct=True))
    }
    rows: list[list[Any]] = []
    for kind in TrainingKind:
        row = hours.get(kind.value, {"total": Decimal(0), "people": 0})
        hidden = 0 < row["people"] < min_cell
        rows.append(
            [
                _("Training hours: %(kind)s") % {"kind": kind.label},
                SUPPRESSED if hidden else row["total"],
                people_cell(row["people"], min_cell),
            ]
        )
    attendance = (
        Attendance.objects.filter(participant_id__in=people)
        .exclude(series__kind=SessionKind.ORIENTATION)
        .filter(_in_period(period, "occurrence_date"))
        .aggregate(
            present=Count("id", filter=Q(status=AttendanceStatus.PRESENT)),
            absent=Count("id", filter=Q(status=AttendanceStatus.ABSENT)),
            people=Count("participant", distinct=True),
        )
    )
    expected = attendance["present"] + attendance["absent"]
    if 0 < attendance["people"] < min_cell:
        rate: Any = SUPPRESSED
    elif expected:
        rate = percent((Decimal(attendance["present"]) / expected).quantize(Decimal("0.0001")))
    else:
        rate = None
    rows.append(
        [_("Support-session attendance rate"), rate, people_cell(attendance["people"], min_cell)]
    )
    pay = (
        TimesheetEntry.objects.filter(
            timesheet__placement__participant_id__in=people,
            timesheet__status=TimesheetStatus.APPROVED,
        )
        .filter(_in_period(period, "date"))
        .aggregate(
            total_hours=Sum("hours"),
            payroll=Sum(
                ExpressionWrapper(
                    F("hours") * F("timesheet__pay_rate"),
                    output_field=DecimalField(max_digits=14, decimal_places=4),
                )
            ),
            people=Count("timesheet__placement__participant", distinct=True),
        )
    )
    hidden = 0 < pay["people"] < min_cell
    payroll = pay["payroll"]
    if payroll is not None:
        payroll = Decimal(payroll).quantize(Decimal("0.01"))
    rows.append(
        [
            _("Paid placement hours (approved)"),
            SUPPRESSED if hidden else (pay["total_hours"] or Decimal(0)),
            people_cell(pay["people"], min_cell),
        ]
    )
    rows.append(
        [
            _("Payroll total (USD)"),
            SUPPRESSED if hidden else (payroll or Decimal(0)),
            people_cell(pay["people"], min_cell),
        ]
    )
    return Table(
        key="service",
        title=_("Service delivery"),
        columns=[_("Measure"), _("Value"), _("People")],
        rows=rows,
        note=_(
            "Attendance rate: sessions attended over sessions attended or missed; excused "
            "absences and orientations are left out."
        ),
    )


AGE_BANDS = [(0, 17), (18, 20), (21, 24), (25, 29), (30, 39), (40, 200)]


def age_band(age: int | None) -> str:
    if age is None:
        return _("Not recorded")
    for low, high in AGE_BANDS:
        if low <= age <= high:
            if low == 0:
                return _("Under 18")
            if high == 200:
                return _("%(age)s and over") % {"age": low}
            return f"{low}–{high}"
    return _("Not recorded")


def _relabel(counts: Counter[Any], label: Any) -> Counter[str]:
    """Merge raw values into their labels; labels are looked up once per value."""
    labelled: Counter[str] = Counter()
    for value, count in counts.items():
        labelled[str(label(value))] += count
    return labelled


def served_tables(
    scope: Scope, report_participants: Any, period: Period, min_cell: int
) -> list[Table]:
    served_ids = {int(p.id) for p in report_participants if is_served(p, period)}
    ages: Counter[int | None] = Counter()
    counties: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    lived: Counter[str] = Counter()
    end = period.end
    # Straight from the cursor: the encrypted column still needs its field to decrypt it.
    lived_field = Application._meta.get_field("lived_experience")
    for pid, born, county, language, stored_experience in rows_of(
        enrolled_applications(scope).values_list(
            "applicant_id", "date_of_birth", "county", "preferred_language", "lived_experience"
        )
    ):
        if pid not in served_ids:
            continue
        ages[age_on(born, end) if born else None] += 1
        counties[county] += 1
        languages[language] += 1
        lived[lived_field.from_db_value(stored_experience, None, None)] += 1
    not_recorded = _("Not recorded")
    language_names = {"en": "English", "es": "Español"}
    lived_names = dict(LivedExperienceType.choices)
    age_order = [age_band(low) for low, _high in AGE_BANDS] + [not_recorded]
    groups = [
        ("ages", _("Age at the end of the period"), age_order, _relabel(ages, age_band)),
        ("counties", _("County"), [], _relabel(counties, lambda c: c or not_recorded)),
        (
            "languages",
            _("Preferred language"),
            [],
            _relabel(languages, lambda code: language_names.get(code, not_recorded)),
        ),
        (
            "lived_experience",
            _("Lived experience"),
            [],
            _relabel(lived, lambda code: lived_names.get(code, not_recorded)),
        ),
    ]
    tables = []
    for key, title, order, counts in groups:
        labels = [label for label in order if counts.get(label)] if order else sorted(counts)
        tables.append(
            Table(
                key=key,
                title=title,
                columns=[title, _("People")],
                rows=[[label, people_cell(counts[label], min_cell)] for label in labels],
                chart_column=1,
            )
        )
    return tables


def build_report(
    scope: Scope,
    period: Period,
    as_of: dt.date,
    min_cell: int,
    filters: list[tuple[str, str]],
) -> Report:
    report_input = build_report_input(scope, period, as_of, min_cell)
    indicators = compute(report_input)
    tables = [
        *indicator_tables(indicators),
        funnel_table(scope, period, indicators, min_cell),
        service_table(scope, period, min_cell),
        *served_tables(scope, report_input.participants, period, min_cell),
    ]
    return Report(period, as_of, min_cell, filters, indicators, tables)
