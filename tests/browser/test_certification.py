import datetime as dt

from django.utils import timezone

from peerpath.accounts.models import Organization, Program, Role
from peerpath.certification.models import CertificationCase
from peerpath.conftest import PASSWORD, make_user
from peerpath.lib.dates import add_months


def test_participant_records_a_failed_attempt_and_sees_what_is_left(phone, transactional_db):
    organization = Organization.objects.create(name="Inland Peers", slug="inland")
    program = Program.objects.create(organization=organization, name="ESP", slug="esp")
    person = make_user("ana@example.org", Role.PARTICIPANT, program=program)
    today = timezone.localdate()
    approved = today - dt.timedelta(days=100)
    CertificationCase.objects.create(
        participant=person,
        application_submitted=approved - dt.timedelta(days=20),
        application_completed=approved - dt.timedelta(days=10),
        application_approved=approved,
        training_completed=approved - dt.timedelta(days=30),
    )
    phone.goto("/accounts/login/")
    phone.get_by_label("Email").fill("ana@example.org")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign In").click()
    phone.wait_for_url("**/")
    phone.get_by_role("link", name="Certification").click()
    phone.wait_for_url("**/certification/")
    assert "3 exam attempts left" in phone.locator(".next-step").inner_text()

    phone.get_by_text("Add an exam attempt").click()
    phone.get_by_label("Exam date").fill((today - dt.timedelta(days=5)).isoformat())
    phone.get_by_label("Not passed this time").check()
    phone.get_by_role("button", name="Save attempt").click()
    phone.get_by_text("The exam attempt is saved.").wait_for()
    assert "You have 2 exam attempts left" in phone.locator(".next-step").inner_text()
    deadlines = phone.locator(".deadlines").inner_text()
    last_request = add_months(approved, 12) - dt.timedelta(days=14)
    first = phone.locator(".deadlines li").first
    assert "Last day to request the exam" in first.inner_text()
    assert first.locator("time").get_attribute("datetime") == last_request.isoformat()
    assert f"{(last_request - today).days} days left" in deadlines
