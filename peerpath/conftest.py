"""Shared test fixtures: the named personas every access test uses.

participant / other_participant (same program), advocate, coordinator and
org_admin of the demo organization, other_coordinator of another
organization, site_admin for the whole installation. Staff personas have a
second factor set up unless the test asks for one without.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peerpath.accounts.roles import Role

if TYPE_CHECKING:
    from peerpath.accounts.models import Organization, Program, User

PASSWORD = "correct horse battery staple"


def make_user(email: str, role: str, *, mfa: bool = True, **fields: Any) -> User:
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from peerpath.accounts.models import User

    user = User.objects.create_user(email, PASSWORD, role=role, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if mfa and role != Role.PARTICIPANT:
        TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def organization(db: None) -> Organization:
    from peerpath.accounts.models import Organization

    return Organization.objects.create(name="Inland Peers", slug="inland-peers")


@pytest.fixture
def other_organization(db: None) -> Organization:
    from peerpath.accounts.models import Organization

    return Organization.objects.create(name="Coastal Peers", slug="coastal-peers")


@pytest.fixture
def program(organization: Organization) -> Program:
    from peerpath.accounts.models import Program

    return Program.objects.create(organization=organization, name="ESP", slug="esp")


@pytest.fixture
def other_program(other_organization: Organization) -> Program:
    from peerpath.accounts.models import Program

    return Program.objects.create(organization=other_organization, name="Coastal", slug="coastal")


@pytest.fixture
def participant(program: Program) -> User:
    return make_user("ana@example.org", Role.PARTICIPANT, program=program, full_name="Ana Ruiz")


@pytest.fixture
def other_participant(program: Program) -> User:
    return make_user("ben@example.org", Role.PARTICIPANT, program=program, full_name="Ben Ortiz")


@pytest.fixture
def advocate(organization: Organization) -> User:
    return make_user("sam@example.org", Role.ADVOCATE, organization=organization)


@pytest.fixture
def coordinator(organization: Organization) -> User:
    return make_user("alex@example.org", Role.COORDINATOR, organization=organization)


@pytest.fixture
def org_admin(organization: Organization) -> User:
    return make_user("robin@example.org", Role.ADMINISTRATOR, organization=organization)


@pytest.fixture
def other_coordinator(other_organization: Organization) -> User:
    return make_user("kim@example.org", Role.COORDINATOR, organization=other_organization)


@pytest.fixture
def site_admin(db: None) -> User:
    return make_user("admin@example.org", Role.ADMINISTRATOR, is_superuser=True)


@pytest.fixture
def staff_without_mfa(organization: Organization) -> User:
    return make_user("nomfa@example.org", Role.COORDINATOR, organization=organization, mfa=False)


@pytest.fixture
def reference_data(db: None) -> None:
    from peerpath.catalog.loader import load_reference

    load_reference()


@pytest.fixture
def count_queries() -> Callable[[Callable[[], Any]], int]:
    """Run a callable and return how many SQL queries it made."""

    def run(action: Callable[[], Any]) -> int:
        with CaptureQueriesContext(connection) as context:
            action()
        return len(context.captured_queries)

    return run


@pytest.fixture(autouse=True)
def _fresh_jurisdiction_rules(request: pytest.FixtureRequest):
    """Jurisdiction rows are kept in memory (see certification.jurisdiction_data): start
    every test with this test's rows already read, so a rolled-back test leaves nothing
    behind and query counts never include the one-off read."""
    from django.conf import settings

    if not settings.configured:
        yield
        return
    from peerpath.certification.jurisdiction_data import clear_cache, refresh

    clear_cache()
    uses_db = request.node.get_closest_marker("django_db") is not None or any(
        name in request.fixturenames for name in ("db", "transactional_db")
    )
    if uses_db:
        request.getfixturevalue("db")
        refresh()
    yield
