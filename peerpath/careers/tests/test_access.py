"""Who sees careers records: the participant, their advocate, their organization's
coordinators and administrators, installation administrators. Everyone else: 404."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.audit.models import AuditEvent
from peerpath.careers.models import EntrySection, FollowUp, InterviewAnswer, ResumeEntry
from peerpath.careers.summary import careers_summary
from peerpath.careers.tests.conftest import make_placement, make_resume

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(caseload):
    resume = make_resume(caseload)
    entry = ResumeEntry.objects.create(resume=resume, section=EntrySection.WORK, title="Barista")
    InterviewAnswer.objects.create(participant=caseload, question="recovery", answer="Mine.")
    placement = make_placement(caseload, timezone.localdate() - dt.timedelta(days=40))
    return {"person": caseload, "resume": resume, "entry": entry, "placement": placement}


def staff_urls(r):
    p = r["person"].pk
    return [
        reverse("careers-show-person", args=[p]),
        reverse("careers-review-answer", args=[p, "recovery"]),
        reverse("careers-view-person-resume", args=[p, r["resume"].pk]),
        reverse("careers-download-person-resume", args=[p, r["resume"].pk, "txt"]),
        reverse("careers-new-placement", args=[p]),
        reverse("careers-edit-placement", args=[p, r["placement"].pk]),
        reverse("careers-record-follow-up", args=[p, r["placement"].pk, 30]),
    ]


def own_urls(r):
    resume = r["resume"].pk
    return [
        reverse("careers-edit-resume", args=[resume]),
        reverse("careers-preview-resume", args=[resume]),
        reverse("careers-download-resume", args=[resume, "txt"]),
        reverse("careers-add-entry", args=[resume, "work"]),
        reverse("careers-edit-entry", args=[resume, r["entry"].pk]),
        reverse("careers-delete-resume", args=[resume]),
        reverse("careers-update-my-job", args=[r["placement"].pk]),
    ]


OWN_PAGES = [
    "careers-prepare-interview",
    "careers-list-questions",
    "careers-list-resumes",
    "careers-new-resume",
    "careers-show-my-job",
]


@pytest.mark.parametrize("persona", ["advocate", "coordinator", "org_admin", "site_admin"])
def test_the_advocate_and_the_organizations_staff_see_the_records(
    client, request, records, persona
):
    client.force_login(request.getfixturevalue(persona))
    for url in staff_urls(records):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["other_advocate", "other_coordinator"])
def test_other_staff_get_404_everywhere(client, request, records, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in staff_urls(records):
        assert client.get(url).status_code == 404, url
    assert AuditEvent.objects.count() == 0


def test_a_participant_sees_their_own_records(client, records):
    client.force_login(records["person"])
    for url in own_urls(records) + [reverse(name) for name in OWN_PAGES]:
        assert client.get(url).status_code == 200, url


def test_another_participant_gets_404_for_every_record(client, records, other_participant):
    client.force_login(other_participant)
    for url in own_urls(records) + staff_urls(records):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("careers-copy-resume", args=[records["resume"].pk]))
    assert response.status_code == 404
    response = client.post(reverse("careers-delete-resume", args=[records["resume"].pk]))
    assert response.status_code == 404
    assert records["resume"].__class__.objects.count() == 1


def test_staff_do_not_use_the_participants_own_pages(client, records, coordinator):
    client.force_login(coordinator)
    for url in own_urls(records) + [reverse(name) for name in OWN_PAGES]:
        assert client.get(url).status_code == 404, url


def test_a_record_cannot_be_reached_through_another_participants_address(
    client, records, coordinator, other_participant
):
    client.force_login(coordinator)
    other = other_participant.pk
    for url in [
        reverse("careers-view-person-resume", args=[other, records["resume"].pk]),
        reverse("careers-edit-placement", args=[other, records["placement"].pk]),
        reverse("careers-review-answer", args=[other, "recovery"]),
    ]:
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_sign_in_but_public_pages_are_open(client, records):
    for url in own_urls(records)[:3] + staff_urls(records)[:2]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for name in ("careers-home", "careers-show-jobs", "careers-show-employer-guide"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "sessionid" not in response.cookies


def test_staff_reads_are_audited_and_the_participants_own_are_not(client, records, advocate):
    client.force_login(records["person"])
    client.get(reverse("careers-preview-resume", args=[records["resume"].pk]))
    assert AuditEvent.objects.count() == 0
    client.force_login(advocate)
    p = records["person"]
    client.get(reverse("careers-view-person-resume", args=[p.pk, records["resume"].pk]))
    client.get(reverse("careers-download-person-resume", args=[p.pk, records["resume"].pk, "pdf"]))
    client.get(reverse("careers-review-answer", args=[p.pk, "recovery"]))
    client.get(reverse("careers-edit-placement", args=[p.pk, records["placement"].pk]))
    client.get(reverse("careers-show-person", args=[p.pk]))
    client.get(reverse("careers-list-people"))
    actions = list(
        AuditEvent.objects.order_by("id").values_list("action", "subject_id", "actor_id")
    )
    assert [a for a, _s, _actor in actions] == [
        "careers.resume.view",
        "careers.resume.download",
        "careers.answer.view",
        "careers.placement.view",
        "careers.record.view",
        "careers.placement.view",
    ]
    assert {(s, actor) for _a, s, actor in actions} == {(p.pk, advocate.pk)}


def test_staff_only_see_their_scope_in_the_people_list(
    client, records, advocate, other_advocate, other_participant
):
    client.force_login(advocate)
    rows = client.get(reverse("careers-list-people")).context["rows"]
    assert [row["person"] for row in rows] == [records["person"]]
    client.force_login(other_advocate)
    assert client.get(reverse("careers-list-people")).context["rows"] == []


def add_person(program, index, advocate):
    from peerpath.accounts.roles import Role
    from peerpath.conftest import make_user

    person = make_user(
        f"p{index}@example.org", Role.PARTICIPANT, program=program, advocate=advocate
    )
    resume = make_resume(person)
    ResumeEntry.objects.create(resume=resume, section=EntrySection.WORK, title="Job")
    make_resume(person, title="Second")
    InterviewAnswer.objects.create(participant=person, question="recovery", answer="x")
    placement = make_placement(person, timezone.localdate() - dt.timedelta(days=80 + index))
    FollowUp.objects.create(
        placement=placement,
        milestone=30,
        contacted_on=timezone.localdate(),
        still_employed=True,
    )
    make_placement(person, None, status="offered")
    return person


@pytest.mark.parametrize("persona", ["advocate", "site_admin"])
def test_people_list_queries_do_not_grow_with_people(
    client, request, program, advocate, count_queries, persona
):
    client.force_login(request.getfixturevalue(persona))
    for index in range(3):
        add_person(program, index, advocate)
    url = reverse("careers-list-people")
    small = count_queries(lambda: client.get(url))
    for index in range(3, 15):
        add_person(program, index, advocate)
    assert count_queries(lambda: client.get(url)) == small
    rows = client.get(url).context["rows"]
    assert len(rows) == 15 and all(row["follow_up"].milestone == 90 for row in rows)
    assert rows[0]["follow_up"].due_on <= rows[-1]["follow_up"].due_on
    due = client.get(url + "?due=1").context["rows"]
    assert {row["state"] for row in due} <= {"due", "overdue"} and due


@pytest.mark.parametrize("persona", ["advocate", "site_admin"])
def test_person_page_queries_do_not_grow_with_records(
    client, request, program, advocate, count_queries, persona
):
    person = add_person(program, 0, advocate)
    client.force_login(request.getfixturevalue(persona))
    url = reverse("careers-show-person", args=[person.pk])
    small = count_queries(lambda: client.get(url))
    for index in range(6):
        make_resume(person, title=f"More {index}")
        make_placement(person, timezone.localdate() - dt.timedelta(days=300 + index))
    InterviewAnswer.objects.create(participant=person, question="stress", answer="y")
    assert count_queries(lambda: client.get(url)) == small


def test_summary_makes_five_queries_whatever_the_data(program, advocate, count_queries):
    person = add_person(program, 0, advocate)
    assert count_queries(lambda: careers_summary(person)) == 5
    for index in range(5):
        make_resume(person, title=f"More {index}")
        make_placement(person, timezone.localdate() - dt.timedelta(days=10 + index))
    assert count_queries(lambda: careers_summary(person)) == 5


def test_pages_with_a_persons_records_are_never_cached(client, records, advocate):
    person = records["person"]
    client.force_login(person)
    for url in (
        [reverse(name) for name in OWN_PAGES] + own_urls(records) + [reverse("careers-home")]
    ):
        assert "no-store" in client.get(url).get("Cache-Control", ""), url
    client.force_login(advocate)
    for url in [reverse("careers-list-people"), *staff_urls(records)]:
        assert "no-store" in client.get(url).get("Cache-Control", ""), url


def test_opening_a_follow_up_is_an_audited_read(client, records, advocate):
    person, placement = records["person"], records["placement"]
    FollowUp.objects.create(
        placement=placement,
        milestone=30,
        contacted_on=timezone.localdate(),
        still_employed=True,
        support_needed="Help with the bus pass",
    )
    client.force_login(advocate)
    page = client.get(reverse("careers-record-follow-up", args=[person.pk, placement.pk, 30]))
    assert "Help with the bus pass" in page.content.decode()
    event = AuditEvent.objects.get()
    assert (event.action, event.subject_id, event.actor_id) == (
        "careers.placement.view",
        person.pk,
        advocate.pk,
    )
