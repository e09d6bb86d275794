"""Demo cohort, enrolled participants and applicants waiting in the intake queue.

Dates are relative to today, so the demo always looks current.
"""

from __future__ import annotations

import datetime as dt
import io

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from peerpath.accounts.demo import DEMO_PASSWORD
from peerpath.accounts.models import Cohort, Program, Role, User
from peerpath.audit.models import AuditEvent
from peerpath.intake.models import (
    Application,
    ApplicationDocument,
    ApplicationStatus,
    EthicsDocument,
    EthicsSignature,
    InformationRequest,
)

# email: (legal first, legal last, date of birth, language, county, ZIP)
DEMO_ENROLLED = {
    "participant@demo.peerpath.org": ("Jordan", "Rivera", dt.date(2003, 6, 14), "en", "Riverside"),
    "maya@demo.peerpath.org": ("Maya", "Chen", dt.date(2004, 2, 29), "en", "San Bernardino"),
    "luis@demo.peerpath.org": ("Luis", "Herrera", dt.date(2002, 11, 3), "es", "Riverside"),
    "dana@demo.peerpath.org": ("Dana", "Brooks", dt.date(2001, 8, 21), "en", "Riverside"),
}
DEMO_ZIPS = {"Riverside": "92501", "San Bernardino": "92401"}


def create_demo_ethics(program: Program) -> list[str]:
    from peerpath.intake.actions import do_publish_demo_ethics_document

    do_publish_demo_ethics_document()
    return []


@transaction.atomic
def create_demo_enrolments(program: Program) -> list[str]:
    """A current cohort and an enrolled application for each demo participant."""
    today = timezone.localdate()
    cohort, _created = Cohort.objects.get_or_create(
        program=program,
        name="Demo cohort",
        defaults={
            "starts_on": today - dt.timedelta(days=42),
            "ends_on": today + dt.timedelta(days=56),
        },
    )
    advocate = User.objects.filter(role=Role.ADVOCATE, organization=program.organization).first()
    for email, (first, last, born, language, county) in DEMO_ENROLLED.items():
        person = User.objects.filter(email=email, role=Role.PARTICIPANT).first()
        if person is None or Application.objects.filter(applicant=person).exists():
            continue
        submitted = timezone.now() - dt.timedelta(days=60)
        Application.objects.create(
            applicant=person,
            program=program,
            status=ApplicationStatus.ENROLLED,
            legal_first_name=first,
            legal_last_name=last,
            date_of_birth=born,
            preferred_language=language,
            county=county,
            zip_code=DEMO_ZIPS[county],
            lived_experience="consumer",
            diploma=True,
            internet_access=True,
            computer_skills=True,
            willing_to_share=True,
            commits_to_training=True,
            commits_to_certification=True,
            orientation_preference="next_monday",
            submitted_at=submitted,
            decided_at=submitted + dt.timedelta(days=14),
            enrolled_on=timezone.localdate(submitted + dt.timedelta(days=14)),
        )
        person.cohort = cohort
        person.advocate = person.advocate or advocate
        person.language = language
        person.save(update_fields=["cohort", "advocate", "language"])
    return []


# email: (full name, status, days since submitted, age, language, extra answers)
DEMO_APPLICANTS = {
    "riley@demo.peerpath.org": ("Riley Santos", ApplicationStatus.SUBMITTED, 3, 21, "en", {}),
    "camila@demo.peerpath.org": ("Camila Reyes", ApplicationStatus.SUBMITTED, 12, 19, "es", {}),
    "marcus@demo.peerpath.org": ("Marcus Webb", ApplicationStatus.SUBMITTED, 26, 27, "en", {}),
    "tam@demo.peerpath.org": (
        "Tam Nguyen",
        ApplicationStatus.NEEDS_INFO,
        9,
        22,
        "en",
        {"diploma": None},
    ),
    "sofia@demo.peerpath.org": ("Sofía Marín", ApplicationStatus.ELIGIBLE, 20, 23, "es", {}),
    "eli@demo.peerpath.org": ("Eli Park", ApplicationStatus.DRAFT, None, 20, "en", {}),
}


