"""A participant manages consents and asks for their data on a phone; staff share under
a consent. The pages have no serious accessibility problems."""

import datetime as dt

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from peerpath.accounts.models import Organization, Program, Role
from peerpath.conftest import make_user
from peerpath.privacy.models import Consent, DataExport, SharingRecord
from tests.browser.conftest import sign_in


def serious(page) -> list[str]:
    return [
        f"{v['id']}: {v['help']}"
        for v in Axe().run(page).response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]


def test_consent_export_and_sharing(phone, browser, live_server):
    organization = Organization.objects.create(name="Inland Peers", slug="inland")
    program = Program.objects.create(organization=organization, name="ESP", slug="esp")
    advocate = make_user("sam@example.org", Role.ADVOCATE, organization=organization)
    person = make_user(
        "ana@example.org", Role.PARTICIPANT, program=program, advocate=advocate, full_name="Ana"
    )

    sign_in(phone, person)
    phone.goto("/me/")
    phone.get_by_role("link", name="Your data and privacy").click()
    assert serious(phone) == []
    phone.get_by_role("button", name="Prepare my data").click()
    phone.get_by_text("We are preparing your data").wait_for()
    assert DataExport.objects.filter(participant=person).exists()

    phone.get_by_role("link", name="Give a new consent").click()
    phone.get_by_role("button", name="Save my consent").click()
    phone.get_by_text("Enter the name of the person or organization.", exact=True).wait_for()
    assert serious(phone) == []
    phone.get_by_label("An employer").check()
    phone.get_by_label("Name of the person or organization").fill("Riverside Clinic")
    phone.get_by_label("Their email address").fill("hiring@riverside.example")
    phone.get_by_label("A summary of my training hours").check()
    phone.get_by_label("For what purpose").fill("Peer specialist job")
    until = timezone.localdate() + dt.timedelta(days=30)
    phone.get_by_label("Until").fill(until.isoformat())
    phone.get_by_role("button", name="Save my consent").click()
    phone.get_by_role("heading", name="Current consents").wait_for()
    consent = Consent.objects.get(participant=person)
    assert consent.items == ["hours"]

    staff = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = staff.new_page()
    sign_in(page, advocate)
    page.goto(f"/staff/people/{person.pk}/share/")
    assert serious(page) == []
    page.get_by_label("What to send").select_option("hours")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Sent, and recorded").wait_for()
    assert SharingRecord.objects.filter(consent=consent).count() == 1
    staff.close()

    phone.reload()
    phone.get_by_role("cell", name="Summary of training hours").wait_for()
    phone.get_by_role("button", name="Withdraw consent for Riverside Clinic").click()
    phone.get_by_text("Consent withdrawn").wait_for()
    consent.refresh_from_db()
    assert consent.revoked_at is not None
