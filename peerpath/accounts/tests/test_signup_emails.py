"""Sign-up says where the confirmation went; account emails carry the site's name and
are written in the person's language, in one Spanish register (usted)."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

PASSWORD = "a-Long-pass-7781"


def sign_up(client, email, language="en"):
    client.cookies["peerpath_language"] = language
    return client.post(
        "/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_sign_up_says_where_the_confirmation_email_went(client):
    html = sign_up(client, "new@example.org").content.decode()
    assert "Check your email" in html
    assert "We sent a link to confirm your account to <strong>new@example.org</strong>." in html
    assert "spam" in html


def test_the_confirmation_email_is_branded_with_the_site_name(client):
    sign_up(client, "new@example.org")
    [message] = mail.outbox
    assert message.subject == "[PeerPath] Please Confirm Your Email Address"
    assert "Hello from PeerPath!" in message.body
    assert "testserver!" not in message.body and "[testserver]" not in message.subject


def test_a_spanish_sign_up_gets_a_spanish_email_in_usted(client):
    html = sign_up(client, "nueva@example.org", "es").content.decode()
    assert "Revise su correo electrónico" in html
    [message] = mail.outbox
    assert "PeerPath" in message.body
    assert "abra este enlace" in message.body
    assert "vete a" not in message.body
