"""Demo trainings, hours, documents, placements and timesheets, dated relative to today.

Jordan is halfway through the core training (52 hours, 40 verified) with a job
shadow placement that has one approved and one submitted timesheet; Maya is
behind the cohort's schedule; Luis completed the core training; Dana completed
everything.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from peerpath.accounts.models import Program, Role, User
from peerpath.catalog.models import Provider, Specialization
from peerpath.lib.crypto import private_storage
from peerpath.lib.uploads import safe_storage_name
from peerpath.training.models import (
    HoursEntry,
    PlacementKind,
    Timesheet,
    TimesheetEntry,
    TimesheetReview,
    TimesheetStatus,
    Training,
    TrainingDocument,
    TrainingDocumentKind,
    TrainingDocumentStatus,
    TrainingKind,
    TrainingSettings,
    TrainingStatus,
    WorkPlacement,
)

DEMO_PROVIDER_SLUG = "demo-peer-academy"
# A tiny, valid PDF standing in for a scanned certificate.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"trailer<</Size 3/Root 1 0 R>>\nstartxref\n96\n%%EOF\n"
)


def _provider() -> Provider:
    provider, _created = Provider.objects.get_or_create(
        slug=DEMO_PROVIDER_SLUG,
        defaults={
            "name": "Demo Peer Support Academy",
            "short_name": "Demo Academy",
            "location_text": "Online",
            "statewide": True,
            "offers_core_training": True,
            "approved_for_core": True,
            "hours": 80,
            "notes": "A made-up provider in the demo data, approved for core training.",
            "notes_es": "Un proveedor ficticio de los datos de demostración, aprobado para la "
            "capacitación básica.",
        },
    )
    return provider


def _document(
    training: Training, kind: str, hours: Decimal, reviewer: User | None, days_ago: int
) -> None:
    name = private_storage.save(
        safe_storage_name(f"training/{training.pk}", "pdf"), ContentFile(DEMO_PDF)
    )
    when = timezone.now() - dt.timedelta(days=days_ago)
    TrainingDocument.objects.create(
        training=training,
        kind=kind,
        file=name,
        content_type="application/pdf",
        size=len(DEMO_PDF),
        original_name="completion-certificate.pdf"
        if kind == TrainingDocumentKind.COMPLETION
        else "attendance-record.pdf",
        uploaded_at=when,
        status=TrainingDocumentStatus.VERIFIED,
        hours_confirmed=hours,
        reviewed_by=reviewer,
        reviewed_at=when,
    )


def _sessions(training: Training, days_ago: list[int], hours: list[str], today: dt.date) -> None:
    for ago, amount in zip(days_ago, hours, strict=True):
        HoursEntry.objects.create(
            training=training, date=today - dt.timedelta(days=ago), hours=Decimal(amount)
        )


def _completed(
    person: User,
    kind: str,
    today: dt.date,
    started: int,
    completed: int,
    hours: Decimal,
    reviewer: User | None,
    **fields: object,
) -> Training:
    training = Training.objects.create(
        participant=person,
        kind=kind,
        status=TrainingStatus.COMPLETED,
        starts_on=today - dt.timedelta(days=started),
        ends_on=today - dt.timedelta(days=completed),
        completed_on=today - dt.timedelta(days=completed),
        **fields,
    )
    HoursEntry.objects.create(
        training=training,
        date=today - dt.timedelta(days=completed),
        hours=hours,
        is_total=True,
        note="Whole course",
    )
    _document(training, TrainingDocumentKind.COMPLETION, hours, reviewer, completed - 5)
    return training


def _timesheet(
    placement: WorkPlacement,
    period_start: dt.date,
    period_end: dt.date,
    status: str,
    reviewer: User | None,
    today: dt.date,
) -> None:
    days = [
        day
        for day in (period_start + dt.timedelta(days=k) for k in (1, 3, 8))
        if placement.starts_on <= day <= min(period_end, today - dt.timedelta(days=1))
    ]
    submitted = timezone.now() - dt.timedelta(days=max((today - period_end).days, 1))
    timesheet = Timesheet.objects.create(
        placement=placement,
        period_start=period_start,
        period_end=period_end,
        status=status,
        submitted_at=submitted,
        approved_at=submitted if status == TimesheetStatus.APPROVED else None,
        approved_by=reviewer if status == TimesheetStatus.APPROVED else None,
        pay_rate=placement.pay_rate if status == TimesheetStatus.APPROVED else None,
    )
    for day, hours, activity in zip(
        days,
        ("4", "3.5", "4.5"),
        (
            "Shadowed the peer support team at the front desk",
            "Sat in on a wellness group",
            "Helped with resource navigation calls",
        ),
        strict=False,
    ):
        TimesheetEntry.objects.create(
            timesheet=timesheet, date=day, hours=Decimal(hours), activity=activity
        )
    if status == TimesheetStatus.APPROVED:
        TimesheetReview.objects.create(
            timesheet=timesheet,
            decision=TimesheetReview.Decision.APPROVED,
            reviewer=reviewer,
            created_at=submitted,
        )


@transaction.atomic
def create_demo_training(program: Program) -> list[str]:
    today = timezone.localdate()
    provider = _provider()
    settings = TrainingSettings.for_program_id(program.pk)
    advocate = User.objects.filter(role=Role.ADVOCATE, organization=program.organization).first()
    coordinator = User.objects.filter(
        role=Role.COORDINATOR, organization=program.organization
    ).first()
    people = {
        user.email: user
        for user in User.objects.filter(role=Role.PARTICIPANT, program=program).select_related(
            "cohort"
        )
    }
    busy = set(
        Training.objects.filter(participant__in=people.values()).values_list(
            "participant__email", flat=True
        )
    )

    jordan = people.get("participant@demo.peerpath.org")
    if jordan and jordan.email not in busy:
        cohort = jordan.cohort
        core = Training.objects.create(
            participant=jordan,
            kind=TrainingKind.CORE,
            provider=provider,
            status=TrainingStatus.IN_PROGRESS,
            starts_on=cohort.starts_on if cohort else today - dt.timedelta(days=42),
            ends_on=cohort.ends_on if cohort else today + dt.timedelta(days=56),
        )
        _sessions(core, list(range(40, 3, -3)), ["4"] * 13, today)
        _document(core, TrainingDocumentKind.ATTENDANCE, Decimal("40"), advocate, 10)
        current = settings.period_containing(today)
        last = settings.period_containing(current.start - dt.timedelta(days=1))
        before = settings.period_containing(last.start - dt.timedelta(days=1))
        placement = WorkPlacement.objects.create(
            participant=jordan,
            kind=PlacementKind.JOB_SHADOW,
            site="Riverside Community Wellness Center",
            role="Peer support intern",
            supervisor_name="Rosa Díaz",
            supervisor_contact="rosa.diaz@example.org",
            starts_on=before.start,
            pay_rate=Decimal("18.50"),
            created_by=coordinator,
        )
        _timesheet(placement, before.start, before.end, TimesheetStatus.APPROVED, advocate, today)
        _timesheet(placement, last.start, last.end, TimesheetStatus.SUBMITTED, None, today)

    maya = people.get("maya@demo.peerpath.org")
    if maya and maya.email not in busy:
        cohort = maya.cohort
        core = Training.objects.create(
            participant=maya,
            kind=TrainingKind.CORE,
            provider=provider,
            status=TrainingStatus.IN_PROGRESS,
            starts_on=cohort.starts_on if cohort else today - dt.timedelta(days=42),
            ends_on=cohort.ends_on if cohort else today + dt.timedelta(days=56),
        )
        _sessions(core, [40, 33, 26, 12], ["6", "4", "4", "4"], today)

    luis = people.get("luis@demo.peerpath.org")
    if luis and luis.email not in busy:
        _completed(
            luis, TrainingKind.CORE, today, 400, 340, Decimal("80"), advocate, provider=provider
        )

    dana = people.get("dana@demo.peerpath.org")
    if dana and dana.email not in busy:
        _completed(
            dana, TrainingKind.CORE, today, 860, 800, Decimal("80"), advocate, provider=provider
        )
        crisis = Specialization.objects.filter(code="CC").first()
        if crisis is not None:
            _completed(
                dana,
                TrainingKind.SPECIALIZATION,
                today,
                780,
                760,
                Decimal("40"),
                advocate,
                specialization=crisis,
                provider_name="Community Crisis Center",
            )
        _completed(
            dana,
            TrainingKind.WORK_READINESS,
            today,
            790,
            770,
            Decimal("24"),
            advocate,
            provider_name="Demo Peer Network",
            title="Work-readiness workshop series",
            course_hours=Decimal("24"),
        )
        first = settings.period_containing(today - dt.timedelta(days=740))
        second = settings.period_containing(first.end + dt.timedelta(days=1))
        placement = WorkPlacement.objects.create(
            participant=dana,
            kind=PlacementKind.WORK_EXPERIENCE,
            site="Inland Peer Respite House",
            role="Peer support assistant",
            supervisor_name="Marcus Lee",
            supervisor_contact="951-555-0142",
            starts_on=first.start,
            ends_on=second.end,
            pay_rate=Decimal("19.25"),
            created_by=coordinator,
        )
        for period in (first, second):
            _timesheet(
                placement, period.start, period.end, TimesheetStatus.APPROVED, advocate, today
            )
    return []
