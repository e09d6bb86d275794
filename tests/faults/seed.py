"""Data for the fault tests, run inside a `peerpath shell` subprocess."""

from __future__ import annotations

import datetime as dt

from peerpath.accounts.models import Organization, Program, Role, User


def people(count: int, prefix: str = "p") -> list[User]:
    organization, _ = Organization.objects.get_or_create(slug="faults", name="Faults")
    program, _ = Program.objects.get_or_create(
        organization=organization, slug="faults", name="Faults"
    )
    users = [
        User(
            email=f"{prefix}{index}@example.org",
            role=Role.PARTICIPANT,
            program=program,
            language="es" if index % 3 == 0 else "en",
            password="!",
        )
        for index in range(count)
    ]
    return User.objects.bulk_create(users)


def notifications(count: int) -> None:
    from peerpath.notifications.actions import do_notify

    for user in people(count):
        do_notify(user, "test", lambda: ("Hello", "A message."), dedupe_key=f"fault:{user.pk}")


def certification_cases(count: int, today: str) -> None:
    """Half due a reminder "Tomorrow", half "In 30 days"."""
    from peerpath.certification.models import CertificationCase

    day = dt.date.fromisoformat(today)
    CertificationCase.objects.bulk_create(
        CertificationCase(
            participant=user,
            application_submitted=day - dt.timedelta(days=89 if index % 2 else 60),
        )
        for index, user in enumerate(people(count, prefix="c"))
    )
