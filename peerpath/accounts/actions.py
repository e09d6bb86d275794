"""Writes about staff accounts: invitations, roles, deactivation, second factors, caseloads.

Each `do_…()` runs in a transaction, refuses what the rules forbid and records an
audit event with the state before and after.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.sessions.models import Session
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from peerpath.accounts import rules
from peerpath.accounts.models import Organization, Program, Role, StaffInvitation, User
from peerpath.audit.actions import record_event

INVITATION_SALT = "peerpath.accounts.staff-invitation"


class StaffChangeRefused(Exception):
    """A change the rules forbid (the message says why, in the active language)."""


class InvitationInvalid(Exception):
    """The link is unknown, expired, withdrawn or already used."""


def _program_ids(member: User) -> list[int]:
    return sorted(member.work_programs.values_list("pk", flat=True))


def _active_administrator_ids(organization_id: int | None) -> set[int]:
    return set(
        User.objects.filter(
            organization_id=organization_id, role=Role.ADMINISTRATOR, is_active=True
        ).values_list("pk", flat=True)
    )


def _refuse_if_last_administrator(
    member: User, *, stays_active: bool, stays_administrator: bool
) -> None:
    if member.organization_id is None:
        # The installation's own administrators are managed from the command line.
        admins = set(
            User.objects.filter(
                organization__isnull=True, role=Role.ADMINISTRATOR, is_active=True
            ).values_list("pk", flat=True)
        )
    else:
        admins = _active_administrator_ids(member.organization_id)
    if rules.leaves_no_administrator(
        admins, member.pk, stays_active=stays_active, stays_administrator=stays_administrator
    ):
        raise StaffChangeRefused(
            _("%(name)s is the organization's only administrator: name another one first.")
            % {"name": member.display_name}
        )


def invitation_token(invitation: StaffInvitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def invitation_for_token(token: str) -> StaffInvitation:
    """The pending invitation a link stands for, or InvitationInvalid."""
    max_age = rules.INVITATION_DAYS * 24 * 60 * 60
    try:
        invitation_id = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.BadSignature as error:  # includes SignatureExpired
        raise InvitationInvalid from error
    invitation = (
        StaffInvitation.objects.select_related("user", "user__organization")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation_state(invitation) != rules.InvitationState.PENDING:
        raise InvitationInvalid
    return invitation


def invitation_state(invitation: StaffInvitation) -> rules.InvitationState:
    return rules.invitation_state(
        expires_at=invitation.expires_at,
        accepted_at=invitation.accepted_at,
        withdrawn_at=invitation.withdrawn_at,
        now=timezone.now(),
    )


@transaction.atomic
def do_invite_staff(
    actor: User,
    *,
    email: str,
    full_name: str,
    role: str,
    organization: Organization,
    programs: Iterable[Program],
    language: str,
) -> StaffInvitation:
    """Create the inactive account and its invitation. Send it with `send_invitation()`."""
    member = User.objects.create_user(
        email,
        None,
        full_name=full_name,
        role=role,
        organization=organization,
        language=language,
        is_active=False,
    )
    member.work_programs.set(programs)
    invitation = _new_invitation(actor, member)
    record_event(
        actor,
        "staff.invited",
        member,
        role=role,
        organization=organization.pk,
        programs=_program_ids(member),
    )
    return invitation


def _new_invitation(actor: User, member: User) -> StaffInvitation:
    now = timezone.now()
    StaffInvitation.objects.filter(
        user=member, accepted_at__isnull=True, withdrawn_at__isnull=True
    ).update(withdrawn_at=now)
    return StaffInvitation.objects.create(
        user=member,
        invited_by=actor,
        created_at=now,
        expires_at=rules.invitation_expiry(now),
    )


@transaction.atomic
def do_resend_invitation(actor: User, member: User) -> StaffInvitation:
    """A new link for someone who has not accepted yet; older links stop working."""
    User.objects.lock(member)
    if member.is_active or member.has_usable_password():
        raise StaffChangeRefused(_("This person has already accepted an invitation."))
    invitation = _new_invitation(actor, member)
    record_event(actor, "staff.invitation_resent", member)
    return invitation


def send_invitation(invitation: StaffInvitation, site_url: str) -> None:
    """Email the link, in the invited person's language."""
    member = invitation.user
    link = site_url + reverse("accounts-accept-invitation", args=[invitation_token(invitation)])
    organization = member.organization.name if member.organization else "PeerPath"
    with translation.override(member.language):
        subject = _("Your invitation to PeerPath")
        body = render_to_string(
            "accounts/email/invitation.txt",
            {
                "member": member,
                "organization": organization,
                "link": link,
                "expires_at": invitation.expires_at,
                "days": rules.INVITATION_DAYS,
            },
        )
    EmailMessage(subject=subject, body=body, to=[member.email]).send()


@transaction.atomic
def do_accept_invitation(invitation: StaffInvitation, password: str) -> User:
    """Set the password, activate the account and spend the link."""
    locked = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation_state(locked) != rules.InvitationState.PENDING:
        raise InvitationInvalid
    from allauth.account.models import EmailAddress

    member = locked.user
    member.set_password(password)
    member.is_active = True
    member.save(update_fields=["password", "is_active"])
    locked.accepted_at = timezone.now()
    locked.save(update_fields=["accepted_at"])
    # The link arrived at this address: it is verified.
    EmailAddress.objects.update_or_create(
        user=member, email=member.email, defaults={"verified": True, "primary": True}
    )
    record_event(member, "staff.invitation_accepted", member)
    return member


