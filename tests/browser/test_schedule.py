import datetime as dt

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from peerpath.accounts.models import Organization, Program, Role
from peerpath.conftest import make_user
from peerpath.intake.models import Application
from peerpath.schedule.models import Booking, ScheduleSettings, SessionSeries, program_zone
from tests.browser.conftest import sign_in

JOIN_URL = "https://meet.example.org/esp-browser"


def test_an_applicant_books_an_orientation_and_sees_it_in_the_calendar(phone, transactional_db):
    organization = Organization.objects.create(name="Inland Peers", slug="inland")
    program = Program.objects.create(organization=organization, name="ESP", slug="esp")
    ScheduleSettings.objects.create(program=program, join_url=JOIN_URL, passcode="PEER")
    today = timezone.now().astimezone(program_zone(program)).date()
    # Every day at 23:00, so there is always one ahead, whatever day the test runs.
    orientation = SessionSeries.objects.create(
        program=program,
        kind="orientation",
        title="Orientation",
        title_es="Orientación",
        recurrence="FREQ=DAILY",
        starts_on=today,
        start_time=dt.time(23, 0),
        end_time=dt.time(23, 45),
        bookable=True,
        capacity=10,
    )
    # Applying through the intake: the program is on the application until enrolment.
    applicant = make_user("cam@example.org", Role.PARTICIPANT)
    Application.objects.create(applicant=applicant, program=program, status="submitted")

    sign_in(phone, applicant)
    phone.get_by_role("link", name="Sessions").click()
    phone.wait_for_url("**/sessions/")
    assert JOIN_URL not in phone.content()
    assert not Axe().run(phone).violations_count, Axe().run(phone).generate_report()

    tomorrow = today + dt.timedelta(days=1)
    card = phone.locator("article.session").filter(
        has=phone.locator(f'a[href="/sessions/{orientation.pk}/{tomorrow.isoformat()}/"]')
    )
    if tomorrow.weekday() == 0:  # the week view ends on Sunday: tomorrow is next week
        phone.get_by_role("link", name="List").click()
    card.get_by_role("button", name="Book a place").click()
    phone.get_by_text("You are booked for Orientation").wait_for()
    assert Booking.objects.filter(user=applicant, occurrence_date=tomorrow).exists()

    phone.get_by_role("link", name="List").click()
    booked = phone.locator("article.session", has_text="You are booked")
    assert booked.count() == 1
    booked.get_by_role("link", name="Orientation").click()
    join = phone.get_by_role("button", name="Join the video call")
    assert join.get_attribute("href") == JOIN_URL
    assert "Every day" in phone.content()
    assert not Axe().run(phone).violations_count

    phone.get_by_role("button", name="Cancel my booking").click()
    phone.get_by_text("Your booking is cancelled.").wait_for()
    assert not Booking.objects.filter(user=applicant, cancelled_at__isnull=True).exists()
    assert JOIN_URL not in phone.content()
