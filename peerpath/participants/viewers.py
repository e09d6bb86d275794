"""Which staff members looked at a participant's records, in words the participant reads."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.models import STAFF_ROLES, User
from peerpath.audit.models import AuditEvent

# An audited read ends with one of these; the rest of the name says what was read.
READ_SUFFIXES = (".view", ".download", ".export")
# Reads named for what the page is for (opening a document to review it).
READ_ACTIONS = ("training.document.review",)

# The most specific label wins: the whole action, then without its last part, then
# its first part.
WHAT_WAS_SEEN = {
    "participant": _("your record"),
    "caseload": _("your summary in the caseload"),
    "application": _("your application"),
    "application.queue": _("your application in the intake list"),
    "application.document": _("a document from your application"),
    "certification": _("your certification tracker"),
    "certification.at_risk.view": _("your name on the list of certifications at risk"),
    "certification.at_risk.export": _(
        "your name on the list of certifications at risk (downloaded)"
    ),
    "practice": _("a practice answer you shared"),
    "hours": _("your trainings and hours"),
    "training": _("your trainings and hours"),
    "training.document": _("a training document you uploaded"),
    "training.placement": _("your work placement"),
    "training.placement_form": _("the form to add a work placement for you"),
    "training.timesheet": _("your timesheets"),
    "plan": _("your plan"),
    "plan.goal": _("a goal in your plan"),
    "plan.assessment": _("a competency assessment about you"),
    "plan.assessment_form": _("a competency assessment about you"),
    "schedule": _("your sessions and attendance"),
    "schedule.message": _("a message you sent your advocate"),
    "sessions": _("your sessions and attendance"),
    "careers": _("your career tools"),
    "notifications": _("an email to you that could not be delivered"),
    "careers.resume": _("your résumé"),
    "careers.resume.download": _("your résumé (downloaded)"),
    "careers.answer": _("a practice interview answer"),
    "careers.placement": _("your job"),
    "careers.placement_form": _("the form to record a job for you"),
    "admin": _("your information in the administration pages"),
    "admin.list": _("a list in the administration pages that includes you"),
    "privacy": _("your consents to share"),
    "messages": _("your messages with staff"),
}
SOMETHING = _("your information")


def is_staff_read(action: str) -> bool:
    return action.endswith(READ_SUFFIXES) or action in READ_ACTIONS


def staff_reads() -> Q:
    reads = Q(action__in=READ_ACTIONS)
    for suffix in READ_SUFFIXES:
        reads |= Q(action__endswith=suffix)
    return reads


def staff_views_of(participant: User) -> QuerySet[AuditEvent]:
    """Every audited staff read about `participant`, newest first."""
    return (
        AuditEvent.objects.filter(staff_reads(), subject=participant, actor__role__in=STAFF_ROLES)
        .exclude(actor=participant)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def what_was_seen(action: str) -> str:
    parts = action.split(".")
    for key in (action, ".".join(parts[:-1]), parts[0]):
        if key in WHAT_WAS_SEEN:
            return str(WHAT_WAS_SEEN[key])
    return str(SOMETHING)
