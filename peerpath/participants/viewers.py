"""Which staff members looked at a participant's records, in words the participant reads."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.models import STAFF_ROLES, User
from peerpath.audit.models import AuditEvent

# The first part of an audit action names what was looked at.
WHAT_WAS_SEEN = {
    "participant": _("your record"),
    "caseload": _("your summary in the caseload"),
    "application": _("your application"),
    "certification": _("your certification tracker"),
    "practice": _("a practice answer you shared"),
    "hours": _("your trainings and hours"),
    "training": _("your trainings and hours"),
    "plan": _("your plan"),
    "schedule": _("your sessions and attendance"),
    "sessions": _("your sessions and attendance"),
    "careers": _("your career tools"),
    "messages": _("your messages with staff"),
}
SOMETHING = _("your information")


def staff_views_of(participant: User) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(
            subject=participant, action__endswith=".view", actor__role__in=STAFF_ROLES
        )
        .exclude(actor=participant)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def what_was_seen(action: str) -> str:
    return str(WHAT_WAS_SEEN.get(action.split(".", 1)[0], SOMETHING))
