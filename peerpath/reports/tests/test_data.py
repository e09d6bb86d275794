"""The indicators built from the database: fixed queries, same answer as the command."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from peerpath.accounts.models import Program, User
from peerpath.careers.models import JobPlacement, QuarterEarnings
from peerpath.certification.models import CertificationCase
from peerpath.conftest import make_user
from peerpath.intake.models import Application, ApplicationStatus
from peerpath.participants.models import Exit
from peerpath.reports.data import Scope, build_report_input, report_input_json
from peerpath.reports.rules import Period, compute
from peerpath.training.models import Training

pytestmark = pytest.mark.django_db

PERIOD = Period(dt.date(2025, 7, 1), dt.date(2026, 6, 30))
AS_OF = dt.date(2026, 12, 31)


def make_people(program, count, start=0):
    for n in range(start, start + count):
        person = make_user(f"p{n}@example.org", "participant", mfa=False, program=program)
        Application.objects.create(
            applicant=person,
            program=program,
            status=ApplicationStatus.ENROLLED,
            enrolled_on=dt.date(2025, 1, 15),
        )
        Training.objects.create(
            participant=person, kind="core", starts_on=dt.date(2025, 2, 1), provider_name="P"
        )
        Training.objects.create(
            participant=person,
            kind="work_readiness",
            starts_on=dt.date(2025, 2, 1),
            provider_name="P",
        )
        CertificationCase.objects.create(participant=person, certified_on=dt.date(2025, 10, 1))
        Exit.objects.create(participant=person, exited_on=dt.date(2025, 8, 20), reason="completed")
        job = JobPlacement.objects.create(
            participant=person, employer_name="X", start_date=dt.date(2025, 11, 1)
        )
        QuarterEarnings.objects.create(placement=job, quarter="2026Q1", amount=Decimal(7000 + n))


def indicators(program):
    return compute(build_report_input(Scope((program.pk,)), PERIOD, AS_OF, min_cell=11))


def test_queries_do_not_grow_with_participants(program, django_assert_num_queries):
    make_people(program, 3)
    with django_assert_num_queries(3):
        small = indicators(program)
    make_people(program, 20, start=3)
    with django_assert_num_queries(3):
        large = indicators(program)
    assert (small.served, large.served) == (3, 23)
    assert small.employment_q2.suppressed and not large.employment_q2.suppressed
    assert large.employment_q2.rate == Decimal("1.0000")
    assert large.median_earnings_q2.value == Decimal("7011.00")
    assert large.credential_rate.numerator == 23


def test_only_enrolled_people_of_the_scope_count(program, other_program):
    make_people(program, 2)
    make_people(other_program, 1, start=10)
    applicant = make_user("applicant@example.org", "participant", mfa=False, program=program)
    Application.objects.create(applicant=applicant, program=program, status="submitted")
    report = build_report_input(Scope((program.pk,)), PERIOD, AS_OF)
    assert sorted(p.id for p in report.participants) == sorted(
        str(pk)
        for pk in Application.objects.filter(
            program=program, enrolled_on__isnull=False
        ).values_list("applicant_id", flat=True)
    )
    kinds = {t.kind for t in report.participants[0].trainings}
    assert kinds == {"core", "other"}  # work readiness is "other" for funders


def test_an_excluded_exit_is_flagged(program):
    make_people(program, 1)
    Exit.objects.update(reason="deceased")
    (person,) = build_report_input(Scope((program.pk,)), PERIOD, AS_OF).participants
    assert person.exit_excluded


def test_the_page_and_the_command_agree_on_the_demo(client, tmp_path):
    call_command("serve", "--demo", "--no-serve", stdout=io.StringIO())
    program = Program.objects.get(slug="esp")
    coordinator = User.objects.get(email="coordinator@demo.peerpath.org")
    client.force_login(coordinator)
    response = client.get(reverse("reports-show-report"))  # the last complete program year
    page = response.context["report"]
    report = build_report_input(Scope((program.pk,)), page.period, page.as_of, page.min_cell)
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(report_input_json(report)), encoding="utf-8")
    out = io.StringIO()
    call_command("outcome_indicators", str(path), stdout=out)
    from_command = json.loads(out.getvalue())
    assert from_command == page.indicators.as_json()
    # A year of outcomes: numbers that are shown, not suppressed, at the default threshold.
    assert page.min_cell == 11
    assert from_command["served"] >= 30
    assert from_command["exiters"] >= 11
    assert not from_command["credential_rate"]["suppressed"]
    assert not from_command["skill_gain_rate"]["suppressed"]
    html = response.content.decode()
    assert f"<td>{from_command['exiters']}</td>" in html
