"""Per-participant list status: what the caseload and the at-risk list sort, filter and
count on, kept in `ParticipantStatus` and `StatusRisk` rows for one day.

`fresh()` brings the rows of a scope up to date before a list queries them: it
recomputes only the rows that are missing, cleared by a change (`participants.signals`)
or from an earlier day, in batches with a fixed number of queries each. The
`refresh-lists` command recomputes every stale row (run it daily, before office hours,
so no list pays for a new day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F, OuterRef, QuerySet, Subquery

from peerpath.accounts.access import status_scope_q
from peerpath.accounts.models import Role, User
from peerpath.certification.status import Deadline
from peerpath.intake.models import ApplicationStatus
from peerpath.participants.caseload import ROW_RELATED, CaseloadRow, build_rows
from peerpath.participants.models import ParticipantStatus, StatusRisk
from peerpath.participants.next_step import STAFF_LABELS
from peerpath.participants.rules import Flag

BATCH = 500

FLAG_FIELDS = [flag.value for flag in Flag]
# The order `caseload_flags()` gives them in.
SHOWN_FLAG_ORDER = [Flag.NEEDS_ADVOCATE, *(flag for flag in Flag if flag != Flag.NEEDS_ADVOCATE)]
SCOPE_FIELDS = ["organization", "advocate", "cohort", "enrolled"]


def organization_of(person: User) -> int | None:
    """The organization a person's rows are listed under: their program's."""
    return person.program.organization_id if person.program else None


def name_key(person: User) -> str:
    return person.display_name.casefold()[:300]


def status_row(row: CaseloadRow, today: dt.date) -> ParticipantStatus:
    person = row.participant
    contact_since = (
        None if row.days_without_contact is None else today - dt.timedelta(row.days_without_contact)
    )
    flags = set(row.flags)
    return ParticipantStatus(
        participant=person,
        computed_on=today,
        organization_id=organization_of(person),
        advocate_id=person.advocate_id,
        cohort_id=person.cohort_id,
        enrolled=is_listed(person),
        name_key=name_key(person),
        stage=row.step.code,
        contact_since=contact_since,
        last_contact_on=row.last_contact,
        next_deadline_key=row.next_deadline.key if row.next_deadline else "",
        next_deadline_on=row.next_deadline.date if row.next_deadline else None,
        core_logged=row.progress.core_logged if row.progress else None,
        core_target=row.progress.core_target if row.progress else None,
        core_verified=row.progress.core_verified if row.progress else None,
        attention=len(flags - {Flag.PAUSED}),
        **{field: Flag(field) in flags for field in FLAG_FIELDS},
    )


@dataclass(frozen=True)
class ListRow:
    """One caseload row as the page shows it, read from a current status row alone."""

    participant: User
    stage: str
    last_contact: dt.date | None
    days_without_contact: int | None
    next_deadline: Deadline | None
    progress: HoursShown | None
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class HoursShown:
    core_logged: Decimal
    core_target: Decimal
    core_verified: Decimal


def list_row(status: ParticipantStatus, today: dt.date) -> ListRow:
    """`status` with its participant (and their cohort and advocate) selected."""
    since = status.contact_since
    due = status.next_deadline_on
    deadline = (
        Deadline(status.next_deadline_key, due, (due - today).days)
        if due is not None and status.next_deadline_key
        else None
    )
    hours = (
        HoursShown(status.core_logged, status.core_target, status.core_verified)
        if status.core_logged is not None
        and status.core_target is not None
        and status.core_verified is not None
        else None
    )
    flags = [flag for flag in SHOWN_FLAG_ORDER if getattr(status, flag.value)]
    return ListRow(
        participant=status.participant,
        stage=str(STAFF_LABELS.get(status.stage, "")),
        last_contact=status.last_contact_on,
        days_without_contact=None if since is None else (today - since).days,
        next_deadline=deadline,
        progress=hours,
        flags=tuple(flags),
    )


def is_listed(person: User) -> bool:
    """In the caseload: `enrolled_q()` for a person read by `refresh_statuses()`."""
    return (
        person.role == Role.PARTICIPANT
        and person.is_active
        and getattr(person, "application_status", None) == ApplicationStatus.ENROLLED
    )


def risk_rows(row: CaseloadRow, today: dt.date) -> list[StatusRisk]:
    certification = row.certification
    if certification is None:
        return []
    return [
        StatusRisk(
            participant=row.participant,
            computed_on=today,
            organization_id=organization_of(row.participant),
            advocate_id=row.participant.advocate_id,
            code=risk.code,
            date=risk.date,
            stage=certification.plan.stage,
            attempts_remaining=certification.plan.attempts_remaining,
            name_key=name_key(row.participant),
        )
        for risk in certification.risks
    ]


def refresh_statuses(participant_ids: Iterable[int], today: dt.date) -> int:
    """Recompute the rows of these participants for `today`; returns how many."""
    ids = list(participant_ids)
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        people = list(
            User.objects.filter(pk__in=batch)
            .select_related(*ROW_RELATED)
            .annotate(
                enrolled_at=F("application__decided_at"),
                application_status=F("application__status"),
            )
        )
        rows = build_rows(people, today)
        with transaction.atomic():
            ParticipantStatus.objects.bulk_create(
                [status_row(row, today) for row in rows],
                update_conflicts=True,
                unique_fields=["participant"],
                update_fields=[
                    "computed_on",
                    *SCOPE_FIELDS,
                    "name_key",
                    "stage",
                    "contact_since",
                    "last_contact_on",
                    "next_deadline_key",
                    "core_logged",
                    "core_target",
                    "core_verified",
                    "next_deadline_on",
                    "attention",
                    *FLAG_FIELDS,
                ],
            )
            StatusRisk.objects.filter(participant_id__in=batch).delete()
            StatusRisk.objects.bulk_create([risk for row in rows for risk in risk_rows(row, today)])
    return len(ids)


def stale_ids(people: QuerySet[User], today: dt.date) -> list[int]:
    return list(
        people.exclude(list_status__computed_on=today).order_by().values_list("pk", flat=True)
    )


def fresh(people: QuerySet[User], today: dt.date) -> int:
    """Make the status rows of these people current for `today`, creating missing ones
    (reads every person given: `refresh-lists` uses it as the daily safety net); returns
    how many were recomputed."""
    return refresh_statuses(stale_ids(people, today), today)


def fresh_for(staff: User, today: dt.date) -> int:
    """Make the rows in a staff member's scope current, reading only the stale ones
    (an index range of the scope). Every participant has a row from their account's
    creation, and its scope columns move with them (`move_rows()`), so the scope's
    rows are the scope's people."""
    ids = (
        ParticipantStatus.objects.filter(status_scope_q(staff))
        .exclude(computed_on=today)
        .values_list("participant_id", flat=True)
    )
    return refresh_statuses(list(ids), today)


