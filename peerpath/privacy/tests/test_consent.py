"""Consent records: granted, seen and withdrawn by the participant; sharing needs one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from peerpath.audit.models import AuditEvent
from peerpath.privacy import rules
from peerpath.privacy.actions import SharingRefused, do_revoke_consent, do_share_information
from peerpath.privacy.models import Consent, SharingRecord

TODAY = timezone.localdate()
HOME = reverse("privacy-home")
NEW = reverse("privacy-new-consent")


@pytest.mark.parametrize(
    ("expires_on", "revoked", "current"),
    [
        (TODAY, False, True),
        (TODAY + dt.timedelta(days=1), False, True),
        (TODAY - dt.timedelta(days=1), False, False),
        (TODAY + dt.timedelta(days=30), True, False),
    ],
)
def test_consent_is_current_through_its_last_day_unless_withdrawn(expires_on, revoked, current):
    assert rules.consent_is_current(expires_on, revoked, TODAY) is current


@pytest.mark.parametrize(
    ("days", "problem"), [(-1, "past"), (0, None), (365, None), (366 * 3 + 1, "too_far")]
)
def test_consent_end_dates(days, problem):
    assert rules.consent_end_problem(TODAY + dt.timedelta(days=days), TODAY) == problem


@pytest.fixture
def enrolled(participant, advocate):
    participant.advocate = advocate
    participant.save(update_fields=["advocate"])
    return participant


@pytest.fixture
def consent(enrolled):
    return Consent.objects.create(
        participant=enrolled,
        recipient_kind="employer",
        recipient_name="Riverside Clinic",
        recipient_email="hiring@riverside.example",
        items=["hours", "certification"],
        purpose="Peer specialist job application",
        expires_on=TODAY + dt.timedelta(days=30),
    )


def test_a_participant_gives_sees_and_withdraws_a_consent(client, enrolled):
    client.force_login(enrolled)
    response = client.post(
        NEW,
        {
            "recipient_kind": "family",
            "recipient_name": "Rosa Ruiz",
            "recipient_email": "rosa@example.org",
            "items": ["certification"],
            "purpose": "Keep my mother informed",
            "expires_on": (TODAY + dt.timedelta(days=60)).isoformat(),
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get(participant=enrolled)
    assert consent.items == ["certification"]
    page = client.get(HOME).content.decode()
    assert "Rosa Ruiz" in page and "Keep my mother informed" in page
    response = client.post(reverse("privacy-revoke-consent", args=[consent.pk]))
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.revoked_at is not None
    actions = list(
        AuditEvent.objects.filter(subject=enrolled, action__startswith="privacy.consent")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["privacy.consent_granted", "privacy.consent_revoked"]


def test_the_form_explains_what_is_wrong(client, enrolled):
    client.force_login(enrolled)
    response = client.post(
        NEW,
        {
            "recipient_kind": "employer",
            "recipient_name": "",
            "recipient_email": "not-an-email",
            "purpose": "Job",
            "expires_on": (TODAY - dt.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter the name of the person or organization." in page
    assert "Enter an email address like name@example.org." in page
    assert "Choose at least one thing that may be shared." in page
    assert "Choose today or a later date." in page
    assert not Consent.objects.exists()


def test_a_participant_cannot_withdraw_someone_elses_consent(client, consent, other_participant):
    client.force_login(other_participant)
    assert client.post(reverse("privacy-revoke-consent", args=[consent.pk])).status_code == 404
    consent.refresh_from_db()
    assert consent.revoked_at is None


def test_staff_share_only_what_a_current_consent_covers(consent, advocate, enrolled):
    record = do_share_information(advocate, enrolled, consent.pk, "hours")
    assert record.item == "hours" and record.shared_by == advocate
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hiring@riverside.example"]
    assert "Core training" in mail.outbox[0].body
    with pytest.raises(SharingRefused):
        do_share_information(advocate, enrolled, consent.pk, "resume")  # not in the consent
    assert SharingRecord.objects.count() == 1
    assert AuditEvent.objects.filter(action="privacy.shared", actor=advocate).count() == 1
    assert AuditEvent.objects.filter(action="privacy.share_refused").count() == 1


def test_withdrawal_takes_effect_at_once(consent, advocate, enrolled):
    do_revoke_consent(enrolled, consent.pk)
    with pytest.raises(SharingRefused):
        do_share_information(advocate, enrolled, consent.pk, "hours")
    assert not SharingRecord.objects.exists()
    assert mail.outbox == []


def test_an_expired_consent_blocks_sharing(consent, advocate, enrolled):
    Consent.objects.filter(pk=consent.pk).update(expires_on=TODAY - dt.timedelta(days=1))
    with pytest.raises(SharingRefused):
        do_share_information(advocate, enrolled, consent.pk, "certification")


def test_the_participant_sees_what_was_shared(client, consent, advocate, enrolled):
    do_share_information(advocate, enrolled, consent.pk, "certification")
    client.force_login(enrolled)
    page = client.get(HOME).content.decode()
    assert "Certification status" in page and "Riverside Clinic" in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("participant", 404),
        ("other_participant", 404),
        ("advocate", 200),
        ("coordinator", 200),
        ("org_admin", 200),
        ("other_coordinator", 404),
    ],
)
def test_who_opens_the_share_page(client, request, consent, enrolled, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("privacy-share", args=[enrolled.pk])).status_code == status


def test_the_share_page_sends_and_is_audited(client, consent, advocate, enrolled):
    client.force_login(advocate)
    url = reverse("privacy-share", args=[enrolled.pk])
    client.get(url)
    assert AuditEvent.objects.filter(action="privacy.consents.view", subject=enrolled).exists()
    client.force_login(enrolled)
    assert (
        "your consents to share"
        in client.get(reverse("participants-record-views")).content.decode()
    )
    client.force_login(advocate)
    response = client.post(url, {"consent": consent.pk, "item": "hours"})
    assert response.status_code == 302
    assert SharingRecord.objects.filter(consent=consent).count() == 1
    response = client.post(url, {"consent": consent.pk, "item": "resume"})
    assert response.status_code == 200
    assert "no current consent" in response.content.decode()


def test_anonymous_visitors_sign_in_first(client, enrolled):
    for url in (HOME, NEW, reverse("privacy-share", args=[enrolled.pk])):
        assert client.get(url).status_code == 302


def test_the_privacy_page_in_spanish(client, consent, enrolled):
    enrolled.language = "es"
    enrolled.save(update_fields=["language"])
    client.force_login(enrolled)
    client.cookies["peerpath_language"] = "es"
    page = client.get(HOME).content.decode()
    assert "Permiso para compartir" in page
    assert "Retirar el consentimiento para Riverside Clinic" in page


def _more_consents_and_shares(enrolled, advocate, n):
    for i in range(n):
        extra = Consent.objects.create(
            participant=enrolled,
            recipient_kind="training",
            recipient_name=f"College {i}",
            recipient_email=f"c{i}@example.org",
            items=["hours"],
            purpose="Course",
            expires_on=TODAY + dt.timedelta(days=10),
        )
        SharingRecord.objects.create(
            consent=extra, participant=enrolled, shared_by=advocate, item="hours"
        )


def test_the_pages_make_a_fixed_number_of_queries(client, consent, advocate, enrolled):
    def page_queries(user, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(user)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    share_url = reverse("privacy-share", args=[enrolled.pk])
    _more_consents_and_shares(enrolled, advocate, 1)
    home_few, share_few = page_queries(enrolled, HOME), page_queries(advocate, share_url)
    _more_consents_and_shares(enrolled, advocate, 15)
    assert page_queries(enrolled, HOME) == home_few
    assert page_queries(advocate, share_url) == share_few


def test_a_share_that_cannot_be_emailed_is_not_recorded(consent, advocate, enrolled, monkeypatch):
    from peerpath.privacy.actions import SharingNotSent

    def fail(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
    with pytest.raises(SharingNotSent):
        do_share_information(advocate, enrolled, consent.pk, "hours")
    assert not SharingRecord.objects.exists()
    assert not AuditEvent.objects.filter(action="privacy.shared").exists()
    assert AuditEvent.objects.filter(action="privacy.share_failed").exists()
