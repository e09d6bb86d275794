"""Everything the tracker and the at-risk list show about one case, computed once."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from peerpath.certification.alerts import (
    DEADLINE_NAMES,
    Risk,
    exam_requested,
    open_deadlines,
    risks,
)
from peerpath.certification.jurisdictions import Jurisdiction
from peerpath.certification.models import CertificationCase, CertificationSettings
from peerpath.certification.pathway import NEXT_ACTIONS, Step, StepDates, timeline
from peerpath.certification.rules import (
    CaseFacts,
    CeStatus,
    Plan,
    WaitingFacts,
    ce_requirement_status,
    compute_plan,
    expected_answers,
    renewal_window_opens,
)
from peerpath.lib.dates import add_years

if TYPE_CHECKING:
    from peerpath.accounts.models import Program


@dataclass(frozen=True)
class Deadline:
    key: str
    date: dt.date
    days_left: int

    @property
    def name(self) -> str:
        return str(DEADLINE_NAMES[self.key])


EXPECTED_NAMES = {
    "application_decision_expected": _("A decision on your application"),
    "certificate_review_expected": _("The review of your training certificate"),
    "exam_results_expected": _("Your exam results"),
    "accommodation_decision_expected": _("A decision on your accommodation request"),
}


@dataclass(frozen=True)
class Expected:
    """An answer the certifying body owes, and the day to expect it by (an estimate)."""

    key: str
    date: dt.date
    days_left: int

    @property
    def name(self) -> str:
        return str(EXPECTED_NAMES[self.key])


@dataclass(frozen=True)
class CaseStatus:
    facts: CaseFacts
    plan: Plan
    steps: list[Step]
    deadlines: list[Deadline]
    risks: list[Risk]
    next_action: str
    renewal_opens: dt.date | None
    ce: CeStatus | None
    fees: dict[str, Decimal]
    expected: list[Expected] = dataclasses.field(default_factory=list)


def fees_for(case: CertificationCase) -> dict[str, Decimal]:
    """The program's fees when it set them, else the jurisdiction's."""
    program = case.participant.program
    settings = getattr(program, "certification_settings", None) if program else None
    if isinstance(settings, CertificationSettings):
        return {
            "application": settings.application_fee,
            "exam": settings.exam_fee,
            "retake": settings.retake_fee,
            "renewal": settings.renewal_fee,
        }
    fees = case.jurisdiction.fees
    return {
        "application": fees.application,
        "exam": fees.exam,
        "retake": fees.exam_retake,
        "renewal": fees.renewal,
    }


def jurisdiction_for(case: CertificationCase) -> Jurisdiction:
    return program_jurisdiction(case.participant.program)


def program_jurisdiction(program: Program | None) -> Jurisdiction:
    """The rules of the program's state with the program's own reminder settings."""
    from peerpath.certification.jurisdiction_data import current_jurisdiction

    base = current_jurisdiction(program.jurisdiction if program else "CA")
    settings = getattr(program, "certification_settings", None) if program else None
    if not isinstance(settings, CertificationSettings):
        return base
    return dataclasses.replace(
        base,
        renewal_window_days=settings.renewal_window_days,
        reminder_offsets_days=settings.offsets or base.reminder_offsets_days,
    )


def case_status(
    case: CertificationCase, today: dt.date, training_counts: bool = True
) -> CaseStatus:
    """Uses prefetched exam_attempts and ce_entries when present. `training_counts`
    False keeps the steps that need the core training certificate undone."""
    jurisdiction = jurisdiction_for(case)
    attempts = list(case.exam_attempts.all())
    facts = case.facts(attempts)
    plan = compute_plan(facts, today, jurisdiction)
    requested = exam_requested(case.exam_fee_paid_on, facts)
    open_ = open_deadlines(plan, requested)
    deadlines = sorted(
        (Deadline(key, day, (day - today).days) for key, day in open_.items()),
        key=lambda d: d.date,
    )
    steps = timeline(
        StepDates(
            **{
                f.name: getattr(case, f.name)
                for f in dataclasses.fields(StepDates)
                if f.name != "exam_passed"
            },
            exam_passed=facts.passed_exam,
        ),
        training_counts,
    )
    renewal_opens = ce = None
    if case.certified_on is not None:
        renewal_due = plan.deadlines["renewal_due"]
        renewal_opens = renewal_window_opens(renewal_due, jurisdiction)
        period_start = add_years(renewal_due, -jurisdiction.certification_valid_years)
        entries = [(e.date, Decimal(e.hours), e.law_and_ethics) for e in case.ce_entries.all()]
        ce = ce_requirement_status(entries, period_start, renewal_due, jurisdiction)
    waiting = WaitingFacts(
        training_certificate_uploaded=case.training_certificate_uploaded_on,
        training_certificate_approved=case.training_certificate_approved_on,
        exam_scheduled_for=case.exam_scheduled_for,
        accommodation_requested=case.accommodation_requested_on,
    )
    expected = [
        Expected(key, day, (day - today).days)
        for key, day in expected_answers(facts, waiting, jurisdiction).items()
    ]
    return CaseStatus(
        expected=expected,
        facts=facts,
        plan=plan,
        steps=steps,
        deadlines=deadlines,
        risks=[] if case.is_paused(today) else risks(facts, plan, today, requested),
        next_action=str(NEXT_ACTIONS[plan.stage]),
        renewal_opens=renewal_opens,
        ce=ce,
        fees=fees_for(case),
    )
