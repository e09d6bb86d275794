import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from peerpath.audit.models import AuditEvent
from peerpath.notifications.actions import do_notify
from peerpath.notifications.models import Notification

pytestmark = pytest.mark.django_db

LIST = reverse("notifications-failed-emails")


@pytest.fixture
def failed(participant):
    notification = do_notify(participant, "test", lambda: ("Exam window closes", "Body."))
    Notification.objects.filter(pk=notification.pk).update(
        email_failed_at=timezone.now(), email_error="550 no such user", email_attempts=1
    )
    DBTaskResult.objects.all().delete()
    return notification


def retry_url(notification):
    return reverse("notifications-retry-email", args=[notification.pk])


def test_anonymous_visitors_are_sent_to_sign_in(client, failed):
    assert client.get(LIST).status_code == 302
    assert client.post(retry_url(failed)).status_code == 302
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize("persona", ["participant", "other_participant", "advocate"])
def test_participants_and_advocates_get_404(client, failed, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(LIST).status_code == 404
    assert client.post(retry_url(failed)).status_code == 404
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize("persona", ["coordinator", "org_admin", "site_admin"])
def test_staff_of_the_organization_see_why_and_the_view_is_audited(
    client, failed, persona, request, participant
):
    staff = request.getfixturevalue(persona)
    client.force_login(staff)
    page = client.get(LIST).content.decode()
    assert participant.email in page
    assert "Exam window closes" in page
    assert "550 no such user" in page
    assert AuditEvent.objects.filter(
        actor=staff, action="notifications.failed_email.view", subject=participant
    ).exists()


def test_another_organizations_staff_see_nothing_and_cannot_retry(
    client, failed, other_coordinator, participant
):
    client.force_login(other_coordinator)
    response = client.get(LIST)
    assert response.status_code == 200
    assert participant.email not in response.content.decode()
    assert client.post(retry_url(failed)).status_code == 404
    assert not DBTaskResult.objects.exists()


def test_retry_queues_the_email_again_and_is_audited(client, failed, coordinator):
    client.force_login(coordinator)
    assert client.get(retry_url(failed)).status_code == 405
    response = client.post(retry_url(failed))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.email_failed_at is None
    assert failed.email_attempts == 0
    assert failed.email_queued_at is not None
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert AuditEvent.objects.filter(
        actor=coordinator, action="notifications.failed_email.retry"
    ).exists()
    # A second click (a stale page) does nothing more.
    client.post(retry_url(failed))
    assert DBTaskResult.objects.count() == 1


def test_the_participant_still_sees_the_message_in_peerpath(client, failed, participant):
    client.force_login(participant)
    assert "Exam window closes" in client.get(reverse("notifications-list")).content.decode()


def test_page_queries_do_not_grow_with_failures(
    client, coordinator, program, django_assert_max_num_queries, count_queries
):
    from peerpath.accounts.roles import Role
    from peerpath.conftest import make_user

    def add(first, count):
        for index in range(first, first + count):
            person = make_user(f"f{index}@example.org", Role.PARTICIPANT, program=program)
            note = do_notify(person, "test", lambda: ("Hello", "Body."))
            Notification.objects.filter(pk=note.pk).update(email_failed_at=timezone.now())

    client.force_login(coordinator)
    add(0, 2)
    few = count_queries(lambda: client.get(LIST))
    add(2, 20)
    assert count_queries(lambda: client.get(LIST)) == few


def test_spanish_page(client, coordinator, failed):
    coordinator.language = "es"
    coordinator.save()
    client.force_login(coordinator)
    page = client.get(LIST, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Correos que no se pudieron entregar" in page
