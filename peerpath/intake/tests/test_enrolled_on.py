"""The enrolment date: set when staff enrol, and filled for older applications."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from peerpath.audit.models import AuditEvent
from peerpath.conftest import make_user
from peerpath.intake.models import Application, ApplicationStatus

pytestmark = pytest.mark.django_db

backfill = importlib.import_module(
    "peerpath.intake.migrations.0005_application_enrolled_on"
).backfill_enrolled_on


def test_older_applications_get_their_enrolment_date(program):
    decided = timezone.make_aware(dt.datetime(2025, 3, 10, 12))
    still = make_user("still@example.org", "participant", mfa=False)
    left = make_user("left@example.org", "participant", mfa=False)
    never = make_user("never@example.org", "participant", mfa=False)
    enrolled = Application.objects.create(
        applicant=still, program=program, status=ApplicationStatus.ENROLLED, decided_at=decided
    )
    withdrawn = Application.objects.create(
        applicant=left, program=program, status=ApplicationStatus.WITHDRAWN, decided_at=decided
    )
    refused = Application.objects.create(
        applicant=never, program=program, status=ApplicationStatus.NOT_ELIGIBLE, decided_at=decided
    )
    AuditEvent.objects.create(
        action="application.enrol",
        object_type="intake.application",
        object_id=str(withdrawn.pk),
        created_at=timezone.make_aware(dt.datetime(2025, 1, 20, 12)),
    )
    backfill(apps, None)
    for application in (enrolled, withdrawn, refused):
        application.refresh_from_db()
    assert enrolled.enrolled_on == dt.date(2025, 3, 10)
    assert withdrawn.enrolled_on == dt.date(2025, 1, 20)
    assert refused.enrolled_on is None


def test_enrolling_records_the_day(program, coordinator, advocate, participant):
    from peerpath.accounts.models import Cohort
    from peerpath.intake.actions import do_enrol_applicant

    cohort = Cohort.objects.create(
        program=program, name="Spring", starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 6, 1)
    )
    application = Application.objects.create(
        applicant=participant, program=program, status=ApplicationStatus.ELIGIBLE
    )
    do_enrol_applicant(coordinator, application, cohort, advocate)
    application.refresh_from_db()
    assert application.enrolled_on == timezone.localdate()
