"""Who reaches which page: anonymous visitors, each role, other organizations."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("reference_data")

PUBLIC_PAGES = [
    reverse("web-home"),
    reverse("web-explore"),
    reverse("web-path"),
    reverse("web-specializations"),
    reverse("web-competencies"),
    reverse("intake-readiness"),
    reverse("intake-eligibility"),
    reverse("catalog-find-providers"),
    reverse("catalog-show-provider", args=["werc"]),
    reverse("account_login"),
    reverse("account_signup"),
]
STAFF_HOME = reverse("web-staff-home")


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_anonymous_visitors_reach_public_pages_with_crisis_help(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="tel:988"' in html and 'href="tel:911"' in html
    assert 'href="#main"' in html and 'id="main"' in html


@pytest.mark.parametrize("url", PUBLIC_PAGES[:6])
def test_public_pages_set_no_session_cookie(client, url):
    response = client.get(url)
    assert "sessionid" not in response.cookies


def test_anonymous_visitors_are_sent_to_sign_in_for_staff_pages(client):
    response = client.get(STAFF_HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_participants_cannot_see_staff_pages(client, participant):
    client.force_login(participant)
    assert client.get(STAFF_HOME).status_code == 404


def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, staff_without_mfa):
    from peerpath.conftest import PASSWORD

    client.post(reverse("account_login"), {"login": staff_without_mfa.email, "password": PASSWORD})
    response = client.get(STAFF_HOME)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # Adding a factor asks for the password once more, as any security change does.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200
    assert 'name="code"' in setup.content.decode()


@pytest.mark.parametrize("persona", ["advocate", "coordinator"])
def test_staff_with_mfa_see_their_own_organization_only(
    client, request, persona, program, other_program, participant
):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(STAFF_HOME)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Inland Peers" in html and "ESP" in html
    assert "Coastal" not in html


def test_other_organizations_staff_do_not_see_this_organization(
    client, other_coordinator, program, other_program
):
    client.force_login(other_coordinator)
    html = client.get(STAFF_HOME).content.decode()
    assert "Coastal" in html
    assert "Inland Peers" not in html and "ESP" not in html


def test_installation_administrator_sees_every_organization(
    client, site_admin, program, other_program
):
    client.force_login(site_admin)
    html = client.get(STAFF_HOME).content.decode()
    assert "ESP" in html and "Coastal" in html


def test_staff_home_queries_do_not_grow_with_programs(
    client, coordinator, organization, count_queries
):
    from peerpath.accounts.models import Program

    client.force_login(coordinator)
    Program.objects.create(organization=organization, name="One", slug="one")
    small = count_queries(lambda: client.get(STAFF_HOME))
    for index in range(20):
        Program.objects.create(organization=organization, name=f"P{index}", slug=f"p{index}")
    assert count_queries(lambda: client.get(STAFF_HOME)) == small


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("participant", 302),
        ("advocate", 302),
        ("coordinator", 302),
        ("other_coordinator", 302),
        ("site_admin", 200),
    ],
)
def test_only_administrators_reach_the_admin(client, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("admin:index"))
    assert response.status_code == status
    if status == 200:
        assert client.get(reverse("admin:catalog_provider_changelist")).status_code == 200


def test_admin_sign_in_goes_through_the_account_pages(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_without_mfa_cannot_use_the_admin(client, organization):
    from peerpath.accounts.models import Role
    from peerpath.conftest import make_user

    admin = make_user("root@example.org", Role.ADMINISTRATOR, mfa=False, is_superuser=True)
    client.force_login(admin)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_after_login_sends_staff_to_staff_home_and_participants_home(
    client, coordinator, participant
):
    client.force_login(coordinator)
    assert client.get(reverse("web-after-login"))["Location"] == STAFF_HOME
    client.force_login(participant)
    assert client.get(reverse("web-after-login"))["Location"] == reverse("participants-home")


def test_missing_pages_get_a_friendly_404_with_crisis_help(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'href="tel:988"' in html


@pytest.mark.parametrize("path", ["vendor/pico-2.1.1.min.css", "peerpath/site.css"])
def test_stylesheets_are_served(client, path):
    from django.templatetags.static import static

    response = client.get(static(path))
    assert response.status_code == 200
