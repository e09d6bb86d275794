"""What every write shares: the refusal type, locking and the jurisdiction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from peerpath.accounts.models import Role, User
from peerpath.certification.jurisdictions import Jurisdiction
from peerpath.intake.review import program_today
from peerpath.training import rules
from peerpath.training.models import HoursEntry, TimesheetEntry

TIMESHEET_REVIEWER_ROLES = frozenset({Role.ADVOCATE, Role.COORDINATOR})


class Refused(Exception):
    """A write that breaks a rule; `problems` are (field, message) pairs."""

    def __init__(self, problems: list[tuple[str, Any]]) -> None:
        super().__init__("; ".join(str(message) for _field, message in problems))
        self.problems = problems


class TimesheetLocked(Refused):
    pass


def jurisdiction_for(code: str | None) -> Jurisdiction:
    from peerpath.certification.jurisdiction_data import current_jurisdiction

    return current_jurisdiction(code)


def today_for(person: User) -> dt.date:
    """Today in the person's program's time zone (the server's when they have none): what
    "in the future" means for the hours they log."""
    program = person.program
    return program_today(program) if program is not None else timezone.localdate()


def lock_person(person: User) -> None:
    """Serialise one person's hour writes."""
    User.objects.lock(person)


def day_total(person: User, day: dt.date, *, exclude_work_entry: int | None = None) -> Decimal:
    """Hours the person already has on `day`: training sessions and paid work together,
    since both come out of the same 24 hours. Totals for several sessions are left out."""
    sessions = HoursEntry.objects.filter(training__participant=person, date=day, is_total=False)
    work = TimesheetEntry.objects.filter(timesheet__placement__participant=person, date=day)
    if exclude_work_entry is not None:
        work = work.exclude(pk=exclude_work_entry)
    return sum(
        (
            queryset.aggregate(total=Sum("hours"))["total"] or rules.ZERO
            for queryset in (sessions, work)
        ),
        rules.ZERO,
    )