DEMO_DECISIONS = {
    ApplicationStatus.NEEDS_INFO: "application.request_information",
    ApplicationStatus.ELIGIBLE: "application.mark_eligible",
}


def _demo_history(
    person: User, coordinator: User | None, application: Application, submitted: dt.datetime
) -> None:
    """The audit trail a real application would have: submitted, then any decision."""
    events = [AuditEvent(action="application.submit", actor=person, created_at=submitted)]
    if application.status in DEMO_DECISIONS:
        events.append(
            AuditEvent(
                action=DEMO_DECISIONS[application.status],
                actor=coordinator,
                created_at=submitted + dt.timedelta(days=3),
                detail={"status_from": "submitted", "status_to": application.status},
            )
        )
    for event in events:
        event.actor_label = event.actor.email if event.actor else "system"
        event.object_type = application._meta.label_lower
        event.object_id = str(application.pk)
        event.subject = person
        event.organization_id = application.program.organization_id
        event.save()


def _document_image(label: str) -> bytes:
    """A plainly fake document picture, so nobody mistakes demo data for a real ID."""
    image = Image.new("RGB", (640, 400), "#f4f1ea")
    ImageDraw.Draw(image).text(
        (40, 180), f"DEMO {label.upper()} - NOT A REAL DOCUMENT", fill="black"
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@transaction.atomic
def create_demo_applicants(program: Program) -> list[str]:
    """People at every stage of the intake queue, for the coordinator persona."""
    today = timezone.localdate()
    ethics = EthicsDocument.current()
    coordinator = User.objects.filter(
        role=Role.COORDINATOR, organization=program.organization
    ).first()
    for email, (name, status, days_ago, age, language, extra) in DEMO_APPLICANTS.items():
        if User.objects.filter(email=email).exists():
            continue
        person = User.objects.create_user(
            email, DEMO_PASSWORD, role=Role.PARTICIPANT, full_name=name, language=language
        )
        EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
        first, last = name.split(" ", 1)
        submitted = None if days_ago is None else timezone.now() - dt.timedelta(days=days_ago)
        answers = {
            "diploma": True,
            "internet_access": True,
            "computer_skills": True,
            "willing_to_share": True,
            "commits_to_training": True,
            "commits_to_certification": True,
            **extra,
        }
        application = Application.objects.create(
            applicant=person,
            program=program,
            status=status,
            legal_first_name=first,
            legal_last_name=last,
            date_of_birth=today.replace(year=today.year - age) - dt.timedelta(days=40),
            phone="951-555-01" + str(10 + len(email) % 90),
            preferred_language=language,
            county="Riverside",
            zip_code="92501",
            heard_about="A friend",
            lived_experience="consumer",
            orientation_preference="next_monday",
            submitted_at=submitted,
            **answers,
        )
        for kind in ("photo_id", "diploma"):
            picture = _document_image(kind)
            ApplicationDocument.objects.create(
                application=application,
                kind=kind,
                file=ContentFile(picture, name=f"applications/demo-{kind}.png"),
                content_type="image/png",
                size=len(picture),
                original_name=f"{kind}.png",
            )
        if ethics is not None:
            EthicsSignature.objects.create(
                user=person, document=ethics, typed_name=name, text_sha256=ethics.text_hash()
            )
        if submitted is not None:
            _demo_history(person, coordinator, application, submitted)
        if status == ApplicationStatus.NEEDS_INFO:
            InformationRequest.objects.create(
                application=application,
                requested_by=coordinator,
                items=["diploma"],
                message="Could you tell us about your diploma or equivalency? If you are "
                "still working on it, that is fine: let us know and we can talk options.",
            )
    return list(DEMO_APPLICANTS)
