"""Staff administration pages: access by role, invitations, roles, deactivation,
second-factor resets and caseload reassignment."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from peerpath.accounts import actions
from peerpath.accounts.models import Role, StaffInvitation, User
from peerpath.audit.models import AuditEvent
from peerpath.conftest import PASSWORD, make_user
from peerpath.notifications.models import Notification

LIST = reverse("accounts-staff-list")
INVITE = reverse("accounts-staff-invite")
REASSIGN = reverse("accounts-reassign-caseload")


def detail(member):
    return reverse("accounts-staff-detail", args=[member.pk])


def member_urls(member):
    return [
        detail(member),
        reverse("accounts-staff-deactivate", args=[member.pk]),
        reverse("accounts-staff-reset-mfa", args=[member.pk]),
    ]


# Access ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [LIST, INVITE, REASSIGN])
def test_anonymous_visitors_sign_in_first(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize(
    "persona", ["participant", "other_participant", "advocate", "coordinator", "other_coordinator"]
)
def test_only_administrators_manage_staff(client, request, persona, advocate):
    client.force_login(request.getfixturevalue(persona))
    for url in [LIST, INVITE, REASSIGN, *member_urls(advocate)]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("accounts-staff-deactivate", args=[advocate.pk])).status_code == 404
    advocate.refresh_from_db()
    assert advocate.is_active


@pytest.mark.parametrize("persona", ["org_admin", "site_admin"])
def test_administrators_reach_every_page(client, request, persona, advocate):
    client.force_login(request.getfixturevalue(persona))
    for url in [LIST, INVITE, REASSIGN, *member_urls(advocate)]:
        assert client.get(url).status_code == 200, url


def test_another_organizations_administrator_sees_nothing_of_ours(
    client, other_organization, advocate, org_admin
):
    stranger = make_user("lee@example.org", Role.ADMINISTRATOR, organization=other_organization)
    client.force_login(stranger)
    response = client.get(LIST)
    assert advocate.email not in response.content.decode()
    assert org_admin.email not in response.content.decode()
    for url in member_urls(advocate):
        assert client.get(url).status_code == 404
    assert client.post(reverse("accounts-staff-deactivate", args=[advocate.pk])).status_code == 404
    assert client.post(detail(advocate), {"role": Role.ADMINISTRATOR}).status_code == 404
    advocate.refresh_from_db()
    assert advocate.is_active and advocate.role == Role.ADVOCATE


def test_the_list_is_paginated_and_its_queries_do_not_grow(
    client, organization, org_admin, django_assert_num_queries
):
    client.force_login(org_admin)
    client.get(LIST)  # warm the session and MFA caches

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert client.get(LIST).status_code == 200
        return len(context.captured_queries)

    few = count()
    for number in range(40):
        make_user(f"a{number}@example.org", Role.ADVOCATE, organization=organization, mfa=False)
    assert count() == few
    assert "Page 1 of 2" in client.get(LIST).content.decode()


# Invitations -------------------------------------------------------------------------


def invite(client, program, **changes):
    data = {
        "full_name": "Dana Park",
        "email": "Dana@Example.org",
        "role": Role.ADVOCATE,
        "programs": [program.pk],
        "language": "es",
        **changes,
    }
    return client.post(INVITE, data)


def link_in(message):
    return re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)


def test_an_invited_advocate_sets_a_password_then_a_second_factor(client, org_admin, program):
    client.force_login(org_admin)
    response = invite(client, program)
    dana = User.objects.get(email="dana@example.org")
    assert response.status_code == 302
    assert not dana.is_active and not dana.has_usable_password()
    assert dana.organization == org_admin.organization
    assert list(dana.work_programs.all()) == [program]
    assert AuditEvent.objects.filter(action="staff.invited", object_id=str(dana.pk)).exists()
    (message,) = mail.outbox
    assert message.to == ["dana@example.org"]
    assert "invitación" in message.subject.lower()  # in the language chosen for her
    link = link_in(message)

    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    mismatched = client.post(link, {"new_password1": "a-long-passphrase", "new_password2": "x"})
    assert mismatched.status_code == 200
    assert "new_password2" in mismatched.context["form"].errors
    accepted = client.post(
        link, {"new_password1": "a-long-passphrase-1", "new_password2": "a-long-passphrase-1"}
    )
    assert accepted["Location"] == reverse("mfa_activate_totp")
    dana.refresh_from_db()
    assert dana.is_active and dana.check_password("a-long-passphrase-1")
    # The second-factor page opens without asking for the password again.
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    # The link worked once.
    client.logout()
    assert client.get(link).status_code == 410


def test_invitation_links_expire_and_older_ones_are_withdrawn(client, org_admin, program):
    client.force_login(org_admin)
    invite(client, program)
    dana = User.objects.get(email="dana@example.org")
    first_link = link_in(mail.outbox[0])
    client.post(reverse("accounts-staff-resend-invitation", args=[dana.pk]))
    second_link = link_in(mail.outbox[1])
    client.logout()
    assert client.get(first_link).status_code == 410
    assert client.get(second_link).status_code == 200
    StaffInvitation.objects.filter(user=dana).update(expires_at=timezone.now())
    assert client.get(second_link).status_code == 410
    assert client.get("/accounts/invitation/forged-token/").status_code == 410
    forged = signing.dumps(999999, salt="something-else")
    assert client.get(f"/accounts/invitation/{forged}/").status_code == 410


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "not-an-address"}, "email"),
        ({"email": "sam@example.org"}, "email"),  # already has an account
        ({"full_name": ""}, "full_name"),
        ({"role": "participant"}, "role"),
    ],
)
def test_invitations_are_validated(client, org_admin, program, advocate, changes, field):
    client.force_login(org_admin)
    response = invite(client, program, **changes)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not mail.outbox


def test_an_organizations_administrator_cannot_invite_into_another_program(
    client, org_admin, program, other_program
):
    client.force_login(org_admin)
    response = invite(client, program, programs=[other_program.pk])
    assert "programs" in response.context["form"].errors
    assert not User.objects.filter(email="dana@example.org").exists()


def test_the_installation_administrator_chooses_the_organization(
    client, site_admin, other_organization, other_program, program
):
    client.force_login(site_admin)
    wrong = invite(client, other_program, organization=other_organization.pk, programs=[program.pk])
    assert "programs" in wrong.context["form"].errors
    invite(client, other_program, organization=other_organization.pk)
    assert User.objects.get(email="dana@example.org").organization == other_organization


# Role, programs, deactivation ---------------------------------------------------------


def test_changing_a_role_is_audited_with_before_and_after(client, org_admin, advocate, program):
    client.force_login(org_admin)
    response = client.post(detail(advocate), {"role": Role.COORDINATOR, "programs": [program.pk]})
    assert response.status_code == 302
    advocate.refresh_from_db()
    assert advocate.role == Role.COORDINATOR
    event = AuditEvent.objects.get(action="staff.changed")
    assert event.detail["before"] == {"role": "advocate", "programs": []}
    assert event.detail["after"] == {"role": "coordinator", "programs": [program.pk]}


def test_the_last_administrator_cannot_be_removed(client, org_admin, organization):
    client.force_login(org_admin)
    demoted = client.post(detail(org_admin), {"role": Role.COORDINATOR})
    assert demoted.status_code == 200
    assert "only administrator" in str(demoted.context["form"].errors["role"])
    client.post(reverse("accounts-staff-deactivate", args=[org_admin.pk]))
    org_admin.refresh_from_db()
    assert org_admin.is_active and org_admin.role == Role.ADMINISTRATOR
    # With a second administrator, the first may step down.
    make_user("second@example.org", Role.ADMINISTRATOR, organization=organization)
    client.post(detail(org_admin), {"role": Role.COORDINATOR})
    org_admin.refresh_from_db()
    assert org_admin.role == Role.COORDINATOR


def test_deactivation_ends_sessions_and_flags_the_caseload(
    client, org_admin, advocate, participant, program
):
    from peerpath.accounts.models import Cohort

    cohort = Cohort.objects.create(
        program=program, name="Fall", starts_on="2026-09-01", ends_on="2026-12-01"
    )
    participant.advocate, participant.cohort = advocate, cohort
    participant.save()
    advocate_client = client.__class__()
    advocate_client.force_login(advocate)
    other_session_user = make_user(
        "other@example.org", Role.ADVOCATE, organization=org_admin.organization
    )
    third = client.__class__()
    third.force_login(other_session_user)
    assert Session.objects.count() == 2

    client.force_login(org_admin)
    response = client.post(reverse("accounts-staff-deactivate", args=[advocate.pk]))
    assert response["Location"] == f"{REASSIGN}?advocate={advocate.pk}"
    advocate.refresh_from_db()
    assert not advocate.is_active
    # The advocate's session is gone; the colleague's and the administrator's remain.
    assert Session.objects.count() == 2
    assert advocate_client.get(reverse("web-staff-home")).status_code == 302
    assert third.get(reverse("web-staff-home")).status_code == 200
    event = AuditEvent.objects.get(action="staff.deactivated")
    assert event.detail["sessions_ended"] == 1 and event.detail["caseload"] == 1
    assert "1 person needs a new advocate" in client.get(LIST).content.decode()
    caseload = client.get(reverse("participants-caseload")).content.decode()
    assert "needs a new one" in caseload


def test_a_deactivated_person_cannot_sign_in(client, org_admin, advocate):
    actions.do_deactivate_staff(org_admin, advocate)
    response = client.post(
        reverse("account_login"), {"login": advocate.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in {200, 302}


# Second factor ------------------------------------------------------------------------


def test_resetting_a_second_factor_needs_a_reason_and_tells_the_person(client, org_admin, advocate):
    client.force_login(org_admin)
    url = reverse("accounts-staff-reset-mfa", args=[advocate.pk])
    refused = client.post(url, {"reason": ""})
    assert "reason" in refused.context["form"].errors
    assert Authenticator.objects.filter(user=advocate).exists()
    client.post(url, {"reason": "Lost phone, confirmed by a call"})
    assert not Authenticator.objects.filter(user=advocate).exists()
    event = AuditEvent.objects.get(action="staff.second_factor_reset")
    assert event.detail["reason"] == "Lost phone, confirmed by a call"
    assert Notification.objects.filter(user=advocate, kind="staff_mfa_reset").exists()
    # At the next sign-in they are sent to set up a new one.
    advocate_client = client.__class__()
    advocate_client.force_login(advocate)
    assert advocate_client.get(reverse("web-staff-home"))["Location"] == reverse(
        "mfa_activate_totp"
    )


# Caseloads ----------------------------------------------------------------------------


def test_bulk_reassignment_moves_the_selected_people_only(
    client, org_admin, advocate, participant, other_participant, organization
):
    new_advocate = make_user("nia@example.org", Role.ADVOCATE, organization=organization)
    for person in (participant, other_participant):
        person.advocate = advocate
        person.save()
    client.force_login(org_admin)
    page = client.get(REASSIGN, {"advocate": advocate.pk})
    assert participant.display_name in page.content.decode()
    response = client.post(
        f"{REASSIGN}?advocate={advocate.pk}",
        {"participants": [participant.pk], "advocate": new_advocate.pk},
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    other_participant.refresh_from_db()
    assert participant.advocate == new_advocate
    assert other_participant.advocate == advocate
    event = AuditEvent.objects.get(action="participant.advocate_changed")
    assert event.subject == participant
    assert event.detail == {
        "before": {"advocate": advocate.pk},
        "after": {"advocate": new_advocate.pk},
    }


def test_reassignment_is_validated_and_stays_in_scope(
    client, org_admin, advocate, participant, other_organization, other_program
):
    outsider = make_user("out@example.org", Role.PARTICIPANT, program=other_program)
    foreign_advocate = make_user("fa@example.org", Role.ADVOCATE, organization=other_organization)
    client.force_login(org_admin)
    nobody = client.post(REASSIGN, {"advocate": advocate.pk})
    assert "participants" in nobody.context["form"].errors
    not_ours = client.post(REASSIGN, {"participants": [outsider.pk], "advocate": advocate.pk})
    assert "participants" in not_ours.context["form"].errors
    foreign = client.post(
        REASSIGN, {"participants": [participant.pk], "advocate": foreign_advocate.pk}
    )
    assert "advocate" in foreign.context["form"].errors
    participant.refresh_from_db()
    outsider.refresh_from_db()
    assert participant.advocate is None and outsider.advocate is None


def test_the_reassignment_page_makes_the_same_queries_for_more_people(
    client, org_admin, advocate, program, count_queries
):
    client.force_login(org_admin)
    make_user("first@example.org", Role.PARTICIPANT, program=program, advocate=advocate)
    client.get(REASSIGN)
    few = count_queries(lambda: client.get(REASSIGN))
    for number in range(30):
        make_user(f"p{number}@example.org", Role.PARTICIPANT, program=program, advocate=advocate)
    assert count_queries(lambda: client.get(REASSIGN)) == few
