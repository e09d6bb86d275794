import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("reference_data")


def test_english_is_the_default(client):
    html = client.get(reverse("web-home")).content.decode()
    assert '<html lang="en">' in html
    assert "Turn what you have lived through" in html


def test_switching_to_spanish_persists_across_pages(client):
    response = client.post(reverse("set_language"), {"language": "es", "next": reverse("web-path")})
    assert response.status_code == 302
    assert response["Location"] == reverse("web-path")
    html = client.get(reverse("web-home")).content.decode()
    assert '<html lang="es">' in html
    assert "Convierta lo que ha vivido" in html
    assert "Llame o envíe un mensaje de texto" in html
    html = client.get(reverse("web-specializations")).content.decode()
    assert "Especializaciones" in html


def test_the_switch_refuses_to_redirect_off_site(client):
    response = client.post(
        reverse("set_language"), {"language": "es", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_signed_in_choice_is_saved_on_the_account(client, participant):
    client.force_login(participant)
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    participant.refresh_from_db()
    assert participant.language == "es"
    fresh = client.__class__()
    fresh.force_login(participant)
    assert '<html lang="es">' in fresh.get(reverse("web-home")).content.decode()


def test_switching_language_needs_post(client):
    assert client.get(reverse("set_language")).status_code == 405
