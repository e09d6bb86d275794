"""Small builders for training and timesheet tests."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.utils import timezone
from PIL import Image

from peerpath.training.models import (
    HoursEntry,
    Timesheet,
    TimesheetEntry,
    TimesheetStatus,
    Training,
    TrainingDocument,
    TrainingDocumentKind,
    TrainingDocumentStatus,
    WorkPlacement,
)


def make_training(participant, provider=None, kind="core", **fields) -> Training:  # type: ignore[no-untyped-def]
    fields.setdefault("status", "in_progress")
    if provider is None and "provider_name" not in fields:
        fields["provider_name"] = "Community College"
    return Training.objects.create(participant=participant, kind=kind, provider=provider, **fields)


def log(training: Training, hours: str, day: dt.date, **fields) -> HoursEntry:  # type: ignore[no-untyped-def]
    return HoursEntry.objects.create(training=training, date=day, hours=Decimal(hours), **fields)


def verified_document(  # type: ignore[no-untyped-def]
    training: Training, hours: str, kind: str = TrainingDocumentKind.ATTENDANCE
) -> TrainingDocument:
    return TrainingDocument.objects.create(
        training=training,
        kind=kind,
        file="training/x.pdf",
        content_type="application/pdf",
        size=100,
        original_name="record.pdf",
        status=TrainingDocumentStatus.VERIFIED,
        hours_confirmed=Decimal(hours),
    )


def make_placement(participant, starts_on: dt.date, rate: str = "18.50", **fields) -> WorkPlacement:  # type: ignore[no-untyped-def]
    values = {
        "site": "Riverside Wellness Center",
        "role": "Peer support intern",
        "supervisor_name": "Rosa Diaz",
        "supervisor_contact": "951-555-0100",
    }
    values.update(fields)
    return WorkPlacement.objects.create(
        participant=participant, starts_on=starts_on, pay_rate=Decimal(rate), **values
    )


def make_timesheet(  # type: ignore[no-untyped-def]
    placement: WorkPlacement,
    start: dt.date,
    entries: list[tuple[dt.date, str]],
    status: str = TimesheetStatus.SUBMITTED,
    **fields,
) -> Timesheet:
    timesheet = Timesheet.objects.create(
        placement=placement,
        period_start=start,
        period_end=start + dt.timedelta(days=13),
        status=status,
        submitted_at=timezone.now() if status != TimesheetStatus.DRAFT else None,
        **fields,
    )
    for day, hours in entries:
        TimesheetEntry.objects.create(
            timesheet=timesheet, date=day, hours=Decimal(hours), activity="Shadowed intake"
        )
    return timesheet


def png(name: str = "certificate.png") -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def pdf(name: str = "certificate.pdf") -> io.BytesIO:
    from peerpath.training.demo import DEMO_PDF

    buffer = io.BytesIO(DEMO_PDF)
    buffer.name = name
    return buffer
