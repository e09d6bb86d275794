from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum

from peerpath.accounts.models import User
from peerpath.audit.actions import record_event
from peerpath.certification.models import (
    CertificationCase,
    CertificationPeriod,
    ContinuingEducation,
    ExamAttemptRecord,
)
from peerpath.lib.dates import add_years


def get_or_create_case(participant: User) -> CertificationCase:
    case, _created = CertificationCase.objects.get_or_create(participant=participant)
    return case


@transaction.atomic
def do_update_certification_dates(actor: User, case: CertificationCase, changed: list[str]) -> None:
    """Save a validated CaseDatesForm's instance and note who changed which dates.

    A later certification date is a renewal: the period it ends is kept in the history
    first, with its continuing education and Code of Ethics signature."""
    before = (
        CertificationCase.objects.select_for_update()
        .filter(pk=case.pk)
        .values("certified_on", "certification_number", "ethics_signed_on")
        .first()
    )
    if (
        before is not None
        and before["certified_on"] is not None
        and case.certified_on is not None
        and case.certified_on > before["certified_on"]
    ):
        _keep_period(case, before, renewed_on=case.certified_on)
    case.save()
    record_event(
        actor, "certification.dates.update", case, subject=case.participant, fields=sorted(changed)
    )


def _keep_period(case: CertificationCase, before: dict[str, Any], renewed_on: dt.date) -> None:
    jurisdiction = case.jurisdiction
    start = before["certified_on"]
    end = add_years(start, jurisdiction.certification_valid_years)
    entries = ContinuingEducation.objects.filter(case=case, date__gte=start, date__lte=end)
    totals = entries.aggregate(total=Sum("hours"), law=Sum("hours", filter=Q(law_and_ethics=True)))
    CertificationPeriod.objects.create(
        case=case,
        certified_on=start,
        expires_on=end,
        renewed_on=renewed_on,
        certification_number=before["certification_number"],
        ce_hours=totals["total"] or Decimal(0),
        ce_law_ethics_hours=totals["law"] or Decimal(0),
        ethics_signed_on=before["ethics_signed_on"],
    )


@transaction.atomic
def do_record_exam_attempt(actor: User, attempt: ExamAttemptRecord) -> ExamAttemptRecord:
    attempt.save()
    record_event(
        actor,
        "certification.attempt.add",
        attempt,
        subject=attempt.case.participant,
        passed=attempt.passed,
    )
    return attempt


@transaction.atomic
def do_add_continuing_education(actor: User, entry: ContinuingEducation) -> ContinuingEducation:
    entry.save()
    record_event(actor, "certification.ce.add", entry, subject=entry.case.participant)
    return entry


@transaction.atomic
def do_note_core_training_completed(
    actor: User, participant: User, completed_on: dt.date
) -> CertificationCase:
    """A verified core training certificate fills the tracker's completion date, which the
    certificate's two-year validity is counted from. A date already recorded is kept."""
    case = get_or_create_case(participant)
    if case.training_completed is None:
        case.training_completed = completed_on
        case.save(update_fields=["training_completed", "updated_at"])
        record_event(
            actor,
            "certification.dates.update",
            case,
            subject=participant,
            fields=["training_completed"],
        )
    return case


@transaction.atomic
def do_note_ethics_signed(actor: User, participant: User, signed_on: dt.date) -> CertificationCase:
    """A Code of Ethics signature is the case's one signing date: the tracker's re-sign
    deadline, its reminders and its calendar event all follow from it."""
    case = get_or_create_case(participant)
    if case.ethics_signed_on != signed_on:
        case.ethics_signed_on = signed_on
        case.save(update_fields=["ethics_signed_on", "updated_at"])
        record_event(
            actor,
            "certification.dates.update",
            case,
            subject=participant,
            fields=["ethics_signed_on"],
        )
    return case
