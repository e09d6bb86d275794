"""Signed-in pages of intake, the caseload and failed emails have no serious accessibility
problems."""

import datetime as dt

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from peerpath.accounts.models import Cohort, Organization, Program, Role
from peerpath.conftest import make_user
from peerpath.intake.models import Application, ApplicationStatus
from peerpath.participants.models import ContactNote
from tests.browser.conftest import sign_in


def serious_violations(page, paths):
    axe = Axe()
    problems = {}
    for path in paths:
        page.goto(path)
        found = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])})"
            for v in axe.run(page).response["violations"]
            if v.get("impact") in {"serious", "critical"}
        ]
        if found:
            problems[path] = found
    return problems


def test_caseload_record_queue_and_home_are_accessible(phone, browser, live_server):
    organization = Organization.objects.create(name="Inland Peers", slug="inland")
    program = Program.objects.create(organization=organization, name="ESP", slug="esp")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        program=program, name="Winter", starts_on=today, ends_on=today + dt.timedelta(days=60)
    )
    coordinator = make_user("alex@example.org", Role.COORDINATOR, organization=organization)
    advocate = make_user("sam@example.org", Role.ADVOCATE, organization=organization)
    person = make_user(
        "ana@example.org",
        Role.PARTICIPANT,
        program=program,
        cohort=cohort,
        advocate=advocate,
        full_name="Ana Ruiz",
    )
    Application.objects.create(applicant=person, program=program, status="enrolled")
    applicant = make_user("ben@example.org", Role.PARTICIPANT, full_name="Ben Ortiz")
    waiting = Application.objects.create(
        applicant=applicant,
        program=program,
        status=ApplicationStatus.SUBMITTED,
        submitted_at=timezone.now(),
        date_of_birth=dt.date(2004, 1, 1),
    )
    ContactNote.objects.create(
        participant=person,
        author=advocate,
        contacted_on=today,
        mode="phone",
        minutes=5,
        summary="Check-in",
    )

    from peerpath.notifications.actions import do_notify

    failed = do_notify(person, "test", lambda: ("Exam window closes", "Body."))
    type(failed).objects.filter(pk=failed.pk).update(
        email_failed_at=timezone.now(), email_error="550 no such user", email_attempts=1
    )

    sign_in(phone, coordinator)
    staff_pages = [
        "/staff/emails/failed/",
        "/staff/caseload/",
        f"/staff/people/{person.pk}/",
        "/staff/intake/",
        f"/staff/intake/{waiting.pk}/",
        "/staff/intake/cohorts/",
    ]
    assert serious_violations(phone, staff_pages) == {}

    own = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = own.new_page()
    sign_in(page, person)
    assert serious_violations(page, ["/me/", "/me/viewed/", "/start/ready/kept/"]) == {}
    own.close()
