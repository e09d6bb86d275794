from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from peerpath.accounts.models import User
from peerpath.notifications.models import Notification


def do_notify(
    user: User,
    kind: str,
    render: Callable[[], tuple[str, str]],
    *,
    url: str = "",
    dedupe_key: str | None = None,
    email: bool = True,
) -> Notification | None:
    """Create an in-app notification and queue its email, both or neither.

    `render` returns (subject, body); it runs with the person's language active.
    Returns None when a notification with the same `dedupe_key` already exists.
    The email task row is written in the same transaction as the notification,
    so a crash leaves neither or both, and the worker sends it once.
    """
    from peerpath.notifications.tasks import send_notification_email

    with translation.override(user.language):
        subject, body = render()
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user,
                kind=kind,
                subject=subject[:200],
                body=body,
                url=url,
                dedupe_key=dedupe_key,
                send_email=email,
            )
            if email:
                send_notification_email.enqueue(notification.pk)
    except IntegrityError:
        if dedupe_key and Notification.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    return notification


def do_mark_notifications_read(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
