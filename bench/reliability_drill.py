"""Reliability drill: several hundred due reminders through a killed sweep, a worker
killed twice and a 20-second SMTP outage; counts what arrived and what arrived twice.

    .venv/bin/python bench/reliability_drill.py [--people 400] [--database URL]

Needs the test extra (aiosmtpd). Builds a throw-away SQLite database (or uses the
empty PostgreSQL database named by --database), runs `peerpath sweep-reminders`
and `peerpath worker` as real processes against a real SMTP server in this
process, and injects the faults from outside. Prints the figures and exits 1 if
an email was lost, sent twice or marked failed.
"""

from __future__ import annotations

import argparse
import collections
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from email import message_from_bytes
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PEERPATH = [sys.executable, "-m", "peerpath.cli"]
DAY = "2026-11-22"

SEED = """
import datetime as dt
from peerpath.accounts.models import Organization, Program, Role, User
from peerpath.certification.models import CertificationCase
organization = Organization.objects.create(slug="drill", name="Drill")
program = Program.objects.create(organization=organization, slug="drill", name="Drill")
people = User.objects.bulk_create(
    User(email=f"d{i}@example.org", role=Role.PARTICIPANT, program=program,
         language="es" if i % 3 == 0 else "en", password="!")
    for i in range({people})
)
day = dt.date.fromisoformat("{day}")
CertificationCase.objects.bulk_create(
    CertificationCase(
        participant=p, application_submitted=day - dt.timedelta(days=89 if i % 2 else 60)
    )
    for i, p in enumerate(people)
)
"""


class Mailbox:
    def __init__(self, port: int) -> None:
        self.port = port
        self.ids: list[str] = []
        self.lock = threading.Lock()
        self.controller: Any = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.ids.append(message_from_bytes(envelope.content)["Message-ID"])
        return "250 OK"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        deadline = time.monotonic() + 30
        while True:
            controller = Controller(self, hostname="127.0.0.1", port=self.port)
            try:
                controller.start()
                break
            except (OSError, RuntimeError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        self.controller = controller

    def stop(self) -> None:
        self.controller.stop()

    def count(self) -> int:
        with self.lock:
            return len(self.ids)


def wait_for(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--database", help="an empty PostgreSQL database (default: SQLite)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="peerpath-drill-"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = args.database or f"sqlite:///{work / 'drill.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PEERPATH_DATA_DIR": str(work),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_TIMEOUT": "5",
        "EMAIL_RETRY_FIRST_SECONDS": "2",
        "EMAIL_RETRY_MAX_SECONDS": "8",
        "TASK_LEASE_SECONDS": "5",
        "SWEEP_BATCH": "25",
        "LOG_LEVEL": "WARNING",
    }

    def run(*command: str) -> None:
        subprocess.run([*PEERPATH, *command], env=env, cwd=ROOT, check=True)  # noqa: S603

    def start(*command: str) -> subprocess.Popen:
        log = open(work / f"{command[0]}-{time.monotonic_ns()}.log", "w")  # noqa: SIM115
        return subprocess.Popen(  # noqa: S603
            [*PEERPATH, *command], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )

    def value(sql: str) -> Any:
        if url.startswith("sqlite"):
            with sqlite3.connect(work / "drill.sqlite3", timeout=30) as conn:
                return conn.execute(sql).fetchone()[0]
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            return conn.execute(sql).fetchone()[0]  # type: ignore[index]

    reminders = "SELECT count(*) FROM notifications_notification"
    sent = f"{reminders} WHERE emailed_at IS NOT NULL"
    print(f"preparing {args.people} participants with a reminder due on {DAY} …", flush=True)
    run("migrate", "-v0")
    run("shell", "-c", SEED.replace("{people}", str(args.people)).replace("{day}", DAY))
    mailbox = Mailbox(port)
    mailbox.start()
    began = time.monotonic()

    sweep = start("sweep-reminders", "--date", DAY)
    wait_for(lambda: value(reminders) >= args.people // 3, 120, "part of the sweep")
    sweep.send_signal(signal.SIGKILL)
    sweep.wait()
    written_when_killed = value(reminders)
    run("sweep-reminders", "--date", DAY)
    print(f"sweep killed at {written_when_killed} reminders, rerun: {value(reminders)}")

    worker = start("worker", "--interval", "0.2")
    wait_for(lambda: mailbox.count() >= args.people // 4, 300, "a quarter sent")
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    print(f"worker killed at {mailbox.count()} received")
    worker = start("worker", "--interval", "0.2")
    wait_for(lambda: mailbox.count() >= args.people // 2, 300, "half sent")
    mailbox.stop()
    print(f"SMTP stopped for 20 s at {mailbox.count()} received")
    time.sleep(20)  # the outage itself: a fixed length is the point of the drill
    mailbox.start()
    wait_for(lambda: mailbox.count() >= 3 * args.people // 4, 300, "three quarters sent")
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    print(f"worker killed at {mailbox.count()} received")
    worker = start("worker", "--interval", "0.2")
    wait_for(lambda: value(sent) == value(reminders), 600, "every email sent")
    elapsed = time.monotonic() - began
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=60)
    mailbox.stop()

    total = value(reminders)
    received = mailbox.ids
    distinct = len(set(received))
    repeats = sum(n - 1 for n in collections.Counter(received).values())
    failed = value(f"{reminders} WHERE email_failed_at IS NOT NULL")
    print(
        f"reminders written: {total} (one per participant: {total == args.people})\n"
        f"emails received: {len(received)}, distinct Message-IDs: {distinct}, "
        f"repeated: {repeats}, lost: {total - distinct}, failed: {failed}\n"
        f"time from the sweep to the last email: {elapsed:.0f} s"
    )
    ok = total == args.people and distinct == total and repeats == 0 and failed == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
