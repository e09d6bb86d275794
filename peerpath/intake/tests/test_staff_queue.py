"""The staff intake queue: scope, the automatic check, every decision, documents, cohorts."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from peerpath.accounts.models import Cohort, User
from peerpath.audit.models import AuditEvent
from peerpath.intake.actions import do_publish_demo_ethics_document, do_sign_code_of_ethics
from peerpath.intake.models import (
    Application,
    ApplicationDocument,
    ApplicationStatus,
    InformationRequest,
)
from peerpath.notifications.models import Notification

QUEUE = reverse("intake-staff-queue")
COHORTS = reverse("intake-staff-cohorts")
REVIEW = reverse("intake-apply-review")


def detail(application):
    return reverse("intake-staff-application", args=[application.pk])


def decide(application, decision):
    return reverse("intake-staff-decide", args=[application.pk, decision])


def run_worker():
    call_command(
        "db_worker", batch=True, queue_name="*", reload=False, verbosity=0, startup_delay=False
    )


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(buffer, "PNG")
    return buffer.getvalue()


def make_application(person, program, status=ApplicationStatus.SUBMITTED, **fields):
    """A complete application, signed and with both documents, in `status`."""
    today = timezone.localdate()
    values = {
        "legal_first_name": person.full_name.split()[0] if person.full_name else "Sam",
        "legal_last_name": "Ruiz",
        "date_of_birth": today.replace(year=today.year - 20),
        "phone": "951-555-0123",
        "preferred_language": person.language,
        "county": "Riverside",
        "zip_code": "92501",
        "lived_experience": "consumer",
        "diploma": True,
        "internet_access": True,
        "computer_skills": True,
        "willing_to_share": True,
        "commits_to_training": True,
        "commits_to_certification": True,
        "orientation_preference": "next_monday",
        "submitted_at": None if status == ApplicationStatus.DRAFT else timezone.now(),
        **fields,
    }
    application = Application.objects.create(
        applicant=person, program=program, status=status, **values
    )
    for kind in ("photo_id", "diploma"):
        ApplicationDocument.objects.create(
            application=application,
            kind=kind,
            file=ContentFile(png_bytes(), name=f"applications/{application.pk}/{kind}.png"),
            content_type="image/png",
            size=100,
            original_name=f"{kind}.png",
        )
    do_sign_code_of_ethics(person, do_publish_demo_ethics_document(), "Ana Ruiz", None)
    return application


@pytest.fixture
def application(participant, program):
    return make_application(participant, program)


@pytest.fixture
def cohort(program):
    today = timezone.localdate()
    return Cohort.objects.create(
        program=program,
        name="Spring",
        starts_on=today + dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=100),
    )


# Access ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["participant", "other_participant", "advocate"])
def test_participants_and_advocates_cannot_reach_the_queue(client, request, persona, application):
    client.force_login(request.getfixturevalue(persona))
    document = application.documents.first()
    for url in (
        QUEUE,
        COHORTS,
        detail(application),
        reverse("intake-staff-document", args=[document.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(decide(application, "mark_eligible")).status_code == 404
    assert Application.objects.get().status == ApplicationStatus.SUBMITTED


def test_anonymous_visitors_are_sent_to_sign_in(client, application):
    for url in (QUEUE, detail(application), COHORTS):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["coordinator", "org_admin", "site_admin"])
def test_reviewers_of_the_organization_see_and_open_applications(
    client, request, persona, application
):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(QUEUE).content.decode()
    assert "Ana Ruiz" in html and "Meets every requirement" in html
    assert client.get(detail(application)).status_code == 200


def test_another_organizations_coordinator_gets_404_for_everything(
    client, other_coordinator, application, other_program
):
    client.force_login(other_coordinator)
    assert "Ana Ruiz" not in client.get(QUEUE).content.decode()
    assert client.get(detail(application)).status_code == 404
    document = application.documents.first()
    assert client.get(reverse("intake-staff-document", args=[document.pk])).status_code == 404
    assert client.post(decide(application, "mark_eligible")).status_code == 404
    assert client.get(COHORTS, {"program": "esp"}).status_code == 404
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED


def test_drafts_are_only_counted(client, coordinator, participant, other_participant, program):
    draft = make_application(participant, program, status=ApplicationStatus.DRAFT)
    make_application(other_participant, program)
    client.force_login(coordinator)
    html = client.get(QUEUE).content.decode()
    assert "1 person has started an application" in html
    assert "Ana Ruiz" not in html and "Ben Ortiz" in html
    assert client.get(detail(draft)).status_code == 404


def test_opening_an_application_and_a_document_is_audited(client, coordinator, application):
    client.force_login(coordinator)
    client.get(detail(application))
    document = application.documents.first()
    response = client.get(reverse("intake-staff-document", args=[document.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    events = AuditEvent.objects.filter(actor=coordinator, subject=application.applicant)
    assert set(events.values_list("action", flat=True)) >= {
        "application.view",
        "application.document.view",
    }


def test_queue_queries_do_not_grow_with_applications(
    client, coordinator, program, count_queries, db
):
    from peerpath.accounts.roles import Role
    from peerpath.conftest import make_user

    def add(count, start):
        for index in range(start, start + count):
            person = make_user(f"p{index}@example.org", Role.PARTICIPANT, full_name=f"P {index}")
            make_application(person, program)

    client.force_login(coordinator)
    add(3, 0)
    small = count_queries(lambda: client.get(QUEUE))
    add(20, 3)
    assert count_queries(lambda: client.get(QUEUE)) == small


def test_the_automatic_check_lists_unmet_rules(client, coordinator, participant, program):
    today = timezone.localdate()
    make_application(
        participant, program, date_of_birth=today.replace(year=today.year - 30), diploma=False
    )
    client.force_login(coordinator)
    html = client.get(QUEUE).content.decode()
    assert "Diploma or equivalent" in html and "Age" in html


# Decisions ---------------------------------------------------------------------------


# The worker closes connections between tasks, which needs real transactions.
@pytest.mark.django_db(transaction=True)
def test_request_information_reopens_only_the_named_items_and_tells_the_applicant_in_spanish(
    client, coordinator, participant, application
):
    participant.language = "es"
    participant.save()
    client.force_login(coordinator)
    response = client.post(
        decide(application, "request_information"),
        {
            "request_information-items": ["phone", "photo_id"],
            "request_information-message": "The ID photo is blurry; please retake it.",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEEDS_INFO
    request = InformationRequest.objects.get()
    assert request.items == ["phone", "photo_id"] and request.requested_by == coordinator

    run_worker()
    notification = Notification.objects.get(user=participant, kind="application_needs_info")
    assert "teléfono" in notification.body.lower()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [participant.email]
    assert "solicitud" in mail.outbox[0].subject.lower()
    assert "blurry" not in mail.outbox[0].body  # the note stays in PeerPath

    client.force_login(participant)
    review = client.get(REVIEW).content.decode()
    assert "blurry" in review
    about = client.get(reverse("intake-apply-step", args=["about"]))
    assert list(about.context["form"].fields) == ["phone"]
    experience = client.get(reverse("intake-apply-step", args=["experience"]))
    assert experience.status_code == 302 and experience["Location"] == REVIEW
    # A field that was not asked for cannot be changed by posting it anyway.
    client.post(
        reverse("intake-apply-step", args=["about"]),
        {"phone": "951-555-9999", "legal_last_name": "Changed"},
    )
    application.refresh_from_db()
    assert application.phone == "951-555-9999" and application.legal_last_name == "Ruiz"
    documents = client.get(reverse("intake-apply-documents"))
    assert [c[0] for c in documents.context["form"].fields["kind"].choices] == ["photo_id"]
    diploma = application.documents.get(kind="diploma")
    client.post(reverse("intake-apply-delete-document", args=[diploma.pk]))
    assert application.documents.filter(kind="diploma").exists()

    client.post(REVIEW)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert InformationRequest.objects.get().resolved_at is not None
    assert AuditEvent.objects.filter(action="application.resubmit", actor=participant).exists()


def test_request_information_needs_items_and_a_message(client, coordinator, application):
    client.force_login(coordinator)
    response = client.post(decide(application, "request_information"), {})
    assert response.status_code == 200
    form = response.context["forms"]["request_information"]
    assert "Choose at least one thing to ask for." in form.errors["items"]
    assert "Write a short note for the applicant." in form.errors["message"]
    assert 'id="id_request_information-message_error"' in response.content.decode()
    assert Application.objects.get().status == ApplicationStatus.SUBMITTED


def test_not_eligible_with_reasons_shows_the_applicant_what_they_can_do(
    client, coordinator, participant, program
):
    today = timezone.localdate()
    application = make_application(
        participant, program, date_of_birth=today.replace(year=today.year - 26)
    )
    client.force_login(coordinator)
    page = client.get(detail(application))
    assert page.context["forms"]["mark_not_eligible"].initial["codes"] == ["age"]
    client.post(
        decide(application, "mark_not_eligible"),
        {
            "mark_not_eligible-codes": ["age"],
            "mark_not_eligible-note": "This group is 18 to 24. We would love to help you certify.",
        },
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NOT_ELIGIBLE
    assert application.decision_codes == ["age"] and application.decided_at
    client.force_login(participant)
    html = client.get(REVIEW).content.decode()
    assert "You can still become certified directly" in html
    assert "We would love to help you certify." in html
    event = AuditEvent.objects.get(action="application.mark_not_eligible")
    assert event.actor == coordinator and event.detail == {
        "status_from": "submitted",
        "status_to": "not_eligible",
    }


# The worker closes connections between tasks, which needs real transactions.
@pytest.mark.django_db(transaction=True)
def test_eligible_then_enrol_assigns_cohort_and_advocate(
    client, coordinator, advocate, participant, application, cohort
):
    client.force_login(coordinator)
    client.post(decide(application, "mark_eligible"), {"mark_eligible-note": ""})
    client.post(
        decide(application, "enrol"), {"enrol-cohort": cohort.pk, "enrol-advocate": advocate.pk}
    )
    application.refresh_from_db()
    person = User.objects.get(pk=participant.pk)
    assert application.status == ApplicationStatus.ENROLLED
    assert person.cohort == cohort and person.advocate == advocate
    assert person.program == application.program
    actions = list(
        AuditEvent.objects.filter(actor=coordinator)
        .exclude(action__endswith=".view")
        .values_list("action", flat=True)
    )
    assert actions == ["participant.assign", "application.enrol", "application.mark_eligible"]
    client.force_login(participant)
    html = client.get(REVIEW).content.decode()
    assert "Status: Enrolled" in html and "Spring" in html
    run_worker()
    assert [m.subject for m in mail.outbox] == [
        "PeerPath: Good news about your application",
        "PeerPath: Welcome to the program",
    ]


def test_enrolling_before_an_eligibility_decision_is_refused(
    client, coordinator, advocate, application, cohort
):
    client.force_login(coordinator)
    response = client.post(
        decide(application, "enrol"),
        {"enrol-cohort": cohort.pk, "enrol-advocate": advocate.pk},
        follow=True,
    )
    assert "no longer possible" in response.content.decode()
    assert Application.objects.get().status == ApplicationStatus.SUBMITTED
    assert not AuditEvent.objects.filter(action="application.enrol").exists()


def test_enrolment_only_offers_this_programs_cohorts_and_organizations_advocates(
    client, coordinator, application, other_program, other_organization
):
    from peerpath.accounts.roles import Role
    from peerpath.conftest import make_user

    application.status = ApplicationStatus.ELIGIBLE
    application.save()
    foreign_cohort = Cohort.objects.create(
        program=other_program,
        name="Elsewhere",
        starts_on=dt.date(2027, 1, 1),
        ends_on=dt.date(2027, 3, 1),
    )
    foreign_advocate = make_user("far@example.org", Role.ADVOCATE, organization=other_organization)
    client.force_login(coordinator)
    response = client.post(
        decide(application, "enrol"),
        {"enrol-cohort": foreign_cohort.pk, "enrol-advocate": foreign_advocate.pk},
    )
    form = response.context["forms"]["enrol"]
    assert form.errors["cohort"] == ["Choose a cohort."]
    assert form.errors["advocate"] == ["Choose a peer support advocate."]
    assert Application.objects.get().status == ApplicationStatus.ELIGIBLE


def test_withdraw_needs_confirmation(client, coordinator, application):
    client.force_login(coordinator)
    response = client.post(decide(application, "withdraw"), {"withdraw-note": "Moving away"})
    assert "Tick the box" in " ".join(response.context["forms"]["withdraw"].errors["confirm"])
    client.post(decide(application, "withdraw"), {"withdraw-confirm": "on"})
    assert Application.objects.get().status == ApplicationStatus.WITHDRAWN
    assert client.get(detail(application)).context["forms"] == {}


def test_an_unknown_decision_is_a_404(client, coordinator, application):
    client.force_login(coordinator)
    assert client.post(decide(application, "approve_everything")).status_code == 404
    assert client.post(decide(application, "resubmit")).status_code == 404


def test_hostile_and_huge_notes_are_handled(client, coordinator, application):
    client.force_login(coordinator)
    response = client.post(decide(application, "mark_eligible"), {"mark_eligible-note": "x" * 2001})
    assert "2000 characters or fewer" in " ".join(
        response.context["forms"]["mark_eligible"].errors["note"]
    )
    client.post(decide(application, "mark_eligible"), {"mark_eligible-note": "<script>x</script>"})
    client.force_login(application.applicant)
    html = client.get(REVIEW).content.decode()
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html


# Cohorts -----------------------------------------------------------------------------


def test_coordinators_add_cohorts_with_checked_dates(client, coordinator, program):
    client.force_login(coordinator)
    bad = client.post(
        COHORTS,
        {"program": "esp", "name": "Fall", "starts_on": "2027-03-01", "ends_on": "2027-01-01"},
    )
    assert "on or after the start date" in " ".join(bad.context["form"].errors["ends_on"])
    client.post(
        COHORTS,
        {"program": "esp", "name": "Fall", "starts_on": "2027-01-01", "ends_on": "2027-03-01"},
    )
    assert Cohort.objects.get().name == "Fall"
    again = client.post(
        COHORTS,
        {"program": "esp", "name": "fall", "starts_on": "2027-01-01", "ends_on": "2027-03-01"},
    )
    assert "already has a cohort" in " ".join(again.context["form"].errors["name"])
    assert "Fall" in client.get(COHORTS).content.decode()


def test_the_queue_pages_through_many_applications(client, coordinator, program):
    from peerpath.accounts.roles import Role
    from peerpath.conftest import make_user

    for index in range(26):
        person = make_user(f"q{index}@example.org", Role.PARTICIPANT, full_name=f"Q {index}")
        make_application(person, program)
    client.force_login(coordinator)
    html = client.get(QUEUE).content.decode()
    assert "Page 1 of 2" in html and "?status=submitted&amp;page=2" in html
    assert len(client.get(QUEUE, {"status": "submitted", "page": 2}).context["rows"]) == 1


def test_staff_pages_with_applicants_answers_are_never_cached(client, coordinator, application):
    client.force_login(coordinator)
    document = application.documents.first()
    for url in (QUEUE, detail(application), reverse("intake-staff-document", args=[document.pk])):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_the_queue_records_whose_applications_were_listed(
    client, coordinator, participant, application
):
    client.force_login(coordinator)
    client.get(QUEUE)
    assert AuditEvent.objects.filter(
        action="application.queue.view", actor=coordinator, subject=participant
    ).exists()
    client.force_login(participant)
    html = client.get(reverse("participants-record-views")).content.decode()
    assert "your application" in html


def test_queue_queries_do_not_grow_for_an_installation_administrator(
    client, site_admin, program, count_queries
):
    from peerpath.accounts.roles import Role
    from peerpath.conftest import make_user

    def add(count, start):
        for index in range(start, start + count):
            person = make_user(
                f"s{index}@example.org", Role.PARTICIPANT, program=program, full_name=f"S {index}"
            )
            make_application(person, program)

    client.force_login(site_admin)
    add(3, 0)
    small = count_queries(lambda: client.get(QUEUE))
    add(20, 3)
    assert count_queries(lambda: client.get(QUEUE)) == small


def test_an_enrolment_refused_at_the_last_moment_is_a_message(
    client, coordinator, advocate, application, cohort, monkeypatch
):
    from peerpath.intake import actions

    def refuse(*args, **kwargs):
        raise actions.EnrolmentRefused("advocate left meanwhile")

    monkeypatch.setattr(actions, "do_enrol_applicant", refuse)
    application.status = ApplicationStatus.ELIGIBLE
    application.save()
    client.force_login(coordinator)
    response = client.post(
        decide(application, "enrol"),
        {"enrol-cohort": cohort.pk, "enrol-advocate": advocate.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "Choose the cohort and advocate again" in response.content.decode()
    assert Application.objects.get().status == ApplicationStatus.ELIGIBLE


def test_days_waiting_are_counted_in_the_programs_time_zone(
    client, coordinator, application, program, settings
):
    settings.TIME_ZONE = "Etc/GMT+12"  # the server a day behind the program
    program.time_zone = "Pacific/Kiritimati"
    program.save()
    client.force_login(coordinator)
    [row] = client.get(QUEUE).context["rows"]
    assert row["waiting_days"] == 0


def test_a_birth_date_ahead_of_the_programs_today_does_not_break_the_queue(
    client, coordinator, participant, program
):
    # Accepted as "not in the future" on the server's date, which can be a day
    # ahead of the program's date.
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    application = make_application(participant, program, date_of_birth=tomorrow)
    client.force_login(coordinator)
    assert client.get(QUEUE).status_code == 200
    assert client.get(detail(application)).status_code == 200


def test_deciding_while_information_is_awaited_closes_the_request(client, coordinator, application):
    client.force_login(coordinator)
    client.post(
        decide(application, "request_information"),
        {"request_information-items": ["phone"], "request_information-message": "Your phone?"},
    )
    client.post(decide(application, "mark_eligible"), {"mark_eligible-note": ""})
    assert Application.objects.get().status == ApplicationStatus.ELIGIBLE
    assert InformationRequest.objects.get().resolved_at is not None
