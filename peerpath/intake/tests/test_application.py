"""The participant's application: drafts at every step, documents, signature, submission."""

import io

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from peerpath.audit.models import AuditEvent
from peerpath.intake.actions import do_publish_demo_ethics_document, do_sign_code_of_ethics
from peerpath.intake.models import Application, ApplicationDocument, ApplicationStatus

pytestmark = pytest.mark.django_db(transaction=True)

ABOUT = reverse("intake-apply-step", args=["about"])
EXPERIENCE = reverse("intake-apply-step", args=["experience"])
ORIENTATION = reverse("intake-apply-step", args=["orientation"])
DOCUMENTS = reverse("intake-apply-documents")
REVIEW = reverse("intake-apply-review")

ABOUT_DATA = {
    "legal_first_name": "Ana",
    "legal_last_name": "Ruiz",
    "preferred_name": "Ani",
    "pronouns": "she/her",
    "date_of_birth": "2004-05-01",
    "phone": "951-555-0123",
    "preferred_language": "es",
    "county": "Riverside",
    "zip_code": "92501",
    "heard_about": "A friend",
}
EXPERIENCE_DATA = {
    "lived_experience": "both",
    "diploma": "True",
    "internet_access": "True",
    "computer_skills": "True",
    "willing_to_share": "True",
    "commits_to_training": "True",
    "commits_to_certification": "True",
}


def png(name="id.png", size=(400, 300)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def upload(client, kind, file):
    return client.post(DOCUMENTS, {"kind": kind, "file": file})


@pytest.fixture
def signed_in(client, participant):
    client.force_login(participant)
    return client


def test_each_step_saves_a_draft_that_another_device_can_resume(signed_in, participant):
    response = signed_in.post(ABOUT, {**ABOUT_DATA, "phone": ""})
    assert response.status_code == 302 and response["Location"] == EXPERIENCE
    application = Application.objects.get(applicant=participant)
    assert application.status == ApplicationStatus.DRAFT
    assert application.legal_last_name == "Ruiz" and application.phone == ""
    from django.test import Client

    other_device = Client()
    other_device.force_login(participant)
    assert other_device.get(reverse("intake-apply"))["Location"] == ABOUT  # phone still missing
    html = other_device.get(ABOUT).content.decode()
    assert 'value="Ruiz"' in html


def test_finish_later_saves_and_leaves(signed_in, participant):
    response = signed_in.post(ABOUT, {"legal_first_name": "Ana", "finish_later": "1"})
    assert response["Location"] == reverse("web-home")
    assert Application.objects.get().legal_first_name == "Ana"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"date_of_birth": "2099-01-01"}, "date_of_birth", "can't be in the future"),
        ({"zip_code": "9250"}, "zip_code", "5-digit ZIP"),
        ({"phone": "call me"}, "phone", "Enter a phone number"),
        ({"legal_first_name": "<b>Ana</b>"}, "legal_first_name", "Use letters"),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field_and_keeps_the_rest(
    signed_in, data, field, message
):
    response = signed_in.post(ABOUT, {**ABOUT_DATA, **data})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert 'value="Riverside"' in html


