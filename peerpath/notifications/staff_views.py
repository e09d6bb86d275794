"""Emails that failed for good, for coordinators and administrators of the
recipients' organization, with a retry button."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from peerpath.accounts.access import is_installation_admin, role_required
from peerpath.accounts.models import Role, User
from peerpath.audit.actions import record_events
from peerpath.notifications.actions import do_retry_email
from peerpath.notifications.models import Notification

PAGE_SIZE = 50


def failed_emails_for_user(user: User) -> QuerySet[Notification]:
    """Failed emails to people of the staff member's organization (participants of
    its programs, or its staff); every one for the installation administrator."""
    failed = Notification.objects.filter(email_failed_at__isnull=False, emailed_at__isnull=True)
    if is_installation_admin(user):
        return failed
    if user.organization_id is None:
        return failed.none()
    return failed.filter(
        Q(user__program__organization_id=user.organization_id)
        | Q(user__organization_id=user.organization_id)
    )


@never_cache
@role_required(Role.COORDINATOR, Role.ADMINISTRATOR)
def failed_emails(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    listed = failed_emails_for_user(user).select_related("user").order_by("-email_failed_at", "-id")
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    record_events(user, "notifications.failed_email.view", page.object_list, subject_of="user")
    return render(request, "notifications/failed_emails.html", {"page": page})


@require_POST
@role_required(Role.COORDINATOR, Role.ADMINISTRATOR)
def retry_email(request: HttpRequest, notification_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    notification = get_object_or_404(
        failed_emails_for_user(user).select_related("user"), pk=notification_id
    )
    if do_retry_email(user, notification):
        messages.success(
            request,
            _("The email to %(email)s will be sent again.") % {"email": notification.user.email},
        )
    return redirect("notifications-failed-emails")
