"""Demo contacts, so the caseload shows who was reached recently and who was not."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from peerpath.accounts.models import Program, Role, User
from peerpath.participants.models import ContactMode, ContactNote

# email: [(days ago, mode, minutes, summary, staff-only reason)]
DEMO_CONTACTS = {
    "participant@demo.peerpath.org": [
        (5, ContactMode.VIDEO, 30, "Talked through the training schedule and the timesheet.", ""),
        (19, ContactMode.PHONE, 15, "Welcome call. Jordan wants to work in a youth program.", ""),
    ],
    "luis@demo.peerpath.org": [
        (3, ContactMode.PHONE, 20, "Plan for the next exam attempt; study group on Thursdays.", ""),
    ],
    "dana@demo.peerpath.org": [
        (8, ContactMode.EMAIL, 10, "Shared two peer support job openings.", ""),
    ],
    # Maya has had no contact since she enrolled: the caseload flags it.
}


@transaction.atomic
def create_demo_contacts(program: Program) -> list[str]:
    today = timezone.localdate()
    advocate = User.objects.filter(role=Role.ADVOCATE, organization=program.organization).first()
    for email, contacts in DEMO_CONTACTS.items():
        person = User.objects.filter(email=email).first()
        if person is None or ContactNote.objects.filter(participant=person).exists():
            continue
        for days_ago, mode, minutes, summary, reason in contacts:
            ContactNote.objects.create(
                participant=person,
                author=advocate,
                contacted_on=today - dt.timedelta(days=days_ago),
                mode=mode,
                minutes=minutes,
                summary=summary,
                staff_only=bool(reason),
                staff_only_reason=reason,
            )
    return []
