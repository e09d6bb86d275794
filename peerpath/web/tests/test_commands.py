import io
import os
import stat
import subprocess
import sys

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.urls import reverse

from peerpath.accounts.models import Program, Role, User
from peerpath.catalog.models import Provider
from peerpath.settings import load_or_create_secret_key


def test_secret_key_is_generated_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_or_create_secret_key(tmp_path)
    assert len(first) >= 50
    assert load_or_create_secret_key(tmp_path) == first
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert load_or_create_secret_key(tmp_path) == "from-the-environment"


@pytest.mark.django_db
def test_serve_demo_prepares_everything_and_prints_credentials():
    out = io.StringIO()
    call_command("serve", "--demo", "--no-serve", stdout=out)
    text = out.getvalue()
    program = Program.objects.get(slug="esp")
    # The catalog's 12, plus the demo's made-up provider approved for core training.
    assert Provider.objects.count() == 13
    roles = dict(User.objects.values_list("email", "role"))
    assert set(roles.values()) == {r.value for r in Role}
    for email in roles:
        # Past participants exist for the outcome reports and cannot sign in.
        assert email in text or email.startswith("alumni")
    assert "peerpath-demo-2026" in text
    assert "second factor" in text
    staff = User.objects.exclude(role=Role.PARTICIPANT)
    assert all(Authenticator.objects.filter(user=u, type="totp").exists() for u in staff)
    demo_participant = User.objects.get(email="participant@demo.peerpath.org")
    assert demo_participant.program == program
    assert demo_participant.advocate == User.objects.get(role=Role.ADVOCATE)
    people = User.objects.count()
    call_command("serve", "--demo", "--no-serve", stdout=io.StringIO())
    assert User.objects.count() == people and Provider.objects.count() == 13


@pytest.mark.django_db
def test_demo_shows_people_at_several_certification_stages(client):
    from django.urls import reverse

    from peerpath.certification.models import CertificationCase
    from peerpath.certification.status import case_status

    call_command("serve", "--demo", "--no-serve", stdout=io.StringIO())
    from django.utils import timezone

    stages = {
        case.participant.email: case_status(case, timezone.localdate()).plan.stage
        for case in CertificationCase.objects.select_related("participant").exclude(
            participant__email__startswith="alumni"
        )
    }
    assert stages == {
        "participant@demo.peerpath.org": "request_exam",
        "maya@demo.peerpath.org": "complete_application",
        "luis@demo.peerpath.org": "request_exam",
        "dana@demo.peerpath.org": "certified",
    }
    coordinator = User.objects.get(email="coordinator@demo.peerpath.org")
    client.force_login(coordinator)
    reasons = {
        (r.participant.email, r.code)
        for r in client.get(reverse("certification-at-risk")).context["rows"]
    }
    assert reasons == {
        ("maya@demo.peerpath.org", "application_voiding"),
        ("luis@demo.peerpath.org", "two_attempts_used"),
        ("luis@demo.peerpath.org", "approval_ending"),
        ("dana@demo.peerpath.org", "renewal_due"),
    }


def test_peerpath_command_accepts_dashed_names(tmp_path):
    env = {**os.environ, "PEERPATH_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "peerpath.cli", "load-reference", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0
    assert "--force" in result.stdout


@pytest.mark.django_db
def test_demo_participants_are_enrolled_in_a_cohort_with_an_advocate():
    from peerpath.intake.demo import DEMO_ENROLLED
    from peerpath.intake.enrolment import is_enrolled

    call_command("serve", "--demo", "--no-serve", stdout=io.StringIO())
    people = User.objects.filter(email__in=DEMO_ENROLLED).select_related("cohort", "advocate")
    assert people.count() == 4
    for person in people:
        assert is_enrolled(person, person.program_id)
        assert person.cohort is not None and person.advocate is not None


@pytest.mark.django_db
def test_demo_intake_queue_has_applicants_at_each_stage():
    from peerpath.intake.models import Application

    call_command("serve", "--demo", "--no-serve", stdout=io.StringIO())
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "needs_info", "eligible", "enrolled"}
    waiting = Application.objects.filter(status="submitted")
    assert all(a.documents.count() == 2 for a in waiting)
    from peerpath.audit.models import AuditEvent

    asked = Application.objects.get(status="needs_info")
    trail = AuditEvent.objects.filter(object_id=str(asked.pk), object_type="intake.application")
    assert list(trail.order_by("created_at").values_list("action", flat=True)) == [
        "application.submit",
        "application.request_information",
    ]


