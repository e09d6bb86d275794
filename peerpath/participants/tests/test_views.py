"""The participant's home, the caseload and the participant record: access, contents, queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.accounts.models import Cohort, Role, User
from peerpath.audit.models import AuditEvent
from peerpath.certification.models import CertificationCase
from peerpath.certification.tasks import sweep_reminders
from peerpath.conftest import make_user
from peerpath.intake.actions import do_publish_demo_ethics_document, do_sign_code_of_ethics
from peerpath.intake.models import Application, ApplicationStatus
from peerpath.notifications.models import Notification
from peerpath.participants.models import ContactNote, Pause
from peerpath.participants.status import ensure_rows

HOME = reverse("participants-home")
VIEWED = reverse("participants-record-views")
CASELOAD = reverse("participants-caseload")
TODAY = timezone.localdate()


def enrol(person, program, advocate=None, cohort=None, days_ago=30):
    Application.objects.create(
        applicant=person,
        program=program,
        status=ApplicationStatus.ENROLLED,
        decided_at=timezone.now() - dt.timedelta(days=days_ago),
    )
    person.program, person.advocate, person.cohort = program, advocate, cohort
    person.save(update_fields=["program", "advocate", "cohort"])
    return person


@pytest.fixture
def cohort(program):
    return Cohort.objects.create(
        program=program,
        name="Winter",
        starts_on=TODAY,
        ends_on=TODAY + dt.timedelta(days=90),
    )


@pytest.fixture
def enrolled(participant, program, advocate, cohort):
    return enrol(participant, program, advocate, cohort)


def reached(person, advocate, days_ago=0):
    """A recent contact, so "no contact in 14 days" stays out of the way."""
    return ContactNote.objects.create(
        participant=person,
        author=advocate,
        contacted_on=TODAY - dt.timedelta(days=days_ago),
        mode="phone",
        minutes=5,
        summary="Check-in",
    )


def record(person):
    return reverse("participants-record", args=[person.pk])


# Access ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["advocate", "coordinator", "other_coordinator", "site_admin"])
def test_staff_have_no_participant_home(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(HOME).status_code == 404
    assert client.get(VIEWED).status_code == 404
    assert client.post(reverse("participants-pause-self")).status_code == 404


@pytest.mark.parametrize("url", [HOME, VIEWED, CASELOAD])
def test_anonymous_visitors_sign_in_first(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("advocate", 200),
        ("coordinator", 200),
        ("org_admin", 200),
        ("site_admin", 200),
        ("other_coordinator", 404),
        ("participant", 404),
        ("other_participant", 404),
    ],
)
def test_who_opens_a_participant_record(client, request, enrolled, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(record(enrolled)).status_code == status
    contact = reverse("participants-add-contact", args=[enrolled.pk])
    response = client.post(
        contact, {"contacted_on": TODAY, "mode": "phone", "minutes": 10, "summary": "Hi"}
    )
    assert response.status_code == (302 if status == 200 else 404)
    pause = reverse("participants-pause", args=[enrolled.pk])
    assert client.post(pause, {"resume": "1"}).status_code == (302 if status == 200 else 404)


def test_an_advocate_only_reaches_their_own_caseload(client, enrolled, organization, program):
    other_advocate = make_user("lee@example.org", Role.ADVOCATE, organization=organization)
    client.force_login(other_advocate)
    assert client.get(record(enrolled)).status_code == 404
    assert enrolled.display_name not in client.get(CASELOAD).content.decode()


@pytest.mark.parametrize("persona", ["participant", "other_participant"])
def test_participants_have_no_caseload(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(CASELOAD).status_code == 404


def test_another_organizations_staff_see_nobody_here(client, other_coordinator, enrolled):
    client.force_login(other_coordinator)
    assert enrolled.display_name not in client.get(CASELOAD).content.decode()


# Contacts ----------------------------------------------------------------------------


def test_contact_notes_reach_the_participant_unless_staff_only(client, advocate, enrolled):
    client.force_login(advocate)
    url = reverse("participants-add-contact", args=[enrolled.pk])
    client.post(url, {"contacted_on": TODAY, "mode": "video", "minutes": 30, "summary": "Goals"})
    client.post(
        url,
        {
            "contacted_on": TODAY,
            "mode": "phone",
            "minutes": 5,
            "summary": "Safety plan check",
            "staff_only": "on",
            "staff_only_reason": "Safety concern discussed with supervisor",
        },
    )
    staff_page = client.get(record(enrolled)).content.decode()
    assert "Goals" in staff_page and "Safety plan check" in staff_page
    client.force_login(enrolled)
    home = client.get(HOME).content.decode()
    assert "Goals" in home
    assert "Safety plan check" not in home and "Safety concern" not in home
    assert AuditEvent.objects.filter(action="participant.contact.add", actor=advocate).count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"staff_only": "on"}, "staff_only_reason", "Say why this note is for staff only."),
        ({"contacted_on": TODAY + dt.timedelta(days=1)}, "contacted_on", "can't be in the future"),
        ({"minutes": 0}, "minutes", "at least 1 minute"),
        ({"minutes": 601}, "minutes", "600 minutes or fewer"),
        ({"summary": "x" * 4001}, "summary", "4000 characters or fewer"),
        ({"mode": "carrier pigeon"}, "mode", "valid choice"),
    ],
)
def test_bad_contact_input_gets_a_message_next_to_the_field(
    client, advocate, enrolled, changes, field, message
):
    client.force_login(advocate)
    data = {"contacted_on": TODAY, "mode": "phone", "minutes": 10, "summary": "Call", **changes}
    response = client.post(reverse("participants-add-contact", args=[enrolled.pk]), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["contact_form"].errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not ContactNote.objects.exists()


# Pause -------------------------------------------------------------------------------


def test_a_pause_stops_flags_and_certification_reminders(client, advocate, enrolled):
    CertificationCase.objects.create(
        participant=enrolled,
        application_submitted=TODAY - dt.timedelta(days=90 - 14),  # 14-day reminder due
    )
    client.force_login(advocate)
    response = client.post(
        reverse("participants-pause", args=[enrolled.pk]),
        {"until": TODAY + dt.timedelta(days=30), "reason": "Family matters"},
    )
    assert response.status_code == 302
    enrolled.refresh_from_db()
    assert enrolled.paused_until == TODAY + dt.timedelta(days=30)
    assert sweep_reminders(TODAY) == 0
    [row] = client.get(CASELOAD).context["rows"]
    assert row.flags == ("paused",)
    client.force_login(enrolled)
    assert "You are taking a break" in client.get(HOME).content.decode()
    client.post(reverse("participants-resume-self"))
    enrolled.refresh_from_db()
    assert enrolled.paused_until is None
    assert Pause.objects.get().ended_on == TODAY
    assert sweep_reminders(TODAY) == 1
    assert Notification.objects.filter(user=enrolled).count() == 1


def test_a_participant_can_pause_themselves_with_a_checked_date(client, enrolled):
    client.force_login(enrolled)
    url = reverse("participants-pause-self")
    response = client.post(url, {"until": TODAY, "reason": "Exams"})
    assert "must be after today" in " ".join(response.context["pause_form"].errors["until"])
    response = client.post(url, {"until": TODAY + dt.timedelta(days=400), "reason": "Exams"})
    assert "up to a year" in " ".join(response.context["pause_form"].errors["until"])
    client.post(url, {"until": TODAY + dt.timedelta(days=10), "reason": "Exams"})
    assert User.objects.get(pk=enrolled.pk).is_paused(TODAY)
    assert AuditEvent.objects.filter(action="participant.pause", actor=enrolled).exists()


# Audit and transparency --------------------------------------------------------------


def test_opening_a_record_is_audited_and_the_participant_sees_who(client, advocate, enrolled):
    advocate.full_name = "Sam Delgado"
    advocate.save()
    client.force_login(advocate)
    client.get(record(enrolled))
    assert AuditEvent.objects.filter(
        action="participant.record.view", actor=advocate, subject=enrolled
    ).exists()
    client.force_login(enrolled)
    html = client.get(VIEWED).content.decode()
    assert "Sam Delgado" in html and "your record" in html
    client.cookies["peerpath_language"] = "es"
    assert "su expediente" in client.get(VIEWED).content.decode()


def test_the_participant_does_not_see_their_own_actions_as_views(client, enrolled):
    client.force_login(enrolled)
    client.get(HOME)
    assert "Nobody on staff has opened your records yet." in client.get(VIEWED).content.decode()


# Caseload ----------------------------------------------------------------------------


def test_the_caseload_shows_flags_for_crafted_data(client, advocate, program, cohort):
    quiet = enrol(
        make_user("q@example.org", Role.PARTICIPANT, full_name="Quiet One"),
        program,
        advocate,
        cohort,
        days_ago=40,
    )
    recent = enrol(
        make_user("r@example.org", Role.PARTICIPANT, full_name="Recent One"),
        program,
        advocate,
        cohort,
        days_ago=40,
    )
    reached(recent, advocate, days_ago=2)
    client.force_login(advocate)
    rows = {row.participant.pk: row for row in client.get(CASELOAD).context["rows"]}
    assert rows[quiet.pk].flags == ("no_recent_contact",)
    assert rows[recent.pk].flags == ()
    assert rows[recent.pk].days_without_contact == 2
    flagged = client.get(CASELOAD, {"flag": "no_recent_contact"}).context["rows"]
    assert [row.participant.pk for row in flagged] == [quiet.pk]
    first, *_rest = client.get(CASELOAD).context["rows"]
    assert first.participant == quiet


def test_coordinators_filter_by_advocate_and_cohort(client, coordinator, advocate, program, cohort):
    other_cohort = Cohort.objects.create(
        program=program, name="Spring", starts_on=TODAY, ends_on=TODAY + dt.timedelta(days=50)
    )
    enrol(make_user("a@example.org", Role.PARTICIPANT, full_name="Alma"), program, advocate, cohort)
    enrol(
        make_user("b@example.org", Role.PARTICIPANT, full_name="Bea"), program, None, other_cohort
    )
    client.force_login(coordinator)

    def names(params):
        return [r.participant.full_name for r in client.get(CASELOAD, params).context["rows"]]

    assert names({"sort": "name"}) == ["Alma", "Bea"]
    assert names({"advocate": advocate.pk}) == ["Alma"]
    assert names({"cohort": other_cohort.pk}) == ["Bea"]
    assert names({"cohort": "not-a-number", "sort": "name"}) == ["Alma", "Bea"]


def test_withdrawn_and_applicants_are_not_on_the_caseload(client, coordinator, program, advocate):
    person = make_user("w@example.org", Role.PARTICIPANT, program=program, full_name="Wil")
    Application.objects.create(
        applicant=person, program=program, status=ApplicationStatus.WITHDRAWN
    )
    client.force_login(coordinator)
    assert "Wil" not in client.get(CASELOAD).content.decode()


def bulk_enrol(program, advocate, cohort, start, count):
    people = User.objects.bulk_create(
        User(
            email=f"p{i}@example.org",
            full_name=f"Person {i}",
            role=Role.PARTICIPANT,
            program=program,
            advocate=advocate,
            cohort=cohort,
        )
        for i in range(start, start + count)
    )
    ensure_rows(people)  # what the account's creation does one at a time
    Application.objects.bulk_create(
        Application(
            applicant=p,
            program=program,
            status=ApplicationStatus.ENROLLED,
            decided_at=timezone.now(),
        )
        for p in people
    )
    CertificationCase.objects.bulk_create(
        CertificationCase(participant=p, application_submitted=TODAY) for p in people[::2]
    )
    ContactNote.objects.bulk_create(
        ContactNote(
            participant=p,
            author=advocate,
            contacted_on=TODAY,
            mode="phone",
            minutes=5,
            summary="Hi",
        )
        for p in people[::3]
    )


@pytest.mark.parametrize("persona", ["advocate", "coordinator"])
def test_caseload_queries_do_not_grow_from_5_to_200(
    client, request, persona, program, advocate, cohort, count_queries
):
    client.force_login(request.getfixturevalue(persona))
    bulk_enrol(program, advocate, cohort, 0, 5)
    client.get(CASELOAD)  # the day's status rows (one batch of writes; counted below)
    small = count_queries(lambda: client.get(CASELOAD))
    bulk_enrol(program, advocate, cohort, 5, 195)
    client.get(CASELOAD)
    assert count_queries(lambda: client.get(CASELOAD)) == small
    assert client.get(CASELOAD).context["total"] == 200


def add_history(person, program, first, count):
    """`count` weekly session series with attended sessions, hours entries, check-ins
    and plan objectives for the person."""
    from peerpath.plan import actions as plan_actions
    from peerpath.plan.models import ConfidenceCheckIn
    from peerpath.schedule.models import Attendance, SessionSeries
    from peerpath.training.tests.factories import log, make_training

    training = make_training(person)
    goal = plan_actions.do_add_goal(person, person, "Goal")
    for n in range(first, first + count):
        series = SessionSeries.objects.create(
            program=program,
            kind="support_room",
            title=f"Room {n}",
            starts_on=TODAY - dt.timedelta(days=400),
            start_time=dt.time(9 + n % 8),
            end_time=dt.time(10 + n % 8),
            recurrence="FREQ=WEEKLY;BYDAY=MO,WE",
        )
        day = TODAY - dt.timedelta(days=7 * (n + 1))
        Attendance.objects.create(
            series=series,
            occurrence_date=day,
            starts_at=timezone.make_aware(dt.datetime.combine(day, series.start_time)),
            participant=person,
            status="absent" if n % 2 else "present",
            source="roll_call",
        )
        log(training, "2", day)
        ConfidenceCheckIn.objects.create(participant=person, score=n % 10 + 1, on=day)
        plan_actions.do_add_objective(
            person, goal, text=f"Step {n}", target_date=None, status="not_started"
        )


def test_home_queries_do_not_grow_with_history(
    client, enrolled, advocate, program, cohort, count_queries
):
    client.force_login(enrolled)
    bulk_enrol(program, advocate, cohort, 0, 5)
    add_history(enrolled, program, 0, 1)
    small = count_queries(lambda: client.get(HOME))
    bulk_enrol(program, advocate, cohort, 5, 195)
    add_history(enrolled, program, 1, 20)
    ContactNote.objects.bulk_create(
        ContactNote(
            participant=enrolled,
            author=advocate,
            contacted_on=TODAY,
            mode="phone",
            minutes=5,
            summary=f"Note {i}",
        )
        for i in range(50)
    )
    assert count_queries(lambda: client.get(HOME)) == small
    # Application, program and advocate read once; the plan's objectives once; no
    # latest-sessions list (the home's attendance is compact).
    assert small <= 20


def test_low_confidence_is_flagged_and_the_home_shows_the_plan(client, advocate, enrolled):
    from peerpath.plan.models import ConfidenceCheckIn

    reached(enrolled, advocate)
    ConfidenceCheckIn.objects.create(
        participant=enrolled, score=7, on=TODAY - dt.timedelta(days=40)
    )
    ConfidenceCheckIn.objects.create(participant=enrolled, score=3, on=TODAY - dt.timedelta(days=2))
    client.force_login(advocate)
    [row] = client.get(CASELOAD).context["rows"]
    assert row.flags == ("low_confidence",)
    client.force_login(enrolled)
    html = client.get(HOME).content.decode()
    assert "Rate yourself on the peer worker competencies" in html
    assert "0 of 6 plan steps done" in html
    assert "<td>3</td>" in html and "<td>7</td>" in html


def test_home_and_record_show_the_careers_summary(client, advocate, enrolled):
    client.force_login(enrolled)
    assert "Interview preparation" in client.get(HOME).content.decode()
    client.force_login(advocate)
    assert "No current job recorded" in client.get(record(enrolled)).content.decode()


@pytest.mark.parametrize(("logged", "behind"), [("35", False), ("20", True)])
def test_core_hours_behind_the_cohorts_pace_are_flagged(client, advocate, program, logged, behind):
    from decimal import Decimal

    from peerpath.training.models import HoursEntry, Training

    started = Cohort.objects.create(
        program=program,
        name="Autumn",
        starts_on=TODAY - dt.timedelta(days=45),
        ends_on=TODAY + dt.timedelta(days=45),
    )
    person = enrol(make_user("h@example.org", Role.PARTICIPANT), program, advocate, started)
    reached(person, advocate)
    training = Training.objects.create(
        participant=person,
        kind="core",
        provider_name="Academy",
        status="in_progress",
        starts_on=started.starts_on,
    )
    HoursEntry.objects.create(
        training=training, date=TODAY - dt.timedelta(days=1), hours=Decimal(logged), is_total=True
    )
    client.force_login(advocate)
    [row] = client.get(CASELOAD).context["rows"]
    assert ("behind_schedule" in row.flags) is behind
    assert f"{logged} of 80" in client.get(CASELOAD).content.decode()


def test_a_submitted_timesheet_is_flagged_as_waiting(client, advocate, enrolled):
    from peerpath.training.models import Timesheet, WorkPlacement

    reached(enrolled, advocate)
    placement = WorkPlacement.objects.create(
        participant=enrolled,
        kind="job_shadow",
        site="Clinic",
        role="Shadow",
        supervisor_name="Kim",
        starts_on=TODAY - dt.timedelta(days=20),
        pay_rate="18.00",
    )
    Timesheet.objects.create(
        placement=placement,
        period_start=TODAY - dt.timedelta(days=14),
        period_end=TODAY - dt.timedelta(days=1),
        status="submitted",
        submitted_at=timezone.now(),
    )
    client.force_login(advocate)
    [row] = client.get(CASELOAD).context["rows"]
    assert row.flags == ("timesheets_waiting",)


def test_home_shows_the_next_sessions_and_join_details_only_when_enrolled(
    client, enrolled, other_participant, program
):
    from peerpath.schedule.demo import create_demo_schedule

    create_demo_schedule(program)
    client.force_login(enrolled)
    home = client.get(HOME)
    assert len(home.context["sessions"]) == 2
    html = home.content.decode()
    assert "Join the video call" in html and "PEER2026" in html
    client.force_login(other_participant)  # signed up, not enrolled
    html = client.get(HOME).content.decode()
    assert "PEER2026" not in html and "meet.example.org" not in html


def test_missed_sessions_in_a_row_are_flagged(client, advocate, enrolled, program):
    from peerpath.schedule.demo import create_demo_schedule
    from peerpath.schedule.models import Attendance, SessionSeries

    create_demo_schedule(program)
    reached(enrolled, advocate)
    room = SessionSeries.objects.get(program=program, kind="support_room")
    for weeks in (1, 2, 3):
        day = TODAY - dt.timedelta(weeks=weeks)
        Attendance.objects.create(
            series=room,
            occurrence_date=day,
            participant=enrolled,
            status="absent",
            source="roll_call",
            starts_at=timezone.now() - dt.timedelta(weeks=weeks),
        )
    client.force_login(advocate)
    [row] = client.get(CASELOAD).context["rows"]
    assert row.flags == ("missed_sessions",)
    assert "Missed the last 3 sessions in a row." in client.get(record(enrolled)).content.decode()


def test_a_certification_deadline_at_risk_is_flagged(client, advocate, enrolled):
    reached(enrolled, advocate)
    # Submitted 80 days ago and still incomplete: voided in 10 days.
    CertificationCase.objects.create(
        participant=enrolled, application_submitted=TODAY - dt.timedelta(days=80)
    )
    client.force_login(advocate)
    [row] = client.get(CASELOAD).context["rows"]
    assert row.flags == ("certification_at_risk",)


def test_the_caseload_is_never_cached_and_records_who_was_listed(client, advocate, enrolled):
    client.force_login(advocate)
    response = client.get(CASELOAD)
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(
        action="caseload.row.view", actor=advocate, subject=enrolled
    ).exists()
    client.force_login(enrolled)
    assert "your summary in the caseload" in client.get(VIEWED).content.decode()


@pytest.mark.parametrize("persona", ["org_admin", "site_admin"])
def test_administrators_caseload_queries_do_not_grow(
    client, request, persona, program, advocate, cohort, count_queries
):
    client.force_login(request.getfixturevalue(persona))
    bulk_enrol(program, advocate, cohort, 0, 5)
    client.get(CASELOAD)  # the day's status rows (one batch of writes; counted below)
    small = count_queries(lambda: client.get(CASELOAD))
    bulk_enrol(program, advocate, cohort, 5, 195)
    client.get(CASELOAD)
    assert count_queries(lambda: client.get(CASELOAD)) == small
    assert client.get(CASELOAD).context["total"] == 200


def test_the_record_shows_the_code_of_ethics_signature_and_when_it_is_due(
    client, advocate, enrolled
):
    from django.utils.formats import date_format

    from peerpath.intake.actions import do_publish_demo_ethics_document, do_sign_code_of_ethics
    from peerpath.lib.dates import add_years

    client.force_login(advocate)
    assert "No Code of Ethics signature yet." in client.get(record(enrolled)).content.decode()
    document = do_publish_demo_ethics_document()
    do_sign_code_of_ethics(enrolled, document, "Ana Ruiz", None)
    html = client.get(record(enrolled)).content.decode()
    due = date_format(add_years(TODAY, 2), "DATE_FORMAT")
    assert f"It is due to be signed again by {due}." in html
    assert document.version in html


def test_the_participant_sees_the_reason_for_their_pause_as_staff_are_told(
    client, advocate, enrolled
):
    client.force_login(advocate)
    assert "The participant sees it." in client.get(record(enrolled)).content.decode()
    client.post(
        reverse("participants-pause", args=[enrolled.pk]),
        {"until": TODAY + dt.timedelta(days=30), "reason": "Family matters"},
    )
    client.force_login(enrolled)
    html = client.get(HOME).content.decode()
    assert "Family matters" in html


def test_the_self_pause_form_speaks_to_the_participant(client, enrolled):
    client.force_login(enrolled)
    html = client.get(HOME).content.decode()
    assert "The participant sees it." not in html
    assert "Your advocate sees it." in html


def test_record_queries_do_not_grow_with_contacts_and_pauses(
    client, advocate, enrolled, count_queries
):
    def add(count):
        ContactNote.objects.bulk_create(
            ContactNote(
                participant=enrolled,
                author=advocate,
                contacted_on=TODAY,
                mode="phone",
                minutes=5,
                summary="Hi",
            )
            for _ in range(count)
        )
        Pause.objects.bulk_create(
            Pause(
                participant=enrolled,
                starts_on=TODAY - dt.timedelta(days=20),
                until=TODAY - dt.timedelta(days=10),
                reason="Rest",
                created_by=advocate,
            )
            for _ in range(count)
        )

    client.force_login(advocate)
    add(2)
    small = count_queries(lambda: client.get(record(enrolled)))
    add(40)
    assert count_queries(lambda: client.get(record(enrolled))) == small


def test_caseload_pages_by_50_and_counts_in_the_database(
    client, coordinator, program, advocate, cohort, count_queries
):
    client.force_login(coordinator)
    bulk_enrol(program, advocate, cohort, 0, 60)
    client.get(CASELOAD)  # the day's status rows
    first = count_queries(lambda: client.get(CASELOAD))
    response = client.get(CASELOAD, {"sort": "name", "page": 2})
    assert response.context["total"] == 60
    assert len(response.context["rows"]) == 10
    bulk_enrol(program, advocate, cohort, 60, 140)
    client.get(CASELOAD)
    assert count_queries(lambda: client.get(CASELOAD)) == first
    assert len(client.get(CASELOAD).context["rows"]) == 50


def test_caseload_searches_and_filters_by_stage(client, coordinator, program, advocate, cohort):
    enrol(make_user("alma@example.org", Role.PARTICIPANT, full_name="Alma Ríos"), program, advocate)
    bea = enrol(make_user("bea@example.org", Role.PARTICIPANT, full_name="Bea"), program, advocate)
    CertificationCase.objects.create(participant=bea, certified_on=TODAY - dt.timedelta(days=30))
    do_sign_code_of_ethics(bea, do_publish_demo_ethics_document(), "Bea", None)
    client.force_login(coordinator)

    def names(params):
        return [r.participant.full_name for r in client.get(CASELOAD, params).context["rows"]]

    assert names({"q": "ríos"}) == ["Alma Ríos"]
    assert names({"q": "bea@"}) == ["Bea"]
    assert names({"stage": "certified"}) == ["Bea"]
    assert names({"stage": "sign_ethics"}) == ["Alma Ríos"]
    # The stage filter offers every step, by the label the rows show.
    page = client.get(CASELOAD).content.decode()
    assert '<option value="sign_ethics">Code of Ethics: to sign</option>' in page
    assert '<td data-label="Stage">Code of Ethics: to sign</td>' in page


def test_an_invalid_filter_says_why_and_keeps_the_others(client, coordinator, program, advocate):
    enrol(make_user("alma@example.org", Role.PARTICIPANT, full_name="Alma"), program, advocate)
    enrol(make_user("bea@example.org", Role.PARTICIPANT, full_name="Bea"), program, advocate)
    client.force_login(coordinator)
    response = client.get(CASELOAD, {"q": "x" * 101, "sort": "name", "cohort": "999999"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Search with 100 characters or fewer." in html
    assert "Choose a cohort from the list." in html
    assert [r.participant.full_name for r in response.context["rows"]] == ["Alma", "Bea"]
    client.cookies["peerpath_language"] = "es"
    response = client.get(CASELOAD, {"q": "x" * 101})
    assert "Nombre o correo" in response.content.decode()


def test_a_new_contact_clears_the_flag_at_once(client, advocate, enrolled):
    client.force_login(advocate)
    assert client.get(CASELOAD, {"flag": "no_recent_contact"}).context["total"] == 1
    client.post(
        reverse("participants-add-contact", args=[enrolled.pk]),
        {"contacted_on": TODAY, "mode": "phone", "minutes": 10, "summary": "Talked"},
    )
    assert client.get(CASELOAD, {"flag": "no_recent_contact"}).context["total"] == 0


def test_refresh_lists_recomputes_only_stale_rows(advocate, enrolled):
    import io

    from django.core.management import call_command

    from peerpath.participants.models import ParticipantStatus

    out = io.StringIO()
    call_command("refresh_lists", stdout=out)
    assert out.getvalue().startswith("1 rows")
    assert ParticipantStatus.objects.get(participant=enrolled).computed_on == TODAY
    call_command("refresh_lists", stdout=out)
    assert "0 rows" in out.getvalue()
    ParticipantStatus.objects.update(computed_on=TODAY - dt.timedelta(days=1))
    call_command("refresh_lists", stdout=out)
    assert out.getvalue().count("1 rows") == 2


def test_refreshing_status_rows_takes_the_same_queries_for_5_or_400(
    program, advocate, cohort, count_queries
):
    from django.db import connection

    from peerpath.participants.status import refresh_statuses

    if connection.vendor != "postgresql":
        pytest.skip("SQLite splits bulk writes by its parameter limit")

    bulk_enrol(program, advocate, cohort, 0, 5)
    small = count_queries(
        lambda: refresh_statuses(User.objects.values_list("pk", flat=True), TODAY)
    )
    bulk_enrol(program, advocate, cohort, 5, 395)
    ids = User.objects.filter(role=Role.PARTICIPANT).values_list("pk", flat=True)
    assert count_queries(lambda: refresh_statuses(ids, TODAY)) == small
