from peerpath.accounts.models import Organization, Role
from peerpath.conftest import make_user
from tests.browser.conftest import sign_in


def test_staff_sign_in_asks_for_the_second_factor(phone, transactional_db):
    organization = Organization.objects.create(name="Inland Peers", slug="inland")
    coordinator = make_user("alex@example.org", Role.COORDINATOR, organization=organization)
    sign_in(phone, coordinator)
    phone.goto("/staff/")
    assert phone.locator("h1").inner_text() == "Inland Peers"
