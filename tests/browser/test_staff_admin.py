"""An administrator invites an advocate, the advocate accepts and sets up a second
factor, and the administrator reassigns a caseload to them."""

import re
import time

from django.core import mail

from peerpath.accounts.models import Organization, Program, Role, User
from peerpath.conftest import make_user
from tests.browser.conftest import sign_in


def totp_code(secret: str) -> str:
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def test_invite_accept_set_up_mfa_and_reassign(phone, browser, live_server, transactional_db):
    organization = Organization.objects.create(name="Inland Peers", slug="inland")
    program = Program.objects.create(organization=organization, name="ESP", slug="esp")
    admin = make_user("robin@example.org", Role.ADMINISTRATOR, organization=organization)
    leaving = make_user("sam@example.org", Role.ADVOCATE, organization=organization)
    person = make_user(
        "ana@example.org", Role.PARTICIPANT, program=program, advocate=leaving, full_name="Ana Ruiz"
    )

    # The administrator invites a new advocate.
    phone.set_default_timeout(45_000)  # three sign-ins and two phones: a shared CI runner is slow
    sign_in(phone, admin)
    phone.goto("/staff/admin/people/invite/")
    phone.get_by_label("Full name").fill("Dana Park")
    phone.get_by_label("Email address").fill("dana@example.org")
    phone.get_by_label("Peer support advocate").check()
    phone.get_by_role("checkbox", name="ESP").check()
    phone.get_by_role("radio", name="English").check()
    phone.get_by_role("button", name="Send the invitation").click()
    phone.wait_for_url("**/staff/admin/people/*/")
    assert "Invitation sent to dana@example.org" in phone.locator("main").inner_text()
    (message,) = mail.outbox
    # The emailed link points at SITE_URL; open the same path on the test server.
    link = re.search(r"/accounts/invitation/\S+/", message.body).group(0)

    # The advocate accepts on their own phone: a password, then the authenticator app.
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server.url, is_mobile=True
    )
    dana_phone = context.new_page()
    dana_phone.set_default_timeout(45_000)
    dana_phone.goto(link)
    dana_phone.locator("#id_new_password1").fill("a long and private passphrase")
    dana_phone.locator("#id_new_password2").fill("a long and private passphrase")
    dana_phone.get_by_role("button", name="Set my password").click()
    dana_phone.wait_for_url("**/accounts/2fa/totp/activate/")
    secret = dana_phone.locator("#authenticator_secret").input_value()
    for _attempt in range(2):
        dana_phone.locator("input[name=code]").fill(totp_code(secret))
        dana_phone.get_by_role("button", name="Activate").click()
        dana_phone.wait_for_load_state()
        if "/totp/activate/" not in dana_phone.url:
            break
        time.sleep(31 - time.time() % 30)
    dana = User.objects.get(email="dana@example.org")
    assert dana.is_active
    from allauth.mfa.models import Authenticator

    assert Authenticator.objects.filter(user=dana, type=Authenticator.Type.TOTP).exists()
    dana_phone.goto("/staff/")
    assert "Inland Peers" in dana_phone.locator("h1").inner_text()
    context.close()

    # The administrator moves Sam's caseload to Dana.
    phone.goto(f"/staff/admin/caseloads/?advocate={leaving.pk}")
    phone.get_by_label(re.compile("Ana Ruiz")).check()
    phone.get_by_label("New peer support advocate").select_option(label="Dana Park (Inland Peers)")
    phone.get_by_role("button", name="Reassign the selected people").click()
    phone.wait_for_load_state()
    assert "1 people now have Dana Park as their advocate." in phone.locator("main").inner_text()
    person.refresh_from_db()
    assert person.advocate == dana
