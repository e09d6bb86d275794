from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Planned:
    """One notification a sweep wants to send, once (`dedupe_key`)."""

    user: User
    kind: str
    render: Callable[[], tuple[str, str]]
    dedupe_key: str
    url: str = ""
    email: bool = True


def do_notify_many(planned: Sequence[Planned]) -> list[Notification]:
    """`do_notify` for a batch, in a fixed number of queries whatever its size.

    Keys already sent are skipped by one query (nothing is attempted twice);
    the new notifications and their email tasks are written together, in bulk,
    in one transaction. If another process wrote one of the keys in between,
    the batch falls back to `do_notify` one by one, which skips it.
    """
    from django_tasks_db.models import DBTaskResult, get_date_max

    from peerpath.notifications.tasks import send_notification_email

    keys = {item.dedupe_key for item in planned}
    done = set(
        Notification.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
    )
    todo: dict[str, Planned] = {}
    for item in planned:
        if item.dedupe_key not in done:
            todo.setdefault(item.dedupe_key, item)
    if not todo:
        return []
    rows = []
    for item in todo.values():
        with translation.override(item.user.language):
            subject, body = item.render()
        rows.append(
            Notification(
                user=item.user,
                kind=item.kind,
                subject=subject[:200],
                body=body,
                url=item.url,
                dedupe_key=item.dedupe_key,
                send_email=item.email,
            )
        )
    task = send_notification_email
    try:
        with transaction.atomic():
            created = Notification.objects.bulk_create(rows)
            DBTaskResult.objects.bulk_create(
                DBTaskResult(
                    id=uuid.uuid4(),
                    args_kwargs={"args": [notification.pk], "kwargs": {}},
                    priority=task.priority,
                    task_path=task.module_path,
                    queue_name=task.queue_name,
                    run_after=get_date_max(),
                    backend_name=task.backend,
                )
                for notification in created
                if notification.send_email
            )
    except IntegrityError:
        made = [
            do_notify(
                item.user,
                item.kind,
                item.render,
                url=item.url,
                dedupe_key=item.dedupe_key,
                email=item.email,
            )
            for item in todo.values()
        ]
        return [notification for notification in made if notification is not None]
    return created


def do_retry_email(staff: User, notification: Notification) -> bool:
    """Send a failed email again, with a fresh retry window; audited. False when it
    is no longer failed (sent, or already retried by someone else)."""
    from peerpath.audit.actions import record_event
    from peerpath.notifications.tasks import send_notification_email

    with transaction.atomic():
        locked = (
            Notification.objects.select_for_update()
            .filter(pk=notification.pk, email_failed_at__isnull=False, emailed_at__isnull=True)
            .first()
        )
        if locked is None:
            return False
        Notification.objects.filter(pk=locked.pk).update(
            email_failed_at=None,
            email_retry_at=None,
            email_attempts=0,
            email_queued_at=timezone.now(),
        )
        send_notification_email.enqueue(locked.pk)
        record_event(staff, "notifications.failed_email.retry", locked, subject=notification.user)
    return True
