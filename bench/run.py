"""PeerPath benchmarks: speed targets live here, not in timed tests.

    .venv/bin/python bench/run.py

Builds a throw-away SQLite database in a temporary directory, fills it with
500 training providers and measures the pages and the coach against their
targets. Prints one line per measurement and exits 1 if a target is missed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable

TARGETS_MS = {
    "finder page, 500 providers, near a ZIP + online (p95)": 250.0,
    "providers API, 500 providers, one specialization (p95)": 250.0,
    "practice answer with coach feedback (p95)": 150.0,
    "coach classify, one response (p95)": 50.0,
    "advocate caseload, 200 participants (p95)": 400.0,
    "intake queue, 200 submitted applications, one page (p95)": 250.0,
}


def p95(action: Callable[[], object], runs: int) -> float:
    action()  # warm up
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return timings[int(0.95 * (len(timings) - 1))]


def _people_for_staff_pages():  # type: ignore[no-untyped-def]
    """An organization with 200 enrolled participants (half with a certification case and
    a contact) and 200 submitted applications. Staff are signed in directly: the pages,
    not the sign-in, are measured."""
    import datetime as dt

    from django.utils import timezone

    from peerpath.accounts.models import Cohort, Organization, Program, Role, User
    from peerpath.certification.models import CertificationCase
    from peerpath.intake.models import Application, ApplicationStatus
    from peerpath.participants.models import ContactNote

    today = timezone.localdate()
    organization = Organization.objects.create(name="Bench", slug="bench")
    program = Program.objects.create(organization=organization, name="Bench", slug="bench")
    cohort = Cohort.objects.create(
        program=program, name="C", starts_on=today, ends_on=today + dt.timedelta(days=90)
    )
    advocate = User.objects.create(
        email="adv@bench.test", role=Role.ADVOCATE, organization=organization
    )
    coordinator = User.objects.create(
        email="coord@bench.test", role=Role.COORDINATOR, organization=organization
    )
    enrolled = User.objects.bulk_create(
        User(
            email=f"p{i}@bench.test",
            full_name=f"Participant {i}",
            role=Role.PARTICIPANT,
            program=program,
            cohort=cohort,
            advocate=advocate,
        )
        for i in range(200)
    )
    applicants = User.objects.bulk_create(
        User(email=f"a{i}@bench.test", full_name=f"Applicant {i}", role=Role.PARTICIPANT)
        for i in range(200)
    )
    now = timezone.now()
    Application.objects.bulk_create(
        [
            Application(applicant=p, program=program, status=ApplicationStatus.ENROLLED)
            for p in enrolled
        ]
        + [
            Application(
                applicant=p,
                program=program,
                status=ApplicationStatus.SUBMITTED,
                submitted_at=now,
                date_of_birth=dt.date(2004, 1, 1),
                lived_experience="consumer",
            )
            for p in applicants
        ]
    )
    CertificationCase.objects.bulk_create(
        CertificationCase(participant=p, application_submitted=today) for p in enrolled[::2]
    )
    ContactNote.objects.bulk_create(
        ContactNote(
            participant=p, author=advocate, contacted_on=today, mode="phone", minutes=5, summary="."
        )
        for p in enrolled[::2]
    )
    _give_second_factor([advocate, coordinator])
    return advocate, coordinator


def _give_second_factor(users) -> None:  # type: ignore[no-untyped-def]
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    for user in users:
        if not Authenticator.objects.filter(user=user).exists():
            TOTP.activate(user, generate_totp_secret())


def main() -> int:
    os.environ["PEERPATH_DATA_DIR"] = tempfile.mkdtemp(prefix="peerpath-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerpath.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from peerpath.catalog.models import Provider, ProviderLocation, Specialization, TrainingMethod
    from peerpath.practice.coach import bench as coach_bench

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    method = TrainingMethod.objects.get(code="online_live")
    specialization = Specialization.objects.get(code="CC")
    for index in range(488):
        provider = Provider.objects.create(slug=f"bench-{index}", name=f"Bench {index}")
        provider.methods.add(method)
        provider.specializations.add(specialization)
        ProviderLocation(provider=provider, label="Riverside", zip_code="92501").save()

    client = Client()
    advocate, coordinator = _people_for_staff_pages()
    staff_client = Client()
    staff_client.force_login(advocate)
    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    results = {
        "finder page, 500 providers, near a ZIP + online (p95)": p95(
            lambda: client.get("/training/", {"near": "92501", "online": "on"}), 30
        ),
        "providers API, 500 providers, one specialization (p95)": p95(
            lambda: client.get("/api/providers", {"specialization": "CC"}), 30
        ),
        "practice answer with coach feedback (p95)": p95(
            lambda: client.post(
                "/practice/open_question/",
                {"prompt": "oq-01", "response": "What has work been like this week?"},
            ),
            50,
        ),
        "coach classify, one response (p95)": coach_bench.measure(1000)["all"]["p95_ms"],
        "advocate caseload, 200 participants (p95)": p95(
            lambda: staff_client.get("/staff/caseload/"), 20
        ),
        "intake queue, 200 submitted applications, one page (p95)": p95(
            lambda: coordinator_client.get("/staff/intake/"), 30
        ),
    }
    missed = 0
    for name, value in results.items():
        target = TARGETS_MS[name]
        status = "ok" if value <= target else "MISSED"
        missed += status == "MISSED"
        print(f"{status:6} {name}: {value:.1f} ms (target {target:.0f} ms)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