@transaction.atomic
def do_change_staff(actor: User, member: User, *, role: str, programs: Iterable[Program]) -> None:
    User.objects.lock(member)
    member.refresh_from_db()
    programs = list(programs)
    _refuse_if_last_administrator(
        member, stays_active=member.is_active, stays_administrator=role == Role.ADMINISTRATOR
    )
    before = {"role": member.role, "programs": _program_ids(member)}
    member.role = role
    member.save(update_fields=["role"])
    member.work_programs.set(programs)
    after = {"role": member.role, "programs": _program_ids(member)}
    if before != after:
        record_event(actor, "staff.changed", member, before=before, after=after)


def end_sessions(user: User) -> int:
    """Delete every stored session of `user`; returns how many ended."""
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            ended.append(session.pk)
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@transaction.atomic
def do_deactivate_staff(actor: User, member: User) -> int:
    """Sign the person out everywhere and keep them out. Their caseload stays attached
    to them, flagged for reassignment. Returns the size of that caseload."""
    User.objects.lock(member)
    member.refresh_from_db()
    if not member.is_active:
        return member.caseload.count()
    _refuse_if_last_administrator(
        member, stays_active=False, stays_administrator=member.role == Role.ADMINISTRATOR
    )
    member.is_active = False
    member.save(update_fields=["is_active"])
    sessions = end_sessions(member)
    caseload = member.caseload.count()
    record_event(
        actor,
        "staff.deactivated",
        member,
        before={"active": True},
        after={"active": False},
        sessions_ended=sessions,
        caseload=caseload,
    )
    return caseload


@transaction.atomic
def do_reactivate_staff(actor: User, member: User) -> None:
    User.objects.lock(member)
    member.refresh_from_db()
    if member.is_active:
        return
    if not member.has_usable_password():
        raise StaffChangeRefused(_("This person has not accepted the invitation yet."))
    member.is_active = True
    member.save(update_fields=["is_active"])
    record_event(
        actor, "staff.reactivated", member, before={"active": False}, after={"active": True}
    )


@transaction.atomic
def do_reset_second_factor(actor: User, member: User, reason: str) -> int:
    """Remove the lost second factor (and its recovery codes): at the next sign-in the
    person sets up a new one. Their sessions end; they are told by email."""
    from allauth.mfa.models import Authenticator

    from peerpath.notifications.actions import do_notify

    User.objects.lock(member)
    removed, _detail = Authenticator.objects.filter(user=member).delete()
    sessions = end_sessions(member)
    record_event(
        actor,
        "staff.second_factor_reset",
        member,
        reason=reason,
        authenticators_removed=removed,
        sessions_ended=sessions,
    )
    actor_name = actor.display_name

    def render() -> tuple[str, str]:
        return (
            _("Your second sign-in step was reset"),
            _(
                "%(name)s reset your second sign-in step (the authenticator app). "
                "The next time you sign in, PeerPath will ask you to set it up again. "
                "If you did not ask for this, tell your organization's administrator."
            )
            % {"name": actor_name},
        )

    do_notify(member, "staff_mfa_reset", render, url=reverse("account_login"))
    return removed


@transaction.atomic
def do_reassign_caseload(actor: User, participants: Iterable[User], advocate: User) -> int:
    """Give every participant in `participants` the advocate `advocate`; returns how many
    changed. The caller has checked that all are in the actor's scope."""
    people = list(participants)
    for person in people:
        if person.program is None or person.program.organization_id != advocate.organization_id:
            raise StaffChangeRefused(
                _("%(name)s is not in %(advocate)s's organization.")
                % {"name": person.display_name, "advocate": advocate.display_name}
            )
    changed = [person for person in people if person.advocate_id != advocate.pk]
    for person in changed:
        before = person.advocate_id
        User.objects.filter(pk=person.pk).update(advocate=advocate)
        record_event(
            actor,
            "participant.advocate_changed",
            person,
            subject=person,
            before={"advocate": before},
            after={"advocate": advocate.pk},
        )
    # A bulk update sends no signal: move the people's list rows here.
    from peerpath.participants.status import move_rows

    move_rows(participant_id__in=[person.pk for person in changed])
    return len(changed)


def _audit_value(name: str, value: object) -> object:
    from peerpath.accounts.program_forms import SECRET_FIELDS

    if name in SECRET_FIELDS:
        return "(set)" if value else "(empty)"
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if hasattr(value, "pk"):
        return value.pk  # type: ignore[attr-defined]
    return value if isinstance(value, bool | int | None) else str(value)


@transaction.atomic
def do_save_program(actor: User, program_form, settings_forms) -> Program:  # type: ignore[no-untyped-def]
    """Save a program and its settings (certification, hours and payroll, sessions) from
    valid forms, with one audit event listing each changed setting before and after.
    Secret settings (the video-call details) are recorded as changed, never by value."""
    created = program_form.instance.pk is None
    before: dict[str, object] = {}
    after: dict[str, object] = {}
    for form in (program_form, *settings_forms):
        for name in form.changed_data:
            key = f"{form.prefix}.{name}" if form.prefix else name
            before[key] = _audit_value(name, form.initial.get(name))
            after[key] = _audit_value(name, form.cleaned_data.get(name))
    program = program_form.save()
    for form in settings_forms:
        form.instance.program = program
        form.save()
    if created or after:
        record_event(
            actor,
            "program.created" if created else "program.changed",
            program,
            before=before,
            after=after,
        )
    return program
