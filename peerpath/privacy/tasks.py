"""Background work: preparing data exports, and the daily retention job."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from peerpath.privacy.models import DataExport, ExportStatus

logger = logging.getLogger(__name__)

RETENTION_HOUR = 3


@task()
def prepare_data_export(export_id: int) -> bool:
    """Build one participant's export. A rerun after it is ready does nothing."""
    from peerpath.privacy.actions import do_prepare_export

    export = (
        DataExport.objects.select_related("participant")
        .filter(pk=export_id, status=ExportStatus.PENDING)
        .first()
    )
    if export is None:
        return False
    try:
        do_prepare_export(export)
    except Exception:
        DataExport.objects.filter(pk=export_id).update(status=ExportStatus.FAILED)
        logger.exception("data export %s failed", export_id)
        raise
    return True


def next_retention_time(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    run = local.replace(hour=RETENTION_HOUR, minute=0, second=0, microsecond=0)
    return run if run > local else run + dt.timedelta(days=1)


@task()
def daily_retention_job() -> int:
    """Remove what has been kept long enough, then queue tomorrow's run."""
    from peerpath.privacy.retention import run_retention

    removed = len(run_retention(timezone.localdate()))
    logger.info("retention: %d people's records removed", removed)
    schedule_daily_retention()
    return removed


def schedule_daily_retention() -> None:
    """Queue the next run unless one is already waiting."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=daily_retention_job.module_path, status="READY"
    ).exists()
    if not waiting:
        daily_retention_job.using(run_after=next_retention_time(timezone.now())).enqueue()
