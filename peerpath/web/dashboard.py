"""The organization dashboard on the staff home: what needs someone today, each with a
link. A fixed number of queries whatever the amount of data."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.access import participants_for_user
from peerpath.accounts.models import Role, User


@dataclass(frozen=True)
class Tile:
    code: str
    label: str
    count: int
    url: str


def dashboard_tiles(user: User) -> list[Tile]:
    from peerpath.certification.status import case_status
    from peerpath.certification.views import cases_in_scope
    from peerpath.intake.models import ApplicationStatus
    from peerpath.intake.review import applications_for_staff
    from peerpath.training.access import timesheets_for_user
    from peerpath.training.actions.common import TIMESHEET_REVIEWER_ROLES
    from peerpath.training.models import (
        TimesheetStatus,
        TrainingDocument,
        TrainingDocumentStatus,
    )

    tiles = []
    if user.role in (Role.COORDINATOR, Role.ADMINISTRATOR):
        waiting = applications_for_staff(user).filter(status=ApplicationStatus.SUBMITTED).count()
        tiles.append(
            Tile(
                "applications",
                str(_("Applications waiting for a decision")),
                waiting,
                f"{reverse('intake-staff-queue')}?status={ApplicationStatus.SUBMITTED}",
            )
        )
    people = participants_for_user(user)
    documents = TrainingDocument.objects.filter(
        training__participant__in=people, status=TrainingDocumentStatus.PENDING
    ).count()
    tiles.append(
        Tile(
            "hours",
            str(_("Training hours to verify")),
            documents,
            reverse("participants-caseload"),
        )
    )
    if user.role in TIMESHEET_REVIEWER_ROLES:
        timesheets = timesheets_for_user(user).filter(status=TimesheetStatus.SUBMITTED).count()
        tiles.append(
            Tile(
                "timesheets",
                str(_("Timesheets to approve")),
                timesheets,
                reverse("training-list-timesheets"),
            )
        )
    today = timezone.localdate()
    at_risk = sum(1 for case in cases_in_scope(user) if case_status(case, today).risks)
    tiles.append(
        Tile(
            "at_risk",
            str(_("People at risk of losing their certification place")),
            at_risk,
            reverse("certification-at-risk"),
        )
    )
    if user.role in (Role.COORDINATOR, Role.ADMINISTRATOR):
        from peerpath.notifications.staff_views import failed_emails_for_user

        tiles.append(
            Tile(
                "failed_emails",
                str(_("Emails that could not be delivered")),
                failed_emails_for_user(user).count(),
                reverse("notifications-failed-emails"),
            )
        )
    if user.role == Role.ADMINISTRATOR:
        from django.db.models import Q

        needing = (
            people.filter(program__isnull=False, cohort__isnull=False)
            .filter(Q(advocate__isnull=True) | Q(advocate__is_active=False))
            .count()
        )
        tiles.append(
            Tile(
                "needs_advocate",
                str(_("People who need a new advocate")),
                needing,
                f"{reverse('accounts-reassign-caseload')}?needs=1",
            )
        )
    return tiles
