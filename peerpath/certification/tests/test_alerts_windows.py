"""The case-date windows the sweep selects by never miss a case the exact rule finds due."""

import datetime as dt

import pytest

from peerpath.certification.alerts import due_source_windows
from peerpath.certification.jurisdictions import JURISDICTIONS
from peerpath.certification.rules import CaseFacts, compute_deadlines

SOURCES = {
    "application_complete_by": "application_submitted",
    "approval_valid_through": "application_approved",
    "last_exam_request": "application_approved",
    "training_certificate_valid_through": "training_completed",
    "renewal_due": "certified_on",
    "ethics_resign_due": "ethics_signed_on",
}


def inside(day: dt.date, ranges: list[tuple[dt.date, dt.date]]) -> bool:
    return any(lo <= day <= hi for lo, hi in ranges)


@pytest.mark.parametrize("code", sorted(JURISDICTIONS))
@pytest.mark.parametrize(
    ("today", "catch_up"),
    [
        (dt.date(2026, 11, 22), 7),
        (dt.date(2028, 2, 29), 0),  # leap day, no catch-up
        (dt.date(2027, 3, 31), 3),  # a month end after a short month
        (dt.date(2026, 12, 31), 1),
    ],
)
def test_windows_cover_every_due_deadline_and_little_else(code, today, catch_up):
    jurisdiction = JURISDICTIONS[code]
    windows = due_source_windows(jurisdiction, today, catch_up)
    offsets = jurisdiction.reminder_offsets_days
    selected = 0
    for back in range(0, 6 * 366):
        source = today - dt.timedelta(days=back - 120)
        facts = CaseFacts(**dict.fromkeys(set(SOURCES.values()), source))
        for key, deadline in compute_deadlines(facts, jurisdiction).items():
            field = SOURCES[key]
            left = (deadline - today).days
            due = any(offset - catch_up <= left <= offset for offset in offsets)
            if due:
                assert inside(source, windows[field]), (key, source, deadline)
            selected += inside(source, windows[field])
    # Selective: a small share of six years of dates, not everything.
    assert selected < 0.1 * 6 * 366 * len(SOURCES)
