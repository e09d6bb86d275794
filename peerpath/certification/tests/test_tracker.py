"""The tracker pages and the at-risk list, for every role."""

import datetime as dt

import pytest
from django.urls import reverse

from peerpath.audit.models import AuditEvent
from peerpath.certification.models import CertificationCase, ExamAttemptRecord

pytestmark = pytest.mark.django_db

MINE = reverse("certification-mine")
AT_RISK = reverse("certification-at-risk")
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def approved_case(person, approved=dt.date(2026, 3, 1), **extra):
    return CertificationCase.objects.create(
        participant=person,
        application_submitted=dt.date(2026, 2, 1),
        application_completed=dt.date(2026, 2, 5),
        application_approved=approved,
        training_completed=dt.date(2026, 1, 20),
        **extra,
    )


def add_attempt(client, **data):
    payload = {
        "form": "attempt",
        "attempt-language": "en",
        "attempt-delivery": "online",
        **{f"attempt-{k}": v for k, v in data.items()},
    }
    return client.post(MINE, payload, follow=True)


def test_participant_records_a_failed_attempt_and_sees_attempts_left(client, participant):
    approved_case(participant)
    client.force_login(participant)
    response = add_attempt(client, date="2026-06-10", passed="False")
    html = response.content.decode()
    assert ExamAttemptRecord.objects.count() == 1
    assert "You have 2 exam attempts left in this approval period." in html
    assert "Your approval is valid through" in html and "2027-03-01" in html
    assert "Last day to request the exam" in html and "2027-02-15" in html


def test_fees_come_from_the_program_settings(client, participant, program):
    from decimal import Decimal

    from peerpath.certification.models import CertificationSettings

    client.force_login(participant)
    assert (
        "Application $100, exam $150, each retake $150, renewal $80"
        in client.get(MINE).content.decode()
    )
    CertificationSettings.objects.create(program=program, application_fee=Decimal("120"))
    assert "Application $120" in client.get(MINE).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2027-03-02", "passed": "False"}, "in the future"),
        ({"date": "2026-02-15", "passed": "False"}, "before the application is approved"),
        ({"date": "", "passed": "False"}, "required"),
        ({"date": "2026-06-10"}, "Choose the result."),
    ],
)
def test_impossible_attempts_are_refused_with_a_message(client, participant, data, message):
    approved_case(participant)
    client.force_login(participant)
    response = add_attempt(client, **data)
    assert ExamAttemptRecord.objects.count() == 0
    form = response.context["attempt_form"]
    assert message in str(form.errors)


def test_a_fourth_attempt_and_an_attempt_after_the_window_are_refused(client, participant):
    case = approved_case(participant, approved=dt.date(2025, 6, 1))
    for day in (dt.date(2025, 7, 1), dt.date(2025, 8, 1), dt.date(2025, 9, 1)):
        ExamAttemptRecord.objects.create(case=case, date=day, passed=False)
    client.force_login(participant)
    response = add_attempt(client, date="2025-10-01", passed="False")
    assert "limited to 3" in str(response.context["attempt_form"].errors)
    ExamAttemptRecord.objects.filter(date=dt.date(2025, 9, 1)).delete()
    response = add_attempt(client, date="2026-06-02", passed="True")
    assert "after the approval ended" in str(response.context["attempt_form"].errors)
    assert case.exam_attempts.count() == 2


def test_approval_before_submission_is_refused_next_to_the_field(client, participant):
    client.force_login(participant)
    response = client.post(
        MINE,
        {
            "form": "dates",
            "dates-application_submitted": "2026-05-01",
            "dates-application_approved": "2026-04-01",
        },
    )
    assert "cannot be approved before it was submitted" in " ".join(
        response.context["dates_form"].errors["application_approved"]
    )
    assert 'id="id_dates-application_approved_error"' in response.content.decode()
    assert CertificationCase.objects.get().application_approved is None


def test_saving_dates_shows_deadlines_and_is_audited(client, participant):
    client.force_login(participant)
    client.post(MINE, {"form": "dates", "dates-application_submitted": "2026-10-01"})
    html = client.get(MINE).content.decode()
    assert "Finish your application by" in html and "2026-12-30" in html
    assert AuditEvent.objects.filter(action="certification.dates.update").exists()


def test_spanish_tracker(client, participant):
    approved_case(participant)
    client.cookies["peerpath_language"] = "es"
    client.force_login(participant)
    html = client.get(MINE).content.decode()
    assert '<html lang="es">' in html
    assert "Mi camino a la certificación" in html


