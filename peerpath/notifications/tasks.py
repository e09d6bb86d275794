from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from peerpath.notifications.models import Notification


@task()
def send_notification_email(notification_id: int) -> bool:
    """Email one notification. Runs at most once per notification."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("user")
            .filter(pk=notification_id, emailed_at__isnull=True, send_email=True)
            .first()
        )
        if notification is None or not notification.user.is_active:
            return False
        # Marked before sending: a crash after this line loses one email rather
        # than sending it twice.
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    user = notification.user
    with translation.override(user.language):
        body = render_to_string(
            "notifications/email/notification.txt",
            {"notification": notification, "user": user, "site_url": settings.SITE_URL},
        )
    EmailMessage(subject=f"PeerPath: {notification.subject}", body=body, to=[user.email]).send()
    return True
