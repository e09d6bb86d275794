"""Demo certification cases at several stages, dated relative to today."""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from peerpath.accounts.demo import DEMO_PASSWORD
from peerpath.accounts.models import Program, Role, User
from peerpath.certification.models import CertificationCase, ExamAttemptRecord

# (email, name, case dates as days before today, failed attempts as days before today)
DEMO_CASES = [
    (
        "participant@demo.peerpath.org",
        None,
        {
            "registered_on": 200,
            "orientation_video_on": 200,
            "application_submitted": 150,
            "application_completed": 140,
            "application_approved": 120,
            "application_fee_paid_on": 150,
            "training_completed": 130,
            "training_certificate_uploaded_on": 110,
        },
        [],
    ),
    (
        "maya@demo.peerpath.org",
        "Maya Chen",
        {"registered_on": 80, "orientation_video_on": 80, "application_submitted": 75},
        [],
    ),
    (
        "luis@demo.peerpath.org",
        "Luis Herrera",
        {
            "registered_on": 400,
            "orientation_video_on": 400,
            "application_submitted": 330,
            "application_completed": 325,
            "application_approved": 320,
            "application_fee_paid_on": 330,
            "training_completed": 340,
            "training_certificate_uploaded_on": 310,
            "training_certificate_approved_on": 300,
            "exam_fee_paid_on": 290,
            "exam_registration_received_on": 280,
        },
        [200, 90],
    ),
    ("dana@demo.peerpath.org", "Dana Brooks", {"certified_on": 700, "ethics_signed_on": 700}, []),
]


@transaction.atomic
def create_demo_cases(program: Program) -> list[str]:
    today = timezone.localdate()
    advocate = User.objects.filter(role=Role.ADVOCATE, organization=program.organization).first()
    emails = []
    for email, name, days, failed in DEMO_CASES:
        person = User.objects.filter(email=email).first()
        if person is None:
            person = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                role=Role.PARTICIPANT,
                full_name=name or "",
                program=program,
                advocate=advocate,
            )
            EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
        emails.append(email)
        if CertificationCase.objects.filter(participant=person).exists():
            continue
        case = CertificationCase.objects.create(
            participant=person,
            **{field: today - dt.timedelta(days=ago) for field, ago in days.items()},
        )
        if "ethics_signed_on" in days:
            # The demo's signing date comes from a real signature, as in use.
            from peerpath.intake.actions import do_publish_demo_ethics_document
            from peerpath.intake.models import EthicsSignature

            document = do_publish_demo_ethics_document()
            EthicsSignature.objects.create(
                user=person,
                document=document,
                typed_name=person.full_name,
                text_sha256=document.text_hash(),
                signed_at=timezone.now() - dt.timedelta(days=days["ethics_signed_on"]),
            )
        for ago in failed:
            ExamAttemptRecord.objects.create(
                case=case, date=today - dt.timedelta(days=ago), passed=False
            )
    return emails
