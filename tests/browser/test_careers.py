import datetime as dt
import io

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from peerpath.accounts.models import Organization, Program, Role
from peerpath.certification.models import CertificationCase
from peerpath.conftest import make_user
from peerpath.intake.models import Application, ApplicationStatus

from .conftest import sign_in


def demo_like_participant():
    """Someone like the demo's Jordan: enrolled, with an application and a certification."""
    organization = Organization.objects.create(name="Demo Peer Network", slug="demo")
    program = Program.objects.create(organization=organization, name="ESP", slug="esp")
    advocate = make_user("sam@example.org", Role.ADVOCATE, organization=organization)
    person = make_user(
        "jordan@example.org",
        Role.PARTICIPANT,
        program=program,
        advocate=advocate,
        full_name="Jordan Rivera",
    )
    Application.objects.create(
        applicant=person,
        program=program,
        status=ApplicationStatus.ENROLLED,
        legal_first_name="Jordan",
        legal_last_name="Rivera",
        phone="(951) 555-0142",
        county="Riverside",
        lived_experience="consumer",
    )
    CertificationCase.objects.create(
        participant=person,
        certified_on=timezone.localdate() - dt.timedelta(days=40),
        certification_number="PSS-2040",
    )
    return person


def serious_violations(page) -> list[str]:
    return [
        f"{v['id']}: {v['help']}"
        for v in Axe().run(page).response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]


def test_participant_builds_a_resume_and_downloads_the_pdf(phone, transactional_db, tmp_path):
    from pypdf import PdfReader

    person = demo_like_participant()
    sign_in(phone, person)
    phone.get_by_role("link", name="Careers").first.click()
    phone.wait_for_url("**/careers/")
    phone.get_by_role("link", name="My résumés").click()
    phone.get_by_label("Name of this version").fill("Peer support specialist")
    phone.get_by_role("button", name="Start my résumé").click()
    phone.get_by_text("Your résumé is started").wait_for()
    # Started from the person's own records.
    assert phone.get_by_label("Name", exact=True).input_value() == "Jordan Rivera"
    assert phone.get_by_label("Phone").input_value() == "(951) 555-0142"
    assert "Certified Medi-Cal Peer Support Specialist" in phone.locator("main").inner_text()
    assert serious_violations(phone) == []

    phone.get_by_label("Summary").fill("Warm, dependable and ready to walk beside people.")
    phone.locator("#resume-status").get_by_text("Draft saved at").wait_for()
    phone.get_by_role("link", name="Add to work experience").click()
    phone.get_by_label("Job title").fill("Peer mentor")
    phone.get_by_label("Employer").fill("Riverside Wellness Club")
    phone.get_by_label("Started (month)").fill("2024-09")
    phone.get_by_label("Ended (month)").fill("2024-01")
    phone.get_by_role("button", name="Save").click()
    assert "before the start date" in phone.locator("#id_end_on_error").inner_text()
    phone.get_by_label("Ended (month)").fill("")
    phone.get_by_label("What you did and achieved").fill("Met weekly with first-year students")
    phone.get_by_role("button", name="Save").click()
    phone.get_by_text("Added.").wait_for()

    with phone.expect_download() as download_info:
        phone.get_by_role("button", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename == "jordan-rivera-resume.pdf"
    path = tmp_path / "resume.pdf"
    download.save_as(path)
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 1
    for expected in [
        "Jordan Rivera",
        "Riverside County, California",
        "Warm, dependable and ready to walk beside people.",
        "Peer mentor",
        "Met weekly with first-year students",
        "09/2024 – present",
        "Certified Medi-Cal Peer Support Specialist",
        "Certification number PSS-2040",
    ]:
        assert expected in text, expected


def test_worksheet_drafts_save_while_typing_and_survive_a_reload(phone, transactional_db):
    person = demo_like_participant()
    sign_in(phone, person)
    phone.goto("/careers/interview/")
    phone.get_by_label("Bring two printed copies of your résumé and a pen.").check()
    phone.locator("#tips-status").get_by_text("Draft saved at").wait_for()
    phone.get_by_label("Key point 1").fill("I show up and follow through")
    phone.get_by_label("Why I am unique").fill("I came back to school and now help others do it.")
    phone.locator("#worksheet-status").get_by_text("Draft saved at").wait_for()
    phone.reload()
    assert phone.get_by_label("Key point 1").input_value() == "I show up and follow through"
    assert "came back to school" in phone.get_by_label("Why I am unique").input_value()
    assert phone.get_by_label("Bring two printed copies of your résumé and a pen.").is_checked()
    assert serious_violations(phone) == []
