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


# --- Jurisdictions as data -------------------------------------------------------------
# A state's numbers are stored as a flat dict of plain JSON values (the data file and
# `JurisdictionRule.values`); these two functions convert both ways.

FEE_KEYS = {
    "fee_application": "application",
    "fee_exam": "exam",
    "fee_exam_retake": "exam_retake",
    "fee_renewal": "renewal",
}
VALUE_FIELDS = tuple(
    f.name for f in dataclasses.fields(Jurisdiction) if f.name not in {"code", "name", "fees"}
)


def jurisdiction_values(jurisdiction: Jurisdiction) -> dict[str, object]:
    """The numbers of `jurisdiction` as JSON-ready values."""
    values: dict[str, object] = {}
    for name in VALUE_FIELDS:
        value = getattr(jurisdiction, name)
        if isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        values[name] = value
    for key, attribute in FEE_KEYS.items():
        values[key] = str(getattr(jurisdiction.fees, attribute))
    return values


def jurisdiction_from_values(code: str, name: str, values: dict[str, object]) -> Jurisdiction:
    """A Jurisdiction from stored values; anything missing or unreadable keeps
    California's value, so a partial row never breaks the rules."""
    defaults = {f.name: f for f in dataclasses.fields(Jurisdiction)}
    kwargs: dict[str, object] = {}
    for field_name in VALUE_FIELDS:
        if field_name not in values:
            continue
        current = getattr(CALIFORNIA, field_name)
        raw = values[field_name]
        try:
            if isinstance(current, Decimal):
                kwargs[field_name] = Decimal(str(raw))
            elif isinstance(current, dt.date):
                kwargs[field_name] = dt.date.fromisoformat(str(raw))
            elif isinstance(current, tuple):
                kwargs[field_name] = tuple(int(v) for v in raw)  # type: ignore[union-attr]
            else:
                kwargs[field_name] = int(raw)  # type: ignore[call-overload]
        except (TypeError, ValueError, ArithmeticError):
            continue
    fees = {}
    for key, attribute in FEE_KEYS.items():
        if key in values:
            try:
                fees[attribute] = Decimal(str(values[key]))
            except ArithmeticError:
                continue
    assert "fees" in defaults
    return dataclasses.replace(
        CALIFORNIA,
        code=code,
        name=name,
        fees=Fees(**fees),
        **kwargs,  # type: ignore[arg-type]
    )
