"""Several programs in one installation: the applicant chooses one (or follows its
link), and the application, the intake queue and the sessions follow that choice."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.accounts.models import Cohort, Program, Role
from peerpath.conftest import make_user
from peerpath.intake.actions import do_enrol_applicant
from peerpath.intake.models import Application, ApplicationStatus
from peerpath.schedule.models import SessionKind, SessionSeries

APPLY = reverse("intake-apply")
CHOOSE = reverse("intake-apply-choose")
ORIENTATION = reverse("intake-apply-step", args=["orientation"])


@pytest.fixture
def washington(other_organization):
    return Program.objects.create(
        organization=other_organization,
        name="Puget Sound Peers",
        slug="puget",
        jurisdiction="WA",
        time_zone="America/Los_Angeles",
        counties="King, Pierce",
        languages="en",
        age_min=18,
        age_max=30,
    )


@pytest.fixture
def pennsylvania(organization):
    return Program.objects.create(
        organization=organization,
        name="Allegheny Peers",
        slug="allegheny",
        jurisdiction="PA",
        time_zone="America/New_York",
        counties="Allegheny",
        languages="en,es",
    )


@pytest.fixture
def applicant(db):
    return make_user("nia@example.org", Role.PARTICIPANT, full_name="Nia Cruz")


def orientation(program, weekday="TU", start=dt.time(10), end=dt.time(11), title="Orientation"):
    return SessionSeries.objects.create(
        program=program,
        kind=SessionKind.ORIENTATION,
        title=title,
        starts_on=timezone.localdate(),
        start_time=start,
        end_time=end,
        recurrence=f"FREQ=WEEKLY;BYDAY={weekday}",
    )


def test_with_several_programs_the_applicant_chooses(client, applicant, washington, pennsylvania):
    orientation(washington, "TU")
    client.force_login(applicant)
    assert client.get(APPLY)["Location"] == CHOOSE
    page = client.get(CHOOSE).content.decode()
    assert "Puget Sound Peers" in page and "Allegheny Peers" in page
    assert "King, Pierce, Washington" in page and "Allegheny, Pennsylvania" in page
    assert "Every Tuesday, 10 a.m.–11 a.m." in page
    assert "People aged 18 to 30" in page
    missing = client.post(CHOOSE, {})
    assert missing.status_code == 400 and "Choose one of the programs." in missing.content.decode()
    client.post(CHOOSE, {"program": "puget"})
    application = Application.objects.get(applicant=applicant)
    assert application.program == washington
    # The orientation step shows the chosen program's schedule.
    step = client.get(ORIENTATION).content.decode()
    assert "Orientation is online: Every Tuesday, 10 a.m.–11 a.m." in step
    assert "Monday" not in step


def test_a_program_link_leads_to_that_program(client, applicant, washington, pennsylvania):
    link = reverse("intake-program-link", args=["allegheny"])
    assert link == "/p/allegheny/apply/"
    assert client.get(link)["Location"] == f"{APPLY}?program=allegheny"
    client.force_login(applicant)
    client.get(f"{APPLY}?program=allegheny")
    assert Application.objects.get(applicant=applicant).program == pennsylvania
    # Following another program's link while still a draft asks to confirm the change.
    assert client.get(f"{APPLY}?program=puget")["Location"] == f"{CHOOSE}?program=puget"
    client.post(CHOOSE, {"program": "puget"})
    assert Application.objects.get(applicant=applicant).program == washington


def test_closed_and_unknown_programs_are_not_offered(client, applicant, washington, pennsylvania):
    pennsylvania.accepts_applications = False
    pennsylvania.save()
    assert client.get(reverse("intake-program-link", args=["allegheny"])).status_code == 404
    assert client.get(reverse("intake-program-link", args=["nowhere"])).status_code == 404
    client.force_login(applicant)
    client.post(CHOOSE, {"program": "allegheny"})
    assert not Application.objects.filter(applicant=applicant).exists()
    # Only one program is open: no choice to make.
    client.get(APPLY)
    assert Application.objects.get(applicant=applicant).program == washington


def test_nothing_open_says_so(client, applicant, program):
    program.accepts_applications = False
    program.save()
    client.force_login(applicant)
    assert "No program is taking applications" in client.get(APPLY).content.decode()


def test_a_submitted_application_keeps_its_program(client, applicant, washington, pennsylvania):
    Application.objects.create(
        applicant=applicant, program=washington, status=ApplicationStatus.SUBMITTED
    )
    client.force_login(applicant)
    assert client.get(CHOOSE)["Location"] == reverse("intake-apply-review")
    client.post(CHOOSE, {"program": "allegheny"})
    assert Application.objects.get(applicant=applicant).program == washington


def test_the_queue_and_the_sessions_follow_the_chosen_program(
    client, applicant, washington, pennsylvania, coordinator, other_coordinator
):
    application = Application.objects.create(
        applicant=applicant,
        program=washington,
        status=ApplicationStatus.ELIGIBLE,
        submitted_at=timezone.now(),
    )
    queue = reverse("intake-staff-queue")
    client.force_login(other_coordinator)  # Washington's organization
    assert "Nia" in client.get(queue, {"status": "eligible"}).content.decode()
    client.force_login(coordinator)  # Pennsylvania's organization
    assert "Nia" not in client.get(queue, {"status": "eligible"}).content.decode()

    cohort = Cohort.objects.create(
        program=washington,
        name="Spring",
        starts_on=timezone.localdate() + dt.timedelta(days=7),
        ends_on=timezone.localdate() + dt.timedelta(days=60),
    )
    advocate = make_user(
        "wa-advocate@example.org", Role.ADVOCATE, organization=washington.organization
    )
    do_enrol_applicant(other_coordinator, application, cohort, advocate)
    applicant.refresh_from_db()
    assert applicant.program == washington
    today = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][timezone.localdate().weekday()]
    orientation(washington, today, title="Puget orientation")
    orientation(pennsylvania, today, title="Allegheny orientation")
    client.force_login(applicant)
    sessions = client.get(reverse("schedule-show-calendar")).content.decode()
    assert "Puget orientation" in sessions and "Allegheny orientation" not in sessions


def test_program_and_cohort_names_follow_the_readers_language(
    client, applicant, washington, pennsylvania
):
    from django.utils import translation

    from peerpath.accounts.program_forms import ProgramForm
    from peerpath.intake.staff_forms import CohortForm

    washington.name_es = "Compañeros de Puget Sound"
    washington.save()
    cohort = Cohort.objects.create(
        program=washington,
        name="Winter cohort",
        name_es="Grupo de invierno",
        starts_on=dt.date(2027, 1, 4),
        ends_on=dt.date(2027, 3, 4),
    )
    with translation.override("es"):
        assert (str(washington), str(cohort), str(pennsylvania)) == (
            "Compañeros de Puget Sound",
            "Grupo de invierno",
            "Allegheny Peers",  # no Spanish name: the name is used
        )
    with translation.override("en"):
        assert (str(washington), str(cohort)) == ("Puget Sound Peers", "Winter cohort")
    assert "name_es" in ProgramForm.base_fields and "name_es" in CohortForm.base_fields
    client.force_login(applicant)
    client.cookies["peerpath_language"] = "es"
    page = client.get(CHOOSE).content.decode()
    assert "Compañeros de Puget Sound" in page and "Puget Sound Peers" not in page
    client.cookies["peerpath_language"] = "en"
    assert "Puget Sound Peers" in client.get(CHOOSE).content.decode()
