"""Retention: who has been kept long enough, and removing a person's records.

Removing a person deletes their account and, with it, every record that
belongs to them (the database cascades), and their stored files. What stays:
- an `Erasure` row with the former account number, program, rule or reason,
  who asked, and counts of what went (so reports can still explain totals);
- the audit trail's who-did-what: events about the person lose the link to
  them (`subject` becomes empty) and events they did themselves keep only
  "erased #id" instead of their email address. Staff who acted stay named.
Staff accounts are never removed by retention.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from peerpath.accounts.models import Program, User
from peerpath.accounts.roles import Role
from peerpath.audit.actions import record_event
from peerpath.audit.models import AuditEvent
from peerpath.lib.crypto import private_storage
from peerpath.privacy import rules
from peerpath.privacy.models import DataExport, Erasure, RetentionSettings


@dataclass(frozen=True)
class Due:
    user_id: int
    program_id: int | None
    rule: str
    last_active: dt.date


def settings_by_program() -> dict[int, RetentionSettings]:
    return {s.program_id: s for s in RetentionSettings.objects.all()}


def due_for_removal(today: dt.date) -> list[Due]:
    """Participants and applicants whose retention period has ended (a fixed
    number of queries, whatever the number of people)."""
    from peerpath.intake.models import Application

    configured = settings_by_program()
    applications = {
        row["applicant_id"]: row
        for row in Application.objects.values("applicant_id", "program_id", "updated_at")
    }
    people = (
        User.objects.filter(role=Role.PARTICIPANT)
        .annotate(last_attended=Max("session_attendance__recorded_at"))
        .select_related("cohort")
        .only("id", "program_id", "last_login", "date_joined", "cohort__ends_on")
    )
    due = []
    for person in people:
        application = applications.get(person.pk)
        enrolled = person.program_id is not None
        program_id = person.program_id or (application["program_id"] if application else None)
        setting = configured.get(program_id) if program_id else None
        last_active = rules.last_activity(
            _day(person.last_login),
            _day(person.date_joined),
            person.cohort.ends_on if person.cohort else None,
            _day(application["updated_at"]) if application else None,
            _day(person.last_attended),
        )
        rule = rules.retention_due(
            enrolled=enrolled,
            last_active=last_active,
            today=today,
            applications_years=setting.applications_years
            if setting
            else rules.DEFAULT_APPLICATION_YEARS,
            records_years=setting.records_years if setting else rules.DEFAULT_RECORD_YEARS,
        )
        if rule and last_active:
            due.append(Due(person.pk, program_id, rule, last_active))
    return due


def _day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment else None


def _counts(person: User) -> dict[str, int]:
    """Numbers kept for reports: what the person had, never what it said."""
    from peerpath.intake.models import Application

    counts = {"enrolled": int(person.program_id is not None)}
    application = Application.objects.filter(applicant=person).values("status").first()
    if application:
        counts[f"application_{application['status']}"] = 1
    related = User.objects.filter(pk=person.pk).aggregate(
        contact_notes=Count("contact_notes", distinct=True),
        trainings=Count("trainings", distinct=True),
        attendances=Count("session_attendance", distinct=True),
    )
    counts.update({key: value or 0 for key, value in related.items()})
    return counts


def _file_names(person: User) -> list[str]:
    from peerpath.intake.models import ApplicationDocument
    from peerpath.training.models import TrainingDocument

    names = list(
        ApplicationDocument.objects.filter(application__applicant=person).values_list(
            "file", flat=True
        )
    )
    names += TrainingDocument.objects.filter(training__participant=person).values_list(
        "file", flat=True
    )
    for export in DataExport.objects.filter(participant=person):
        names += [export.json_file.name, export.pdf_file.name]
    return [name for name in names if name]


def do_erase_person(
    person: User, *, rule: str, reason: str = "", requested_by: User | None = None
) -> Erasure:
    """Remove one person's records (see the module's note on what stays)."""
    if person.role != Role.PARTICIPANT:
        raise ValueError("Only participants' and applicants' records are removed.")
    with transaction.atomic():
        User.objects.lock(person)
        program_id = person.program_id
        if program_id is None:
            from peerpath.intake.models import Application

            program_id = (
                Application.objects.filter(applicant=person)
                .values_list("program_id", flat=True)
                .first()
            )
        files = _file_names(person)
        erasure = Erasure.objects.create(
            former_user_id=person.pk,
            program=Program.objects.filter(pk=program_id).first() if program_id else None,
            rule=rule,
            reason=reason[:300],
            requested_by=requested_by,
            counts=_counts(person),
        )
        # Who-did-what stays; the person's address does not.
        AuditEvent.objects.filter(actor=person).update(actor_label=f"erased #{person.pk}")
        record_event(requested_by, "privacy.erased", erasure, rule=rule, former_user_id=person.pk)
        person.delete()
        for name in files:
            transaction.on_commit(lambda name=name: private_storage.delete(name))
    return erasure


def run_retention(today: dt.date, *, dry_run: bool = False) -> list[Due]:
    """Remove everyone due today (or only list them). Safe to repeat."""
    from peerpath.privacy.actions import do_delete_expired_exports

    due = due_for_removal(today)
    if dry_run:
        return due
    do_delete_expired_exports(timezone.now())
    for item in due:
        person = User.objects.filter(pk=item.user_id).first()
        if person is not None:
            do_erase_person(person, rule=item.rule)
    return due
