"""Is PeerPath able to serve and is its worker keeping up? For `peerpath health`
and `/healthz`. Counts and ages only: no personal data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Min
from django.utils import timezone

_migrations_applied = False


def migrations_applied() -> bool:
    """True once every migration is applied (remembered: they are not unapplied)."""
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        _migrations_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrations_applied


def queue_facts(now: dt.datetime) -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult, get_date_max

    from peerpath.notifications.models import Notification
    from peerpath.web.models import WorkerHeartbeat

    ready = DBTaskResult.objects.filter(status="READY")
    oldest = [
        ready.filter(run_after=get_date_max()).aggregate(at=Min("enqueued_at"))["at"],
        ready.filter(run_after__lte=now).aggregate(at=Min("run_after"))["at"],
    ]
    waiting_since = min((at for at in oldest if at is not None), default=None)
    day_ago = now - dt.timedelta(days=1)
    lease = dt.timedelta(seconds=settings.PEERPATH_TASK_LEASE_SECONDS)
    return {
        "oldest_queued_task_seconds": (
            round((now - waiting_since).total_seconds()) if waiting_since else 0
        ),
        "queued_tasks_due": ready.filter(run_after__lte=now).count()
        + ready.filter(run_after=get_date_max()).count(),
        "running_tasks": DBTaskResult.objects.filter(status="RUNNING").count(),
        "failed_tasks_last_day": DBTaskResult.objects.filter(
            status="FAILED", finished_at__gte=day_ago
        ).count(),
        "failed_emails_last_day": Notification.objects.filter(email_failed_at__gte=day_ago).count(),
        "workers_alive": WorkerHeartbeat.objects.filter(seen_at__gte=now - lease).count(),
    }


def health_report() -> tuple[bool, dict[str, Any]]:
    """(serving, facts). Serving means the database answers and is migrated; the
    queue facts tell whether the worker keeps up (see `problems()`)."""
    now = timezone.now()
    report: dict[str, Any] = {"time": now.isoformat(timespec="seconds")}
    try:
        connection.ensure_connection()
        report["database"] = "ok"
    except DatabaseError:
        report["database"] = "unreachable"
        return False, report
    try:
        report["migrations"] = "applied" if migrations_applied() else "pending"
        report.update(queue_facts(now))
    except DatabaseError:
        report["database"] = "error"
        return False, report
    return report["migrations"] == "applied", report


def problems(report: dict[str, Any]) -> list[str]:
    """What an operator should look at, for `peerpath health`."""
    found = []
    if report.get("database") != "ok":
        found.append(f"database {report.get('database')}")
    if report.get("migrations") == "pending":
        found.append("migrations not applied: run `peerpath migrate`")
    if report.get("workers_alive") == 0:
        found.append("no worker running: start `peerpath worker`")
    if report.get("oldest_queued_task_seconds", 0) > settings.PEERPATH_HEALTH_MAX_QUEUE_SECONDS:
        found.append("the worker is behind: a task has waited too long")
    if report.get("failed_tasks_last_day", 0):
        found.append("tasks failed in the last day (see the admin's task results)")
    return found
