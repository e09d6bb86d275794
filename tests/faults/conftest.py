"""Fault tests: the real worker and sweep as subprocesses, a real SMTP server
(aiosmtpd), faults injected from outside. They run on SQLite, or on PostgreSQL
when DATABASE_URL names it, each on a fresh copy of a migrated database."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from email import message_from_bytes
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

# The test SMTP server logs every command it receives.
logging.getLogger("mail.log").setLevel(logging.WARNING)

ROOT = Path(__file__).resolve().parents[2]
PEERPATH = [sys.executable, "-m", "peerpath.cli"]
BASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = BASE_URL.startswith(("postgres://", "postgresql://"))


def wait_for(condition: Callable[[], Any], timeout: float = 60, what: str = "") -> Any:
    """Poll until `condition()` is truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    """A real SMTP server on a fixed port that can be stopped and started again."""

    def __init__(self, port: int, delay: float = 0.0) -> None:
        self.port = port
        self.delay = delay
        self.messages: list[dict[str, str]] = []
        self.lock = threading.Lock()
        self.controller: Any = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import asyncio

        if self.delay:
            await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.content)
        with self.lock:
            self.messages.append({"to": envelope.rcpt_tos[0], "message_id": message["Message-ID"]})
        return "250 OK"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        def started() -> bool:
            # The port can stay busy for a moment after a previous listener closed.
            controller = Controller(self, hostname="127.0.0.1", port=self.port)
            try:
                controller.start()
            except (OSError, RuntimeError):
                return False
            self.controller = controller
            return True

        wait_for(started, timeout=20, what=f"port {self.port} to be free")

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def message_ids(self) -> list[str]:
        with self.lock:
            return [m["message_id"] for m in self.messages]


class BlackHole:
    """Accepts connections and never answers."""

    def __init__(self, port: int) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(50)
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self) -> None:
        for conn in self.accepted:
            conn.close()
        self.sock.close()


class FaultDatabase:
    def __init__(self, url: str, path: Path | None = None) -> None:
        self.url = url
        self.path = path

    def query(self, sql: str) -> list[tuple]:
        if self.path is not None:
            with sqlite3.connect(self.path, timeout=30) as conn:
                return conn.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            return conn.execute(sql).fetchall()

    def value(self, sql: str) -> Any:
        return self.query(sql)[0][0]


def _postgres_url(name: str) -> str:
    parts = urlsplit(BASE_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _postgres_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(_postgres_url("postgres"), autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated database to copy: a file on SQLite, a template database on PostgreSQL."""
    data_dir = tmp_path_factory.mktemp("faults-template")
    env = {**os.environ, "PEERPATH_DATA_DIR": str(data_dir)}
    if ON_POSTGRES:
        name = f"{urlsplit(BASE_URL).path.lstrip('/')}_faults_template"
        _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _postgres_admin(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = _postgres_url(name)
        subprocess.run([*PEERPATH, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        yield name
        _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = data_dir / "template.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{path}"
        subprocess.run([*PEERPATH, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        yield str(path)


@pytest.fixture
def fault_db(migrated_template: str, tmp_path: Path) -> Iterator[FaultDatabase]:
    if ON_POSTGRES:
        name = f"{migrated_template.removesuffix('_template')}_{os.getpid()}"
        _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _postgres_admin(f'CREATE DATABASE "{name}" TEMPLATE "{migrated_template}"')
        yield FaultDatabase(_postgres_url(name))
        _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "peerpath.sqlite3"
        shutil.copy(migrated_template, path)
        yield FaultDatabase(f"sqlite:///{path}", path)


class Processes:
    """Runs `peerpath` commands against the fault database with short timings."""

    def __init__(self, db: FaultDatabase, smtp_port: int, data_dir: Path) -> None:
        self.env = {
            **os.environ,
            "DATABASE_URL": db.url,
            "PEERPATH_DATA_DIR": str(data_dir),
            "PYTHONPATH": str(ROOT),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_TIMEOUT": "1",
            "EMAIL_RETRY_FIRST_SECONDS": "1",
            "EMAIL_RETRY_MAX_SECONDS": "1",
            "TASK_LEASE_SECONDS": "2",
            "LOG_LEVEL": "INFO",
        }
        self.data_dir = data_dir
        self.started: list[subprocess.Popen] = []

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*PEERPATH, *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def shell(self, code: str) -> None:
        result = self.run("shell", "-c", code)
        assert result.returncode == 0, result.stderr

    def start(
        self, *args: str, name: str = "worker", python: list[str] | None = None
    ) -> subprocess.Popen:
        log = open(self.data_dir / f"{name}-{len(self.started)}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [*(python or PEERPATH), *args],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.started.append(process)
        return process

    def worker(self) -> subprocess.Popen:
        return self.start("worker", "--interval", "0.2")

    def logs(self) -> str:
        return "\n".join(path.read_text() for path in sorted(self.data_dir.glob("*.log")))

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=10)


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def mailbox(smtp_port: int) -> Iterator[Mailbox]:
    box = Mailbox(smtp_port)
    yield box
    box.stop()


@pytest.fixture
def processes(fault_db: FaultDatabase, smtp_port: int, tmp_path: Path) -> Iterator[Processes]:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    running = Processes(fault_db, smtp_port, data_dir)
    yield running
    running.stop_all()