def scope_of_person() -> dict[str, Subquery]:
    """The scope columns, read from each row's person (for an UPDATE)."""
    person = User.objects.filter(pk=OuterRef("participant_id"))
    return {
        "organization_id": Subquery(person.values("program__organization_id")[:1]),
        "advocate_id": Subquery(person.values("advocate_id")[:1]),
        "cohort_id": Subquery(person.values("cohort_id")[:1]),
    }


def move_rows(**lookup: object) -> None:
    """Copy the current scope of the people matching a lookup on ParticipantStatus onto
    their rows and clear them (one UPDATE): a person who changes advocate, cohort,
    program or organization is listed under the new scope at once."""
    ParticipantStatus.objects.filter(**lookup).update(computed_on=None, **scope_of_person())
    StatusRisk.objects.filter(**lookup).delete()


def ensure_rows(people: Iterable[User]) -> None:
    """A stale row, in the right scope, for each participant who has none yet."""
    ParticipantStatus.objects.bulk_create(
        [
            ParticipantStatus(
                participant_id=person.pk,
                organization_id=organization_of(person),
                advocate_id=person.advocate_id,
                cohort_id=person.cohort_id,
                name_key=name_key(person),
            )
            for person in people
            if person.role == Role.PARTICIPANT
        ],
        ignore_conflicts=True,
    )


def current_statuses(staff: User, today: dt.date) -> QuerySet[ParticipantStatus]:
    """Rows computed today in the staff member's scope (call `fresh()` first)."""
    return ParticipantStatus.objects.filter(status_scope_q(staff), computed_on=today)


def current_risks(staff: User, today: dt.date) -> QuerySet[StatusRisk]:
    """Today's at-risk reasons in the staff member's scope (call `fresh()` first)."""
    return StatusRisk.objects.filter(status_scope_q(staff), computed_on=today)


def mark_stale(**lookup: object) -> None:
    """Clear the rows matching a lookup on ParticipantStatus (e.g. participant_id=...)."""
    ParticipantStatus.objects.filter(**lookup).update(computed_on=None)
