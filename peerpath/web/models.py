from __future__ import annotations

from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    """A running `peerpath worker` says it is alive every few seconds.

    A task marked running whose worker has not been seen for a lease
    (`PEERPATH_TASK_LEASE_SECONDS`) is run again by another worker; `peerpath
    health` reports the workers seen.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.worker_id
