"""Each email exactly once, whatever fails: worker killed, SMTP down or silent,
database connections terminated, a sweep beside the worker."""

from __future__ import annotations

import collections
import signal

import pytest

from tests.faults.conftest import BlackHole, wait_for

pytestmark = pytest.mark.faults

SENT = "SELECT count(*) FROM notifications_notification WHERE emailed_at IS NOT NULL"
FAILED = "SELECT count(*) FROM notifications_notification WHERE email_failed_at IS NOT NULL"
RUNNING = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
TRIED = "SELECT count(*) FROM notifications_notification WHERE email_attempts > 0"


def expected_ids(fault_db) -> set[str]:
    from peerpath.notifications.rules import message_id

    rows = fault_db.query(
        "SELECT n.id, u.email FROM notifications_notification n "
        "JOIN accounts_user u ON u.id = n.user_id"
    )
    return {message_id(pk, email, "localhost") for pk, email in rows}


def assert_each_once(mailbox, fault_db, *, repeats_allowed: int = 0) -> None:
    received = mailbox.message_ids()
    assert set(received) == expected_ids(fault_db)
    repeats = sum(n - 1 for n in collections.Counter(received).values())
    assert repeats <= repeats_allowed
    assert fault_db.value(FAILED) == 0


def test_worker_killed_mid_send_then_restarted_sends_each_email_once(processes, mailbox, fault_db):
    mailbox.delay = 0.1
    mailbox.start()
    processes.shell("from tests.faults.seed import notifications; notifications(20)")
    for kill_after in (4, 10):
        worker = processes.worker()
        wait_for(lambda n=kill_after: mailbox.count() >= n, what=f"{kill_after} emails")
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    processes.worker()
    wait_for(lambda: fault_db.value(SENT) == 20, what="every email marked sent")
    # A kill between the server's "250 OK" and the database write can repeat that one
    # message, with the same Message-ID so that mail programs see one email.
    assert_each_once(mailbox, fault_db, repeats_allowed=2)
    wait_for(lambda: fault_db.value(RUNNING) == 0, what="no task left running")


def test_smtp_down_then_back_delivers_everything_once(processes, mailbox, fault_db):
    processes.shell("from tests.faults.seed import notifications; notifications(15)")
    processes.worker()
    wait_for(lambda: fault_db.value(TRIED) == 15, what="a first try of every email")
    assert fault_db.value(SENT) == 0
    mailbox.start()
    wait_for(lambda: fault_db.value(SENT) == 15, what="every email sent once the server is up")
    assert_each_once(mailbox, fault_db)


def test_a_server_that_never_answers_times_out_and_is_retried(
    processes, mailbox, fault_db, smtp_port
):
    hole = BlackHole(smtp_port)
    processes.shell("from tests.faults.seed import notifications; notifications(2)")
    processes.worker()
    wait_for(
        lambda: fault_db.value(f"{TRIED} AND email_error LIKE '%timed out%'") == 2,
        timeout=30,
        what="both tries to time out",
    )
    hole.close()
    mailbox.start()
    wait_for(lambda: fault_db.value(SENT) == 2, what="both emails sent later")
    assert_each_once(mailbox, fault_db)


