"""Work placements and timesheets: entries, submission, approval, locking and returns."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.audit.models import AuditEvent
from peerpath.notifications.models import Notification
from peerpath.training import actions
from peerpath.training.models import (
    Timesheet,
    TimesheetEntry,
    TimesheetReview,
    TimesheetStatus,
    TrainingSettings,
    WorkPlacement,
)
from peerpath.training.rules import pay_period_containing
from peerpath.training.tests.factories import log, make_placement, make_timesheet, make_training

pytestmark = pytest.mark.django_db

QUEUE = reverse("training-list-timesheets")


@pytest.fixture
def placement(participant, advocate, today, biweekly):
    participant.advocate = advocate
    participant.save()
    return make_placement(participant, today - dt.timedelta(days=60))


@pytest.fixture
def last_period(today, biweekly):
    return pay_period_containing(today - dt.timedelta(days=14), "biweekly", dt.date(2024, 1, 1))


def add_hours(client, placement, **data):
    return client.post(reverse("training-show-placement", args=[placement.pk]), data)


def test_advocate_sets_up_a_placement(client, participant, advocate, today):
    participant.advocate = advocate
    participant.save()
    client.force_login(advocate)
    url = reverse("training-add-placement", args=[participant.pk])
    data = {
        "kind": "job_shadow",
        "site": "Riverside Wellness Center",
        "role": "Peer support intern",
        "supervisor_name": "Rosa Diaz",
        "supervisor_contact": "rosa@example.org",
        "starts_on": today.isoformat(),
        "pay_rate": "18.50",
    }
    response = client.post(url, {**data, "pay_rate": "-1"})
    assert "cannot be negative" in " ".join(response.context["form"].errors["pay_rate"])
    response = client.post(url, {**data, "ends_on": (today - dt.timedelta(days=1)).isoformat()})
    assert "before the start date" in " ".join(response.context["form"].errors["ends_on"])
    assert client.post(url, data).status_code == 302
    placement = WorkPlacement.objects.get()
    assert placement.participant == participant and placement.created_by == advocate
    assert AuditEvent.objects.filter(action="training.placement.add", subject=participant)
    edit = reverse("training-edit-placement", args=[placement.pk])
    assert client.post(edit, {**data, "pay_rate": "19"}).status_code == 302
    placement.refresh_from_db()
    assert placement.pay_rate == Decimal("19.00")


def test_hours_go_on_the_timesheet_of_their_pay_period(client, participant, placement, today):
    client.force_login(participant)
    day = today - dt.timedelta(days=15)
    response = add_hours(client, placement, date=day.isoformat(), hours="6", activity="Intake")
    timesheet = Timesheet.objects.get()
    assert response["Location"] == reverse("training-show-timesheet", args=[timesheet.pk])
    period = pay_period_containing(day, "biweekly", dt.date(2024, 1, 1))
    assert (timesheet.period_start, timesheet.period_end) == (period.start, period.end)
    assert timesheet.status == TimesheetStatus.DRAFT
    add_hours(client, placement, date=period.start.isoformat(), hours="2", activity="Groups")
    add_hours(client, placement, date=today.isoformat(), hours="1", activity="Today")
    assert Timesheet.objects.count() == (1 if today in period else 2)
    page = client.get(reverse("training-show-timesheet", args=[timesheet.pk])).content.decode()
    assert "Intake" in page and "Groups" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"hours": "0"}, "hours", "greater than or equal to 0.25"),
        ({"hours": "-3"}, "hours", "greater than or equal to 0.25"),
        ({"hours": "24.5"}, "hours", "less than or equal to 24"),
        ({"hours": "2.2"}, "hours", "quarter hours"),
        ({"hours": "abc"}, "hours", "Enter a number of hours"),
        ({"hours": "4", "activity": "   "}, "activity", "required"),
        ({"hours": "4", "activity": "a" * 301}, "activity", "at most 300"),
        ({"hours": "4", "date": "2999-12-31"}, "date", "in the future"),
        ({"hours": "4", "date": "2000-01-03"}, "date", "before the placement started"),
        ({"hours": "4", "date": "not a date"}, "date", "valid date"),
    ],
)
def test_impossible_entries_are_refused_next_to_the_field(
    client, participant, placement, today, data, field, message
):
    client.force_login(participant)
    payload = {"date": today.isoformat(), "activity": "Shadowing", **data}
    response = add_hours(client, placement, **payload)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors and message in " ".join(form.errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not TimesheetEntry.objects.exists()


def test_more_than_24_hours_in_a_day_across_placements_is_refused(
    client, participant, placement, today
):
    second = make_placement(participant, placement.starts_on, site="Second site")
    client.force_login(participant)
    add_hours(client, placement, date=today.isoformat(), hours="16", activity="Long day")
    response = add_hours(client, second, date=today.isoformat(), hours="8.25", activity="More")
    assert "A day has 24 hours and 16 are logged on this day already" in " ".join(
        response.context["form"].errors["hours"]
    )
    assert add_hours(client, second, date=today.isoformat(), hours="8", activity="ok").status_code
    assert TimesheetEntry.objects.count() == 2


def test_training_sessions_and_work_share_the_same_24_hours(
    client, participant, placement, approved_provider, today
):
    training = make_training(participant, approved_provider)
    log(training, "20", today)
    client.force_login(participant)
    response = add_hours(client, placement, date=today.isoformat(), hours="5", activity="Intake")
    assert "A day has 24 hours and 20 are logged on this day already" in " ".join(
        response.context["form"].errors["hours"]
    )
    assert not TimesheetEntry.objects.exists()
    assert add_hours(client, placement, date=today.isoformat(), hours="4", activity="ok")
    entry = TimesheetEntry.objects.get()
    with pytest.raises(actions.Refused, match="24 hours"):
        actions.do_update_timesheet_entry(
            participant, entry, date=today, hours=Decimal("4.25"), activity="ok"
        )
    with pytest.raises(actions.Refused, match="24 hours"):
        actions.do_log_training_hours(participant, training, date=today, hours=Decimal("0.25"))


def test_future_dates_are_judged_in_the_program_s_time_zone(participant, placement, program):
    """Whichever of two far-apart zones is on another date than the server right now."""
    server_today = timezone.localdate()
    for zone in ("Pacific/Kiritimati", "Etc/GMT+12"):
        local_today = timezone.localdate(timezone=ZoneInfo(zone))
        if local_today != server_today:
            break
    program.time_zone = zone
    program.save()
    participant.refresh_from_db()
    if local_today > server_today:
        entry = actions.do_add_timesheet_entry(
            participant, placement, date=local_today, hours=Decimal("2"), activity="Intake"
        )
        assert entry.date == local_today
    else:
        with pytest.raises(actions.Refused, match="in the future"):
            actions.do_add_timesheet_entry(
                participant, placement, date=server_today, hours=Decimal("2"), activity="Intake"
            )


def test_participant_submits_and_can_take_a_timesheet_back(client, participant, placement, today):
    client.force_login(participant)
    add_hours(client, placement, date=today.isoformat(), hours="4", activity="Shadowing")
    timesheet = Timesheet.objects.get()
    client.post(reverse("training-submit-timesheet", args=[timesheet.pk]))
    timesheet.refresh_from_db()
    assert timesheet.status == TimesheetStatus.SUBMITTED and timesheet.submitted_at
    response = add_hours(client, placement, date=today.isoformat(), hours="1", activity="More")
    assert "waiting for approval" in " ".join(response.context["form"].errors["date"])
    client.post(reverse("training-withdraw-timesheet", args=[timesheet.pk]))
    timesheet.refresh_from_db()
    assert timesheet.status == TimesheetStatus.DRAFT
    assert add_hours(client, placement, date=today.isoformat(), hours="1", activity="More")


def test_an_empty_timesheet_cannot_be_submitted(participant, placement, today):
    timesheet = make_timesheet(placement, today, [], status=TimesheetStatus.DRAFT)
    with pytest.raises(actions.Refused, match="Add your hours"):
        actions.do_submit_timesheet(participant, timesheet)


def test_advocate_approves_in_place_and_the_timesheet_locks(
    client, participant, advocate, placement, last_period
):
    timesheet = make_timesheet(placement, last_period.start, [(last_period.start, "6")])
    client.force_login(advocate)
    page = client.get(QUEUE).content.decode()
    assert participant.display_name in page and "total 6 h" in page
    response = client.post(
        reverse("training-review-timesheet", args=[timesheet.pk]),
        {"decision": "approve", "comment": ""},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert f'id="timesheet-{timesheet.pk}"' in html and "Approved" in html
    timesheet.refresh_from_db()
    assert timesheet.status == TimesheetStatus.APPROVED and timesheet.approved_by == advocate
    assert timesheet.pay_rate == placement.pay_rate
    assert TimesheetReview.objects.get().decision == "approved"
    assert AuditEvent.objects.filter(action="training.timesheet.approve", subject=participant)
    assert Notification.objects.filter(user=participant, kind="timesheet_reviewed")
    assert participant.display_name not in client.get(QUEUE).content.decode()


def test_approved_entries_are_locked_even_for_the_participant(
    client, participant, coordinator, placement, last_period
):
    timesheet = make_timesheet(placement, last_period.start, [(last_period.start, "6")])
    actions.do_review_timesheet(coordinator, timesheet, approve=True)
    entry = TimesheetEntry.objects.get()
    for attempt in (
        lambda: actions.do_update_timesheet_entry(
            participant, entry, date=entry.date, hours=Decimal("8"), activity="changed"
        ),
        lambda: actions.do_delete_timesheet_entry(participant, entry),
        lambda: actions.do_submit_timesheet(participant, timesheet),
        lambda: actions.do_withdraw_timesheet(participant, timesheet),
    ):
        with pytest.raises(actions.TimesheetLocked, match="approved and locked"):
            attempt()
    with pytest.raises(actions.Refused, match="not waiting"):
        actions.do_review_timesheet(coordinator, timesheet, approve=False, comment="again")

    client.force_login(participant)
    edit = reverse("training-edit-timesheet-entry", args=[entry.pk])
    response = client.post(edit, {"date": entry.date.isoformat(), "hours": "9", "activity": "x"})
    assert "approved and locked" in response.content.decode()
    client.post(reverse("training-delete-timesheet-entry", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.hours == Decimal("6") and entry.activity == "Shadowed intake"
    page = client.get(reverse("training-show-timesheet", args=[timesheet.pk])).content.decode()
    assert "Approved and sent to payroll" in page and "Submit for approval" not in page


def test_a_later_rate_change_does_not_change_approved_pay(coordinator, placement, last_period):
    timesheet = make_timesheet(placement, last_period.start, [(last_period.start, "6")])
    actions.do_review_timesheet(coordinator, timesheet, approve=True)
    placement.pay_rate = Decimal("25")
    placement.save()
    timesheet.refresh_from_db()
    assert timesheet.pay_rate == Decimal("18.50")


def test_returning_needs_a_comment_the_participant_sees_and_can_then_edit(
    client, participant, advocate, placement, last_period
):
    timesheet = make_timesheet(placement, last_period.start, [(last_period.start, "6")])
    client.force_login(advocate)
    url = reverse("training-review-timesheet", args=[timesheet.pk])
    response = client.post(url, {"decision": "return", "comment": " "}, HTTP_HX_REQUEST="true")
    assert "Say what needs to change" in response.content.decode()
    response = client.post(url, {"decision": "return", "comment": ""})
    assert response.status_code == 200 and "Say what needs to change" in response.content.decode()
    timesheet.refresh_from_db()
    assert timesheet.status == TimesheetStatus.SUBMITTED
    response = client.post(
        url, {"decision": "return", "comment": "Monday was a holiday; check the hours."}
    )
    assert response.status_code == 302 and response["Location"] == QUEUE
    timesheet.refresh_from_db()
    assert timesheet.status == TimesheetStatus.RETURNED

    client.force_login(participant)
    page = client.get(reverse("training-show-timesheet", args=[timesheet.pk])).content.decode()
    assert "What needs to change" in page and "Monday was a holiday; check the hours." in page
    entry = TimesheetEntry.objects.get()
    response = client.post(
        reverse("training-edit-timesheet-entry", args=[entry.pk]),
        {"date": entry.date.isoformat(), "hours": "5", "activity": "Corrected"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.hours == Decimal("5")
    outside = last_period.end + dt.timedelta(days=1)
    response = client.post(
        reverse("training-edit-timesheet-entry", args=[entry.pk]),
        {"date": outside.isoformat(), "hours": "5", "activity": "Moved"},
    )
    assert "in this timesheet's pay period" in " ".join(response.context["form"].errors["date"])
    client.post(reverse("training-submit-timesheet", args=[timesheet.pk]))
    timesheet.refresh_from_db()
    assert timesheet.status == TimesheetStatus.SUBMITTED


def test_only_advocates_and_coordinators_decide(site_admin, placement, last_period):
    timesheet = make_timesheet(placement, last_period.start, [(last_period.start, "6")])
    with pytest.raises(PermissionError):
        actions.do_review_timesheet(site_admin, timesheet, approve=True)


def test_a_participant_cannot_write_to_someone_elses_placement(other_participant, placement, today):
    with pytest.raises(PermissionError):
        actions.do_add_timesheet_entry(
            other_participant, placement, date=today, hours=Decimal("1"), activity="x"
        )


def test_removing_the_last_entry_of_a_draft_removes_the_empty_timesheet(
    client, participant, placement, today
):
    client.force_login(participant)
    add_hours(client, placement, date=today.isoformat(), hours="2", activity="Shadowing")
    entry = TimesheetEntry.objects.get()
    response = client.post(reverse("training-delete-timesheet-entry", args=[entry.pk]))
    assert response["Location"] == reverse("training-show-placement", args=[placement.pk])
    assert not Timesheet.objects.exists()


def test_semimonthly_programs_get_semimonthly_timesheets(participant, placement, biweekly):
    biweekly.pay_period = "semimonthly"
    biweekly.save()
    day = placement.starts_on + dt.timedelta(days=10)
    entry = actions.do_add_timesheet_entry(
        participant, placement, date=day, hours=Decimal("3"), activity="x"
    )
    start = entry.timesheet.period_start
    assert start.day in (1, 16)
    assert TrainingSettings.objects.get().pay_period == "semimonthly"


def test_hours_after_an_early_approval_go_on_a_new_timesheet_for_the_same_period(
    client, participant, advocate, placement, today
):
    client.force_login(participant)
    period = pay_period_containing(today, "biweekly", dt.date(2024, 1, 1))
    first_day = max(period.start, today - dt.timedelta(days=1))
    add_hours(client, placement, date=first_day.isoformat(), hours="4", activity="Shadowing")
    approved = Timesheet.objects.get()
    actions.do_submit_timesheet(participant, approved)
    actions.do_review_timesheet(advocate, approved, approve=True)
    approved.refresh_from_db()
    assert approved.status == TimesheetStatus.APPROVED

    response = add_hours(client, placement, date=today.isoformat(), hours="3", activity="Group")
    assert response.status_code == 302
    follow_up = Timesheet.objects.exclude(pk=approved.pk).get()
    assert (follow_up.period_start, follow_up.status) == (period.start, TimesheetStatus.DRAFT)
    assert [e.hours for e in follow_up.entries.all()] == [Decimal("3.00")]
    assert [e.hours for e in approved.entries.all()] == [Decimal("4.00")]
    # Still only one open timesheet per period.
    add_hours(client, placement, date=today.isoformat(), hours="1", activity="Notes")
    assert Timesheet.objects.count() == 2


def test_paid_work_readiness_training_goes_through_timesheets_and_payroll(
    coordinator, placement, last_period
):
    from peerpath.training.progress import progress_for

    placement.kind = "work_readiness"
    placement.save()
    timesheet = make_timesheet(placement, last_period.start, [(last_period.start, "5")])
    actions.do_review_timesheet(coordinator, timesheet, approve=True)
    timesheet.refresh_from_db()
    assert timesheet.status == TimesheetStatus.APPROVED
    assert timesheet.pay_rate == Decimal("18.50")
    progress = progress_for(placement.participant)
    assert progress.work_readiness_paid_hours == Decimal(5)
    # Training, not job shadowing or work experience.
    assert progress.work_experience_approved_hours == 0
