"""Error pages people understand, and a language switch that never re-sends a form."""

from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import permission_denied, server_error


def test_the_404_page_is_styled_translated_and_has_a_way_back(client, participant):
    client.cookies["peerpath_language"] = "es"
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'lang="es"' in html and "site.css" in html
    assert "Ir a la página de inicio" in html
    client.force_login(participant)
    assert reverse("web-after-login") in client.get("/no-such-page/").content.decode()


def test_the_403_page_is_styled_and_translated(rf: RequestFactory, participant):
    from django.utils import translation

    request = rf.get("/somewhere/")
    request.user = participant
    with translation.override("es"):
        response = permission_denied(request, PermissionDenied())
    html = response.content.decode()
    assert response.status_code == 403
    assert "site.css" in html and "Ir a la página de inicio" in html


def test_a_stale_form_gets_a_styled_csrf_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.status_code == 403
    assert "Please try again" in response.content.decode()


def test_the_500_page_is_styled_bilingual_and_has_a_way_back(rf: RequestFactory):
    html = server_error(rf.get("/")).content.decode()
    assert "/static/peerpath/site.css" in html
    assert "Go to the home page" in html and "Ir a la página de inicio" in html
    assert "988" in html


def test_switching_language_after_a_form_error_returns_to_the_form_page(client, org_admin, program):
    client.force_login(org_admin)
    page = reverse("accounts-program-edit", args=[program.slug])
    invalid = client.post(page, {"name": ""}, HTTP_REFERER=f"http://testserver{page}")
    assert invalid.status_code == 200
    html = invalid.content.decode()
    assert f'name="next" value="http://testserver{page}"' in html
    switched = client.post(
        reverse("set_language"), {"language": "es", "next": f"http://testserver{page}"}
    )
    assert switched.status_code == 302
    followed = client.get(switched["Location"])
    assert followed.status_code == 200
    assert "Zona horaria" in followed.content.decode()


def test_a_form_page_without_a_referrer_sends_the_switcher_home(client, org_admin, program):
    client.force_login(org_admin)
    page = reverse("accounts-program-edit", args=[program.slug])
    html = client.post(page, {"name": ""}).content.decode()
    assert 'name="next" value="/"' in html