def staff_url(person):
    return reverse("certification-participant", args=[person.pk])


def test_advocate_sees_their_caseload_and_the_read_is_audited(client, advocate, participant):
    participant.advocate = advocate
    participant.save()
    approved_case(participant)
    client.force_login(advocate)
    response = client.get(staff_url(participant))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        action="certification.case.view", actor=advocate, subject=participant
    ).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("advocate", 404),
        ("coordinator", 200),
        ("other_coordinator", 404),
        ("site_admin", 200),
        ("other_participant", 404),
    ],
)
def test_who_reaches_a_participants_tracker(client, request, participant, persona, status):
    approved_case(participant)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(staff_url(participant)).status_code == status


def test_participant_tracker_is_for_participants_only(client, coordinator):
    assert client.get(MINE).status_code == 302
    client.force_login(coordinator)
    assert client.get(MINE).status_code == 404


@pytest.fixture
def people_at_risk(program):
    from peerpath.accounts.models import Role
    from peerpath.conftest import make_user

    def person(name):
        return make_user(f"{name}@example.org", Role.PARTICIPANT, program=program, full_name=name)

    ending = approved_case(person("Ending"), approved=dt.date(2025, 12, 20))
    two = approved_case(person("Twice"))
    for day in (dt.date(2026, 5, 1), dt.date(2026, 7, 1)):
        ExamAttemptRecord.objects.create(case=two, date=day, passed=False)
    CertificationCase.objects.create(
        participant=person("Voiding"), application_submitted=dt.date(2026, 9, 15)
    )
    CertificationCase.objects.create(
        participant=person("Renewing"), certified_on=dt.date(2024, 12, 10)
    )
    approved_case(person("Fine"))
    paused = approved_case(person("Paused"), approved=dt.date(2025, 12, 20))
    paused.paused_until = dt.date(2027, 1, 31)
    paused.save()
    return ending


def test_at_risk_lists_the_right_people_with_reasons(client, coordinator, people_at_risk):
    client.force_login(coordinator)
    rows = client.get(AT_RISK).context["rows"]
    found = {(r.participant.full_name, r.code) for r in rows}
    assert found == {
        ("Ending", "approval_ending"),
        ("Ending", "exam_request_closing"),
        ("Twice", "two_attempts_used"),
        ("Voiding", "application_voiding"),
        ("Renewing", "renewal_due"),
    }


def test_at_risk_sorts_by_name_and_by_date(client, coordinator, people_at_risk):
    client.force_login(coordinator)
    by_name = [
        r.participant.full_name for r in client.get(AT_RISK, {"sort": "name"}).context["rows"]
    ]
    assert by_name == sorted(by_name, key=str.lower)
    dates = [r.date for r in client.get(AT_RISK).context["rows"] if r.date]
    assert dates == sorted(dates)


def test_at_risk_csv_export(client, coordinator, people_at_risk):
    client.force_login(coordinator)
    response = client.get(AT_RISK, {"format": "csv"})
    assert response.streaming
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert lines[0] == "Participant,Email,Reason,Date,Stage,Attempts remaining"
    assert any(
        line.startswith("Voiding,voiding@example.org,application_voiding,2026-12-14")
        for line in lines
    )
    assert AuditEvent.objects.filter(action="certification.at_risk.export").exists()


def test_at_risk_csv_headers_are_in_the_readers_language(client, coordinator, people_at_risk):
    client.cookies["peerpath_language"] = "es"
    client.force_login(coordinator)
    response = client.get(AT_RISK, {"format": "csv"})
    header = b"".join(response.streaming_content).decode().splitlines()[0]
    assert header == "Participante,Correo electrónico,Motivo,Fecha,Etapa,Intentos restantes"


def test_other_organizations_and_participants_do_not_see_the_list(
    client, other_coordinator, participant, people_at_risk
):
    client.force_login(other_coordinator)
    assert client.get(AT_RISK).context["rows"] == []
    client.force_login(participant)
    assert client.get(AT_RISK).status_code == 404


def test_at_risk_queries_do_not_grow_with_the_caseload(client, coordinator, program, count_queries):
    from peerpath.accounts.models import Role
    from peerpath.conftest import make_user

    def add(start, count):
        for index in range(start, start + count):
            person = make_user(f"r{index}@example.org", Role.PARTICIPANT, program=program)
            case = approved_case(person, approved=dt.date(2025, 12, 20))
            ExamAttemptRecord.objects.create(case=case, date=dt.date(2026, 5, 1), passed=False)

    client.force_login(coordinator)
    add(0, 3)
    small = count_queries(lambda: client.get(AT_RISK))
    add(3, 30)
    assert count_queries(lambda: client.get(AT_RISK)) == small


