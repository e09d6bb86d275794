"""Demo cohort and enrolled applications for the demo participants, dated relative to today."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from peerpath.accounts.models import Cohort, Program, Role, User
from peerpath.intake.models import Application, ApplicationStatus

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
        )
        person.cohort = cohort
        person.advocate = person.advocate or advocate
        person.language = language
        person.save(update_fields=["cohort", "advocate", "language"])
    return []
