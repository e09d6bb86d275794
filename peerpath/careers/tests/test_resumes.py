"""Building résumés: prefilled from the person's own records, edited, versioned, validated."""

import datetime as dt
import sys
import types

import pytest
from django.urls import reverse

from peerpath.careers import actions
from peerpath.careers.models import EntrySection, Resume, ResumeEntry
from peerpath.careers.tests.conftest import make_resume
from peerpath.certification.models import CertificationCase
from peerpath.intake.models import Application

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(participant, program):
    return Application.objects.create(
        applicant=participant,
        program=program,
        legal_first_name="Ana",
        legal_last_name="Ruiz",
        phone="(951) 555-0199",
        county="Riverside",
        lived_experience="consumer",
        willing_to_share=True,
    )


def test_a_new_resume_starts_from_the_persons_own_records(client, participant, application):
    CertificationCase.objects.create(
        participant=participant,
        certified_on=dt.date(2026, 5, 20),
        certification_number="PSS-12345",
        training_completed=dt.date(2026, 1, 30),
    )
    client.force_login(participant)
    response = client.post(
        reverse("careers-new-resume"), {"title": "General", "language": "en"}, follow=True
    )
    resume = Resume.objects.get(participant=participant)
    assert response.redirect_chain[-1][0] == reverse("careers-edit-resume", args=[resume.pk])
    assert (resume.full_name, resume.email, resume.phone, resume.location) == (
        "Ana Ruiz",
        "ana@example.org",
        "(951) 555-0199",
        "Riverside County, California",
    )
    entries = {e.section: e for e in resume.entries.all()}
    certification = entries[EntrySection.CERTIFICATION]
    assert certification.title == "Certified Medi-Cal Peer Support Specialist"
    assert certification.organization == "CalMHSA"
    assert certification.end_on == dt.date(2026, 5, 20)
    assert certification.details == "Certification number PSS-12345"
    # Without the training app, the tracker's core training date is used.
    assert entries[EntrySection.TRAINING].end_on == dt.date(2026, 1, 30)


def test_nothing_about_health_or_lived_experience_is_ever_prefilled(participant, application):
    resume = actions.do_create_resume(participant, "General", "en")
    assert resume.include_lived_experience is False
    assert resume.lived_experience == ""
    texts = " ".join(
        [resume.summary, resume.core_qualifications, resume.skills]
        + [f"{e.title} {e.details}" for e in resume.entries.all()]
    ).lower()
    for word in ("consumer", "diagnos", "lived", "mental", "substance"):
        assert word not in texts


def test_a_spanish_resume_is_prefilled_in_spanish(participant, application):
    CertificationCase.objects.create(participant=participant, certified_on=dt.date(2026, 5, 20))
    resume = actions.do_create_resume(participant, "General", "es")
    assert resume.location == "Condado de Riverside, California"
    title = resume.entries.get(section=EntrySection.CERTIFICATION).title
    assert title == "Especialista en Apoyo entre Pares de Medi-Cal certificado"


def test_trainings_come_from_the_training_app_when_it_is_installed(participant, monkeypatch):
    progress = types.ModuleType("peerpath.training.progress")
    progress.completed_trainings = lambda person: [
        ("Core peer support training (80 hours)", "WERC", dt.date(2026, 3, 1)),
        ("Parent, Caregiver and Family specialization", "CalMHSA", None),
    ]
    package = types.ModuleType("peerpath.training")
    monkeypatch.setitem(sys.modules, "peerpath.training", package)
    monkeypatch.setitem(sys.modules, "peerpath.training.progress", progress)
    from django.apps import apps

    monkeypatch.setattr(apps, "is_installed", lambda name: name == "peerpath.training")
    CertificationCase.objects.create(
        participant=participant, training_completed=dt.date(2026, 1, 1)
    )
    resume = actions.do_create_resume(participant, "General", "en")
    trainings = resume.entries.filter(section=EntrySection.TRAINING).order_by("title")
    assert [(t.title, t.organization, t.end_on) for t in trainings] == [
        ("Core peer support training (80 hours)", "WERC", dt.date(2026, 3, 1)),
        ("Parent, Caregiver and Family specialization", "CalMHSA", None),
    ]


