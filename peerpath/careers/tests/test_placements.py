"""Staff record offers, jobs and follow-ups; the participant keeps their job up to date."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from peerpath.audit.models import AuditEvent
from peerpath.careers.models import FollowUp, JobPlacement
from peerpath.careers.tests.conftest import make_placement
from peerpath.catalog.models import EmployerType, JobTitle
from peerpath.notifications.models import Notification

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def placement_data(**fields):
    start = today() - dt.timedelta(days=10)
    data = {
        "status": "working",
        "employer_name": "Inland Wellness Center",
        "employer_type": EmployerType.objects.get(code="primary-care-wellness").pk,
        "job_title": JobTitle.objects.get(code="peer-support-specialist").pk,
        "offered_on": (start - dt.timedelta(days=14)).isoformat(),
        "start_date": start.isoformat(),
        "hours_per_week": "32",
        "wage": "24.50",
        "wage_period": "hour",
        "medi_cal_billable": "yes",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def test_coordinator_records_a_placement_and_sees_the_follow_ups(
    client, coordinator, participant, catalog_rows
):
    client.force_login(coordinator)
    response = client.post(
        reverse("careers-new-placement", args=[participant.pk]), placement_data()
    )
    placement = JobPlacement.objects.get()
    assert response["Location"] == reverse(
        "careers-edit-placement", args=[participant.pk, placement.pk]
    )
    assert placement.display_title == "Peer Support Specialist"
    assert placement.medi_cal_billable is True
    assert placement.wage == Decimal("24.50") and placement.created_by == coordinator
    assert AuditEvent.objects.filter(action="careers.placement.add", subject=participant).exists()
    page = client.get(response["Location"]).content.decode()
    start = placement.start_date
    for days in (30, 90, 180):
        assert (start + dt.timedelta(days=days)).isoformat() in page
    assert "coming up" in page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"wage": "-5"}, "wage", "Pay cannot be negative."),
        ({"wage": "1e400"}, "wage", "That looks too high."),
        ({"wage": "twenty"}, "wage", "Enter an amount such as 21.50."),
        ({"hours_per_week": "0"}, "hours_per_week", "Enter the hours as a number above 0."),
        ({"hours_per_week": "168"}, "hours_per_week", "at most 80 hours"),
        ({"offered_on": "2030-01-01"}, "offered_on", "The offer date is in the future."),
        (
            {"start_date": "2026-01-01", "offered_on": "2026-02-01"},
            "start_date",
            "before the offer date",
        ),
        ({"status": "ended", "end_date": None}, "end_date", "Add the last day."),
        ({"status": "working", "end_date": "2020-01-01"}, "end_date", "Clear the last day"),
        ({"status": "ended", "end_date": "2020-01-01"}, "end_date", "before the start date"),
        ({"start_date": None}, "start_date", "Add the start date"),
        ({"employer_name": ""}, "employer_name", "Enter the employer's name."),
        ({"employer_name": "E" * 201}, "employer_name", "Please shorten this to 200"),
        ({"job_title": None, "title": ""}, "title", "Choose a job title above or type it here."),
        ({"start_date": "31/02/2026"}, "start_date", "Enter a valid date."),
    ],
)
def test_bad_placement_input_gets_a_message_next_to_the_field(
    client, coordinator, participant, catalog_rows, fields, field, message
):
    client.force_login(coordinator)
    response = client.post(
        reverse("careers-new-placement", args=[participant.pk]), placement_data(**fields)
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors, response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not JobPlacement.objects.exists()


def test_an_offer_needs_no_start_date(client, advocate, caseload, catalog_rows):
    client.force_login(advocate)
    client.post(
        reverse("careers-new-placement", args=[caseload.pk]),
        placement_data(status="offered", start_date=None, hours_per_week=None),
    )
    assert JobPlacement.objects.get().status == JobPlacement.Status.OFFERED


def test_recording_a_follow_up_updates_the_job(client, advocate, caseload):
    placement = make_placement(caseload, today() - dt.timedelta(days=31))
    client.force_login(advocate)
    url = reverse("careers-record-follow-up", args=[caseload.pk, placement.pk, 30])
    page = client.get(url).content.decode()
    assert 'value="30.0"' in page  # the job's current hours are filled in
    response = client.post(
        url,
        {
            "contacted_on": today().isoformat(),
            "still_employed": "yes",
            "hours_per_week": "36",
            "wage": "24",
            "wage_period": "hour",
            "support_needed": "Transport to the new site",
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.still_employed and follow_up.recorded_by == advocate
    placement.refresh_from_db()
    assert placement.hours_per_week == Decimal("36.0")
    page = client.get(response["Location"]).content.decode()
    assert "Transport to the new site" in page and "done" in page
    # Saving again corrects the same follow-up rather than adding another.
    client.post(
        url, {"contacted_on": today().isoformat(), "still_employed": "yes", "wage_period": "hour"}
    )
    assert FollowUp.objects.count() == 1


def test_a_follow_up_finding_the_job_ended_closes_it(client, advocate, caseload):
    placement = make_placement(caseload, today() - dt.timedelta(days=92))
    client.force_login(advocate)
    url = reverse("careers-record-follow-up", args=[caseload.pk, placement.pk, 90])
    response = client.post(
        url, {"contacted_on": today().isoformat(), "still_employed": "no", "wage_period": "hour"}
    )
    assert "Add the last day." in response.content.decode()
    last_day = today() - dt.timedelta(days=5)
    client.post(
        url,
        {
            "contacted_on": today().isoformat(),
            "still_employed": "no",
            "end_date": last_day.isoformat(),
            "wage_period": "hour",
        },
    )
    placement.refresh_from_db()
    assert placement.status == JobPlacement.Status.ENDED and placement.end_date == last_day


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"contacted_on": "2099-01-01"}, "This date is in the future."),
        ({"contacted_on": "2000-01-01"}, "The check-in is before the start date."),
        ({"still_employed": ""}, "Choose yes or no."),
        ({"wage": "-1"}, "Pay cannot be negative."),
    ],
)
def test_bad_follow_ups_are_refused(client, advocate, caseload, fields, message):
    placement = make_placement(caseload, today() - dt.timedelta(days=31))
    client.force_login(advocate)
    data = {"contacted_on": today().isoformat(), "still_employed": "yes", "wage_period": "hour"}
    response = client.post(
        reverse("careers-record-follow-up", args=[caseload.pk, placement.pk, 30]),
        {**data, **fields},
    )
    assert message in response.content.decode()
    assert not FollowUp.objects.exists()


def test_only_the_three_milestones_exist(client, advocate, caseload):
    placement = make_placement(caseload, today() - dt.timedelta(days=31))
    client.force_login(advocate)
    url = reverse("careers-record-follow-up", args=[caseload.pk, placement.pk, 45])
    assert client.get(url).status_code == 404


def test_the_participant_sees_and_updates_their_job(client, caseload, advocate):
    placement = make_placement(caseload, today() - dt.timedelta(days=40))
    client.force_login(caseload)
    page = client.get(reverse("careers-show-my-job")).content.decode()
    assert "Peer Support Specialist, Inland Wellness Center" in page
    assert "$23.00 per hour" in page
    url = reverse("careers-update-my-job", args=[placement.pk])
    prefix = f"p{placement.pk}"
    client.post(
        url,
        {
            f"{prefix}-still_employed": "yes",
            f"{prefix}-hours_per_week": "20",
            f"{prefix}-wage_period": "hour",
        },
    )
    placement.refresh_from_db()
    assert placement.hours_per_week == Decimal("20.0") and placement.is_current
    assert not Notification.objects.exists()
    response = client.post(url, {f"{prefix}-still_employed": "no", f"{prefix}-wage_period": "hour"})
    assert "Add your last day." in response.content.decode()
    client.post(
        url,
        {
            f"{prefix}-still_employed": "no",
            f"{prefix}-end_date": today().isoformat(),
            f"{prefix}-wage_period": "hour",
        },
    )
    placement.refresh_from_db()
    assert placement.status == JobPlacement.Status.ENDED
    note = Notification.objects.get(user=advocate)
    assert "has left a job" in note.subject
    # An ended job can no longer be changed by the participant.
    assert client.get(url).status_code == 404


def test_the_participant_cannot_update_someone_elses_job(client, participant, other_participant):
    placement = make_placement(other_participant, today() - dt.timedelta(days=40))
    client.force_login(participant)
    assert client.get(reverse("careers-update-my-job", args=[placement.pk])).status_code == 404


@pytest.mark.parametrize("hours", ["0.04", "0.01"])
def test_hours_that_round_to_zero_are_refused_everywhere(
    client, advocate, caseload, catalog_rows, hours
):
    """Pay and hours are checked as they will be stored, not as typed."""
    placement = make_placement(caseload, today() - dt.timedelta(days=31))
    client.force_login(caseload)
    prefix = f"p{placement.pk}"
    response = client.post(
        reverse("careers-update-my-job", args=[placement.pk]),
        {
            f"{prefix}-still_employed": "yes",
            f"{prefix}-hours_per_week": hours,
            f"{prefix}-wage_period": "hour",
        },
    )
    assert response.status_code == 200
    assert "above 0" in " ".join(response.context["form"].errors["hours_per_week"])
    client.force_login(advocate)
    response = client.post(
        reverse("careers-record-follow-up", args=[caseload.pk, placement.pk, 30]),
        {
            "contacted_on": today().isoformat(),
            "still_employed": "yes",
            "hours_per_week": hours,
            "wage_period": "hour",
        },
    )
    assert response.status_code == 200
    assert "above 0" in " ".join(response.context["form"].errors["hours_per_week"])
    assert not FollowUp.objects.exists()
    response = client.post(
        reverse("careers-new-placement", args=[caseload.pk]),
        placement_data(hours_per_week=hours),
    )
    form = response.context["form"]
    assert "above 0" in " ".join(form.errors["hours_per_week"])
    assert not form.non_field_errors()
    placement.refresh_from_db()
    assert placement.hours_per_week == Decimal("30")


def test_one_pay_problem_does_not_add_a_second_message_to_the_other_field(
    client, coordinator, participant, catalog_rows
):
    client.force_login(coordinator)
    response = client.post(
        reverse("careers-new-placement", args=[participant.pk]),
        placement_data(hours_per_week="32.25", wage="-3"),
    )
    form = response.context["form"]
    assert form.errors["wage"] == ["Pay cannot be negative."]
    assert "hours_per_week" not in form.errors


def test_a_former_advocate_in_another_organization_is_not_told_the_job_ended(
    client, caseload, advocate, other_organization
):
    advocate.organization = other_organization
    advocate.save(update_fields=["organization"])
    placement = make_placement(caseload, today() - dt.timedelta(days=40))
    client.force_login(caseload)
    prefix = f"p{placement.pk}"
    client.post(
        reverse("careers-update-my-job", args=[placement.pk]),
        {
            f"{prefix}-still_employed": "no",
            f"{prefix}-end_date": today().isoformat(),
            f"{prefix}-wage_period": "hour",
        },
    )
    placement.refresh_from_db()
    assert placement.status == JobPlacement.Status.ENDED
    assert not Notification.objects.filter(user=advocate).exists()


def test_a_follow_up_cannot_be_recorded_months_before_it_is_due(client, advocate, caseload):
    placement = make_placement(caseload, today() - dt.timedelta(days=10))
    client.force_login(advocate)
    response = client.post(
        reverse("careers-record-follow-up", args=[caseload.pk, placement.pk, 180]),
        {"contacted_on": today().isoformat(), "still_employed": "yes", "wage_period": "hour"},
    )
    assert response.status_code == 200
    due = placement.start_date + dt.timedelta(days=180)
    assert "can be recorded from" in " ".join(response.context["form"].errors["contacted_on"])
    earliest = date_format(due - dt.timedelta(days=14), "DATE_FORMAT")
    assert earliest in response.context["form"].errors["contacted_on"][0]
    assert not FollowUp.objects.exists()


def test_an_offer_has_no_follow_ups(client, advocate, caseload):
    placement = make_placement(
        caseload, today() - dt.timedelta(days=40), status=JobPlacement.Status.OFFERED
    )
    client.force_login(advocate)
    page = client.get(reverse("careers-edit-placement", args=[caseload.pk, placement.pk]))
    assert "follow-ups-heading" not in page.content.decode()
    url = reverse("careers-record-follow-up", args=[caseload.pk, placement.pk, 30])
    assert client.get(url).status_code == 404


def test_a_follow_up_on_an_ended_job_starts_from_its_last_day(client, advocate, caseload):
    last_day = today() - dt.timedelta(days=2)
    placement = make_placement(
        caseload,
        today() - dt.timedelta(days=40),
        status=JobPlacement.Status.ENDED,
        end_date=last_day,
    )
    client.force_login(advocate)
    url = reverse("careers-record-follow-up", args=[caseload.pk, placement.pk, 30])
    assert f'value="{last_day.isoformat()}"' in client.get(url).content.decode()
    response = client.post(
        url, {"contacted_on": today().isoformat(), "still_employed": "yes", "wage_period": "hour"}
    )
    assert "The job ended on" in " ".join(response.context["form"].errors["still_employed"])
    assert not FollowUp.objects.exists()


def test_correcting_an_earlier_follow_up_keeps_the_jobs_latest_hours_and_pay(
    client, advocate, caseload
):
    placement = make_placement(caseload, today() - dt.timedelta(days=95))
    client.force_login(advocate)

    def record(milestone, hours, wage):
        return client.post(
            reverse("careers-record-follow-up", args=[caseload.pk, placement.pk, milestone]),
            {
                "contacted_on": today().isoformat(),
                "still_employed": "yes",
                "hours_per_week": hours,
                "wage": wage,
                "wage_period": "hour",
            },
        )

    assert record(90, "36", "25.00").status_code == 302
    assert record(30, "20", "21.00").status_code == 302  # recorded late, from notes
    placement.refresh_from_db()
    assert (placement.hours_per_week, placement.wage) == (Decimal("36.0"), Decimal("25.00"))
    assert FollowUp.objects.get(milestone=30).hours_per_week == Decimal("20.0")
