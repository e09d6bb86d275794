"""On a phone: a participant logs training hours and submits a timesheet, their advocate
approves it, and the participant sees their progress."""

import datetime as dt
from decimal import Decimal

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from peerpath.accounts.models import Organization, Program, Role
from peerpath.catalog.models import Provider
from peerpath.conftest import make_user
from peerpath.training.models import Training, WorkPlacement
from tests.browser.conftest import sign_in


def serious_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {v['help']}" for v in violations if v.get("impact") in {"serious", "critical"}
    ]


def test_hours_logged_and_approved_show_as_progress(phone, transactional_db):
    organization = Organization.objects.create(name="Inland Peers", slug="inland")
    program = Program.objects.create(organization=organization, name="ESP", slug="esp")
    advocate = make_user("sam@example.org", Role.ADVOCATE, organization=organization)
    person = make_user(
        "ana@example.org",
        Role.PARTICIPANT,
        program=program,
        advocate=advocate,
        full_name="Ana Ruiz",
    )
    provider = Provider.objects.create(
        slug="academy", name="Inland Academy", approved_for_core=True
    )
    Training.objects.create(
        participant=person, kind="core", provider=provider, status="in_progress"
    )
    today = timezone.localdate()
    WorkPlacement.objects.create(
        participant=person,
        site="Wellness Center",
        role="Peer intern",
        supervisor_name="Rosa Diaz",
        starts_on=today - dt.timedelta(days=30),
        pay_rate=Decimal("18.50"),
    )

    sign_in(phone, person)
    phone.get_by_role("link", name="Hours").click()
    phone.wait_for_url("**/hours/")
    phone.get_by_role("link", name="Core 80-hour training").click()
    phone.get_by_role("textbox", name="Date", exact=True).fill(today.isoformat())
    phone.get_by_role("spinbutton", name="Hours", exact=True).fill("4.5")
    phone.get_by_role("button", name="Save hours").click()
    phone.get_by_text("Your hours are saved.").wait_for()
    assert "4.5 of 80 hours, 0 verified" in phone.locator("main").inner_text()

    phone.get_by_role("link", name="My trainings and hours").click()
    phone.get_by_role("button", name="Add work hours").click()
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    phone.get_by_role("textbox", name="Date", exact=True).fill(yesterday)
    phone.get_by_role("spinbutton", name="Hours", exact=True).fill("6")
    phone.get_by_label("What you did").fill("Shadowed the front desk")
    phone.get_by_role("button", name="Add hours").click()
    phone.get_by_text("Your hours are added to the timesheet.").wait_for()
    phone.get_by_role("button", name="Submit for approval").click()
    phone.get_by_text("Your timesheet is submitted.").wait_for()
    assert serious_violations(phone) == []
    phone.get_by_role("button", name="Sign out").click()
    phone.wait_for_load_state()

    sign_in(phone, advocate)
    phone.goto("/staff/")
    phone.get_by_role("link", name="Timesheets waiting for approval").click()
    row = phone.locator(".timesheet-row", has_text="Ana Ruiz")
    assert "total 6 h" in row.inner_text()
    assert serious_violations(phone) == []
    row.get_by_role("button", name="Approve").click()
    phone.locator(".timesheet-row", has_text="Ana Ruiz").get_by_text("Approved").wait_for()
    phone.get_by_role("button", name="Sign out").click()
    phone.wait_for_load_state()

    sign_in(phone, person)
    phone.goto("/hours/")
    progress = phone.locator(".hours-progress").inner_text()
    assert "4.5 of 80 hours, 0 verified" in progress
    assert "6 hours approved, 0 waiting for approval" in progress
    assert phone.locator("progress").first.get_attribute("value") == "4.5"
    assert serious_violations(phone) == []
