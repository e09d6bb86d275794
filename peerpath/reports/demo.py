"""A year of made-up outcomes for the demo: three earlier cohorts whose people
trained, certified, left the program and found (and sometimes left) jobs, with
their earnings per quarter. Dates are relative to today, so the reports always
show a full program year. Deterministic: the same people every time."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from peerpath.accounts.models import Cohort, Program, Role, User
from peerpath.careers.models import FollowUp, JobPlacement, QuarterEarnings
from peerpath.catalog.models import Specialization
from peerpath.certification.models import CertificationCase, ExamAttemptRecord
from peerpath.intake.models import Application, ApplicationStatus
from peerpath.participants.models import Exit, ExitReason
from peerpath.reports.rules import Quarter
from peerpath.training.models import HoursEntry, Training, TrainingKind, TrainingStatus

FIRST_NAMES = [
    "Adrián", "Bianca", "Carlos", "Daniela", "Emilio", "Fatima", "Gabriel", "Hana",
    "Isaac", "Jazmín", "Kai", "Lucía", "Mateo", "Nadia", "Omar", "Paola", "Quinn",
    "Rosa", "Santiago", "Tessa", "Uriel", "Valeria", "Wes", "Ximena", "Yusuf", "Zoe",
    "Andrés", "Brianna", "Diego", "Elena", "Felix", "Gloria", "Héctor", "Iris",
    "Joaquín", "Kiara",
]  # fmt: skip
LAST_NAMES = [
    "Alvarez", "Bennett", "Castillo", "Dominguez", "Ellis", "Flores", "Garcia", "Hughes",
    "Ibarra", "Jimenez", "Kim", "Lopez", "Mendoza", "Nguyen", "Ortiz", "Perez",
]  # fmt: skip
COUNTIES = [("Riverside", "92501"), ("Riverside", "92507"), ("San Bernardino", "92401")]
LIVED = ["consumer", "consumer", "family", "both"]
EMPLOYERS = [
    "Inland Recovery Center",
    "County Behavioral Health",
    "Youth Wellness Collective",
    "Desert Peer Network",
]
# (days before today the cohort started, people)
COHORTS = [(700, 14), (580, 14), (460, 14), (340, 14)]


def _email(index: int) -> str:
    return f"alumni{index:02d}@demo.peerpath.org"


@transaction.atomic
def create_demo_outcomes(program: Program) -> list[str]:
    """Idempotent: does nothing once the first alumnus exists."""
    if User.objects.filter(email=_email(1)).exists():
        return []
    rng = random.Random(12)  # noqa: S311 - made-up demo data, not security
    today = timezone.localdate()
    advocate = User.objects.filter(role=Role.ADVOCATE, organization=program.organization).first()
    index = 0
    for cohort_number, (started_days_ago, size) in enumerate(COHORTS, start=1):
        starts_on = today - dt.timedelta(days=started_days_ago)
        cohort, _created = Cohort.objects.get_or_create(
            program=program,
            name=f"Alumni cohort {cohort_number}",
            defaults={"starts_on": starts_on, "ends_on": starts_on + dt.timedelta(days=100)},
        )
        for _seat in range(size):
            index += 1
            _alumnus(program, cohort, advocate, index, rng, today)
    return []


def _alumnus(
    program: Program,
    cohort: Cohort,
    advocate: User | None,
    index: int,
    rng: random.Random,
    today: dt.date,
) -> None:
    first = FIRST_NAMES[(index - 1) % len(FIRST_NAMES)]
    last = LAST_NAMES[(index * 7) % len(LAST_NAMES)]
    language = "es" if index % 3 == 0 else "en"
    county, zip_code = COUNTIES[index % len(COUNTIES)]
    person = User.objects.create_user(
        _email(index),
        None,
        role=Role.PARTICIPANT,
        full_name=f"{first} {last}",
        preferred_name=first,
        language=language,
        program=program,
        cohort=cohort,
        advocate=advocate,
    )
    enrolled_on = cohort.starts_on - dt.timedelta(days=7)
    age = 18 + (index * 5) % 9
    Application.objects.create(
        applicant=person,
        program=program,
        status=ApplicationStatus.ENROLLED,
        legal_first_name=first,
        legal_last_name=last,
        date_of_birth=dt.date(enrolled_on.year - age, 1 + index % 12, 1 + index % 28),
        preferred_language=language,
        county=county,
        zip_code=zip_code,
        lived_experience=LIVED[index % len(LIVED)],
        diploma=True,
        internet_access=True,
        computer_skills=True,
        willing_to_share=True,
        commits_to_training=True,
        commits_to_certification=True,
        orientation_preference="next_monday",
        submitted_at=timezone.now() - dt.timedelta(days=(today - enrolled_on).days + 21),
        decided_at=timezone.now() - dt.timedelta(days=(today - enrolled_on).days),
        enrolled_on=enrolled_on,
    )
    core_done = rng.random() < 0.9
    core = _training(person, TrainingKind.CORE, cohort.starts_on, 70, core_done, Decimal(80))
    specialization = Specialization.objects.order_by("code").first()
    if core_done and specialization is not None and rng.random() < 0.5:
        _training(
            person, TrainingKind.SPECIALIZATION, core.completed_on + dt.timedelta(days=14), 35,
            True, Decimal(40), specialization=specialization,
        )  # fmt: skip
    certified_on = None
    if core_done and rng.random() < 0.75:
        exam_on = core.completed_on + dt.timedelta(days=rng.randint(45, 120))
        certified_on = exam_on + dt.timedelta(days=14)
        if certified_on > today:
            certified_on = None
    case = CertificationCase.objects.create(
        participant=person,
        training_completed=core.completed_on,
        certified_on=certified_on,
    )
    if certified_on:
        ExamAttemptRecord.objects.create(
            case=case, date=certified_on - dt.timedelta(days=14), language=language, passed=True
        )
    exited_on = _exit(person, cohort, core_done, rng, today)
    if core_done and rng.random() < 0.7:
        _job(person, exited_on or cohort.starts_on + dt.timedelta(days=200), rng, today)


def _training(
    person: User,
    kind: str,
    starts_on: dt.date,
    days: int,
    done: bool,
    hours: Decimal,
    specialization: Specialization | None = None,
) -> Training:
    completed_on = starts_on + dt.timedelta(days=days) if done else None
    training = Training.objects.create(
        participant=person,
        kind=kind,
        title="Peer Support Specialist core training"
        if kind == TrainingKind.CORE
        else "Youth and transition-age specialization",
        status=TrainingStatus.COMPLETED if done else TrainingStatus.WITHDRAWN,
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=days),
        completed_on=completed_on,
        course_hours=hours,
        provider_name="Inland Peer Academy",
        specialization=specialization,
    )
    HoursEntry.objects.create(
        training=training,
        date=completed_on or starts_on + dt.timedelta(days=days // 3),
        hours=hours if done else hours / 4,
        is_total=True,
    )
    return training


def _exit(
    person: User, cohort: Cohort, core_done: bool, rng: random.Random, today: dt.date
) -> dt.date | None:
    if core_done and rng.random() < 0.15:
        return None  # still in the program, working towards certification
    if not core_done:
        reason = rng.choice([ExitReason.WITHDREW, ExitReason.HEALTH_MEDICAL, ExitReason.MOVED])
        exited_on = cohort.starts_on + dt.timedelta(days=rng.randint(20, 60))
    else:
        reason = ExitReason.COMPLETED if rng.random() < 0.9 else ExitReason.MOVED
        exited_on = cohort.starts_on + dt.timedelta(days=rng.randint(150, 260))
    exited_on = min(exited_on, today)
    Exit.objects.create(participant=person, exited_on=exited_on, reason=reason)
    return exited_on


def _job(person: User, around: dt.date, rng: random.Random, today: dt.date) -> None:
    # Every follow-up of a current job is past and recorded, so the demo's
    # "follow-ups due" list stays about the demo's current participants.
    start = min(
        around + dt.timedelta(days=rng.randint(-30, 75)),
        today - dt.timedelta(days=190 + rng.randint(0, 30)),
    )
    ended = rng.random() < 0.3
    end = start + dt.timedelta(days=rng.randint(40, 220)) if ended else None
    if end is not None and end >= today:
        end = None
    hours = Decimal(rng.choice([20, 24, 30, 32, 40]))
    wage = Decimal(rng.choice(["21.50", "22.75", "24.00", "25.50", "27.00"]))
    placement = JobPlacement.objects.create(
        participant=person,
        status=JobPlacement.Status.ENDED if end else JobPlacement.Status.WORKING,
        employer_name=rng.choice(EMPLOYERS),
        title="Peer Support Specialist",
        offered_on=start - dt.timedelta(days=14),
        start_date=start,
        end_date=end,
        hours_per_week=hours,
        wage=wage,
        medi_cal_billable=True,
    )
    for milestone in (30, 90, 180):
        contacted_on = start + dt.timedelta(days=milestone)
        if end is not None and contacted_on > end:
            break
        FollowUp.objects.create(
            placement=placement,
            milestone=milestone,
            contacted_on=contacted_on,
            still_employed=True,
            hours_per_week=hours,
            wage=wage,
        )
    quarter, last = Quarter.containing(start), Quarter.containing(end or today).plus(-1)
    if end is not None:
        last = Quarter.containing(end)
    rows = []
    while quarter <= last:
        first_day = max(quarter.first_day, start)
        last_day = min(quarter.last_day, end or quarter.last_day)
        weeks = Decimal((last_day - first_day).days + 1) / 7
        amount = (weeks * hours * wage * Decimal(rng.uniform(0.85, 1.0))).quantize(Decimal("0.01"))
        rows.append(QuarterEarnings(placement=placement, quarter=quarter.key, amount=amount))
        quarter = quarter.plus(1)
    QuarterEarnings.objects.bulk_create(rows)
