"""The whole intake path in a real browser, on a phone: from "is this for me?" to enrolled."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image

from peerpath.accounts.models import Cohort, Organization, Program, Role
from peerpath.conftest import PASSWORD, make_user
from peerpath.intake.actions import do_publish_demo_ethics_document
from tests.browser.conftest import sign_in

TEXT = {
    "en": {
        "summary": "Your summary",
        "eligible": "Good news: you meet every requirement for the program.",
        "submitted": "Status: Submitted",
        "enrolled": "Status: Enrolled",
        "cohort_line": "You are enrolled in Winter cohort.",
    },
    "es": {
        "summary": "Su resumen",
        "eligible": "Buenas noticias",
        "submitted": "Estado: Enviada",
        "enrolled": "Estado: Inscrita",
        "cohort_line": "Usted está inscrito/a en Winter cohort.",
    },
}


def write_png(path):
    buffer = io.BytesIO()
    Image.new("RGB", (500, 320), "white").save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


@pytest.mark.parametrize("language", ["en", "es"])
def test_from_self_assessment_to_enrolled(phone, browser, live_server, tmp_path, language):
    organization = Organization.objects.create(name="Inland Peers", slug="inland")
    program = Program.objects.create(organization=organization, name="ESP", slug="esp")
    today = timezone.localdate()
    Cohort.objects.create(
        program=program,
        name="Winter cohort",
        starts_on=today + dt.timedelta(days=14),
        ends_on=today + dt.timedelta(days=100),
    )
    coordinator = make_user("alex@example.org", Role.COORDINATOR, organization=organization)
    advocate = make_user(
        "sam@example.org", Role.ADVOCATE, organization=organization, full_name="Sam Delgado"
    )
    do_publish_demo_ethics_document()
    text = TEXT[language]

    phone.goto("/")
    if language == "es":
        phone.get_by_role("button", name="Español").click()
        phone.wait_for_load_state()

    # Am I ready? Nothing is stored; the summary shows on the same page.
    phone.goto("/start/ready/")
    phone.locator("input[name=time_to_study][value=agree]").check()
    phone.locator("input[name=travel_for_training][value=not_sure]").check()
    phone.locator("form.readiness-form button[type=submit], form button[type=submit]").last.click()
    phone.get_by_role("heading", name=text["summary"]).wait_for()

    # Am I eligible?
    phone.goto("/start/eligibility/")
    phone.locator("input[name=birth_date]").fill(today.replace(year=today.year - 20).isoformat())
    phone.locator("input[name=lived_experience][value=consumer]").check()
    for name in (
        "diploma",
        "internet_access",
        "computer_skills",
        "willing_to_share",
        "commits_to_training",
        "commits_to_certification",
        "agrees_to_code_of_ethics",
    ):
        phone.locator(f"input[name={name}][value=yes]").check()
    phone.locator("main form button[type=submit]").click()
    assert text["eligible"] in phone.locator("#program-heading + p").inner_text()

    # Sign up and confirm the email address.
    phone.locator("a[href='/accounts/signup/']").first.click()
    phone.locator("input[name=email]").fill("lucia@example.org")
    phone.locator("input[name=password1]").fill(PASSWORD)
    phone.locator("input[name=password2]").fill(PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_load_state()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    phone.goto(link.replace("http://testserver", live_server.url))
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_load_state()
    if "/accounts/login/" in phone.url:
        phone.locator("input[name=login]").fill("lucia@example.org")
        phone.locator("input[name=password]").fill(PASSWORD)
        phone.locator("main form button[type=submit]").click()
        phone.wait_for_load_state()

    # The application, step by step.
    phone.goto("/start/apply/")
    phone.wait_for_url("**/start/apply/about/")
    phone.locator("input[name=legal_first_name]").fill("Lucía")
    phone.locator("input[name=legal_last_name]").fill("Ramos")
    phone.locator("input[name=date_of_birth]").fill(today.replace(year=today.year - 20).isoformat())
    phone.locator("input[name=phone]").fill("951-555-0123")
    phone.locator("select[name=preferred_language]").select_option(language)
    phone.locator("input[name=county]").fill("Riverside")
    phone.locator("input[name=zip_code]").fill("92501")
    phone.locator("main form button[type=submit]").first.click()
    phone.wait_for_url("**/start/apply/experience/")
    phone.locator("input[name=lived_experience][value=consumer]").check()
    for name in (
        "diploma",
        "internet_access",
        "computer_skills",
        "willing_to_share",
        "commits_to_training",
        "commits_to_certification",
    ):
        phone.locator(f"input[name={name}][value=True]").check()
    phone.locator("main form button[type=submit]").first.click()
    phone.wait_for_url("**/start/apply/documents/")
    for kind in ("photo_id", "diploma"):
        phone.locator("select[name=kind]").select_option(kind)
        phone.locator("input[name=file]").set_input_files(write_png(tmp_path / f"{kind}.png"))
        phone.locator("main form[enctype] button[type=submit]").click()
        phone.wait_for_load_state()
    assert phone.locator("main li a[href*='/start/apply/documents/']").count() == 2
    phone.goto("/start/apply/orientation/")
    phone.locator("input[name=orientation_preference][value=next_monday]").check()
    phone.locator("main form button[type=submit]").first.click()
    phone.wait_for_url("**/start/apply/review/")

    # The Code of Ethics, signed with the legal name, then submit.
    phone.locator("main a[href='/start/ethics/?from=application']").first.click()
    phone.locator("input[name=agree]").check()
    phone.locator("input[name=typed_name]").fill("Lucía Ramos")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_load_state()
    phone.goto("/start/apply/review/")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_load_state()
    assert text["submitted"] in phone.locator(".application-status").inner_text()

    # The coordinator, on another phone, decides and enrols.
    staff = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server.url, is_mobile=True
    ).new_page()
    sign_in(staff, coordinator)
    staff.goto("/staff/intake/")
    staff.get_by_role("link", name="Lucía Ramos").click()
    staff.locator("details:has(form[action$='/mark_eligible/']) summary").click()
    staff.locator("form[action$='/mark_eligible/'] button[type=submit]").click()
    # Wait for the page after the decision, where enrolment is offered.
    staff.locator("details:has(form[action$='/enrol/']) summary").wait_for()
    staff.locator("details:has(form[action$='/enrol/']) summary").click()
    staff.locator("select[name=enrol-cohort]").wait_for()
    cohort_select = staff.locator("select[name=enrol-cohort]")
    winter = cohort_select.locator("option", has_text="Winter cohort, starts")
    cohort_select.select_option(winter.get_attribute("value"))
    staff.locator("select[name=enrol-advocate]").select_option(label="Sam Delgado")
    staff.locator("form[action$='/enrol/'] button[type=submit]").click()
    staff.wait_for_load_state()
    assert "Sam Delgado" in staff.locator("main").inner_text()
    staff.context.close()

    # The participant sees that they are enrolled, in their language.
    phone.goto("/start/apply/review/")
    assert text["enrolled"] in phone.locator(".application-status").inner_text()
    assert text["cohort_line"] in phone.locator("main").inner_text()
    assert advocate.display_name in phone.locator("main").inner_text()
