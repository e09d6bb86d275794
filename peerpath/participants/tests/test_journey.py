"""The home, the tracker and the record tell the same story (participants.next_step)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from peerpath.accounts.models import Role, User
from peerpath.certification.models import CertificationCase
from peerpath.conftest import make_user
from peerpath.intake.actions import do_publish_demo_ethics_document, do_sign_code_of_ethics
from peerpath.intake.models import Application, ApplicationStatus, EthicsSignature
from peerpath.participants.caseload import ROW_RELATED, build_rows
from peerpath.participants.journey import journey_for
from peerpath.participants.models import ParticipantStatus
from peerpath.participants.next_step import MESSAGES, STAFF_LABELS
from peerpath.participants.rules import Flag
from peerpath.participants.status import refresh_statuses
from peerpath.participants.tests.test_views import CASELOAD, enrol
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


# The caseload tells the same story ----------------------------------------------------


def person(email, program, advocate, *, enrolled=True):
    someone = make_user(email, Role.PARTICIPANT, program=program, full_name=email.split("@")[0])
    if enrolled:
        return enrol(someone, program, advocate)
    Application.objects.create(applicant=someone, program=program, status=ApplicationStatus.DRAFT)
    return someone


def signed(someone, years_ago=0):
    signature = do_sign_code_of_ethics(
        someone, do_publish_demo_ethics_document(), someone.full_name, None
    )
    if years_ago:
        when = timezone.now() - dt.timedelta(days=365 * years_ago + 10)
        EthicsSignature.objects.filter(pk=signature.pk).update(signed_at=when)
        CertificationCase.objects.filter(participant=someone).update(
            ethics_signed_on=timezone.localtime(when).date()
        )
    return someone


def core_hours(someone, hours):
    training = Training.objects.create(
        participant=someone,
        kind=TrainingKind.CORE,
        provider_name="Community college",
        status=TrainingStatus.IN_PROGRESS,
    )
    HoursEntry.objects.create(training=training, date=days_ago(3), hours=Decimal(hours))
    return someone


def a_table_of_people(program, advocate, short_of_hours):
    """Who is where, with the step each one's home shows."""
    certified = signed(person("certified@example.org", program, advocate))
    CertificationCase.objects.filter(participant=certified).update(
        certified_on=days_ago(30), ethics_signed_on=days_ago(0)
    )
    paused = signed(person("paused@example.org", program, advocate))
    paused.paused_until = TODAY + dt.timedelta(days=10)
    paused.save(update_fields=["paused_until"])
    return {
        person("new@example.org", program, advocate): "sign_ethics",
        signed(person("signed@example.org", program, advocate)): "add_core_training",
        core_hours(signed(person("logging@example.org", program, advocate)), 20): (
            "finish_core_training"
        ),
        core_hours(signed(person("logged@example.org", program, advocate)), 80): (
            "verify_core_training"
        ),
        signed(person("lapsed@example.org", program, advocate), years_ago=3): "resign_ethics",
        certified: "certified",
        paused: "paused",
        short_of_hours: "finish_core_training",
        person("draft@example.org", program, advocate, enrolled=False): (
            "continue_program_application"
        ),
    }


def test_the_caseload_stage_is_the_step_the_home_shows(
    client, coordinator, program, advocate, short_of_hours
):
    table = a_table_of_people(program, advocate, short_of_hours)
    people = list(User.objects.filter(pk__in=[p.pk for p in table]))
    refresh_statuses([p.pk for p in people], TODAY)
    stored = dict(ParticipantStatus.objects.values_list("participant_id", "stage"))
    rows = {row.participant.pk: row for row in build_rows(people, TODAY)}
    for someone in people:
        journey = journey_for(someone, TODAY)
        expected = table[someone]
        assert journey.step.code == expected, someone.email
        assert stored[someone.pk] == expected, someone.email
        assert rows[someone.pk].step == journey.step, someone.email
        assert rows[someone.pk].stage == journey.step.staff_label
    client.force_login(coordinator)
    listed = {row.participant.pk: row.stage for row in client.get(CASELOAD).context["rows"]}
    assert listed[short_of_hours.pk] == "Core training: in progress"
    assert "draft@example.org" not in client.get(CASELOAD).content.decode()


def test_records_that_disagree_are_flagged_on_the_caseload(
    client, advocate, program, short_of_hours
):
    calm = signed(person("calm@example.org", program, advocate))
    client.force_login(advocate)
    rows = {row.participant.pk: row for row in client.get(CASELOAD).context["rows"]}
    assert Flag.RECORDS_DISAGREE in rows[short_of_hours.pk].flags
    assert Flag.RECORDS_DISAGREE not in rows[calm.pk].flags
    flagged = client.get(CASELOAD, {"flag": "records_disagree"}).context["rows"]
    assert [row.participant for row in flagged] == [short_of_hours]
    page = client.get(CASELOAD).content.decode()
    assert '<option value="records_disagree">Records that disagree</option>' in page
    client.cookies["peerpath_language"] = "es"
    page = client.get(CASELOAD).content.decode()
    assert "Registros que no coinciden" in page
    assert "Capacitación básica: en curso" in page


def test_signing_the_code_of_ethics_moves_the_caseload_at_once(client, advocate, program):
    someone = person("new@example.org", program, advocate)
    client.force_login(advocate)
    assert client.get(CASELOAD, {"stage": "sign_ethics"}).context["total"] == 1
    signed(someone)
    assert client.get(CASELOAD, {"stage": "sign_ethics"}).context["total"] == 0
    assert client.get(CASELOAD, {"stage": "add_core_training"}).context["total"] == 1


def many(program, advocate, start, count):
    """People with every record the step reads: signature, core hours, a case."""
    document = do_publish_demo_ethics_document()
    for i in range(start, start + count):
        someone = person(f"p{i}@example.org", program, advocate)
        do_sign_code_of_ethics(someone, document, someone.full_name, None)
        core_hours(someone, 10 + i)
        CertificationCase.objects.filter(participant=someone).update(
            registered_on=days_ago(20), training_completed=days_ago(5)
        )


def test_caseload_rows_and_status_take_the_same_queries_for_3_or_30(
    program, advocate, count_queries
):
    def measure():
        people = list(
            User.objects.filter(role=Role.PARTICIPANT)
            .select_related(*ROW_RELATED)
            .annotate(enrolled_at=F("application__decided_at"))
        )
        ids = [p.pk for p in people]
        return (
            count_queries(lambda: build_rows(people, TODAY)),
            count_queries(lambda: refresh_statuses(ids, TODAY)),
        )

    many(program, advocate, 0, 3)
    small = measure()
    many(program, advocate, 3, 27)
    assert ParticipantStatus.objects.filter(computed_on=TODAY).count() == 3
    assert measure() == small
    assert ParticipantStatus.objects.filter(computed_on=TODAY).count() == 30


def test_every_step_has_a_staff_label_that_fits_the_list_status():
    width = ParticipantStatus._meta.get_field("stage").max_length
    assert set(STAFF_LABELS) == set(MESSAGES)
    assert all(len(code) <= width for code in STAFF_LABELS)
    assert len({str(label) for label in STAFF_LABELS.values()}) == len(STAFF_LABELS)
    for code, label in STAFF_LABELS.items():
        with translation.override("en"):
            english = str(label)
        with translation.override("es"):
            assert str(label) != english, code
