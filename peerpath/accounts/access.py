"""Who may see what.

Every view that shows an object fetches it through a `get_<thing>_for_user()`
helper here (or in its own app's `access.py`, built on these). The helpers deny
by default and raise Http404 for anything the user may not see, so that a
guessed id reveals nothing about whether the object exists.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from peerpath.accounts.models import STAFF_ROLES, Organization, Program, Role, User

View = TypeVar("View", bound=Callable[..., HttpResponse])


def has_mfa(user: User) -> bool:
    """True when the user has an active second factor (cached on the user object)."""
    cached = getattr(user, "_peerpath_has_mfa", None)
    if cached is None:
        from allauth.mfa.models import Authenticator

        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._peerpath_has_mfa = cached  # type: ignore[attr-defined]
    return bool(cached)


def is_installation_admin(user: User) -> bool:
    return user.role == Role.ADMINISTRATOR and user.organization_id is None


def organizations_for_user(user: User) -> QuerySet[Organization]:
    if not user.is_authenticated or user.role not in STAFF_ROLES:
        return Organization.objects.none()
    if is_installation_admin(user):
        return Organization.objects.all()
    return Organization.objects.filter(pk=user.organization_id)


def programs_for_user(user: User) -> QuerySet[Program]:
    """Programs a user may see: staff see their organization's, a participant their own."""
    if not user.is_authenticated:
        return Program.objects.none()
    if user.role == Role.PARTICIPANT:
        return Program.objects.filter(pk=user.program_id)
    if is_installation_admin(user):
        return Program.objects.all()
    if user.organization_id is None:
        return Program.objects.none()
    return Program.objects.filter(organization_id=user.organization_id)


def participants_for_user(user: User) -> QuerySet[User]:
    """Participants a staff member may see.

    An advocate sees their caseload; a coordinator or an organization's
    administrator every participant of the organization's programs; an
    installation administrator everyone. Participants see nobody here.
    """
    participants = User.objects.filter(role=Role.PARTICIPANT)
    if not user.is_authenticated or user.role not in STAFF_ROLES:
        return participants.none()
    if is_installation_admin(user):
        return participants
    if user.organization_id is None:
        # Staff not (yet) attached to an organization: "organization is NULL" would
        # match every applicant who has no program yet.
        return participants.none()
    if user.role == Role.ADVOCATE:
        return participants.filter(advocate=user, program__organization_id=user.organization_id)
    return participants.filter(program__organization_id=user.organization_id)


def status_scope_q(user: User, prefix: str = "") -> Q:
    """The same scope as `participants_for_user()`, over the scope columns the staff
    lists keep on `participants.ParticipantStatus` (organization, advocate), so a list
    finds its page in one index scan; `prefix` reaches the row through a relation. The
    lists read only rows computed today, and any change to those columns clears a row,
    so a row's scope is never older than the person's; the people shown are still
    fetched through `participants_for_user()`."""
    if not user.is_authenticated or user.role not in STAFF_ROLES:
        return Q(pk__in=[])
    if is_installation_admin(user):
        return Q()
    if user.organization_id is None:
        return Q(pk__in=[])
    if user.role == Role.ADVOCATE:
        return Q(
            **{f"{prefix}advocate_id": user.pk, f"{prefix}organization_id": user.organization_id}
        )
    return Q(**{f"{prefix}organization_id": user.organization_id})


def staff_for_user(user: User) -> QuerySet[User]:
    """Staff accounts an administrator manages: their organization's, or all for the
    installation's administrator. Nobody else manages staff."""
    staff = User.objects.exclude(role=Role.PARTICIPANT)
    if not user.is_authenticated or user.role != Role.ADMINISTRATOR:
        return staff.none()
    if is_installation_admin(user):
        return staff
    return staff.filter(organization_id=user.organization_id)


def get_staff_member_for_user(user: User, member_id: int) -> User:
    """A staff account the administrator manages, or 404."""
    return get_object_or_404(staff_for_user(user).select_related("organization"), pk=member_id)


def get_participant_for_user(user: User, participant_id: int) -> User:
    """A participant the staff member may see, or 404."""
    return get_object_or_404(
        participants_for_user(user).select_related("program", "cohort", "advocate"),
        pk=participant_id,
    )


def get_program_for_user(user: User, slug: str) -> Program:
    return get_object_or_404(programs_for_user(user).select_related("organization"), slug=slug)


def get_organization_for_user(user: User, slug: str) -> Organization:
    return get_object_or_404(organizations_for_user(user), slug=slug)


def role_required(*roles: str) -> Callable[[View], View]:
    """Allow only signed-in users with one of `roles`; everyone else gets a 404.

    Staff roles are also held to MFA by StaffMfaRequiredMiddleware before the
    view runs.
    """
    allowed = frozenset(roles)

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.role not in allowed:  # type: ignore[union-attr]
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


staff_required = role_required(*STAFF_ROLES)
administrator_required = role_required(Role.ADMINISTRATOR)
