"""One participant's records gathered for `next_step` (a fixed number of queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch

from peerpath.accounts.models import User
from peerpath.certification.models import CertificationCase, ExamAttemptRecord
from peerpath.certification.status import CaseStatus, case_status
from peerpath.intake.enrolment import is_enrolled
from peerpath.intake.ethics import EthicsStanding, ethics_standing
from peerpath.intake.models import Application
from peerpath.participants.next_step import JourneyFacts, NextStep, next_step
from peerpath.training.models import TrainingStatus
from peerpath.training.progress import TrainingProgress, progress_for


@dataclass(frozen=True)
class Journey:
    step: NextStep
    certification: CaseStatus | None
    hours: TrainingProgress | None
    ethics: EthicsStanding | None
    application: Application | None
    enrolled: bool


def _case(participant: User) -> CertificationCase | None:
    return (
        CertificationCase.objects.filter(participant=participant)
        .select_related("participant__program__certification_settings")
        .prefetch_related(
            Prefetch("exam_attempts", queryset=ExamAttemptRecord.objects.order_by("date", "id")),
            "ce_entries",
        )
        .first()
    )


def journey_for(
    participant: User, today: dt.date, case: CertificationCase | None = None
) -> Journey:
    """Everything the home, the tracker and the record say about where the person is."""
    enrolled = is_enrolled(participant)
    application = Application.objects.filter(applicant=participant).first()
    ethics = ethics_standing(participant)
    hours = progress_for(participant)
    case = case if case is not None else _case(participant)
    counts = hours is not None and hours.core_counts_for_certification
    status = case_status(case, today, training_counts=counts) if case is not None else None
    facts = JourneyFacts(
        today=today,
        enrolled=enrolled,
        application_status=application.status if application else None,
        paused=participant.is_paused(today),
        ethics_signed_on=ethics.signed_on if ethics else None,
        ethics_due_again=ethics.due_again if ethics else None,
        core_recorded=bool(hours and hours.has_core),
        core_counts=counts,
        core_verified=hours.core_verified if hours else JourneyFacts.core_verified,
        core_logged=hours.core_logged if hours else JourneyFacts.core_logged,
        core_target=hours.core_target if hours else JourneyFacts.core_target,
        core_completed=bool(hours and hours.core_status == TrainingStatus.COMPLETED),
        certification_stage=status.plan.stage if status else None,
        timeline_now=next((s.code for s in status.steps if s.status == "now"), None)
        if status
        else None,
        case_training_completed=case.training_completed if case else None,
        case_certificate_approved=case.training_certificate_approved_on if case else None,
        case_ethics_signed_on=case.ethics_signed_on if case else None,
        exam_passed=bool(status and status.facts.passed_exam),
    )
    return Journey(
        step=next_step(facts),
        certification=status,
        hours=hours,
        ethics=ethics,
        application=application,
        enrolled=enrolled,
    )
