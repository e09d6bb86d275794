"""Demo organization, program and one account per role, for `peerpath serve --demo`."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import transaction

from peerpath.accounts.models import Organization, Program, Role, User

DEMO_PASSWORD = "peerpath-demo-2026"  # noqa: S105 - printed on the terminal for the demo only
DEMO_PROGRAM_SLUG = "esp"
# A second program in another state, so applicants choose between two.
DEMO_SECOND_PROGRAM_SLUG = "pa-pathways"
INSTALLATION_ADMIN_EMAIL = "installation@demo.peerpath.org"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    totp_secret: str | None
    recovery_codes: tuple[str, ...]
    label: str = ""

    @property
    def title(self) -> str:
        return self.label or self.role


DEMO_PEOPLE = [
    ("participant@demo.peerpath.org", Role.PARTICIPANT, "Jordan Rivera", "Jordan"),
    ("advocate@demo.peerpath.org", Role.ADVOCATE, "Sam Delgado", "Sam"),
    ("coordinator@demo.peerpath.org", Role.COORDINATOR, "Alex Morgan", "Alex"),
    ("admin@demo.peerpath.org", Role.ADMINISTRATOR, "Casey Lee", "Casey"),
]


@transaction.atomic
def create_demo() -> list[DemoAccount]:
    """Create (or find) the demo data. Running it again changes nothing."""
    organization, _ = Organization.objects.get_or_create(
        slug="demo-peer-network", defaults={"name": "Demo Peer Network"}
    )
    program, _ = Program.objects.get_or_create(
        slug=DEMO_PROGRAM_SLUG,
        defaults={
            "organization": organization,
            "name": "ESP Peer Specialist Training and Career Exploration Program",
        },
    )
    Program.objects.get_or_create(
        slug=DEMO_SECOND_PROGRAM_SLUG,
        defaults={
            "organization": organization,
            "name": "Peer Pathways Pennsylvania (example)",
            "time_zone": "America/New_York",
            "jurisdiction": "PA",
            "age_min": 18,
            "age_max": 30,
            "counties": "Allegheny, Philadelphia",
            "languages": "en,es",
        },
    )
    accounts = []
    people: dict[str, User] = {}
    for email, role, full_name, preferred in DEMO_PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                role=role,
                full_name=full_name,
                preferred_name=preferred,
                organization=None if role == Role.PARTICIPANT else organization,
                program=program if role == Role.PARTICIPANT else None,
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        people[role] = user
        accounts.append(
            _with_mfa(user) if user.has_staff_role else DemoAccount(email, role, None, ())
        )
    participant = people[Role.PARTICIPANT]
    if participant.advocate_id is None:
        participant.advocate = people[Role.ADVOCATE]
        participant.save(update_fields=["advocate"])
    accounts.append(_installation_admin())
    return accounts


def _installation_admin() -> DemoAccount:
    """The administrator of the whole installation: no organization, reaches the
    Django admin (providers, jurisdiction rules, every organization)."""
    user = User.objects.filter(email=INSTALLATION_ADMIN_EMAIL).first()
    if user is None:
        user = User.objects.create_superuser(
            INSTALLATION_ADMIN_EMAIL,
            DEMO_PASSWORD,
            full_name="Robin Park",
            preferred_name="Robin",
            organization=None,
        )
        EmailAddress.objects.create(
            user=user, email=INSTALLATION_ADMIN_EMAIL, verified=True, primary=True
        )
    account = _with_mfa(user)
    return DemoAccount(
        account.email,
        account.role,
        account.totp_secret,
        account.recovery_codes,
        label="installation admin",
    )


def _with_mfa(user: User) -> DemoAccount:
    """Staff must use a second factor; give demo staff one and show how to use it."""
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        TOTP.activate(user, generate_totp_secret())
        RecoveryCodes.activate(user)
        totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    codes = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    secret = totp.wrap().instance.data["secret"]
    from allauth.mfa.adapter import get_adapter

    secret = get_adapter().decrypt(secret)
    unused = RecoveryCodes(codes).get_unused_codes()
    return DemoAccount(user.email, user.role, secret, tuple(unused[:3]))
