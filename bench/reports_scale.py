"""Outcome indicators at scale: 100,000 enrolled participants on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peerpath_bench \\
        .venv/bin/python bench/reports_scale.py [--people 100000]

Migrates the (empty, throw-away) database given by DATABASE_URL, fills it with
one organization whose participants each have an enrolment, trainings, most a
certification, an exit and a job with quarterly earnings, then times building
the indicators' input from the database and computing them (the target is 5
seconds) and counts the queries. Exits 1 if the target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal

TARGET_SECONDS = 5.0
PAGE_SECONDS = 10.0
BATCH = 5000


def fill(people: int) -> object:
    from peerpath.accounts.models import Organization, Program, Role, User
    from peerpath.careers.models import JobPlacement, QuarterEarnings
    from peerpath.certification.models import CertificationCase
    from peerpath.intake.models import Application, ApplicationStatus
    from peerpath.participants.models import Exit
    from peerpath.reports.rules import Quarter
    from peerpath.training.models import Training

    rng = random.Random(1)  # noqa: S311 - made-up data
    organization = Organization.objects.create(name="Scale", slug="scale")
    program = Program.objects.create(organization=organization, name="Scale", slug="scale")
    User.objects.bulk_create(
        (
            User(email=f"p{n}@scale.test", password="!", role=Role.PARTICIPANT, program=program)  # noqa: S106
            for n in range(people)
        ),
        batch_size=BATCH,
    )
    ids = list(User.objects.filter(program=program).values_list("pk", flat=True))
    base = dt.date(2024, 7, 1)
    applications, trainings, cases, exits, jobs = [], [], [], [], []
    for pid in ids:
        enrolled = base + dt.timedelta(days=rng.randint(0, 500))
        applications.append(
            Application(
                applicant_id=pid,
                program=program,
                status=ApplicationStatus.ENROLLED,
                enrolled_on=enrolled,
            )
        )
        done = enrolled + dt.timedelta(days=70) if rng.random() < 0.85 else None
        trainings.append(
            Training(
                participant_id=pid,
                kind="core",
                provider_name="P",
                starts_on=enrolled + dt.timedelta(days=7),
                completed_on=done,
            )
        )
        trainings.append(
            Training(
                participant_id=pid,
                kind="other",
                provider_name="P",
                starts_on=enrolled + dt.timedelta(days=30),
            )
        )
        if done and rng.random() < 0.7:
            cases.append(
                CertificationCase(
                    participant_id=pid, certified_on=done + dt.timedelta(days=rng.randint(30, 200))
                )
            )
        if rng.random() < 0.7:
            exited = enrolled + dt.timedelta(days=rng.randint(60, 300))
            exits.append(Exit(participant_id=pid, exited_on=exited, reason="completed"))
            if rng.random() < 0.7:
                start = exited + dt.timedelta(days=rng.randint(-20, 90))
                jobs.append(JobPlacement(participant_id=pid, employer_name="E", start_date=start))
    for model_rows in (applications, trainings, cases, exits, jobs):
        type(model_rows[0]).objects.bulk_create(model_rows, batch_size=BATCH)
    earnings = []
    for job_id, start in JobPlacement.objects.filter(participant__program=program).values_list(
        "pk", "start_date"
    ):
        quarter = Quarter.containing(start)
        for step in range(4):
            earnings.append(
                QuarterEarnings(
                    placement_id=job_id,
                    quarter=quarter.plus(step).key,
                    amount=Decimal(rng.randint(3000, 12000)),
                )
            )
    QuarterEarnings.objects.bulk_create(earnings, batch_size=BATCH)
    return program


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Set DATABASE_URL to an empty, throw-away PostgreSQL database.")
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerpath.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from peerpath.accounts.models import Program
    from peerpath.reports.data import Scope, build_report_input
    from peerpath.reports.rules import Period, compute

    call_command("migrate", verbosity=0)
    # The page's static URLs need the fingerprinted files' manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    program = Program.objects.filter(slug="scale").first()
    if program is None:
        started = time.perf_counter()
        program = fill(args.people)
        print(f"filled in {time.perf_counter() - started:.0f} s")
    period = Period(dt.date(2025, 7, 1), dt.date(2026, 6, 30))
    timings = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            report = build_report_input(Scope((program.pk,)), period, dt.date(2026, 12, 31))
            loaded = time.perf_counter()
            result = compute(report)
            done, cpu = time.perf_counter(), time.process_time() - cpu
        timings.append(done - started)
        print(
            f"{len(report.participants)} participants: load {loaded - started:.2f} s, "
            f"compute {done - loaded:.2f} s, total {done - started:.2f} s "
            f"({cpu:.2f} s of this process's CPU), "
            f"{len(queries)} queries; served {result.served}, exiters {result.exiters}"
        )
    best = min(timings)
    print(f"indicators, best of 3: {best:.2f} s (target {TARGET_SECONDS:.0f} s)")
    page = page_seconds(program)
    print(f"reports page, custom year, best of 3: {page:.2f} s (target {PAGE_SECONDS:.0f} s)")
    return 0 if best < TARGET_SECONDS and page < PAGE_SECONDS else 1


def page_seconds(program: object) -> float:
    """The whole reports page (indicators, funnel, service, who was served) for a
    coordinator of the organization, as the browser asks for it."""
    from django.test import Client

    from peerpath.accounts.models import Role, User

    coordinator = User.objects.filter(email="coordinator@scale.test").first()
    if coordinator is None:
        coordinator = User.objects.create(
            email="coordinator@scale.test",
            role=Role.COORDINATOR,
            organization=program.organization,  # type: ignore[attr-defined]
        )
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not Authenticator.objects.filter(user=coordinator).exists():
        TOTP.activate(coordinator, generate_totp_secret())
    client = Client()
    client.force_login(coordinator)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        response = client.get(
            "/staff/reports/", {"period": "custom", "start": "2025-07-01", "end": "2026-06-30"}
        )
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return min(timings)


if __name__ == "__main__":
    sys.exit(main())
