"""Realistic data at scale for benchmarks (`peerpath bench-data`): organizations with a
program, a coordinator, advocates (about 36 people each) and cohorts, and for every
participant an application and, once enrolled, a certification case, contacts,
trainings with hours, session attendance, confidence check-ins, questionnaire
answers, notifications and audit events: about 120 rows a participant, written with
bulk inserts in chunks.

Every account is on the `bench.peerpath.test` domain and has no usable password:
the benchmark signs staff in directly.
"""

# Benchmark data: predictable pseudo-random values and unusable passwords by design.
# ruff: noqa: S311, S106

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from peerpath.lib.crypto import EncryptedMixin

DOMAIN = "bench.peerpath.test"
CASELOAD_SIZE = 36
COHORT_SIZE = 250
CHUNK = 1000
BATCH = 5000
ENROLLED_SHARE = 0.85


def coordinator_email(org: int) -> str:
    return f"coordinator-{org}@{DOMAIN}"


def advocate_email(org: int, index: int) -> str:
    return f"advocate-{org}-{index}@{DOMAIN}"


def participant_email(index: int) -> str:
    return f"p{index}@{DOMAIN}"


def generate(
    participants: int,
    organizations: int,
    providers: int = 500,
    seed: int = 14,
    say: Callable[[str], None] = lambda _: None,
) -> dict[str, int]:
    """Write the data; returns the number of rows per table."""
    from peerpath.accounts.models import Cohort, Organization, Program, Role, User
    from peerpath.schedule.models import SessionKind, SessionSeries

    rng = random.Random(seed)
    today = timezone.localdate()
    counts: dict[str, int] = {}
    per_org = [participants // organizations] * organizations
    for index in range(participants % organizations):
        per_org[index] += 1
    counts["providers"] = _providers(providers)
    next_index = 0
    for org_index, size in enumerate(per_org):
        with transaction.atomic():
            org = Organization.objects.create(
                name=f"Bench County {org_index}", slug=f"bench-{org_index}"
            )
            program = Program.objects.create(
                organization=org, name=f"Bench Program {org_index}", slug=f"bench-{org_index}"
            )
            User.objects.create(
                email=coordinator_email(org_index),
                full_name=f"Coordinator {org_index}",
                role=Role.COORDINATOR,
                organization=org,
                password="!",
            )
            advocates = User.objects.bulk_create(
                User(
                    email=advocate_email(org_index, a),
                    full_name=f"Advocate {org_index}-{a}",
                    role=Role.ADVOCATE,
                    organization=org,
                    password="!",
                )
                for a in range(max(1, math.ceil(size * ENROLLED_SHARE / CASELOAD_SIZE)))
            )
            cohorts = Cohort.objects.bulk_create(
                Cohort(
                    program=program,
                    name=f"Cohort {c}",
                    starts_on=today - dt.timedelta(days=30 + 60 * c),
                    ends_on=today + dt.timedelta(days=60 - 60 * c),
                )
                for c in range(max(1, math.ceil(size / COHORT_SIZE)))
            )
            series = SessionSeries.objects.bulk_create(
                SessionSeries(
                    program=program,
                    kind=SessionKind.GROUP_MEETING,
                    title=f"Weekly group {s}",
                    starts_on=today - dt.timedelta(days=400),
                    start_time=dt.time(10 + s),
                    end_time=dt.time(11 + s),
                    recurrence=f"FREQ=WEEKLY;BYDAY={'TU' if s else 'MO'}",
                )
                for s in range(2)
            )
        for start in range(0, size, CHUNK):
            chunk = min(CHUNK, size - start)
            with transaction.atomic():
                _participants(
                    rng, today, program, advocates, cohorts, series, next_index, chunk, counts
                )
            next_index += chunk
        say(f"organization {org_index + 1}/{organizations}: {size} participants")
    # Rows are written in bulk, without the signals that give each person a list row.
    from peerpath.participants.status import ensure_rows

    people = User.objects.filter(role=Role.PARTICIPANT, list_status__isnull=True)
    ensure_rows(people.select_related("program").iterator(chunk_size=5000))
    return counts


def _add(counts: dict[str, int], model: type, rows: list) -> list:  # type: ignore[type-arg]
    created = model.objects.bulk_create(rows, batch_size=BATCH)
    counts[model._meta.label_lower] = counts.get(model._meta.label_lower, 0) + len(rows)
    return created


def _insert(counts: dict[str, int], model: type, columns: list[str], rows: list) -> None:  # type: ignore[type-arg]
    """Rows given as tuples in `columns` order (column names = attribute names): COPY
    on PostgreSQL, bulk inserts elsewhere. No ids come back."""
    if connection.vendor == "postgresql":
        # COPY bypasses Django's defaults: fill the columns not given with them.
        rest = [
            f
            for f in model._meta.concrete_fields  # type: ignore[attr-defined]
            if f.attname not in columns
            and not f.primary_key
            and (f.has_default() or (not f.null and f.empty_strings_allowed))
        ]
        # COPY bypasses the fields too: encrypted ones must be encrypted here.
        fields = {f.attname: f for f in model._meta.concrete_fields}  # type: ignore[attr-defined]
        encrypted = {
            i for i, name in enumerate(columns) if isinstance(fields[name], EncryptedMixin)
        }
        columns = [*columns, *(f.attname for f in rest)]
        rows = [
            (
                *(
                    fields[columns[i]].get_db_prep_save(value, connection)
                    if i in encrypted
                    else value
                    for i, value in enumerate(row)
                ),
                *(f.get_db_prep_save(f.get_default(), connection) for f in rest),
            )
            for row in rows
        ]
        table = connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
    else:
        model.objects.bulk_create(  # type: ignore[attr-defined]
            (model(**dict(zip(columns, row, strict=True))) for row in rows), batch_size=BATCH
        )
    label = model._meta.label_lower  # type: ignore[attr-defined]
    counts[label] = counts.get(label, 0) + len(rows)


def _providers(count: int) -> int:
    from peerpath.catalog.geo import zip_centroid
    from peerpath.catalog.models import Provider, ProviderLocation, Specialization, TrainingMethod

    existing = Provider.objects.count()
    wanted = max(0, count - existing)
    method = TrainingMethod.objects.filter(code="online_live").first()
    specialization = Specialization.objects.filter(code="CC").first()
    zips = ["92501", "90012", "94103", "95814", "93721", "92101", "95112", "96001"]
    created = Provider.objects.bulk_create(
        Provider(slug=f"bench-provider-{i}", name=f"Bench Training {i}") for i in range(wanted)
    )
    locations = []
    for i, provider in enumerate(created):
        code = zips[i % len(zips)]
        latitude, longitude = zip_centroid(code) or (None, None)
        locations.append(
            ProviderLocation(
                provider=provider,
                label="Bench",
                zip_code=code,
                latitude=latitude,
                longitude=longitude,
            )
        )
    ProviderLocation.objects.bulk_create(locations)
    if method:
        Provider.methods.through.objects.bulk_create(
            Provider.methods.through(provider_id=p.pk, trainingmethod_id=method.pk)
            for i, p in enumerate(created)
            if i % 2 == 0
        )
    if specialization:
        Provider.specializations.through.objects.bulk_create(
            Provider.specializations.through(provider_id=p.pk, specialization_id=specialization.pk)
            for p in created
        )
    return existing + wanted


def _participants(
    rng: random.Random,
    today: dt.date,
    program: object,
    advocates: list,  # type: ignore[type-arg]
    cohorts: list,  # type: ignore[type-arg]
    series: list,  # type: ignore[type-arg]
    first: int,
    count: int,
    counts: dict[str, int],
) -> None:
    from peerpath.accounts.models import Role, User
    from peerpath.audit.models import AuditEvent
    from peerpath.certification.models import CertificationCase, ExamAttemptRecord
    from peerpath.intake.models import Application, ApplicationStatus
    from peerpath.notifications.models import Notification
    from peerpath.participants.models import ContactNote
    from peerpath.plan.models import ConfidenceCheckIn, QuestionnaireAnswer
    from peerpath.schedule.models import Attendance, AttendanceSource, AttendanceStatus
    from peerpath.training.models import HoursEntry, Training, TrainingKind, TrainingStatus

    now = timezone.now()
    enrolled_flags = [rng.random() < ENROLLED_SHARE for _ in range(count)]
    people = []
    for offset, enrolled in enumerate(enrolled_flags):
        index = first + offset
        people.append(
            User(
                email=participant_email(index),
                full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {index}",
                role=Role.PARTICIPANT,
                program=program,
                advocate=advocates[(index // CASELOAD_SIZE) % len(advocates)] if enrolled else None,
                cohort=rng.choice(cohorts) if enrolled else None,
                language="es" if rng.random() < 0.3 else "en",
                password="!",
            )
        )
    people = _add(counts, User, people)
    enrolled_people = [p for p, e in zip(people, enrolled_flags, strict=True) if e]
    applications = []
    for person, enrolled in zip(people, enrolled_flags, strict=True):
        submitted = now - dt.timedelta(days=rng.randint(20, 400))
        status = (
            ApplicationStatus.ENROLLED
            if enrolled
            else rng.choice([ApplicationStatus.SUBMITTED, ApplicationStatus.DRAFT])
        )
        applications.append(
            Application(
                applicant=person,
                program=program,
                status=status,
                submitted_at=None if status == ApplicationStatus.DRAFT else submitted,
                decided_at=submitted + dt.timedelta(days=10) if enrolled else None,
                date_of_birth=dt.date(2003, 1, 1),
                lived_experience="consumer",
            )
        )
    _add(counts, Application, applications)

    cases, attempts_for = [], []
    for person in enrolled_people:
        kind = rng.random()
        submitted_on = today - dt.timedelta(days=rng.randint(5, 300))
        case = CertificationCase(participant=person, registered_on=submitted_on)
        if kind < 0.3:
            case.application_submitted = submitted_on
        elif kind < 0.7:
            case.application_submitted = submitted_on
            case.application_approved = submitted_on + dt.timedelta(days=20)
            failed = 0 if rng.random() < 0.6 else rng.choice([1, 1, 2])
            attempts_for.append((case, failed))
        elif kind < 0.85:
            case.application_submitted = submitted_on - dt.timedelta(days=400)
            case.application_approved = submitted_on - dt.timedelta(days=380)
            case.certified_on = today - dt.timedelta(days=rng.randint(30, 700))
        cases.append(case)
    _add(counts, CertificationCase, cases)
    attempts = []
    for case, failed in attempts_for:
        for n in range(failed):
            approved = case.application_approved or today
            attempts.append(
                ExamAttemptRecord(
                    case=case, date=approved + dt.timedelta(days=30 * (n + 1)), passed=False
                )
            )
    _add(counts, ExamAttemptRecord, attempts)

    notes, trainings = [], []
    for person in enrolled_people:
        recent = rng.random() < 0.8
        for n in range(6):
            days = rng.randint(0, 13) if recent and n == 0 else rng.randint(14, 200)
            notes.append(
                (
                    person.pk,
                    person.advocate_id,
                    today - dt.timedelta(days=days),
                    "phone",
                    15,
                    "Checked in about the week and the training.",
                    False,
                    "",
                    now,
                )
            )
        trainings.append(
            Training(
                participant=person,
                kind=TrainingKind.CORE,
                provider_name="Bench Training",
                status=TrainingStatus.IN_PROGRESS,
                starts_on=today - dt.timedelta(days=60),
            )
        )
    _insert(
        counts,
        ContactNote,
        [
            "participant_id",
            "author_id",
            "contacted_on",
            "mode",
            "minutes",
            "summary",
            "staff_only",
            "staff_only_reason",
            "created_at",
        ],
        notes,
    )
    trainings = _add(counts, Training, trainings)
    _insert(
        counts,
        HoursEntry,
        ["training_id", "date", "hours", "note", "is_total", "created_at"],
        [
            (
                training.pk,
                today - dt.timedelta(days=4 * n),
                Decimal(rng.choice([2, 3, 4, 5])),
                "",
                False,
                now,
            )
            for training in trainings
            for n in range(15)
        ],
    )

    attendance, checkins, answers = [], [], []
    statuses = [AttendanceStatus.PRESENT.value] * 8 + [AttendanceStatus.ABSENT.value] * 3
    statuses += [AttendanceStatus.EXCUSED.value]
    for person in enrolled_people:
        for week in range(30):
            day = today - dt.timedelta(days=7 * (week + 1))
            starts = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
            attendance.append(
                (
                    series[week % 2].pk,
                    day,
                    starts,
                    person.pk,
                    rng.choice(statuses),
                    AttendanceSource.ROLL_CALL.value,
                    now,
                )
            )
        for month in range(6):
            on = today - dt.timedelta(days=30 * month + 1)
            checkins.append((person.pk, rng.randint(2, 9), on, now, now))
        for question in range(10):
            answers.append((person.pk, f"q{question}", "Something I care about.", 1, now, now))
    _insert(
        counts,
        Attendance,
        [
            "series_id",
            "occurrence_date",
            "starts_at",
            "participant_id",
            "status",
            "source",
            "recorded_at",
        ],
        attendance,
    )
    _insert(
        counts,
        ConfidenceCheckIn,
        ["participant_id", "score", "on", "created_at", "updated_at"],
        checkins,
    )
    _insert(
        counts,
        QuestionnaireAnswer,
        ["participant_id", "question", "value", "version", "created_at", "saved_at"],
        answers,
    )

    notifications, events = [], []
    organization_id = program.organization_id  # type: ignore[attr-defined]
    for person in people:
        for n in range(15):
            notifications.append(
                (
                    person.pk,
                    "session_reminder",
                    "Your session is tomorrow",
                    "See you there.",
                    "",
                    False,
                    now - dt.timedelta(days=7 * n),
                    now if n > 2 else None,
                )
            )
        actor = person.advocate
        action = "participant.record.view" if actor else "application.save"
        for n in range(30):
            events.append(
                (
                    now - dt.timedelta(days=3 * n),
                    actor.pk if actor else None,
                    actor.email if actor else "",
                    action,
                    "accounts.user",
                    str(person.pk),
                    person.pk,
                    organization_id,
                    "",
                    "{}" if connection.vendor == "postgresql" else {},
                )
            )
    _insert(
        counts,
        Notification,
        ["user_id", "kind", "subject", "body", "url", "send_email", "created_at", "read_at"],
        notifications,
    )
    _insert(
        counts,
        AuditEvent,
        [
            "created_at",
            "actor_id",
            "actor_label",
            "action",
            "object_type",
            "object_id",
            "subject_id",
            "organization_id",
            "request_id",
            "detail",
        ],
        events,
    )


FIRST = ["Ana", "Luis", "Maya", "Dana", "Sam", "Rosa", "Jon", "Lee", "Kim", "Eli", "Noa", "Ravi"]
LAST = ["Ruiz", "Nguyen", "Smith", "García", "Lopez", "Khan", "Park", "Okafor", "Silva", "Chen"]
