import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from peerpath.notifications import rules
from peerpath.notifications.actions import do_notify
from peerpath.notifications.models import Notification
from peerpath.notifications.tasks import send_notification_email
from peerpath.web.worker import Worker, requeue_stranded

pytestmark = pytest.mark.django_db(transaction=True)

FAILURES: list[BaseException] = []


class FlakyBackend(BaseEmailBackend):
    """Raises the queued failures one by one, then delivers to mail.outbox."""

    def send_messages(self, messages):
        if FAILURES:
            raise FAILURES.pop(0)
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "peerpath.notifications.tests.test_delivery.FlakyBackend"
    settings.PEERPATH_EMAIL_RETRY_FIRST_SECONDS = 0
    settings.PEERPATH_EMAIL_RETRY_MAX_SECONDS = 0
    FAILURES.clear()
    yield FAILURES
    FAILURES.clear()


def run_worker():
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def notify(user, key="k"):
    return do_notify(user, "test", lambda: ("Hello", "A message."), dedupe_key=key)


@pytest.mark.parametrize(
    ("exc", "permanent"),
    [
        (ConnectionRefusedError(), False),
        (ConnectionResetError(), False),
        (TimeoutError(), False),
        (TimeoutError(), False),
        (smtplib.SMTPServerDisconnected("gone"), False),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"try later")}), False),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")}), True),
        (smtplib.SMTPDataError(451, b"local error"), False),
        (smtplib.SMTPDataError(554, b"rejected"), True),
        (smtplib.SMTPSenderRefused(553, b"sender", "x@example.org"), False),
        (smtplib.SMTPAuthenticationError(535, b"bad login"), False),
    ],
)
def test_failures_are_passing_or_permanent(exc, permanent):
    assert rules.classify_failure(exc).permanent is permanent


def test_a_silent_server_is_a_timeout():
    exc = smtplib.SMTPServerDisconnected("Connection unexpectedly closed: timed out")
    assert rules.classify_failure(exc).reason == "timed out waiting for the mail server"


def test_a_bug_is_not_a_delivery_failure():
    assert rules.classify_failure(ValueError("bug")) is None


@pytest.mark.parametrize(
    ("attempt", "jitter", "seconds"),
    [(1, 1.0, 60), (1, 0.0, 30), (2, 1.0, 120), (3, 1.0, 240), (10, 1.0, 3600), (30, 0.0, 1800)],
)
def test_retry_waits_double_up_to_the_longest_with_jitter(attempt, jitter, seconds):
    assert rules.retry_delay(attempt, 60, 3600, jitter) == seconds


def test_message_id_is_stable_per_notification_and_recipient():
    one = rules.message_id(7, "Ana@Example.org", "peerpath.example")
    assert one == rules.message_id(7, "ana@example.org ", "peerpath.example")
    assert one != rules.message_id(8, "ana@example.org", "peerpath.example")
    assert one != rules.message_id(7, "bo@example.org", "peerpath.example")
    assert one.startswith("<") and one.endswith("@peerpath.example>")
    assert "ana" not in one


def test_marked_sent_only_after_the_server_accepts_and_retried_until_it_does(participant, flaky):
    flaky.extend([ConnectionRefusedError(), smtplib.SMTPDataError(421, b"busy")])
    notification = notify(participant)
    run_worker()
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert notification.email_attempts == 3
    assert notification.email_failed_at is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == rules.message_id(
        notification.pk, participant.email, "localhost"
    )
    # Nothing is left for the worker, and a repeat run sends nothing more.
    run_worker()
    assert len(mail.outbox) == 1
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def test_a_permanent_refusal_stops_and_keeps_the_reason(participant, flaky):
    flaky.append(smtplib.SMTPRecipientsRefused({participant.email: (550, b"no such user")}))
    notification = notify(participant)
    run_worker()
    notification.refresh_from_db()
    assert notification.emailed_at is None
    assert notification.email_failed_at is not None
    assert notification.email_error == "550 no such user"
    assert mail.outbox == []


def test_passing_failures_give_up_after_the_retry_window(participant, flaky, settings):
    flaky.extend([ConnectionRefusedError()] * 3)
    notification = notify(participant)
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=settings.PEERPATH_EMAIL_RETRY_HOURS)
    )
    run_worker()
    notification.refresh_from_db()
    assert notification.email_failed_at is not None
    assert notification.email_attempts == 1


def test_a_task_whose_worker_died_is_run_again(participant, flaky):
    notification = notify(participant)
    long_ago = timezone.now() - dt.timedelta(hours=1)
    DBTaskResult.objects.update(status="RUNNING", started_at=long_ago, worker_ids=["dead"])
    assert requeue_stranded(dt.timedelta(seconds=60), max_runs=5) == 1
    run_worker()
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert len(mail.outbox) == 1


def test_a_task_that_keeps_killing_its_worker_is_failed(participant, flaky):
    notify(participant)
    long_ago = timezone.now() - dt.timedelta(hours=1)
    DBTaskResult.objects.update(status="RUNNING", started_at=long_ago, worker_ids=["d"] * 5)
    requeue_stranded(dt.timedelta(seconds=60), max_runs=5)
    assert DBTaskResult.objects.get().status == "FAILED"


def test_a_running_task_of_a_live_worker_is_left_alone(participant, flaky):
    from peerpath.web.models import WorkerHeartbeat

    notify(participant)
    WorkerHeartbeat.objects.create(worker_id="alive")
    long_ago = timezone.now() - dt.timedelta(hours=1)
    DBTaskResult.objects.update(status="RUNNING", started_at=long_ago, worker_ids=["alive"])
    assert requeue_stranded(dt.timedelta(seconds=60), max_runs=5) == 0
    assert DBTaskResult.objects.get().status == "RUNNING"


def test_send_once_even_if_queued_twice(participant, flaky):
    notification = notify(participant)
    send_notification_email.enqueue(notification.pk)
    run_worker()
    assert len(mail.outbox) == 1
