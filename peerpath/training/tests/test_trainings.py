"""A participant's trainings: adding them, logging hours, documents and staff verification."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from peerpath.audit.models import AuditEvent
from peerpath.notifications.models import Notification
from peerpath.training.actions import Refused, do_log_training_hours
from peerpath.training.models import (
    HoursEntry,
    Training,
    TrainingDocument,
    TrainingDocumentKind,
    TrainingDocumentStatus,
)
from peerpath.training.progress import progress_for
from peerpath.training.tests.factories import log, make_training, pdf, png, verified_document

pytestmark = pytest.mark.django_db

MINE = reverse("training-show-hours")
ADD = reverse("training-add-training")


def show(training):
    return reverse("training-show-training", args=[training.pk])


def add_training(client, **data):
    payload = {"status": "in_progress", **data}
    return client.post(ADD, payload)


def test_participant_adds_a_core_training_at_an_approved_provider(
    client, participant, approved_provider, today
):
    client.force_login(participant)
    page = client.get(ADD).content.decode()
    assert "Inland Peer Academy — approved for core training" in page
    response = add_training(
        client,
        kind="core",
        provider_choice=str(approved_provider.pk),
        starts_on=(today - dt.timedelta(days=10)).isoformat(),
    )
    training = Training.objects.get()
    assert response.status_code == 302 and response["Location"] == show(training)
    assert training.provider == approved_provider and training.participant == participant
    assert training.course_hours is None and training.target_hours() == Decimal(80)


def test_another_provider_needs_its_name_and_other_courses_their_hours(client, participant):
    client.force_login(participant)
    response = add_training(client, kind="other", provider_choice="other", provider_name="")
    errors = response.context["form"].errors
    assert "Type the provider's name." in errors["provider_name"]
    assert "Enter the number of hours the course has." in errors["course_hours"]
    assert 'id="id_provider_name_error"' in response.content.decode()
    response = add_training(
        client,
        kind="work_readiness",
        provider_choice="other",
        provider_name="County Job Center",
        title="Getting ready for work",
        course_hours="20",
    )
    assert response.status_code == 302
    training = Training.objects.get()
    assert training.provider_name == "County Job Center" and training.course_hours == 20


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "specialization"}, "specialization", "Choose the specialization."),
        ({"kind": "core", "provider_choice": "999999"}, "provider_choice", "Select a valid choice"),
        ({"kind": "banana"}, "kind", "Select a valid choice"),
        (
            {"kind": "core", "starts_on": "2026-05-01", "ends_on": "2026-04-01"},
            "ends_on",
            "before the start date",
        ),
        ({"kind": "core", "status": "completed"}, "completed_on", "Enter the date you completed"),
        (
            {"kind": "core", "status": "completed", "completed_on": "2999-01-01"},
            "completed_on",
            "in the future",
        ),
        ({"kind": "core", "starts_on": "1900-01-01"}, "starts_on", "too far back"),
        ({"kind": "other", "course_hours": "-3"}, "course_hours", "greater than"),
        ({"kind": "other", "course_hours": "12.1"}, "course_hours", "quarter hours"),
        ({"kind": "other", "course_hours": "1e9"}, "course_hours", ""),
        ({"kind": "core", "provider_name": "x" * 5000}, "provider_name", "at most 200"),
    ],
)
def test_bad_training_input_gets_a_message_next_to_the_field(
    client, participant, data, field, message
):
    client.force_login(participant)
    payload = {"provider_choice": "other", "provider_name": "Somewhere", **data}
    response = add_training(client, **payload)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert Training.objects.count() == 0


def log_hours(client, training, **data):
    payload = {"form": "hours", **{f"hours-{k}": v for k, v in data.items()}}
    return client.post(show(training), payload)


def test_participant_logs_session_hours_and_sees_progress(
    client, participant, approved_provider, today
):
    training = make_training(participant, approved_provider)
    client.force_login(participant)
    response = log_hours(client, training, date=today.isoformat(), hours="3.5", note="Module 2")
    assert response.status_code == 302
    entry = HoursEntry.objects.get()
    assert entry.hours == Decimal("3.5") and entry.note == "Module 2" and not entry.is_total
    page = client.get(show(training)).content.decode()
    assert "3.5 of 80 hours, 0 verified" in page
    mine = client.get(MINE).content.decode()
    assert "3.5 of 80 hours, 0 verified" in mine
    assert '<progress id="core-bar-' in mine and 'value="3.5"' in mine and 'max="80"' in mine


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"hours": "5"}, "hours", "so at most 2 more can be added"),
        ({"hours": "0"}, "hours", "Ensure this value is greater than or equal to 0.25"),
        ({"hours": "-1"}, "hours", "greater than or equal to 0.25"),
        ({"hours": "1.1"}, "hours", "quarter hours"),
        ({"hours": "1.333"}, "hours", "quarter hours"),
        ({"hours": "two"}, "hours", "Enter a number of hours"),
        ({"hours": "9" * 40}, "hours", ""),
        ({"hours": ""}, "hours", "required"),
        ({"date": "2999-01-01", "hours": "1"}, "date", "in the future"),
        ({"date": "31/31/2026", "hours": "1"}, "date", "valid date"),
        ({"date": "", "hours": "1"}, "date", "required"),
        ({"hours": "1", "note": "n" * 201}, "note", "at most 200"),
    ],
)
def test_impossible_hours_are_refused_next_to_the_field(
    client, participant, approved_provider, today, data, field, message
):
    training = make_training(participant, approved_provider)
    log(training, "78", today - dt.timedelta(days=3), is_total=True)
    client.force_login(participant)
    payload = {"date": today.isoformat(), **data}
    response = log_hours(client, training, **payload)
    assert response.status_code == 200
    form = response.context["hours_form"]
    assert field in form.errors and message in " ".join(form.errors[field])
    assert f'id="id_hours-{field}_error"' in response.content.decode()
    assert HoursEntry.objects.count() == 1


def test_more_than_a_day_across_trainings_is_refused(
    client, participant, approved_provider, crisis_care, today
):
    core = make_training(participant, approved_provider)
    other = make_training(participant, None, kind="specialization", specialization=crisis_care)
    log(core, "20", today)
    client.force_login(participant)
    response = log_hours(client, other, date=today.isoformat(), hours="5")
    assert "A day has 24 hours and 20 are logged on this day already" in " ".join(
        response.context["hours_form"].errors["hours"]
    )
    assert log_hours(client, other, date=today.isoformat(), hours="4").status_code == 302


def test_the_action_checks_limits_itself(participant, approved_provider, today):
    training = make_training(participant, approved_provider)
    log(training, "80", today - dt.timedelta(days=1), is_total=True)
    with pytest.raises(Refused) as refused:
        do_log_training_hours(participant, training, date=today, hours=Decimal("1"))
    assert refused.value.problems[0][0] == "hours"


def test_withdrawn_trainings_take_no_more_hours(participant, approved_provider, today):
    training = make_training(participant, approved_provider, status="withdrawn")
    with pytest.raises(Refused, match="withdrawn"):
        do_log_training_hours(participant, training, date=today, hours=Decimal("1"))


def test_logging_a_planned_training_starts_it(participant, approved_provider, today):
    training = make_training(participant, approved_provider, status="planned")
    do_log_training_hours(participant, training, date=today, hours=Decimal("2"))
    training.refresh_from_db()
    assert training.status == "in_progress"


def test_core_at_an_unapproved_provider_says_it_will_not_count(
    client, participant, unapproved_provider
):
    training = make_training(participant, unapproved_provider)
    client.force_login(participant)
    page = client.get(show(training)).content.decode()
    assert "Does it count toward certification?" in page
    assert "not in our list of providers approved to deliver core training" in page
    assert "not in our list of providers approved" in client.get(MINE).content.decode()


def test_a_completed_verified_core_training_counts(client, participant, approved_provider, today):
    training = make_training(participant, approved_provider, status="completed", completed_on=today)
    log(training, "80", today, is_total=True)
    verified_document(training, "80", kind=TrainingDocumentKind.COMPLETION)
    client.force_login(participant)
    page = client.get(show(training)).content.decode()
    assert "Yes. This training counts toward certification." in page
    assert "80 of 80 hours, 80 verified" in page
    assert "Counts toward certification." in client.get(MINE).content.decode()


def test_core_completed_before_july_2022_does_not_count(client, participant, approved_provider):
    training = make_training(
        participant, approved_provider, status="completed", completed_on=dt.date(2022, 6, 30)
    )
    verified_document(training, "80", kind=TrainingDocumentKind.COMPLETION)
    client.force_login(participant)
    page = client.get(show(training)).content.decode()
    assert "completed before 2022-07-01, the earliest completion date that counts" in page


def test_a_specialization_before_core_is_warned_about_not_blocked(
    client, participant, approved_provider, crisis_care, today
):
    make_training(participant, approved_provider)
    spec = make_training(participant, None, kind="specialization", specialization=crisis_care)
    client.force_login(participant)
    page = client.get(show(spec)).content.decode()
    assert "Specializations are meant to follow the core training." in page
    assert log_hours(client, spec, date=today.isoformat(), hours="2").status_code == 302
    assert "meant to follow the core training" in client.get(MINE).content.decode()


def test_a_specialization_after_core_completion_has_no_warning(
    client, participant, approved_provider, crisis_care, today
):
    make_training(
        participant,
        approved_provider,
        status="completed",
        completed_on=today - dt.timedelta(days=30),
    )
    spec = make_training(
        participant,
        None,
        kind="specialization",
        specialization=crisis_care,
        starts_on=today - dt.timedelta(days=5),
    )
    client.force_login(participant)
    assert "meant to follow" not in client.get(show(spec)).content.decode()


def upload(client, training, kind, file):
    return client.post(
        show(training), {"form": "document", "document-kind": kind, "document-file": file}
    )


def test_certificates_are_checked_by_content_and_stored_privately(
    client, participant, approved_provider
):
    training = make_training(participant, approved_provider)
    client.force_login(participant)
    assert upload(client, training, "completion", png("my cert.png")).status_code == 302
    document = TrainingDocument.objects.get()
    assert document.original_name == "my cert.png" and document.status == "pending"
    assert "cert" not in document.file.name and document.file.name.endswith(".png")
    assert default_storage.exists(document.file.name)
    fake = io.BytesIO(b"MZ\x90\x00" + b"\x00" * 300)
    fake.name = "certificate.pdf"
    response = upload(client, training, "completion", fake)
    assert response.status_code == 200
    assert "not one of those" in " ".join(response.context["document_form"].errors["file"])
    assert TrainingDocument.objects.count() == 1
    download = client.get(reverse("training-show-document", args=[document.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert "no-store" in download["Cache-Control"]


def test_participant_removes_a_pending_document_but_not_a_verified_one(
    client, participant, approved_provider
):
    training = make_training(participant, approved_provider)
    client.force_login(participant)
    upload(client, training, "attendance", pdf())
    pending = TrainingDocument.objects.get()
    client.post(reverse("training-delete-document", args=[pending.pk]))
    assert not TrainingDocument.objects.exists()
    verified = verified_document(training, "10")
    response = client.post(reverse("training-delete-document", args=[verified.pk]), follow=True)
    assert "stays on record" in response.content.decode()
    assert TrainingDocument.objects.filter(pk=verified.pk).exists()


def review(client, document, **data):
    return client.post(reverse("training-review-document", args=[document.pk]), data)


def test_advocate_verifies_an_attendance_record_and_hours_count_as_verified(
    client, participant, advocate, approved_provider, today
):
    participant.advocate = advocate
    participant.save()
    training = make_training(participant, approved_provider)
    log(training, "52", today, is_total=True)
    client.force_login(participant)
    upload(client, training, "attendance", pdf())
    document = TrainingDocument.objects.get()
    client.force_login(advocate)
    page = client.get(reverse("training-review-document", args=[document.pk])).content.decode()
    assert "Check a document" in page
    response = review(client, document, decision="verify", hours_confirmed="40")
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == TrainingDocumentStatus.VERIFIED
    assert document.hours_confirmed == 40 and document.reviewed_by == advocate
    assert AuditEvent.objects.filter(action="training.document.verify", subject=participant)
    notice = Notification.objects.get(user=participant, kind="training_document_reviewed")
    assert "Verified hours: 40 of 80." in notice.body
    assert "documents are not added up" in notice.body
    client.force_login(participant)
    page = client.get(MINE).content.decode()
    assert "52 of 80 hours, 40 verified" in page
    assert "40 of your 52 logged hours are verified" in page


def test_verifying_a_completion_certificate_completes_the_training_and_locks_it(
    client, participant, coordinator, approved_provider, today
):
    training = make_training(participant, approved_provider)
    log(training, "80", today, is_total=True)
    document = TrainingDocument.objects.create(
        training=training,
        kind="completion",
        file="training/x.pdf",
        content_type="application/pdf",
        size=10,
        original_name="cert.pdf",
    )
    client.force_login(coordinator)
    response = review(client, document, decision="verify", hours_confirmed="80")
    assert "Enter the completion date the certificate shows." in " ".join(
        response.context["form"].errors["completed_on"]
    )
    response = review(
        client, document, decision="verify", hours_confirmed="81", completed_on=today.isoformat()
    )
    assert "cannot confirm more" in " ".join(response.context["form"].errors["hours_confirmed"])
    review(
        client, document, decision="verify", hours_confirmed="80", completed_on=today.isoformat()
    )
    training.refresh_from_db()
    assert training.status == "completed" and training.completed_on == today
    from peerpath.certification.models import CertificationCase

    assert CertificationCase.objects.get(participant=participant).training_completed == today
    client.force_login(participant)
    page = client.get(show(training)).content.decode()
    assert "Yes. This training counts toward certification." in page
    assert "Log hours" not in page
    entry = training.entries.get()
    client.post(reverse("training-delete-hours", args=[training.pk, entry.pk]))
    assert training.entries.exists()
    response = client.post(
        reverse("training-edit-training", args=[training.pk]),
        {"kind": "core", "provider_choice": "other", "provider_name": "x", "status": "planned"},
    )
    training.refresh_from_db()
    assert training.status == "completed" and training.provider == approved_provider


def test_verified_hours_cannot_be_moved_to_another_kind_or_provider(
    client, participant, approved_provider, today
):
    training = make_training(participant, None, kind="other", course_hours=40)
    log(training, "40", today - dt.timedelta(days=3), is_total=True)
    verified_document(training, "40")
    client.force_login(participant)
    edit = reverse("training-edit-training", args=[training.pk])
    data = {
        "kind": "other",
        "course_hours": "40",
        "provider_choice": "other",
        "provider_name": "Community College",
        "status": "in_progress",
    }
    response = client.post(edit, {**data, "kind": "core"})
    assert "Staff verified a document for this training" in " ".join(
        response.context["form"].errors["kind"]
    )
    response = client.post(edit, {**data, "provider_choice": str(approved_provider.pk)})
    assert response.context["form"].errors["provider_choice"]
    training.refresh_from_db()
    assert training.kind == "other" and training.provider is None
    assert progress_for(participant).core_verified == 0
    # Other details can still be corrected.
    assert client.post(edit, {**data, "title": "Job readiness"}).status_code == 302
    training.refresh_from_db()
    assert training.title == "Job readiness"


def test_a_verified_certificate_counts_its_hours_when_fewer_were_logged(
    client, participant, coordinator, approved_provider, today
):
    """The training locks once its certificate is verified, so hours the person never
    logged would otherwise stay missing for good."""
    training = make_training(participant, approved_provider)
    log(training, "30", today - dt.timedelta(days=20))
    document = TrainingDocument.objects.create(
        training=training,
        kind="completion",
        file="training/x.pdf",
        content_type="application/pdf",
        size=10,
        original_name="cert.pdf",
    )
    client.force_login(coordinator)
    review(client, document, decision="verify", hours_confirmed="80", completed_on=today)
    progress = progress_for(participant)
    assert (progress.core_logged, progress.core_verified) == (80, 80)
    added = training.entries.get(is_total=True)
    assert (added.hours, added.date) == (Decimal("50"), today)


def test_declining_a_document_needs_a_comment_the_participant_sees(
    client, participant, coordinator, approved_provider
):
    training = make_training(participant, approved_provider)
    client.force_login(participant)
    upload(client, training, "completion", pdf())
    document = TrainingDocument.objects.get()
    client.force_login(coordinator)
    response = review(client, document, decision="decline", comment="  ")
    assert "Say what is missing" in " ".join(response.context["form"].errors["comment"])
    review(client, document, decision="decline", comment="The name on it is someone else's.")
    document.refresh_from_db()
    assert document.status == "not_accepted" and document.hours_confirmed is None
    client.force_login(participant)
    page = client.get(show(training)).content.decode()
    assert "The name on it is someone else&#x27;s." in page and "Not accepted" in page


def test_participant_edits_their_training(client, participant, approved_provider, today):
    training = make_training(participant, approved_provider)
    client.force_login(participant)
    response = client.post(
        reverse("training-edit-training", args=[training.pk]),
        {
            "kind": "core",
            "provider_choice": str(approved_provider.pk),
            "status": "completed",
            "completed_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.status == "completed" and training.completed_on == today


def test_a_training_at_a_provider_no_longer_listed_can_still_be_edited(
    client, participant, approved_provider, unapproved_provider, today
):
    training = make_training(participant, approved_provider)
    approved_provider.is_active = False
    approved_provider.save()
    client.force_login(participant)
    edit = reverse("training-edit-training", args=[training.pk])
    data = {"kind": "core", "provider_choice": str(approved_provider.pk), "status": "in_progress"}
    assert client.post(edit, {**data, "title": "Evening cohort"}).status_code == 302
    training.refresh_from_db()
    assert training.title == "Evening cohort" and training.provider == approved_provider
    page = client.get(reverse("training-add-training")).content.decode()
    assert approved_provider.name not in page and unapproved_provider.name in page


def test_the_progress_page_speaks_spanish(client, participant, approved_provider, today):
    participant.language = "es"
    participant.save()
    training = make_training(participant, approved_provider)
    log(training, "10", today)
    client.force_login(participant)
    page = client.get(MINE, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Mis capacitaciones y horas" in page
    assert "10 de 80 horas, 0 verificadas" in page


def test_a_change_that_leaves_more_hours_than_the_course_has_is_refused(
    client, participant, approved_provider, today
):
    training = make_training(participant, approved_provider)
    log(training, "30", today, is_total=True)
    client.force_login(participant)
    response = client.post(
        reverse("training-edit-training", args=[training.pk]),
        {
            "kind": "other",
            "provider_choice": str(approved_provider.pk),
            "course_hours": "20",
            "status": "in_progress",
        },
    )
    assert response.status_code == 200
    assert "30 hours are logged for this training, more than 20." in " ".join(
        response.context["form"].errors["course_hours"]
    )
    training.refresh_from_db()
    assert training.kind == "core"


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "maybe"},
        {"decision": "verify", "hours_confirmed": "lots"},
        {"decision": "verify", "hours_confirmed": "-5"},
        {"decision": "verify", "hours_confirmed": "1" * 50},
        {"decision": "decline", "comment": "x" * 5000},
        {},
    ],
)
def test_hostile_review_input_gets_messages_not_errors(
    client, participant, coordinator, approved_provider, data
):
    training = make_training(participant, approved_provider)
    document = verified_document(training, "10")
    document.status = TrainingDocumentStatus.PENDING
    document.hours_confirmed = None
    document.save()
    client.force_login(coordinator)
    response = review(client, document, **data)
    assert response.status_code == 200 and response.context["form"].errors
    document.refresh_from_db()
    assert document.status == TrainingDocumentStatus.PENDING


def test_an_unknown_form_on_the_training_page_changes_nothing(
    client, participant, approved_provider
):
    training = make_training(participant, approved_provider)
    client.force_login(participant)
    response = client.post(show(training), {"form": "<script>", "hours-hours": "3"})
    assert response.status_code == 200
    assert not HoursEntry.objects.exists()
