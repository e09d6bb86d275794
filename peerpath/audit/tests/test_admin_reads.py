"""The installation administrator's reads in the Django admin are audited."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from peerpath.audit.admin_reads import CHANGE_ACTION, LIST_ACTION, person_path
from peerpath.audit.models import AuditEvent
from peerpath.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_every_admin_page_about_people_is_audited() -> None:
    import peerpath.urls  # noqa: F401 - the admin is set up with the URLs

    about_people = [m for m in admin.site._registry if person_path(m) is not None]
    assert len(about_people) >= 8
    unaudited = [
        m._meta.label
        for m in about_people
        if not getattr(admin.site._registry[m], "audits_reads", False)
    ]
    assert unaudited == []


def test_person_path_prefers_the_person_the_record_is_about() -> None:
    from peerpath.accounts.models import User
    from peerpath.catalog.models import Provider
    from peerpath.schedule.models import AdvocateMessage, Attendance

    assert person_path(User) == ""
    assert person_path(Attendance) == "participant"
    assert person_path(AdvocateMessage) == "participant"
    assert person_path(AuditEvent) == "subject"
    assert person_path(Provider) is None


def test_user_list_and_change_pages_record_who_was_seen(
    client, site_admin, participant, other_participant, other_program
) -> None:
    from peerpath.accounts.models import Role
    from peerpath.conftest import make_user

    far = make_user("far@example.org", Role.PARTICIPANT, program=other_program)
    client.force_login(site_admin)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 200
    listed = AuditEvent.objects.filter(action=LIST_ACTION, actor=site_admin)
    assert {e.subject_id for e in listed} == {
        site_admin.pk,
        participant.pk,
        other_participant.pk,
        far.pk,
    }
    assert listed.get(subject=far).organization_id == other_program.organization_id
    assert listed.get(subject=participant).object_type == "accounts.user"

    response = client.get(reverse("admin:accounts_user_change", args=[participant.pk]))
    assert response.status_code == 200
    seen = AuditEvent.objects.get(action=CHANGE_ACTION, actor=site_admin)
    assert (seen.subject, seen.object_id) == (participant, str(participant.pk))


def test_records_that_belong_to_a_person_are_audited_about_that_person(
    client, site_admin, participant
) -> None:
    note = Notification.objects.create(user=participant, kind="test", subject="Hello", body="Hi")
    client.force_login(site_admin)
    client.get(reverse("admin:notifications_notification_changelist"))
    client.get(reverse("admin:notifications_notification_change", args=[note.pk]))
    rows = AuditEvent.objects.filter(actor=site_admin).order_by("id")
    assert [(e.action, e.subject_id, e.object_type) for e in rows] == [
        (LIST_ACTION, participant.pk, "notifications.notification"),
        (CHANGE_ACTION, participant.pk, "notifications.notification"),
    ]


def test_saving_and_missing_records_write_no_read(client, site_admin, participant) -> None:
    client.force_login(site_admin)
    response = client.get(reverse("admin:accounts_user_change", args=[999999]))
    assert response.status_code == 302  # the admin sends an unknown id back to the list
    assert not AuditEvent.objects.filter(action=CHANGE_ACTION).exists()


def test_list_page_queries_do_not_grow_with_the_rows(client, site_admin, program, count_queries):
    from peerpath.accounts.models import Role
    from peerpath.conftest import make_user

    url = reverse("admin:accounts_user_changelist")
    client.force_login(site_admin)
    for index in range(3):
        make_user(f"p{index}@example.org", Role.PARTICIPANT, program=program)
    small = count_queries(lambda: client.get(url))
    for index in range(3, 40):
        make_user(f"p{index}@example.org", Role.PARTICIPANT, program=program)
    assert count_queries(lambda: client.get(url)) == small
