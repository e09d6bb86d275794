"""Numbers that differ from one certifying body to another.

Every period, count, hour total and fee the certification rules use is a field
of `Jurisdiction`. `CALIFORNIA` (CalMHSA, Medi-Cal Peer Support Specialist) is
the default and is complete. The other entries are illustrative: they set only
the values the domain notes give for that state and take everything else from
California, so they must be reviewed before a program relies on them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Fees:
    """Non-refundable fees in US dollars."""

    application: Decimal = Decimal("100")
    exam: Decimal = Decimal("150")
    exam_retake: Decimal = Decimal("150")
    renewal: Decimal = Decimal("80")


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    minimum_age: int = 18
    core_training_hours: int = 80
    # Core training completed before this day does not count towards certification.
    core_training_earliest_completion: dt.date = dt.date(2022, 7, 1)
    training_certificate_valid_years: int = 2
    # An incomplete application is voided once this many days have passed.
    application_hold_days: int = 90
    application_processing_days: int = 30
    approval_valid_months: int = 12
    training_certificate_review_days: int = 14
    # The last exam request must leave this much review time before the
    # approval's valid-through date.
    exam_request_review_days: int = 14
    exam_registration_days: int = 14
    max_exam_attempts: int = 3
    exam_retake_processing_days: int = 30
    exam_result_notification_days: tuple[int, int] = (7, 14)
    accommodation_review_days: int = 30
    certification_valid_years: int = 2
    ethics_resign_years: int = 2
    renewal_window_days: int = 90
    ce_required_hours: Decimal = Decimal("20")
    ce_law_ethics_required_hours: Decimal = Decimal("6")
    ce_records_kept_years: int = 2
    reminder_offsets_days: tuple[int, ...] = (60, 30, 14, 7, 1)
    fees: Fees = field(default_factory=Fees)


CALIFORNIA = Jurisdiction(code="CA", name="California")

PENNSYLVANIA = dataclasses.replace(
    CALIFORNIA,
    code="PA",
    name="Pennsylvania",
    core_training_hours=75,
    certification_valid_years=2,
    ce_required_hours=Decimal("36"),
    ce_law_ethics_required_hours=Decimal("3"),
)

WASHINGTON = dataclasses.replace(
    CALIFORNIA,
    code="WA",
    name="Washington",
    ce_required_hours=Decimal("30"),
    ce_law_ethics_required_hours=Decimal("2"),
)

JURISDICTIONS: dict[str, Jurisdiction] = {
    jurisdiction.code: jurisdiction for jurisdiction in (CALIFORNIA, PENNSYLVANIA, WASHINGTON)
}
