"""The home, the tracker and the record tell the same story (participants.next_step)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.certification.models import CertificationCase
from peerpath.intake.actions import do_publish_demo_ethics_document, do_sign_code_of_ethics
from peerpath.participants.tests.test_views import enrol
from peerpath.training.models import HoursEntry, Training, TrainingKind, TrainingStatus

TODAY = timezone.localdate()
HOME = reverse("participants-home")
TRACKER = reverse("certification-mine")


def days_ago(n):
    return TODAY - dt.timedelta(days=n)


@pytest.fixture
def short_of_hours(participant, program, advocate):
    """The demo's story: the tracker has a training date, PeerPath has 64 of 80 hours."""
    enrol(participant, program, advocate)
    document = do_publish_demo_ethics_document()
    do_sign_code_of_ethics(participant, document, participant.full_name, None)
    training = Training.objects.create(
        participant=participant,
        kind=TrainingKind.CORE,
        provider_name="Community college",
        status=TrainingStatus.IN_PROGRESS,
    )
    HoursEntry.objects.create(training=training, date=days_ago(3), hours=Decimal(64))
    CertificationCase.objects.filter(participant=participant).update(
        registered_on=days_ago(200),
        orientation_video_on=days_ago(200),
        application_submitted=days_ago(150),
        application_completed=days_ago(140),
        application_approved=days_ago(120),
        application_fee_paid_on=days_ago(150),
        training_completed=days_ago(130),
        training_certificate_uploaded_on=days_ago(110),
    )
    return participant


def test_home_and_tracker_give_one_next_step(client, short_of_hours):
    client.force_login(short_of_hours)
    home = client.get(HOME).content.decode()
    tracker = client.get(TRACKER).content.decode()
    for page in (home, tracker):
        assert "Finish your core training" in page
        assert "Pay the exam fee and request your exam" not in page
        assert "Records that disagree" not in page
    assert "64 of 80 hours logged" in home
    # The timeline's current step is the certificate, not the exam fee.
    assert 'class="step-now" aria-current="step">\n        Upload your training certificate' in (
        tracker
    )


@pytest.mark.parametrize("url_name", ["participants-record", "certification-participant"])
def test_staff_see_the_records_that_disagree(client, short_of_hours, advocate, url_name):
    client.force_login(advocate)
    page = client.get(reverse(url_name, args=[short_of_hours.pk])).content.decode()
    assert "Records that disagree" in page
    assert "core training completion date" in page
    assert "Finish your core training" in page


def test_signing_the_code_of_ethics_dates_the_case(client, participant, program, advocate):
    enrol(participant, program, advocate)
    document = do_publish_demo_ethics_document()
    do_sign_code_of_ethics(participant, document, participant.full_name, None)
    case = CertificationCase.objects.get(participant=participant)
    assert case.ethics_signed_on == TODAY
    client.force_login(participant)
    page = client.get(TRACKER).content.decode()
    assert "Sign the Code of Ethics again by" in page
    assert "Read and sign the Code of Ethics." not in page


def test_the_ethics_date_is_not_typed_in_the_tracker(client, participant, program, advocate):
    enrol(participant, program, advocate)
    client.force_login(participant)
    page = client.get(TRACKER).content.decode()
    assert 'name="dates-ethics_signed_on"' not in page
    assert "Read and sign the Code of Ethics." in page
