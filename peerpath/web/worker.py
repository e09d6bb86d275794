"""The background worker: django-tasks-db's worker, made to stay up and to leave no
task stranded.

- Claims use the library's `select_for_update(skip_locked=True)` (an exclusive
  transaction on SQLite), so several workers never run the same task at once.
- A thread records a heartbeat (`WorkerHeartbeat`) every quarter lease. A task
  still marked running whose worker has not been seen for a lease is queued
  again (or marked failed after `PEERPATH_TASK_MAX_RUNS` runs), so a worker
  killed mid-task loses nothing: every task is written to be safe to run again.
- A lost or refused database connection is not a bug: the worker closes its
  connections and tries again with a growing wait (up to 30 s), then puts back
  the task it was running. Only anything else ends it with a non-zero status.
- One log line per task: its name, id, outcome and duration.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import random
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections
from django.db import connection as default_connection
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.compat import TaskContext, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker as LibraryWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from peerpath.web.models import WorkerHeartbeat

logger = logging.getLogger("peerpath.worker")

DATABASE_TROUBLE = (OperationalError, InterfaceError)
LONGEST_WAIT = 30.0


def close_connection_quietly() -> None:
    with contextlib.suppress(DatabaseError):
        default_connection.close()


def backoff_wait(failures: int) -> float:
    return min(LONGEST_WAIT, 0.5 * 2**failures) * (0.5 + random.random() / 2)  # noqa: S311


def run_with_backoff(work: Callable[[], object]) -> None:
    """Run `work`, waiting and trying again while the database is unreachable."""
    failures = 0
    while True:
        try:
            work()
            return
        except DATABASE_TROUBLE as exc:
            failures += 1
            close_connection_quietly()
            wait = backoff_wait(failures)
            logger.warning(
                "database unavailable (%s); trying again in %.1f s", type(exc).__name__, wait
            )
            time.sleep(wait)


class LeaseExpired(Exception):
    """The task's worker stopped too many times while running it."""


def requeue_stranded(lease: dt.timedelta, max_runs: int) -> int:
    """Queue again every running task whose worker stopped; return how many."""
    now = timezone.now()
    cutoff = now - lease
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    stranded = DBTaskResult.objects.running().filter(
        Q(started_at__lt=cutoff) | Q(started_at__isnull=True)
    )
    count = 0
    with exclusive_transaction(stranded.db):
        for result in stranded.select_for_update(skip_locked=True).order_by("started_at")[:200]:
            last_worker = result.worker_ids[-1] if result.worker_ids else None
            if last_worker in alive:
                continue
            name = result.task_path.rsplit(".", 1)[-1]
            if len(result.worker_ids) >= max_runs:
                result.set_failed(
                    LeaseExpired(f"its worker stopped {len(result.worker_ids)} times")
                )
                logger.error("task %s %s failed: its worker stopped too often", name, result.id)
            else:
                result.status = "READY"
                result.save(update_fields=["status"])
                logger.warning("task %s %s: its worker stopped; queued again", name, result.id)
            count += 1
    WorkerHeartbeat.objects.filter(seen_at__lt=now - dt.timedelta(days=1)).delete()
    return count


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str, every: float) -> None:
        super().__init__(name="heartbeat", daemon=True)
        self.worker_id = worker_id
        self.every = every
        self.stopped = threading.Event()

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id, defaults={"seen_at": timezone.now()}
        )

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            try:
                self.beat()
            except Exception:
                # The main loop reports database trouble; try again next time.
                logger.debug("heartbeat failed", exc_info=True)
                close_connection_quietly()

    def stop(self) -> None:
        self.stopped.set()
        with contextlib.suppress(DatabaseError):
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        close_connection_quietly()


class Worker(LibraryWorker):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lease = dt.timedelta(seconds=settings.PEERPATH_TASK_LEASE_SECONDS)
        self.max_runs = settings.PEERPATH_TASK_MAX_RUNS
        self.check_every = max(0.5, self.lease.total_seconds() / 4)
        self.last_check = 0.0
        self.interrupted: DBTaskResult | None = None

    def run(self) -> None:
        logger.info("worker %s started", self.worker_id)
        heartbeat = Heartbeat(self.worker_id, self.check_every)
        failures = 0
        try:
            while self.running:
                try:
                    if failures:
                        heartbeat.beat()
                    elif not heartbeat.is_alive():
                        heartbeat.beat()
                        heartbeat.start()
                    found = self.step()
                except DATABASE_TROUBLE as exc:
                    failures += 1
                    close_connection_quietly()
                    wait = backoff_wait(failures)
                    logger.warning(
                        "database unavailable (%s); trying again in %.1f s",
                        type(exc).__name__,
                        wait,
                    )
                    time.sleep(wait)
                    continue
                if failures:
                    logger.info("database reachable again")
                    failures = 0
                if self.batch and not found:
                    logger.info("no more tasks; worker %s stops", self.worker_id)
                    return
                if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                    return
                if self.running and not found:
                    close_old_connections()
                    time.sleep(self.interval)
        finally:
            heartbeat.stop()

    def step(self) -> bool:
        """Claim and run one task; False when none was ready."""
        close_old_connections()
        if self.interrupted is not None:
            self.put_back(self.interrupted)
        if time.monotonic() - self.last_check >= self.check_every:
            requeue_stranded(self.lease, self.max_runs)
            self.last_check = time.monotonic()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        if task_result is None:
            return False
        self.run_task(task_result)
        return True

    def put_back(self, result: DBTaskResult) -> None:
        """Queue again the task that database trouble interrupted."""
        DBTaskResult.objects.filter(pk=result.pk, status="RUNNING").update(status="READY")
        self.interrupted = None

    def run_task(self, db_task_result: DBTaskResult) -> None:
        name = db_task_result.task_path.rsplit(".", 1)[-1]
        started = time.monotonic()
        self.running_task = True
        backend_type: type = type(self)
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = type(task.get_backend())
            task_started.send(sender=backend_type, task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
            db_task_result.set_successful(value)
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
            logger.info(
                "task %s %s done in %.2f s: %s",
                name,
                db_task_result.id,
                time.monotonic() - started,
                str(value)[:80],
            )
        except DATABASE_TROUBLE:
            # Not the task's fault: it runs again once the database is back.
            self.interrupted = db_task_result
            logger.warning(
                "task %s %s interrupted by a database error; it will run again",
                name,
                db_task_result.id,
            )
            raise
        except Exception as exc:
            db_task_result.set_failed(exc)
            logger.error(
                "task %s %s failed in %.2f s: %s",
                name,
                db_task_result.id,
                time.monotonic() - started,
                type(exc).__name__,
            )
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        finally:
            self.running_task = False
            self._run_tasks += 1
