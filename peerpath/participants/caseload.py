"""The advocate's caseload: participants with their step (`next_step`, the same one
their home, tracker and record show), last contact, next deadline and flags.
`build_rows()` makes a fixed number of queries whatever the number of people; the
lists call it for the page shown only (`participants.status` holds what they sort and
filter on)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Max, QuerySet
from django.utils import timezone

from peerpath.accounts.access import participants_for_user
from peerpath.accounts.models import User
from peerpath.certification.models import CertificationCase
from peerpath.certification.status import CaseStatus, Deadline
from peerpath.intake.enrolment import enrolled_q
from peerpath.participants.journey import cases_query, steps_for
from peerpath.participants.models import ContactNote
from peerpath.participants.next_step import STAFF_LABELS, NextStep
from peerpath.participants.rules import CaseloadFacts, Flag, caseload_flags, days_since_contact
from peerpath.plan.summary import latest_confidence
from peerpath.schedule.summary import absence_flagged
from peerpath.training.progress import TrainingProgress, progress_by_participant, waiting_timesheets
from peerpath.training.rules import expected_core_hours, is_behind_schedule


def stage_choices() -> list[tuple[str, str]]:
    """The caseload's stage filter: every step `next_step` can give, by its staff label."""
    return [(code, str(label)) for code, label in STAFF_LABELS.items()]


@dataclass
class CaseloadRow:
    participant: User
    step: NextStep
    last_contact: dt.date | None
    days_without_contact: int | None
    next_deadline: Deadline | None
    progress: TrainingProgress | None
    flags: tuple[Flag, ...]
    certification: CaseStatus | None = None

    @property
    def stage(self) -> str:
        return self.step.staff_label


ROW_RELATED = ("cohort", "advocate", "program__certification_settings")


def caseload_participants(user: User) -> QuerySet[User]:
    """Enrolled participants in the staff member's scope."""
    return (
        participants_for_user(user)
        .filter(enrolled_q())
        .select_related(*ROW_RELATED)
        .annotate(enrolled_at=F("application__decided_at"))
    )


def last_contacts(participant_ids: list[int]) -> dict[int, dt.date]:
    rows = (
        ContactNote.objects.filter(participant_id__in=participant_ids)
        .values("participant_id")
        .annotate(last=Max("contacted_on"))
        .values_list("participant_id", "last")
    )
    return dict(rows)


def certification_cases(participant_ids: list[int]) -> dict[int, CertificationCase]:
    cases = cases_query().filter(participant_id__in=participant_ids)
    return {case.participant_id: case for case in cases}


def build_rows(participants: list[User], today: dt.date) -> list[CaseloadRow]:
    ids = [person.pk for person in participants]
    contacts = last_contacts(ids)
    hours = progress_by_participant(ids)
    standings = steps_for(participants, today, cases=certification_cases(ids), hours=hours)
    confidence = latest_confidence(ids)
    waiting = waiting_timesheets(ids)
    missed = absence_flagged(ids, today)
    rows = []
    for person in participants:
        step, status = standings[person.pk]
        enrolled_at = getattr(person, "enrolled_at", None)
        progress = hours.get(person.pk)
        facts = CaseloadFacts(
            enrolled_on=timezone.localdate(enrolled_at) if enrolled_at else None,
            last_contact=contacts.get(person.pk),
            confidence=confidence.get(person.pk),
            behind_schedule=behind_cohort_schedule(person, progress, today),
            timesheets_waiting=waiting.get(person.pk, 0),
            missed_sessions_flagged=person.pk in missed,
            paused=person.is_paused(today),
            certification_at_risk=bool(status and status.risks),
            advocate_deactivated=person.advocate is not None and not person.advocate.is_active,
            records_disagree=bool(step.conflicts),
        )
        rows.append(
            CaseloadRow(
                participant=person,
                step=step,
                last_contact=facts.last_contact,
                days_without_contact=days_since_contact(facts, today),
                next_deadline=status.deadlines[0] if status and status.deadlines else None,
                progress=progress,
                flags=caseload_flags(facts, today),
                certification=status,
            )
        )
    return rows


def behind_cohort_schedule(person: User, progress: TrainingProgress | None, today: dt.date) -> bool:
    """Core hours behind a steady pace across the cohort's training dates. Someone whose
    core training already counts, or who has no cohort, is never behind."""
    cohort = person.cohort
    if cohort is None or (progress is not None and progress.core_counts_for_certification):
        return False
    logged = progress.core_logged if progress else Decimal(0)
    return is_behind_schedule(logged, expected_core_hours(cohort.starts_on, cohort.ends_on, today))
