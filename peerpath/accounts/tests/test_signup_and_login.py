"""Accounts through the real allauth pages: sign-up, verification, login, lockout."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from peerpath.accounts.models import Role, User
from peerpath.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_up_creates_a_participant_and_sends_a_verification_email(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "New.Person@Example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert user.role == Role.PARTICIPANT
    assert user.password.startswith("md5$") or user.password.startswith("argon2")
    assert len(mail.outbox) == 1
    assert "new.person@example.org" in mail.outbox[0].to[0].lower()


def test_sign_up_in_spanish_sends_the_email_in_spanish_and_saves_the_language(client):
    client.cookies["peerpath_language"] = "es"
    client.post(
        reverse("account_signup"),
        {"email": "lucia@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert User.objects.get(email="lucia@example.org").language == "es"
    assert re.search(r"confirm|Confirm|correo", mail.outbox[0].subject + mail.outbox[0].body)
    assert "correo" in mail.outbox[0].body.lower()


def test_duplicate_sign_up_creates_no_account_and_tells_only_the_owner(client, participant):
    """The page does not reveal that the address is registered; the owner gets an email."""
    response = client.post(
        reverse("account_signup"),
        {"email": participant.email.upper(), "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert User.objects.filter(email__iexact=participant.email).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [participant.email]
    assert "already" in mail.outbox[0].body.lower()


def test_weak_password_gets_a_message_next_to_the_field(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "weak@example.org", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="weak@example.org").exists()


def test_participant_logs_in_with_email_and_password(client, participant):
    response = client.post(
        reverse("account_login"), {"login": participant.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("web-after-login"))["Location"] == reverse("participants-home")


def test_staff_with_mfa_are_asked_for_the_second_factor(client, coordinator):
    response = client.post(
        reverse("account_login"), {"login": coordinator.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("web-staff-home")).status_code == 302


def test_repeated_failed_logins_are_locked_out(client, participant):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": participant.email, "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": participant.email, "password": PASSWORD}
    )
    assert response.status_code in {200, 429}
    assert "_auth_user_id" not in client.session


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_passwords_are_hashed_with_argon2_outside_tests():
    from peerpath import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
