"""Two organizations with data in every app, and real ids for every URL pattern.

The demo organization gets the full demo data (every app's demo builder); a second
organization gets one participant with a distinctive name and a few records, so a
page that leaks across organizations shows it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.module_loading import import_string

from peerpath.accounts.models import Organization, Program, Role, User
from peerpath.conftest import make_user

OTHER_NAME = "Quinn Zephyrine"
OTHER_EMAIL = "quinn.zephyrine@example.org"
OTHER_NOTE = "Zephyrine talked about the Harbor clinic"


@dataclass
class World:
    organization: Organization
    program: Program
    other_organization: Organization
    other_program: Program
    people: dict[str, User] = field(default_factory=dict)

    def names_of(self, organization: Organization) -> list[str]:
        """Names and emails of the participants of one organization, to look for leaks."""
        people = User.objects.filter(
            role=Role.PARTICIPANT, program__organization=organization
        ).exclude(full_name="")
        return [p.full_name for p in people] + [p.email for p in people]


def build_world() -> World:
    from peerpath.accounts.demo import DEMO_PROGRAM_SLUG, create_demo
    from peerpath.catalog.loader import load_reference
    from peerpath.participants.models import ContactMode, ContactNote
    from peerpath.web.management.commands.serve import DEMO_BUILDERS

    load_reference()
    create_demo()
    program = Program.objects.get(slug=DEMO_PROGRAM_SLUG)
    for builder in DEMO_BUILDERS:
        import_string(builder)(program)
    other_organization = Organization.objects.create(name="Coastal Peers", slug="coastal-peers")
    other_program = Program.objects.create(
        organization=other_organization, name="Coastal", slug="coastal"
    )
    world = World(program.organization, program, other_organization, other_program)
    people = world.people
    people["participant"] = User.objects.get(email="participant@demo.peerpath.org")
    people["other_participant"] = User.objects.get(email="maya@demo.peerpath.org")
    people["advocate"] = User.objects.get(email="advocate@demo.peerpath.org")
    people["coordinator"] = User.objects.get(email="coordinator@demo.peerpath.org")
    people["administrator"] = User.objects.get(email="admin@demo.peerpath.org")
    people["other_coordinator"] = make_user(
        "kim.coastal@example.org", Role.COORDINATOR, organization=other_organization
    )
    other_advocate = make_user(
        "lee.coastal@example.org", Role.ADVOCATE, organization=other_organization
    )
    quinn = make_user(
        OTHER_EMAIL,
        Role.PARTICIPANT,
        program=other_program,
        full_name=OTHER_NAME,
        advocate=other_advocate,
    )
    people["other_org_participant"] = quinn
    # Enrolled, with nothing recorded yet: pages must audit even when they show little.
    people["new_participant"] = make_user(
        "nico.new@demo.peerpath.org",
        Role.PARTICIPANT,
        program=program,
        full_name="Nico Newcomer",
        advocate=people["advocate"],
    )
    ContactNote.objects.create(
        participant=quinn,
        author=other_advocate,
        contacted_on=timezone.localdate() - dt.timedelta(days=2),
        mode=ContactMode.PHONE,
        minutes=10,
        summary=OTHER_NOTE,
    )
    return world


# URL patterns -----------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    kwargs: tuple[str, ...]


def all_routes() -> Iterator[Route]:
    def walk(patterns: list[Any], prefix: str) -> Iterator[Route]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                converters = pattern.pattern.converters
                yield Route(pattern.name, prefix + str(pattern.pattern), tuple(converters))

    yield from walk(get_resolver().url_patterns, "")


def _first(queryset: Any) -> Model | None:
    return queryset.order_by("pk").first()


def _anchor(route: Route, program: Program) -> tuple[Model | None, User | None]:
    """The object a route is about, in `program`, and the participant who owns it."""
    from peerpath.careers.models import InterviewAnswer, JobPlacement, Resume
    from peerpath.intake.models import Application, ApplicationDocument
    from peerpath.plan.models import CompetencyAssessment, Goal
    from peerpath.practice.models import PracticeAttempt
    from peerpath.schedule.models import AdvocateMessage
    from peerpath.training.models import (
        Timesheet,
        Training,
        TrainingDocument,
        WorkPlacement,
    )

    name, kw = route.name, set(route.kwargs)
    in_program = {"participant__program": program}
    if "application_id" in kw:
        obj = _first(Application.objects.filter(applicant__program=program))
        if obj is None:
            obj = _first(Application.objects.exclude(status="draft"))
        return obj, obj.applicant if obj else None
    if "document_id" in kw and name.startswith("intake"):
        obj = _first(ApplicationDocument.objects.exclude(application__status="draft"))
        return obj, obj.application.applicant if obj else None
    if "document_id" in kw:
        obj = _first(TrainingDocument.objects.filter(training__participant__program=program))
        return obj, obj.training.participant if obj else None
    if "resume_id" in kw:
        obj = _first(Resume.objects.filter(**in_program))
        return obj, obj.participant if obj else None
    if "placement_id" in kw and name.startswith("careers"):
        obj = _first(JobPlacement.objects.filter(**in_program))
        return obj, obj.participant if obj else None
    if "placement_id" in kw:
        obj = _first(WorkPlacement.objects.filter(**in_program))
        return obj, obj.participant if obj else None
    if "timesheet_id" in kw:
        obj = _first(Timesheet.objects.filter(placement__participant__program=program))
        return obj, obj.placement.participant if obj else None
    if "message_id" in kw:
        obj = _first(AdvocateMessage.objects.filter(**in_program))
        return obj, obj.participant if obj else None
    if "goal_id" in kw:
        obj = _first(Goal.objects.filter(**in_program))
        return obj, obj.participant if obj else None
    if "assessment_id" in kw:
        obj = _first(CompetencyAssessment.objects.filter(**in_program))
        return obj, obj.participant if obj else None
    if "training_id" in kw:
        obj = _first(Training.objects.filter(**in_program))
        return obj, obj.participant if obj else None
    if "attempt_id" in kw:
        obj = _first(PracticeAttempt.objects.filter(user__program=program))
        return obj, obj.user if obj else None
    if "code" in kw and name.startswith("careers"):
        obj = _first(InterviewAnswer.objects.filter(**in_program).exclude(answer=""))
        return obj, obj.participant if obj else None
    if "participant_id" in kw:
        person = User.objects.get(email="participant@demo.peerpath.org")
        return person, person
    return None, None


def route_kwargs(route: Route, program: Program) -> tuple[dict[str, Any], User | None] | None:
    """Real values for every argument of `route` (None when the data has no such object)."""
    from peerpath.careers.models import ResumeEntry
    from peerpath.intake.models import ReadinessRecord
    from peerpath.schedule.models import SessionSeries
    from peerpath.training.models import HoursEntry, TimesheetEntry

    obj, owner = _anchor(route, program)
    values: dict[str, Any] = {}
    for kwarg in route.kwargs:
        if kwarg == "participant_id":
            if owner is None:
                return None
            values[kwarg] = owner.pk
        elif kwarg == "code" and route.name.startswith("careers"):
            from peerpath.careers.models import InterviewAnswer

            answer = obj or _first(InterviewAnswer.objects.all())
            if answer is None:
                return None
            values[kwarg] = answer.question  # type: ignore[attr-defined]
        elif kwarg == "code":
            values[kwarg] = "oars"
        elif kwarg == "entry_id":
            if route.name.startswith("careers"):
                entry = _first(ResumeEntry.objects.filter(resume=obj))
            elif "timesheet" in route.name:
                entry = _first(
                    TimesheetEntry.objects.filter(
                        timesheet__placement__participant__program=program
                    )
                )
            else:
                entry = _first(HoursEntry.objects.filter(training=obj))
            if entry is None:
                return None
            values[kwarg] = entry.pk
        elif kwarg == "record_id":
            record = _first(ReadinessRecord.objects.all())
            if record is None:
                return None
            values[kwarg] = record.pk
        elif kwarg in ("series_id", "day"):
            series = _first(SessionSeries.objects.filter(program=program))
            if series is None:
                return None
            values["series_id"] = series.pk
            values["day"] = series.starts_on
        elif kwarg == "slug":
            values[kwarg] = program.slug
        elif kwarg == "token":
            values[kwarg] = "not-a-token"
        elif kwarg == "milestone":
            values[kwarg] = 30
        elif kwarg == "fmt":
            values[kwarg] = "pdf"
        elif kwarg == "decision":
            values[kwarg] = "request_information"
        elif kwarg == "category":
            values[kwarg] = "samhsa-1"
        elif kwarg in ("section", "step"):
            values[kwarg] = "education" if kwarg == "section" else "about"
        elif kwarg.endswith("_id"):
            if obj is None:
                return None
            values[kwarg] = obj.pk
        else:
            return None
    return values, owner