def test_at_risk_pages_by_50_and_records_each_person_shown(client, coordinator, program):
    from peerpath.accounts.models import Role
    from peerpath.conftest import make_user

    for index in range(55):
        person = make_user(f"p{index:02}@example.org", Role.PARTICIPANT, program=program)
        case = approved_case(person)
        for day in (dt.date(2026, 5, 1), dt.date(2026, 7, 1)):
            ExamAttemptRecord.objects.create(case=case, date=day, passed=False)
    client.force_login(coordinator)
    response = client.get(AT_RISK, {"sort": "name"})
    assert response.context["total"] == 55
    assert len(response.context["rows"]) == 50
    assert AuditEvent.objects.filter(action="certification.at_risk.view").count() == 50
    assert len(client.get(AT_RISK, {"sort": "name", "page": 2}).context["rows"]) == 5


def test_at_risk_list_records_one_read_per_person_shown(
    client, coordinator, site_admin, people_at_risk
):
    client.force_login(coordinator)
    client.get(AT_RISK)
    seen = AuditEvent.objects.filter(action="certification.at_risk.view", actor=coordinator)
    assert sorted(seen.values_list("subject__full_name", flat=True)) == [
        "Ending",
        "Renewing",
        "Twice",
        "Voiding",
    ]
    assert {e.organization_id for e in seen} == {coordinator.organization_id}
    b"".join(client.get(AT_RISK, {"format": "csv"}).streaming_content)
    exported = AuditEvent.objects.filter(action="certification.at_risk.export").exclude(
        subject=None
    )
    assert exported.count() == 4
    # The installation administrator has no organization: rows carry the person's.
    client.force_login(site_admin)
    client.get(AT_RISK)
    rows = AuditEvent.objects.filter(action="certification.at_risk.view", actor=site_admin)
    assert rows.count() == 4
    assert {e.organization_id for e in rows} == {people_at_risk.participant.program.organization_id}


def test_a_renewal_keeps_the_period_it_ends_in_the_history(client, participant):
    from decimal import Decimal

    from peerpath.certification.models import CertificationPeriod, ContinuingEducation

    case = CertificationCase.objects.create(
        participant=participant,
        certified_on=dt.date(2024, 12, 1),
        certification_number="PS-1",
        ethics_signed_on=dt.date(2024, 11, 20),
    )
    for day, hours, law in [
        (dt.date(2025, 3, 1), "14", False),
        (dt.date(2025, 9, 1), "6", True),
        (dt.date(2023, 1, 1), "9", False),  # before the period: not counted
    ]:
        ContinuingEducation.objects.create(
            case=case, date=day, provider="P", title="C", hours=Decimal(hours), law_and_ethics=law
        )
    client.force_login(participant)
    response = client.post(
        MINE,
        {"form": "dates", "dates-certified_on": "2026-11-20", "dates-certification_number": "PS-1"},
        follow=True,
    )
    assert response.status_code == 200
    [period] = CertificationPeriod.objects.all()
    assert (period.certified_on, period.expires_on, period.renewed_on) == (
        dt.date(2024, 12, 1),
        dt.date(2026, 12, 1),
        dt.date(2026, 11, 20),
    )
    assert (period.ce_hours, period.ce_law_ethics_hours) == (Decimal(20), Decimal(6))
    assert period.ethics_signed_on == dt.date(2024, 11, 20)
    html = response.content.decode()
    assert "Certification periods" in html
    assert "20 continuing education hours, 6 in law and ethics" in html
    # Saving again with the same date adds no second period.
    client.post(
        MINE,
        {"form": "dates", "dates-certified_on": "2026-11-20", "dates-certification_number": "PS-1"},
    )
    assert CertificationPeriod.objects.count() == 1


def test_the_tracker_says_when_to_expect_answers(client, participant):
    CertificationCase.objects.create(
        participant=participant,
        application_submitted=dt.date(2026, 11, 1),
        application_completed=dt.date(2026, 11, 10),
        accommodation_requested_on=dt.date(2026, 11, 15),
    )
    client.force_login(participant)
    html = client.get(MINE).content.decode()
    assert "A decision on your application: expect an answer by" in html
    assert 'datetime="2026-12-10"' in html
    assert "A decision on your accommodation request: expect an answer by" in html
    assert 'datetime="2026-12-15"' in html
