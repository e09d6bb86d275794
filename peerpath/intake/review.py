"""What staff see when they review applications: scope and the automatic check."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from peerpath.accounts.access import programs_for_user
from peerpath.accounts.models import Program, Role, User
from peerpath.intake.application import REQUIRED_DOCUMENTS, STEPS
from peerpath.intake.eligibility_json import LIVED_EXPERIENCE_VALUES
from peerpath.intake.models import (
    Application,
    ApplicationDocument,
    ApplicationStatus,
    DocumentKind,
    EthicsDocument,
    EthicsSignature,
)
from peerpath.intake.rules import (
    PROGRAM_TEXTS,
    AgeBand,
    Applicant,
    EligibilityResult,
    UnmetRule,
    program_eligibility,
)

if TYPE_CHECKING:
    from peerpath.intake.readiness import Text

# Coordinators decide on applications; advocates meet people once they are enrolled.
REVIEWER_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})


def program_today(program: Program) -> dt.date:
    return program.today()


def applications_for_staff(user: User) -> QuerySet[Application]:
    """Applications a reviewer may see, drafts included (the queue shows only their count)."""
    if not user.is_authenticated or user.role not in REVIEWER_ROLES:
        return Application.objects.none()
    return Application.objects.filter(program__in=programs_for_user(user))


def with_ethics_signed(applications: QuerySet[Application]) -> QuerySet[Application]:
    """Annotate `ethics_signed`: the applicant signed the current Code of Ethics."""
    current = EthicsDocument.current()
    if current is None:
        return applications.annotate(ethics_signed=Exists(EthicsSignature.objects.none()))
    signed = EthicsSignature.objects.filter(user=OuterRef("applicant"), document=current)
    return applications.annotate(ethics_signed=Exists(signed))


def get_application_for_staff(user: User, application_id: int) -> Application:
    """A submitted (not draft) application in the reviewer's scope, or 404."""
    return get_object_or_404(
        with_ethics_signed(
            applications_for_staff(user)
            .exclude(status=ApplicationStatus.DRAFT)
            .select_related("applicant__advocate", "applicant__cohort", "program__organization")
        ),
        pk=application_id,
    )


def get_document_for_staff(user: User, document_id: int) -> ApplicationDocument:
    return get_object_or_404(
        ApplicationDocument.objects.select_related("application__applicant").filter(
            application__in=applications_for_staff(user).exclude(status=ApplicationStatus.DRAFT)
        ),
        pk=document_id,
    )


def applicant_facts(application: Application, today: dt.date, ethics_signed: bool) -> Applicant:
    """The application's answers as the rules see them. Unanswered counts as not met.

    A birth date after `today` (checked on the server's date, which can be a day
    ahead of the program's) is read as born today: far too young, never a crash."""
    return Applicant(
        today=today,
        birth_date=min(application.date_of_birth or today, today),
        lived_experience=LIVED_EXPERIENCE_VALUES.get(application.lived_experience),
        diploma=bool(application.diploma),
        internet_access=bool(application.internet_access),
        computer_skills=bool(application.computer_skills),
        willing_to_share=bool(application.willing_to_share),
        commits_to_training=bool(application.commits_to_training),
        commits_to_certification=bool(application.commits_to_certification),
        agrees_to_code_of_ethics=ethics_signed,
    )


def automatic_result(application: Application, today: dt.date) -> EligibilityResult:
    """The program check on the application's answers; needs `with_ethics_signed`."""
    program = application.program
    facts = applicant_facts(application, today, bool(getattr(application, "ethics_signed", False)))
    return program_eligibility(facts, AgeBand(program.age_min, program.age_max))


OPTIONAL_ABOUT_FIELDS = ("preferred_name", "pronouns", "heard_about")


def requestable_items_lazy() -> list[tuple[str, Text]]:
    """Everything staff can ask an applicant to add or correct: fields, then documents.
    Labels are lazy: they render in whichever language is active."""
    fields = {f.name: f.verbose_name for f in Application._meta.fields}
    names = [name for step in STEPS for name in step.required] + list(OPTIONAL_ABOUT_FIELDS)
    items: list[tuple[str, Text]] = [(name, fields[name]) for name in names]
    items += [(kind, DocumentKind(kind).label) for kind in REQUIRED_DOCUMENTS]
    return items


def step_of(item: str) -> str:
    """The application step where an item is answered."""
    if item in REQUIRED_DOCUMENTS:
        return "documents"
    for step in STEPS:
        if item in step.required:
            return step.code
    return STEPS[0].code


def requested_items(application: Application) -> list[str]:
    """The items the open information request names (empty when none is open)."""
    if application.status != ApplicationStatus.NEEDS_INFO:
        return []
    request = application.information_requests.filter(resolved_at__isnull=True).first()
    return list(request.items) if request else []


def decision_rules(application: Application) -> list[UnmetRule]:
    """The rules staff named when deciding "not eligible", each with what it is for and
    what the person can do next. The age rule's text depends on the program's band,
    so it comes from the automatic check when that check agrees."""
    automatic = {
        rule.code: rule
        for rule in automatic_result(application, program_today(application.program)).unmet
    }
    rules = []
    for code in application.decision_codes:
        if code in automatic:
            rules.append(automatic[code])
        elif code in PROGRAM_TEXTS:
            rules.append(UnmetRule(code, *PROGRAM_TEXTS[code]))
    return rules