def test_documents_are_checked_by_content_and_stored_privately(signed_in, participant):
    signed_in.get(reverse("intake-apply"))
    response = upload(signed_in, "photo_id", png("my license.png"))
    assert response.status_code == 302
    document = ApplicationDocument.objects.get()
    assert document.original_name == "my license.png"
    assert "license" not in document.file.name and document.file.name.endswith(".png")
    assert default_storage.exists(document.file.name)
    assert not document.file.name.startswith("/")

    fake = io.BytesIO(b"MZ\x90\x00" + b"\x00" * 500)
    fake.name = "diploma.pdf"
    response = upload(signed_in, "diploma", fake)
    assert response.status_code == 200
    assert "not one of those" in " ".join(response.context["form"].errors["file"])
    assert ApplicationDocument.objects.count() == 1

    download = signed_in.get(reverse("intake-apply-document", args=[document.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"


def test_a_document_is_labelled_with_the_type_found_and_stored_reencoded(signed_in):
    from peerpath.training.demo import DEMO_PDF

    signed_in.get(reverse("intake-apply"))
    disguised = io.BytesIO(DEMO_PDF)
    disguised.name = "invoice.exe"
    assert upload(signed_in, "diploma", disguised).status_code == 302
    photo = png("license.jpeg")
    photo = io.BytesIO(photo.getvalue() + b"appended bytes")
    photo.name = "license.jpeg"
    assert upload(signed_in, "photo_id", photo).status_code == 302
    diploma = ApplicationDocument.objects.get(kind="diploma")
    photo_id = ApplicationDocument.objects.get(kind="photo_id")
    assert diploma.original_name == "invoice.pdf"
    assert photo_id.original_name == "license.png"
    with photo_id.file.open("rb") as stored:
        content = stored.read()
    assert b"appended bytes" not in content and photo_id.size == len(content)
    download = signed_in.get(reverse("intake-apply-document", args=[diploma.pk]))
    assert 'filename="invoice.pdf"' in download["Content-Disposition"]


def test_another_participant_cannot_reach_a_document(client, participant, other_participant):
    client.force_login(participant)
    client.get(reverse("intake-apply"))
    upload(client, "photo_id", png())
    document = ApplicationDocument.objects.get()
    client.force_login(other_participant)
    assert client.get(reverse("intake-apply-document", args=[document.pk])).status_code == 404
    delete = reverse("intake-apply-delete-document", args=[document.pk])
    assert client.post(delete).status_code == 404
    assert ApplicationDocument.objects.count() == 1


@pytest.mark.parametrize("persona", ["advocate", "coordinator", "other_coordinator", "site_admin"])
def test_staff_do_not_use_the_applicant_pages(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in (reverse("intake-apply"), ABOUT, DOCUMENTS, REVIEW):
        assert client.get(url).status_code == 404


def test_review_lists_what_is_missing_and_refuses_an_incomplete_submission(signed_in):
    signed_in.post(ABOUT, ABOUT_DATA)
    html = signed_in.get(REVIEW).content.decode()
    assert "Still needed before you can submit" in html
    assert "Signed Code of Ethics" in html and "Government photo ID" in html
    signed_in.post(REVIEW)
    assert Application.objects.get().status == ApplicationStatus.DRAFT


def complete(client, participant):
    client.post(ABOUT, ABOUT_DATA)
    client.post(EXPERIENCE, EXPERIENCE_DATA)
    upload(client, "photo_id", png())
    upload(client, "diploma", png("diploma.png"))
    client.post(ORIENTATION, {"orientation_preference": "next_monday"})
    document = do_publish_demo_ethics_document()
    do_sign_code_of_ethics(participant, document, "Ana Ruiz", "127.0.0.1")


def test_a_complete_application_is_submitted_once_with_an_email_in_spanish(signed_in, participant):
    participant.language = "es"
    participant.save()
    complete(signed_in, participant)
    response = signed_in.post(REVIEW, follow=True)
    assert "Status: Submitted" in response.content.decode() or "Estado" in response.content.decode()
    application = Application.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED and application.submitted_at
    assert AuditEvent.objects.filter(action="application.submit", subject=participant).exists()
    signed_in.post(REVIEW)  # a double click
    call_command(
        "db_worker", batch=True, queue_name="*", reload=False, verbosity=0, startup_delay=False
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [participant.email]
    assert "solicitud" in mail.outbox[0].subject.lower()
    # Submitted applications are no longer editable.
    assert signed_in.get(ABOUT)["Location"] == REVIEW
    assert upload(signed_in, "photo_id", png()).status_code == 302
    assert ApplicationDocument.objects.count() == 2


def test_the_account_takes_the_legal_and_preferred_names(client, program):
    from peerpath.accounts.models import Role, User
    from peerpath.conftest import make_user

    person = make_user("new@example.org", Role.PARTICIPANT)
    client.force_login(person)
    client.post(ABOUT, {**ABOUT_DATA, "legal_first_name": "María José", "preferred_name": "Majo"})
    person = User.objects.get(pk=person.pk)
    assert person.full_name == "María José Ruiz" and person.display_name == "Majo"
    assert Application.objects.get(applicant=person).program == program


def test_own_documents_are_never_cached(signed_in):
    signed_in.get(reverse("intake-apply"))
    upload(signed_in, "photo_id", png())
    document = ApplicationDocument.objects.get()
    response = signed_in.get(reverse("intake-apply-document", args=[document.pk]))
    assert "no-store" in response["Cache-Control"]


def test_a_step_saved_from_a_stale_tab_does_not_undo_a_submission(signed_in, participant):
    from peerpath.intake.actions import StepRefused, do_save_application_step
    from peerpath.intake.forms import AboutYouForm

    complete(signed_in, participant)
    stale = Application.objects.get()
    form = AboutYouForm({**ABOUT_DATA, "phone": "951-555-7777"}, instance=stale)
    assert form.is_valid()
    signed_in.post(REVIEW)  # submitted from another tab in the meantime
    with pytest.raises(StepRefused):
        do_save_application_step(participant, form)
    application = Application.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED and application.submitted_at
    assert application.phone == "951-555-0123"


def test_saving_a_step_writes_only_that_steps_answers(signed_in, participant):
    from peerpath.intake.actions import do_save_application_step
    from peerpath.intake.forms import OrientationForm

    signed_in.post(ABOUT, ABOUT_DATA)
    stale = Application.objects.get()
    signed_in.post(EXPERIENCE, EXPERIENCE_DATA)  # another tab saves the next step
    form = OrientationForm({"orientation_preference": "contact_me"}, instance=stale)
    assert form.is_valid()
    do_save_application_step(participant, form)
    application = Application.objects.get()
    assert application.orientation_preference == "contact_me"
    assert application.lived_experience == "both" and application.diploma is True


def test_each_document_takes_a_few_files_not_unlimited(signed_in):
    from peerpath.intake.forms import MAX_FILES_PER_DOCUMENT

    signed_in.get(reverse("intake-apply"))
    for index in range(MAX_FILES_PER_DOCUMENT):
        assert upload(signed_in, "photo_id", png(f"side{index}.png")).status_code == 302
    response = upload(signed_in, "photo_id", png("one-more.png"))
    assert response.status_code == 200
    assert "Remove one to add another" in " ".join(response.context["form"].errors["kind"])
    assert ApplicationDocument.objects.count() == MAX_FILES_PER_DOCUMENT
    assert upload(signed_in, "diploma", png("diploma.png")).status_code == 302


def test_a_second_click_that_arrives_together_with_the_first_says_it_went_in(
    signed_in, participant, monkeypatch
):
    from peerpath.intake import views
    from peerpath.intake.actions import do_submit_application

    complete(signed_in, participant)
    stale = Application.objects.get()  # what the second request read, still a draft
    do_submit_application(participant, Application.objects.get())
    monkeypatch.setattr(views, "_application_for", lambda request: stale)
    response = signed_in.post(REVIEW, follow=True)
    html = response.content.decode()
    assert "Your application is submitted. Thank you!" in html
    assert "Some parts are still missing" not in html


def test_the_application_asks_about_dedication_to_recovery(signed_in, participant):
    signed_in.post(ABOUT, ABOUT_DATA)
    html = signed_in.get(EXPERIENCE).content.decode()
    assert "strongly dedicated to recovery" in html
    signed_in.post(EXPERIENCE, {**EXPERIENCE_DATA, "dedicated_to_recovery": "True"})
    assert Application.objects.get(applicant=participant).dedicated_to_recovery is True


def test_review_shows_every_answer_by_step_with_an_edit_link(signed_in):
    signed_in.post(ABOUT, ABOUT_DATA)
    signed_in.post(EXPERIENCE, EXPERIENCE_DATA)
    upload(signed_in, "photo_id", png())
    response = signed_in.get(REVIEW)
    html = response.content.decode()
    groups = {group["step"].code: dict(group["rows"]) for group in response.context["answers"]}
    assert list(groups) == ["about", "experience", "documents", "orientation"]
    about = {str(label): str(value) for label, value in groups["about"].items()}
    assert "Ani" in about.values() and "Riverside" in about.values() and "92501" in html
    assert "Yes" in {str(value) for value in groups["experience"].values()}
    assert "Not answered yet" in {str(value) for value in groups["orientation"].values()}
    for url in (ABOUT, EXPERIENCE, DOCUMENTS, ORIENTATION):
        assert f'href="{url}"' in html
    assert "Code of Ethics" in html and 'href="/start/ethics/?from=application"' in html
