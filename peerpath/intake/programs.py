"""Which programs an applicant may choose, and what each one tells them before they do."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import formats
from django.utils.translation import gettext as _

from peerpath.accounts.models import Program
from peerpath.certification.jurisdiction_data import current_jurisdiction

LANGUAGE_NAMES = {"en": "English", "es": "Español"}


def open_programs() -> QuerySet[Program]:
    """Programs taking applications, in name order."""
    return (
        Program.objects.filter(accepts_applications=True)
        .select_related("organization")
        .order_by("name")
    )


def open_program(slug: str | None) -> Program | None:
    if not slug:
        return None
    return open_programs().filter(slug=slug).first()


def single_open_program() -> Program | None:
    """The program to apply to without choosing: the only one taking applications."""
    programs = list(open_programs()[:2])
    return programs[0] if len(programs) == 1 else None


def orientation_times(programs: list[Program]) -> dict[int, str]:
    """Each program's orientation schedule in words, from its active orientation
    sessions (one query for all programs); programs without one are left out."""
    from peerpath.schedule.models import SessionKind, SessionSeries
    from peerpath.schedule.rules import describe_recurrence

    found: dict[int, str] = {}
    if not programs:
        return found
    by_id = {program.pk: program for program in programs}
    series = (
        SessionSeries.objects.filter(
            program_id__in=by_id, kind=SessionKind.ORIENTATION, is_active=True
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=min(p.today() for p in programs)))
        .order_by("starts_on", "start_time")
    )
    for item in series:
        if item.program_id in found:
            continue
        when = (
            describe_recurrence(item.recurrence)
            if item.recurrence
            else formats.date_format(item.starts_on, "DATE_FORMAT")
        )
        found[item.program_id] = _("%(when)s, %(start)s–%(end)s (%(zone)s time)") % {
            "when": when,
            "start": formats.time_format(item.start_time, "TIME_FORMAT"),
            "end": formats.time_format(item.end_time, "TIME_FORMAT"),
            "zone": by_id[item.program_id].time_zone.split("/")[-1].replace("_", " "),
        }
    return found


@dataclass(frozen=True)
class ProgramChoice:
    program: Program
    state: str
    languages: list[str]
    orientation: str | None


def program_choices(programs: list[Program]) -> list[ProgramChoice]:
    times = orientation_times(programs)
    return [
        ProgramChoice(
            program=program,
            state=current_jurisdiction(program.jurisdiction).name,
            languages=[LANGUAGE_NAMES.get(code, code) for code in program.language_codes],
            orientation=times.get(program.pk),
        )
        for program in programs
    ]
