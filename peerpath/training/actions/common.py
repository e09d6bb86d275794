"""What every write shares: the refusal type, locking and the jurisdiction."""

from __future__ import annotations

from typing import Any

from peerpath.accounts.models import Role, User
from peerpath.certification.jurisdictions import CALIFORNIA, JURISDICTIONS, Jurisdiction

TIMESHEET_REVIEWER_ROLES = frozenset({Role.ADVOCATE, Role.COORDINATOR})


class Refused(Exception):
    """A write that breaks a rule; `problems` are (field, message) pairs."""

    def __init__(self, problems: list[tuple[str, Any]]) -> None:
        super().__init__("; ".join(str(message) for _field, message in problems))
        self.problems = problems


class TimesheetLocked(Refused):
    pass


def jurisdiction_for(code: str | None) -> Jurisdiction:
    return JURISDICTIONS.get(code or "CA", CALIFORNIA)


def lock_person(person: User) -> None:
    """Serialise one person's hour writes (a no-op on SQLite, which locks the whole file)."""
    User.objects.select_for_update(of=("self",)).filter(pk=person.pk).first()