@pytest.mark.skipif(
    not __import__("tests.faults.conftest", fromlist=["x"]).ON_POSTGRES,
    reason="terminating connections is PostgreSQL's",
)
def test_worker_carries_on_when_its_database_connections_are_terminated(
    processes, mailbox, fault_db
):
    mailbox.delay = 0.05
    mailbox.start()
    processes.shell("from tests.faults.seed import notifications; notifications(30)")
    worker = processes.worker()
    terminate = (
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    for threshold in (5, 15):
        wait_for(lambda n=threshold: mailbox.count() >= n, what=f"{threshold} emails")
        assert fault_db.value(terminate) >= 1
    wait_for(lambda: fault_db.value(SENT) == 30, what="every email sent")
    assert worker.poll() is None, processes.logs()
    assert_each_once(mailbox, fault_db, repeats_allowed=2)
    assert "database unavailable" in processes.logs() or "interrupted" in processes.logs()


SWEEP_DAY = "2026-11-22"
REMINDERS = "SELECT count(*) FROM notifications_notification WHERE kind = 'certification_reminder'"


def test_a_sweep_killed_part_way_completes_on_rerun_with_the_same_wording(processes, fault_db):
    processes.env["SWEEP_BATCH"] = "10"
    # Batches a little apart, so the kill lands part-way however fast the machine is.
    processes.env["SWEEP_PAUSE_MS"] = "400"
    processes.shell(
        f"from tests.faults.seed import certification_cases; "
        f"certification_cases(120, {SWEEP_DAY!r})"
    )
    sweep = processes.start("sweep-reminders", "--date", SWEEP_DAY, name="sweep")
    wait_for(lambda: fault_db.value(REMINDERS) >= 20, what="part of the sweep")
    sweep.send_signal(signal.SIGKILL)
    sweep.wait()
    assert fault_db.value(REMINDERS) < 120
    # The rerun comes a day later: the 1-day reminders still say "Tomorrow".
    next_day = "2026-11-23"
    result = processes.run("sweep-reminders", "--date", next_day)
    assert result.returncode == 0, result.stderr
    assert fault_db.value(REMINDERS) == 120
    assert fault_db.value("SELECT count(DISTINCT user_id) FROM notifications_notification") == 120
    tomorrow = fault_db.value(
        f"{REMINDERS} AND dedupe_key LIKE '%:1' "
        "AND (subject LIKE 'Tomorrow:%' OR subject LIKE 'Mañana:%')"
    )
    assert tomorrow == 60
    assert fault_db.value(f"{REMINDERS} AND (subject LIKE '% 0 %')") == 0
    tasks = "SELECT count(*) FROM django_tasks_database_dbtaskresult"
    assert fault_db.value(tasks) == 120


def test_sweep_beside_a_running_worker_never_finds_the_database_locked(
    processes, mailbox, fault_db
):
    mailbox.start()
    processes.env["SWEEP_BATCH"] = "20"
    processes.shell(
        "from tests.faults.seed import certification_cases, notifications; "
        f"notifications(40); certification_cases(100, {SWEEP_DAY!r})"
    )
    worker = processes.worker()
    wait_for(lambda: mailbox.count() >= 1, what="the worker to send")
    for _ in range(3):
        result = processes.run("sweep-reminders", "--date", SWEEP_DAY)
        assert result.returncode == 0, result.stderr
        assert "locked" not in result.stdout + result.stderr
    wait_for(lambda: fault_db.value(SENT) == 140, what="every email sent")
    assert worker.poll() is None
    assert "locked" not in processes.logs()
    assert_each_once(mailbox, fault_db)


@pytest.mark.skipif(
    not __import__("tests.faults.conftest", fromlist=["x"]).ON_POSTGRES,
    reason="terminating connections is PostgreSQL's",
)
def test_the_web_app_answers_after_its_database_connections_are_terminated(processes, fault_db):
    import sys
    import urllib.request

    from tests.faults.conftest import free_port

    port = free_port()
    processes.env["ALLOWED_HOSTS"] = "127.0.0.1"
    web = processes.start(
        "-c",
        "import sys; from gunicorn.app.wsgiapp import run; "
        f"sys.argv = ['gunicorn', 'peerpath.wsgi', '--bind', '127.0.0.1:{port}', "
        "'--workers', '1']; run()",
        name="web",
        python=[sys.executable],
    )
    url = f"http://127.0.0.1:{port}/healthz"

    def status() -> int:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 0

    wait_for(lambda: status() == 200, what="the web app to answer")
    terminate = (
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    for _ in range(3):
        assert fault_db.value(terminate) >= 1
        assert status() == 200, processes.logs()
    assert web.poll() is None
