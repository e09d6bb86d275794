from __future__ import annotations

import contextlib
import datetime as dt
import logging
import random
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from peerpath.notifications import rules
from peerpath.notifications.models import Notification

logger = logging.getLogger(__name__)


def mail_domain() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or urlsplit(settings.SITE_URL).hostname or "localhost"


def build_email(notification: Notification) -> EmailMessage:
    user = notification.user
    with translation.override(user.language):
        body = render_to_string(
            "notifications/email/notification.txt",
            {"notification": notification, "user": user, "site_url": settings.SITE_URL},
        )
    return EmailMessage(
        subject=f"PeerPath: {notification.subject}",
        body=body,
        to=[user.email],
        headers={"Message-ID": rules.message_id(notification.pk, user.email, mail_domain())},
    )


@task()
def send_notification_email(notification_id: int) -> str:
    """Email one notification; marked sent only once the mail server accepted it.

    A passing failure queues another try after a growing wait; a permanent one,
    or one still failing after the retry window, marks the email failed, and
    staff see it on the failed-email page. Run again after a crash, it sends the
    same message (same Message-ID) if it was not yet marked sent.
    """
    notification = (
        Notification.objects.select_related("user")
        .filter(pk=notification_id, send_email=True)
        .first()
    )
    if notification is None or notification.emailed_at or notification.email_failed_at:
        return "nothing to do"
    if not notification.user.is_active:
        return "account inactive"
    connection = get_connection()
    try:
        try:
            connection.open()
            connection.send_messages([build_email(notification)])
        except Exception as exc:
            failure = rules.classify_failure(exc)
            if failure is None:
                raise
            return record_failure(notification.pk, failure)
        # Written as soon as the server accepted, before saying goodbye to it: the
        # moment in which a crash would send it again is as short as it can be.
        Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now(),
            email_attempts=notification.email_attempts + 1,
            email_error="",
            email_retry_at=None,
        )
    finally:
        with contextlib.suppress(Exception):
            connection.close()
    return "sent"


def record_failure(notification_id: int, failure: rules.SendFailure) -> str:
    now = timezone.now()
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification_id)
        notification.email_attempts += 1
        notification.email_error = failure.reason
        # Retried from when it was written, or from when staff asked for a retry.
        window_ends = (notification.email_queued_at or notification.created_at) + dt.timedelta(
            hours=settings.PEERPATH_EMAIL_RETRY_HOURS
        )
        if failure.permanent or now >= window_ends:
            notification.email_failed_at = now
            notification.email_retry_at = None
            outcome = "failed"
        else:
            delay = rules.retry_delay(
                notification.email_attempts,
                settings.PEERPATH_EMAIL_RETRY_FIRST_SECONDS,
                settings.PEERPATH_EMAIL_RETRY_MAX_SECONDS,
                random.random(),  # noqa: S311 - jitter, not security
            )
            notification.email_retry_at = min(now + dt.timedelta(seconds=delay), window_ends)
            send_notification_email.using(run_after=notification.email_retry_at).enqueue(
                notification.pk
            )
            outcome = "retry"
        notification.save(
            update_fields=["email_attempts", "email_error", "email_failed_at", "email_retry_at"]
        )
    # The reason can name the address: it is kept for staff, not logged.
    logger.info(
        "email for notification %s: %s after try %d",
        notification_id,
        outcome,
        notification.email_attempts,
    )
    return outcome
