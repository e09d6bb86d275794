"""A new person's first steps on a 390 px phone, in Spanish: the crisis line and the quick
exit on the first screen of every page, sign-up that says where the email went, form
errors summed up at the top with the focus on them, and a submitted application."""

import io
import re

from django.core import mail
from django.utils import timezone
from PIL import Image

from peerpath.accounts.models import Organization, Program
from peerpath.conftest import PASSWORD
from peerpath.intake.actions import do_publish_demo_ethics_document

VIEWPORT_HEIGHT = 844


def on_first_screen(page, selector):  # type: ignore[no-untyped-def]
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT_HEIGHT


def assert_safety_first(page):  # type: ignore[no-untyped-def]
    page.evaluate("window.scrollTo(0, 0)")
    assert on_first_screen(page, "header .crisis-line a[href='tel:988']"), page.url
    assert on_first_screen(page, "header a.quick-exit"), page.url


def write_png(path):  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    Image.new("RGB", (500, 320), "white").save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_quick_exit_leaves_and_replaces_the_page_in_the_history(phone):
    phone.route("https://www.google.com/**", lambda route: route.fulfill(body="weather"))
    phone.goto("/")
    phone.goto("/learn/")
    phone.locator("header a.quick-exit").click()
    phone.wait_for_url("https://www.google.com/**")
    phone.go_back()
    phone.wait_for_load_state()
    assert not phone.url.endswith("/learn/")


def test_spanish_sign_up_to_submitted_application_on_a_phone(phone, live_server, tmp_path):
    organization = Organization.objects.create(name="Inland Peers", slug="inland")
    Program.objects.create(organization=organization, name="ESP", slug="esp")
    do_publish_demo_ethics_document()
    today = timezone.localdate()

    phone.goto("/")
    phone.get_by_role("button", name="Español").click()
    phone.wait_for_load_state()
    assert_safety_first(phone)
    assert phone.locator("header a.quick-exit").inner_text().startswith("Salida rápida")

    # A mistake on sign-up: the summary at the top gets the focus and links to the field.
    phone.goto("/accounts/signup/")
    assert_safety_first(phone)
    phone.locator("input[name=email]").fill("lucia@example.org")
    phone.locator("input[name=password1]").fill(PASSWORD)
    phone.locator("input[name=password2]").fill(PASSWORD + "x")
    phone.locator("main form button[type=submit]").click()
    phone.locator("#error-summary").wait_for()
    assert phone.evaluate("document.activeElement.id") == "error-summary"
    assert "Por favor, corrija lo siguiente" in phone.locator("#error-summary").inner_text()
    assert on_first_screen(phone, "#error-summary")

    phone.locator("input[name=password1]").fill(PASSWORD)
    phone.locator("input[name=password2]").fill(PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.get_by_role("heading", name="Revise su correo electrónico").wait_for()
    assert "lucia@example.org" in phone.locator("main").inner_text()
    assert_safety_first(phone)
    body = mail.outbox[-1].body
    assert "PeerPath" in body and "vete a" not in body

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", body).group(0)
    phone.goto(link.replace("http://testserver", live_server.url))
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_load_state()
    if "/accounts/login/" in phone.url:
        phone.locator("input[name=login]").fill("lucia@example.org")
        phone.locator("input[name=password]").fill(PASSWORD)
        phone.locator("main form button[type=submit]").click()
        phone.wait_for_load_state()

    phone.goto("/start/apply/")
    phone.wait_for_url("**/start/apply/about/")
    assert_safety_first(phone)
    phone.locator("input[name=legal_first_name]").fill("Lucía")
    phone.locator("input[name=legal_last_name]").fill("Ramos")
    phone.locator("input[name=date_of_birth]").fill(today.replace(year=today.year - 20).isoformat())
    phone.locator("input[name=phone]").fill("951-555-0123")
    phone.locator("select[name=preferred_language]").select_option("es")
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
        "dedicated_to_recovery",
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
    phone.goto("/start/apply/orientation/")
    phone.locator("input[name=orientation_preference][value=next_monday]").check()
    phone.locator("main form button[type=submit]").first.click()
    phone.wait_for_url("**/start/apply/review/")
    phone.locator("main a[href='/start/ethics/?from=application']").first.click()
    phone.locator("input[name=agree]").check()
    phone.locator("input[name=typed_name]").fill("Lucía Ramos")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_load_state()
    phone.goto("/start/apply/review/")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_load_state()
    assert "Estado: Enviada" in phone.locator(".application-status").inner_text()
    assert_safety_first(phone)

    # Her home greets her by name and tells one next step.
    phone.goto("/me/")
    assert "lucia@example.org" not in phone.locator("h1").inner_text()
    assert phone.locator(".next-step .next-action").count() == 1
    assert_safety_first(phone)
