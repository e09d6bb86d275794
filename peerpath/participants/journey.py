"""A participant's records gathered for `next_step`, for one person (`journey_for`, the
home, the tracker and the record) or for a list of people (`steps_for`, the caseload's
rows and list status). Both read the same records, each in a fixed number of queries,
and turn them into `JourneyFacts` with the one function `journey_facts`, so the lists
and the pages cannot tell different stories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Prefetch, QuerySet

from peerpath.accounts.models import Role, User
from peerpath.certification.models import CertificationCase, ExamAttemptRecord
from peerpath.certification.status import CaseStatus, case_status
from peerpath.intake.enrolment import is_enrolled
from peerpath.intake.ethics import EthicsStanding, ethics_standing, ethics_standings
from peerpath.intake.models import Application, ApplicationStatus
from peerpath.participants.next_step import JourneyFacts, NextStep, next_step
from peerpath.training.models import TrainingStatus
from peerpath.training.progress import TrainingProgress, progress_by_participant, progress_for


@dataclass(frozen=True)
class Journey:
    step: NextStep
    certification: CaseStatus | None
    hours: TrainingProgress | None
    ethics: EthicsStanding | None
    application: Application | None
    enrolled: bool


class Standing(NamedTuple):
    """What a list needs of one person's journey: the step and the case's status."""

    step: NextStep
    certification: CaseStatus | None


def journey_facts(
    today: dt.date,
    *,
    enrolled: bool,
    application_status: str | None,
    paused: bool,
    ethics: EthicsStanding | None,
    hours: TrainingProgress | None,
    case: CertificationCase | None,
) -> Standing:
    """The one place records become `JourneyFacts` and a step (pages and lists alike)."""
    counts = hours is not None and hours.core_counts_for_certification
    status = case_status(case, today, training_counts=counts) if case is not None else None
    facts = JourneyFacts(
        today=today,
        enrolled=enrolled,
        application_status=application_status,
        paused=paused,
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
    return Standing(next_step(facts), status)


def cases_query() -> QuerySet[CertificationCase]:
    """Certification cases with what `case_status` reads, prefetched."""
    return CertificationCase.objects.select_related(
        "participant__program__certification_settings"
    ).prefetch_related(
        Prefetch("exam_attempts", queryset=ExamAttemptRecord.objects.order_by("date", "id")),
        "ce_entries",
    )


def journey_for(
    participant: User, today: dt.date, case: CertificationCase | None = None
) -> Journey:
    """Everything the home, the tracker and the record say about where the person is."""
    enrolled = is_enrolled(participant)
    try:  # read once: the home page has it from its first query
        application = participant.application  # type: ignore[attr-defined]
    except Application.DoesNotExist:
        application = None
    ethics = ethics_standing(participant)
    hours = progress_for(participant)
    case = case if case is not None else cases_query().filter(participant=participant).first()
    step, status = journey_facts(
        today,
        enrolled=enrolled,
        application_status=application.status if application else None,
        paused=participant.is_paused(today),
        ethics=ethics,
        hours=hours,
        case=case,
    )
    return Journey(
        step=step,
        certification=status,
        hours=hours,
        ethics=ethics,
        application=application,
        enrolled=enrolled,
    )


def steps_for(
    people: list[User],
    today: dt.date,
    *,
    cases: dict[int, CertificationCase] | None = None,
    hours: dict[int, TrainingProgress] | None = None,
) -> dict[int, Standing]:
    """`journey_for`'s step for many people in a fixed number of queries. The caller may
    pass the cases (`caseload.certification_cases`) and hours it already read."""
    ids = [person.pk for person in people]
    if cases is None:
        cases = {case.participant_id: case for case in cases_query().filter(participant_id__in=ids)}
    if hours is None:
        hours = progress_by_participant(ids)
    applications = dict(
        Application.objects.filter(applicant_id__in=ids).values_list("applicant_id", "status")
    )
    ethics = ethics_standings(ids)
    standings = {}
    for person in people:
        application_status = applications.get(person.pk)
        standings[person.pk] = journey_facts(
            today,
            # As `is_enrolled`: an active participant whose application is enrolled.
            enrolled=person.role == Role.PARTICIPANT
            and person.is_active
            and application_status == ApplicationStatus.ENROLLED,
            application_status=application_status,
            paused=person.is_paused(today),
            ethics=ethics.get(person.pk),
            hours=hours.get(person.pk),
            case=cases.get(person.pk),
        )
    return standings
