"""'Who looked at my records' names every kind of staff read in words."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from peerpath.audit.actions import record_event
from peerpath.participants.viewers import SOMETHING, is_staff_read, what_was_seen


@pytest.mark.parametrize(
    ("action", "read", "label"),
    [
        ("participant.record.view", True, "your record"),
        ("careers.resume.download", True, "your résumé (downloaded)"),
        ("careers.resume.view", True, "your résumé"),
        ("training.document.review", True, "a training document you uploaded"),
        ("certification.at_risk.view", True, "your name on the list of certifications at risk"),
        ("admin.record.view", True, "your information in the administration pages"),
        ("plan.questionnaire.view", True, "your plan"),
        ("careers.placement.add", False, "your job"),
        ("participant.contact.add", False, "your record"),
        ("unknown.thing.view", True, str(SOMETHING)),
    ],
)
def test_reads_and_their_labels(action, read, label):
    assert is_staff_read(action) is read
    with translation.override("en"):
        assert what_was_seen(action) == label


def test_downloads_and_reviews_are_listed_with_spanish_labels(db, client, participant, advocate):
    record_event(advocate, "careers.resume.download", participant, subject=participant)
    record_event(advocate, "training.document.review", participant, subject=participant)
    record_event(advocate, "participant.contact.add", participant, subject=participant)
    client.force_login(participant)
    rows = client.get(reverse("participants-record-views")).context["rows"]
    assert [event.action for event, _what in rows] == [
        "training.document.review",
        "careers.resume.download",
    ]
    client.cookies["peerpath_language"] = "es"
    html = client.get(reverse("participants-record-views")).content.decode()
    assert "su currículum (descargado)" in html
