"""The de-identified record-level export: one row per enrolled participant.

See docs/deidentification.md for what is removed and why. Study ids and date
offsets come from an HMAC of the participant's id under a key derived from the
installation's secret and the export key the administrator types: the same key
gives the same ids and offsets (later exports can be linked), another key gives
unrelated ones, and without the installation's secret neither can be reversed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings

from peerpath.lib.dates import age_on
from peerpath.participants.models import Exit
from peerpath.reports.data import Scope, enrolled_applications, load_participants
from peerpath.reports.rules import (
    ParticipantFacts,
    earnings_in,
    employed_during,
    quarter_after_exit,
)

MAX_SHIFT_DAYS = 180
# Three-digit ZIP areas with 20,000 people or fewer (HHS, from the 2000 Census):
# Safe Harbor asks for 000 instead.
RESTRICTED_ZIP3 = frozenset(
    [
        "036",
        "059",
        "063",
        "102",
        "203",
        "556",
        "692",
        "790",
        "821",
        "823",
        "830",
        "831",
        "878",
        "879",
        "884",
        "890",
        "893",
    ]
)
AGE_BANDS = [(18, 20), (21, 24), (25, 29), (30, 39), (40, 49), (50, 64), (65, 89)]
COLUMNS = [
    "study_id",
    "program",
    "age_band_at_enrolment",
    "zip3",
    "preferred_language",
    "lived_experience",
    "enrolled_on",
    "exited_on",
    "exit_reason",
    "exit_excluded",
    "core_training_started",
    "core_training_completed",
    "specialization_completed",
    "certified_on",
    "jobs",
    "first_job_start",
    "first_job_end",
    "employed_q2_after_exit",
    "earnings_q2_after_exit",
    "employed_q4_after_exit",
]


def _key(export_key: str) -> bytes:
    return hmac.new(
        settings.SECRET_KEY.encode(),
        b"peerpath-deidentified:" + export_key.encode(),
        hashlib.sha256,
    ).digest()


def study_id(export_key: str, participant_id: int) -> str:
    digest = hmac.new(_key(export_key), f"id:{participant_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:16]


def date_offset(export_key: str, participant_id: int) -> int:
    """Days to add to every date of this person: from −180 to 180, never 0."""
    digest = hmac.new(_key(export_key), f"shift:{participant_id}".encode(), hashlib.sha256)
    value = int.from_bytes(digest.digest()[:4], "big") % (2 * MAX_SHIFT_DAYS)
    return value - MAX_SHIFT_DAYS if value < MAX_SHIFT_DAYS else value - MAX_SHIFT_DAYS + 1


def zip3(zip_code: str) -> str:
    digits = (zip_code or "").strip()[:3]
    if len(digits) != 3 or not digits.isdigit():
        return ""
    return "000" if digits in RESTRICTED_ZIP3 else digits


def age_band(age: int | None) -> str:
    if age is None:
        return ""
    if age > 89:
        return "90+"
    if age < 18:
        return "<18"
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}-{high}"
    return ""


def _first(dates: Iterable[dt.date | None]) -> dt.date | None:
    known = [d for d in dates if d is not None]
    return min(known) if known else None


def _employment(person: ParticipantFacts, n: int, as_of: dt.date) -> str:
    if person.exited_on is None:
        return ""
    quarter = quarter_after_exit(person.exited_on, n)
    if quarter.last_day > as_of:
        return "pending"
    employed = employed_during(person.jobs, quarter)
    return "yes" if employed else "no"


def export_rows(
    scope: Scope, export_key: str, as_of: dt.date, *, year_only: bool = False
) -> list[list[Any]]:
    """The rows (without the header). Three queries besides the indicators' six."""
    facts = {int(p.id): p for p in load_participants(scope)}
    applications = {
        row[0]: row
        for row in enrolled_applications(scope).values_list(
            "applicant_id",
            "program__slug",
            "date_of_birth",
            "zip_code",
            "preferred_language",
            "lived_experience",
        )
    }
    reasons = dict(
        Exit.objects.filter(
            participant_id__in=enrolled_applications(scope).values("applicant_id")
        ).values_list("participant_id", "reason")
    )
    rows = []
    for pid, person in facts.items():
        _pid, program, born, zip_code, language, lived = applications[pid]
        offset = dt.timedelta(days=date_offset(export_key, pid))

        def day(value: dt.date | None, offset: dt.timedelta = offset) -> str:
            if value is None:
                return ""
            return str(value.year) if year_only else (value + offset).isoformat()

        core = [t for t in person.trainings if t.kind == "core"]
        specialization = [t for t in person.trainings if t.kind == "specialization"]
        jobs = sorted(person.jobs, key=lambda job: job.start)
        q2_earnings: Decimal | None = None
        if person.exited_on is not None:
            q2_earnings = earnings_in(person.jobs, quarter_after_exit(person.exited_on, 2).key)
        rows.append(
            [
                study_id(export_key, pid),
                program,
                age_band(age_on(born, person.enrolled_on) if born else None),
                zip3(zip_code),
                language,
                lived,
                day(person.enrolled_on),
                day(person.exited_on),
                reasons.get(pid, ""),
                "yes" if person.exit_excluded else "no",
                day(_first(t.start for t in core)),
                day(_first(t.completed_on for t in core)),
                day(_first(t.completed_on for t in specialization)),
                day(person.certified_on),
                len(jobs),
                day(jobs[0].start) if jobs else "",
                day(jobs[0].end) if jobs else "",
                _employment(person, 2, as_of),
                "" if q2_earnings is None else format(q2_earnings, "f"),
                _employment(person, 4, as_of),
            ]
        )
    rows.sort(key=lambda row: row[0])  # not in the order of the database ids
    return rows


def export_csv(scope: Scope, export_key: str, as_of: dt.date, *, year_only: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(export_rows(scope, export_key, as_of, year_only=year_only))
    return buffer.getvalue()
