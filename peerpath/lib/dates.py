"""Calendar arithmetic shared by the rules modules.

Deadlines in PeerPath are calendar dates. "N months after D" is the same day of
the month N months later, clamped to that month's last day (2024-02-29 plus 12
months is 2025-02-28).
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the same day of month `months` later, clamped to the month's end."""
    return day + relativedelta(months=months)


def add_years(day: dt.date, years: int) -> dt.date:
    return add_months(day, 12 * years)


def add_days(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def age_on(birth_date: dt.date, today: dt.date) -> int:
    """Completed years on `today`.

    Someone born on 29 February has their birthday on 1 March in common years:
    on 28 February they have not yet reached the new age.
    """
    had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
    return today.year - birth_date.year - (0 if had_birthday else 1)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_iso_date(value: object) -> dt.date:
    """Parse a strict YYYY-MM-DD string; raise ValueError otherwise.

    Python 3.11's fromisoformat also accepts forms such as 2024-W01-1, which
    are not what the commands and API document.
    """
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return dt.date.fromisoformat(value)