def test_a_person_with_no_records_gets_their_account_details_only(participant):
    resume = actions.do_create_resume(participant, "General", "en")
    assert (resume.full_name, resume.email, resume.phone) == ("Ana Ruiz", "ana@example.org", "")
    assert not resume.entries.exists()


def test_editing_saves_and_survives_a_reload(client, participant):
    resume = make_resume(participant)
    client.force_login(participant)
    url = reverse("careers-edit-resume", args=[resume.pk])
    data = {
        "title": "Wellness centers",
        "language": "es",
        "full_name": "Ana Ruiz",
        "email": "ana@example.org",
        "summary": "Línea uno\r\nLínea dos",
        "include_lived_experience": "on",
        "lived_experience": "Mi recuperación me ayuda a conectar.",
    }
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Draft saved at" in response.content.decode()
    resume.refresh_from_db()
    assert resume.summary == "Línea uno\nLínea dos"
    assert resume.include_lived_experience is True
    page = client.get(url).content.decode()
    assert "Línea uno" in page and 'value="Wellness centers"' in page
    # Without JavaScript the Save button posts the same form and comes back to the page.
    response = client.post(url, {**data, "title": "Clinics"})
    assert response.status_code == 302
    resume.refresh_from_db()
    assert resume.title == "Clinics"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "summary",
            "x" * 2501,
            "Please shorten this to 2500 characters or fewer. It has 2501 now.",
        ),
        ("email", "not-an-email", "Enter an email address like name@example.org."),
        ("title", "", "Give this version a name."),
        ("full_name", "n" * 201, "Please shorten this to 200 characters or fewer."),
        ("summary", "nul\x00byte", "Null characters are not allowed."),
    ],
)
def test_bad_resume_input_gets_a_message_next_to_the_field(
    client, participant, field, value, message
):
    resume = make_resume(participant, summary="Kept")
    client.force_login(participant)
    data = {"title": "General", "language": "en", field: value}
    response = client.post(reverse("careers-edit-resume", args=[resume.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors[field]
    resume.refresh_from_db()
    assert resume.summary == "Kept"
    # The autosave says what is wrong instead of saving half of it.
    response = client.post(
        reverse("careers-edit-resume", args=[resume.pk]), data, HTTP_HX_REQUEST="true"
    )
    assert "Not saved yet" in response.content.decode()


def test_a_two_thousand_character_summary_is_accepted(client, participant):
    resume = make_resume(participant)
    client.force_login(participant)
    client.post(
        reverse("careers-edit-resume", args=[resume.pk]),
        {"title": "General", "language": "en", "summary": "word " * 399 + "words"},
    )
    resume.refresh_from_db()
    assert len(resume.summary) == 2000


def test_adding_editing_and_removing_a_job(client, participant):
    resume = make_resume(participant)
    client.force_login(participant)
    add = reverse("careers-add-entry", args=[resume.pk, "work"])
    response = client.post(
        add,
        {
            "title": "Peer Support Specialist",
            "organization": "TRF Recovery",
            "location": "Riverside, CA",
            "start_on": "2018-07",
            "end_on": "2020-09",
            "details": "- Met with clients one-on-one\n- Helped write WRAP plans",
        },
    )
    assert response.status_code == 302
    job = ResumeEntry.objects.get(resume=resume)
    assert (job.start_on, job.end_on) == (dt.date(2018, 7, 1), dt.date(2020, 9, 1))
    edit = reverse("careers-edit-entry", args=[resume.pk, job.pk])
    assert 'value="2018-07"' in client.get(edit).content.decode()
    client.post(edit, {"title": "Peer Specialist", "start_on": "2018-07"})
    job.refresh_from_db()
    assert job.title == "Peer Specialist" and job.end_on is None
    client.post(edit, {"delete": "1"})
    assert not ResumeEntry.objects.filter(resume=resume).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"start_on": "2021-05", "end_on": "2020-01"}, "end_on", "before the start date"),
        ({"start_on": "May 2020"}, "start_on", "Enter a month like 2024-06."),
        ({"start_on": "1890-01"}, "start_on", "Please check the year."),
        ({"title": ""}, "title", "This is needed."),
        ({"details": "d" * 3001}, "details", "Please shorten this to 3000 characters"),
    ],
)
def test_bad_entries_are_refused_with_a_message(client, participant, data, field, message):
    resume = make_resume(participant)
    client.force_login(participant)
    response = client.post(
        reverse("careers-add-entry", args=[resume.pk, "work"]), {"title": "Job", **data}
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not ResumeEntry.objects.exists()


def test_an_unknown_section_is_a_404(client, participant):
    resume = make_resume(participant)
    client.force_login(participant)
    assert client.get(reverse("careers-add-entry", args=[resume.pk, "hobbies"])).status_code == 404


def test_several_versions_copies_and_deleting_one(client, participant):
    resume = make_resume(participant, title="General")
    ResumeEntry.objects.create(resume=resume, section=EntrySection.WORK, title="Barista")
    client.force_login(participant)
    response = client.post(reverse("careers-copy-resume", args=[resume.pk]))
    copy = Resume.objects.exclude(pk=resume.pk).get()
    assert response["Location"] == reverse("careers-edit-resume", args=[copy.pk])
    assert copy.title == "Copy of General"
    assert list(copy.entries.values_list("title", flat=True)) == ["Barista"]
    listing = client.get(reverse("careers-list-resumes")).content.decode()
    assert "Copy of General" in listing and ">General<" in listing
    client.post(reverse("careers-delete-resume", args=[copy.pk]))
    assert list(Resume.objects.values_list("title", flat=True)) == ["General"]
    assert ResumeEntry.objects.count() == 1


def test_the_number_of_versions_is_capped_with_a_message(client, participant):
    for index in range(actions.MAX_RESUMES):
        make_resume(participant, title=f"V{index}")
    client.force_login(participant)
    response = client.post(reverse("careers-new-resume"), {"title": "One more", "language": "en"})
    assert response.status_code == 200
    assert "Delete one you no longer need first." in response.content.decode()
    assert Resume.objects.count() == actions.MAX_RESUMES


def test_downloads_in_three_formats(client, participant):
    resume = make_resume(participant, summary="Ready to help.")
    client.force_login(participant)
    pdf = client.get(reverse("careers-download-resume", args=[resume.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="ana-ruiz-resume.pdf"'
    assert pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("careers-download-resume", args=[resume.pk, "docx"]))
    assert docx.content.startswith(b"PK")
    text = client.get(reverse("careers-download-resume", args=[resume.pk, "txt"]))
    assert "Ready to help." in text.content.decode()
    assert (
        client.get(reverse("careers-download-resume", args=[resume.pk, "exe"])).status_code == 404
    )


def test_preview_shows_the_same_content(client, participant):
    resume = make_resume(participant, summary="Ready to help.", skills="Listening\nOutreach")
    client.force_login(participant)
    html = client.get(reverse("careers-preview-resume", args=[resume.pk])).content.decode()
    assert "Ready to help." in html and "Listening · Outreach" in html
    assert reverse("careers-download-resume", args=[resume.pk, "docx"]) in html


def test_a_prefill_longer_than_a_field_is_shortened_to_fit(participant, program):
    participant.full_name = ""
    participant.save(update_fields=["full_name"])
    Application.objects.create(
        applicant=participant,
        program=program,
        legal_first_name="A" * 100,
        legal_last_name="B" * 100,
    )
    resume = actions.do_create_resume(participant, "General", "en")
    resume.refresh_from_db()
    assert resume.full_name == "A" * 100 + " " + "B" * 99


def test_the_prefill_follows_the_programs_state(participant, program):
    program.jurisdiction = "PA"
    program.save(update_fields=["jurisdiction"])
    Application.objects.create(applicant=participant, program=program, county="Allegheny")
    CertificationCase.objects.create(
        participant=participant, training_completed=dt.date(2026, 1, 30)
    )
    resume = actions.do_create_resume(participant, "General", "en")
    assert resume.location == "Allegheny County, Pennsylvania"
    training = resume.entries.get(section=EntrySection.TRAINING)
    assert training.title == "75-hour Peer Support Specialist core training"
    spanish = actions.do_create_resume(participant, "General", "es")
    assert spanish.location == "Condado de Allegheny, Pennsylvania"
