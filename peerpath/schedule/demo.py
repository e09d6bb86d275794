"""The seed's support schedule for the demo program, with demo join details,
contacts, a cancelled date and attendance, dated relative to today."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from peerpath.accounts.models import Cohort, Program, Role, User
from peerpath.schedule.models import (
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    ContactRole,
    OccurrenceChange,
    ProgramContact,
    ScheduleSettings,
    SessionKind,
    SessionSeries,
    program_zone,
)
from peerpath.schedule.occurrences import expand_series

# kind, English title, Spanish title, rule, start, end, bookable, capacity
DEMO_SERIES = [
    (
        SessionKind.ORIENTATION,
        "Orientation",
        "Orientación",
        "FREQ=WEEKLY;BYDAY=MO",
        dt.time(16, 0),
        dt.time(16, 45),
        True,
        12,
    ),
    (
        SessionKind.SUPPORT_ROOM,
        "Social support room",
        "Sala de apoyo social",
        "FREQ=WEEKLY;BYDAY=MO,WE",
        dt.time(12, 0),
        dt.time(14, 30),
        False,
        None,
    ),
    (
        SessionKind.GROUP_MEETING,
        "Group meeting (midday)",
        "Reunión de grupo (mediodía)",
        "FREQ=MONTHLY;BYDAY=1TU,3TU",
        dt.time(12, 0),
        dt.time(13, 0),
        False,
        None,
    ),
    (
        SessionKind.GROUP_MEETING,
        "Group meeting (evening)",
        "Reunión de grupo (tarde)",
        "FREQ=MONTHLY;BYDAY=1TU,3TU",
        dt.time(18, 0),
        dt.time(19, 0),
        False,
        None,
    ),
]
DESCRIPTIONS = {
    SessionKind.ORIENTATION: (
        "Meet the team, learn how the program works and ask anything. "
        "Book a place to get the link.",
        "Conozca al equipo, cómo funciona el programa y haga sus preguntas. "
        "Reserve un lugar para recibir el enlace.",
    ),
    SessionKind.SUPPORT_ROOM: (
        "Drop in any time during the hours: company, questions, or a quiet space to work.",
        "Entre cuando quiera durante el horario: compañía, preguntas "
        "o un espacio tranquilo para trabajar.",
    ),
    SessionKind.GROUP_MEETING: (
        "Peers share how things are going and support each other. Come to either time.",
        "Sus compañeros comparten cómo les va y se apoyan. "
        "Puede venir a cualquiera de los dos horarios.",
    ),
}


@transaction.atomic
def create_demo_schedule(program: Program) -> list[str]:
    ScheduleSettings.objects.get_or_create(
        program=program,
        defaults={
            "join_url": "https://meet.example.org/esp-support",
            "meeting_id": "812 5550 0142",
            "passcode": "PEER2026",
        },
    )
    today = timezone.now().astimezone(program_zone(program)).date()
    series = []
    for kind, title, title_es, rule, start, end, bookable, capacity in DEMO_SERIES:
        description, description_es = DESCRIPTIONS[kind]
        one, _created = SessionSeries.objects.get_or_create(
            program=program,
            title=title,
            defaults={
                "kind": kind,
                "title_es": title_es,
                "description": description,
                "description_es": description_es,
                "recurrence": rule,
                "starts_on": today - dt.timedelta(days=70),
                "start_time": start,
                "end_time": end,
                "bookable": bookable,
                "capacity": capacity,
            },
        )
        series.append(one)
    _demo_contacts(program)
    _demo_change(series[1], today)
    _demo_attendance(program, series, today)
    return []


def _demo_contacts(program: Program) -> None:
    if ProgramContact.objects.filter(program=program).exists():
        return
    coordinator = User.objects.filter(
        role=Role.COORDINATOR, organization=program.organization
    ).first()
    advocate = User.objects.filter(role=Role.ADVOCATE, organization=program.organization).first()
    # 555-01xx numbers are reserved for fiction.
    for order, (role, person, phone) in enumerate(
        [
            (ContactRole.COORDINATOR, coordinator, "(951) 555-0142"),
            (ContactRole.ADVOCATE, advocate, "(760) 555-0187"),
        ]
    ):
        if person is None:
            continue
        ProgramContact.objects.create(
            program=program,
            role=role,
            name=person.full_name or person.display_name,
            email=person.email,
            phone=phone,
            order=order,
        )


def _demo_change(support_room: SessionSeries, today: dt.date) -> None:
    """One support-room date in the coming weeks is cancelled, to show how that looks."""
    if OccurrenceChange.objects.filter(series=support_room).exists():
        return
    upcoming = expand_series(
        [support_room], today + dt.timedelta(days=8), today + dt.timedelta(days=21)
    )
    if upcoming:
        OccurrenceChange.objects.create(
            series=support_room,
            original_date=upcoming[0].original_date,
            cancelled=True,
            note="Staff training day. The room is open again at the next session.",
        )


def _demo_attendance(program: Program, series: list[SessionSeries], today: dt.date) -> None:
    """Jordan comes most times; Maya has missed the last three group meetings."""
    if Attendance.objects.filter(series__program=program).exists():
        return
    people = {u.email: u for u in User.objects.filter(program=program, role=Role.PARTICIPANT)}
    jordan = people.get("participant@demo.peerpath.org")
    maya = people.get("maya@demo.peerpath.org")
    luis = people.get("luis@demo.peerpath.org")
    past = [
        o
        for o in expand_series(
            series[1:], today - dt.timedelta(days=42), today - dt.timedelta(days=1)
        )
        if not o.is_cancelled
    ]
    by_id = {s.pk: s for s in series}
    groups = [o for o in past if by_id[o.series_id].kind == SessionKind.GROUP_MEETING][-3:]
    rooms = [o for o in past if by_id[o.series_id].kind == SessionKind.SUPPORT_ROOM][-4:]
    marks = []
    for index, occurrence in enumerate(rooms):
        if jordan:
            status = AttendanceStatus.EXCUSED if index == 1 else AttendanceStatus.PRESENT
            marks.append((occurrence, jordan, status))
        if luis:
            marks.append((occurrence, luis, AttendanceStatus.PRESENT))
    for occurrence in groups:
        if maya:
            marks.append((occurrence, maya, AttendanceStatus.ABSENT))
        if jordan:
            marks.append((occurrence, jordan, AttendanceStatus.PRESENT))
    Attendance.objects.bulk_create(
        Attendance(
            series=by_id[o.series_id],
            occurrence_date=o.original_date,
            starts_at=o.start,
            participant=person,
            status=status,
            source=AttendanceSource.ROLL_CALL,
        )
        for o, person, status in marks
    )


# The second demo program's own schedule: kind, English title, Spanish title, rule,
# start, end (Eastern time), bookable, capacity.
SECOND_PROGRAM_SERIES = [
    (
        SessionKind.ORIENTATION,
        "Orientation",
        "Orientación",
        "FREQ=WEEKLY;BYDAY=TH",
        dt.time(18, 0),
        dt.time(18, 45),
        True,
        15,
    ),
    (
        SessionKind.GROUP_MEETING,
        "Group meeting",
        "Reunión de grupo",
        "FREQ=WEEKLY;BYDAY=TU",
        dt.time(17, 30),
        dt.time(18, 30),
        False,
        None,
    ),
]


@transaction.atomic
def create_demo_second_program(program: Program) -> list[str]:
    """The demo's second program (another state): an upcoming cohort and its own
    schedule, so applicants can choose between two open programs."""
    from peerpath.accounts.demo import DEMO_SECOND_PROGRAM_SLUG

    second = Program.objects.filter(slug=DEMO_SECOND_PROGRAM_SLUG).first()
    if second is None:
        return []
    today = timezone.now().astimezone(program_zone(second)).date()
    Cohort.objects.get_or_create(
        program=second,
        name="Spring cohort",
        defaults={
            "starts_on": today + dt.timedelta(days=21),
            "ends_on": today + dt.timedelta(days=21 + 70),
            "capacity": 20,
        },
    )
    ScheduleSettings.objects.get_or_create(
        program=second,
        defaults={
            "join_url": "https://meet.example.org/pa-pathways",
            "meeting_id": "812 5550 0199",
            "passcode": "PATH2026",
        },
    )
    for kind, title, title_es, rule, start, end, bookable, capacity in SECOND_PROGRAM_SERIES:
        description, description_es = DESCRIPTIONS[kind]
        SessionSeries.objects.get_or_create(
            program=second,
            title=title,
            defaults={
                "kind": kind,
                "title_es": title_es,
                "description": description,
                "description_es": description_es,
                "recurrence": rule,
                "starts_on": today - dt.timedelta(days=14),
                "start_time": start,
                "end_time": end,
                "bookable": bookable,
                "capacity": capacity,
            },
        )
    return []