@pytest.mark.django_db
def test_demo_caseload_flags_the_participant_nobody_has_reached(client):
    from peerpath.participants.caseload import build_rows, caseload_participants

    call_command("serve", "--demo", "--no-serve", stdout=io.StringIO())
    advocate = User.objects.get(email="advocate@demo.peerpath.org")
    from django.utils import timezone

    rows = {
        row.participant.email: row.flags
        for row in build_rows(list(caseload_participants(advocate)), timezone.localdate())
    }
    assert "no_recent_contact" in rows["maya@demo.peerpath.org"]
    assert "no_recent_contact" not in rows["participant@demo.peerpath.org"]


@pytest.mark.django_db
def test_bench_data_fills_every_app_and_the_lists_work(client):
    from peerpath.audit.models import AuditEvent
    from peerpath.schedule.models import Attendance
    from peerpath.web.benchdata import advocate_email, coordinator_email

    out = io.StringIO()
    call_command("bench_data", participants=40, organizations=2, providers=20, stdout=out)
    assert User.objects.filter(role="participant").count() == 40
    assert Attendance.objects.count() > 0
    assert AuditEvent.objects.count() > 0
    assert "rows in" in out.getvalue()
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    coordinator = User.objects.get(email=coordinator_email(0))
    advocate = User.objects.get(email=advocate_email(1, 0))
    for staff in (coordinator, advocate):
        TOTP.activate(staff, generate_totp_secret())
    client.force_login(coordinator)
    assert client.get(reverse("participants-caseload")).context["total"] > 0
    client.force_login(advocate)
    assert client.get(reverse("participants-caseload")).status_code == 200
    with pytest.raises(CommandError):
        call_command("bench_data", participants=5, stdout=out)


@pytest.mark.django_db
def test_demo_has_two_open_programs_and_an_installation_administrator(client):
    from peerpath.accounts.demo import INSTALLATION_ADMIN_EMAIL
    from peerpath.conftest import make_user
    from peerpath.intake.programs import open_programs

    out = io.StringIO()
    call_command("serve", "--demo", "--no-serve", stdout=out)
    programs = {p.slug: p for p in open_programs()}
    assert set(programs) == {"esp", "pa-pathways"}
    assert {p.jurisdiction for p in programs.values()} == {"CA", "PA"}
    second = programs["pa-pathways"]
    assert second.cohorts.filter(starts_on__gt=second.today()).exists()
    assert second.session_series.filter(kind="orientation", bookable=True).exists()

    applicant = make_user("newcomer@example.org", Role.PARTICIPANT)
    client.force_login(applicant)
    response = client.get(reverse("intake-apply"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("intake-apply-choose")
    page = response.content.decode()
    assert all(p.name in page for p in programs.values())
    assert "Pennsylvania" in page and "California" in page

    root = User.objects.get(email=INSTALLATION_ADMIN_EMAIL)
    assert root.is_installation_admin and root.organization is None
    assert Authenticator.objects.filter(user=root, type="totp").exists()
    assert INSTALLATION_ADMIN_EMAIL in out.getvalue()
    client.force_login(root)
    for name in ("catalog-admin-providers", "certification-jurisdictions"):
        assert client.get(reverse(name)).status_code == 200, name
    assert "Pennsylvania" in client.get(reverse("certification-jurisdictions")).content.decode()
