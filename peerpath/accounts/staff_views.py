"""Staff administration: /staff/admin/people/… for administrators.

An organization's administrator manages their organization's staff; the
installation's administrator everyone's. Anything else answers 404.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.accounts import actions
from peerpath.accounts.access import (
    administrator_required,
    get_staff_member_for_user,
    has_mfa,
    participants_for_user,
    staff_for_user,
)
from peerpath.accounts.models import Role, StaffInvitation, User
from peerpath.accounts.staff_forms import (
    AcceptInvitationForm,
    ChangeStaffForm,
    InviteStaffForm,
    ReassignCaseloadForm,
    ResetSecondFactorForm,
)

PAGE_SIZE = 25


def _member_status(member: User) -> str:
    if member.is_active:
        return "active"
    if not member.has_usable_password():
        return "invited"
    return "deactivated"


@administrator_required
def list_staff(request: HttpRequest) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    staff = (
        staff_for_user(actor)
        .select_related("organization")
        .annotate(caseload_size=Count("caseload", distinct=True))
        .order_by("-is_active", "full_name", "email")
    )
    page = Paginator(staff, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(member, _member_status(member)) for member in page]
    needs_advocate = _needing_advocate(actor).count()
    return render(
        request,
        "accounts/staff_list.html",
        {"page": page, "rows": rows, "needs_advocate": needs_advocate},
    )


@administrator_required
@require_http_methods(["GET", "POST"])
def invite_staff(request: HttpRequest) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    form = InviteStaffForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation = actions.do_invite_staff(
            actor,
            email=data["email"],
            full_name=data["full_name"],
            role=data["role"],
            organization=data["organization"],
            programs=data["programs"],
            language=data["language"],
        )
        actions.send_invitation(invitation, settings.SITE_URL)
        messages.success(
            request,
            _("Invitation sent to %(email)s. The link works once, for %(days)s days.")
            % {"email": invitation.user.email, "days": 7},
        )
        return redirect("accounts-staff-detail", invitation.user.pk)
    return render(request, "accounts/staff_invite.html", {"form": form})


@administrator_required
@require_http_methods(["GET", "POST"])
def staff_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    member = get_staff_member_for_user(actor, member_id)
    initial = {"role": member.role, "programs": list(member.work_programs.all())}
    form = ChangeStaffForm(request.POST or None, member=member, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_change_staff(
                actor,
                member,
                role=form.cleaned_data["role"],
                programs=form.cleaned_data["programs"],
            )
        except actions.StaffChangeRefused as refusal:
            form.add_error("role", str(refusal))
        else:
            messages.success(request, _("Saved."))
            return redirect("accounts-staff-detail", member.pk)
    invitation = StaffInvitation.objects.filter(user=member).first()
    return render(
        request,
        "accounts/staff_detail.html",
        {
            "member": member,
            "status": _member_status(member),
            "form": form,
            "invitation": invitation,
            "invitation_state": actions.invitation_state(invitation) if invitation else None,
            "has_mfa": has_mfa(member),
            "caseload_size": member.caseload.count(),
        },
    )


@administrator_required
@require_POST
def resend_invitation(request: HttpRequest, member_id: int) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    member = get_staff_member_for_user(actor, member_id)
    try:
        invitation = actions.do_resend_invitation(actor, member)
    except actions.StaffChangeRefused as refusal:
        messages.error(request, str(refusal))
    else:
        actions.send_invitation(invitation, settings.SITE_URL)
        messages.success(request, _("A new invitation was sent; earlier links no longer work."))
    return redirect("accounts-staff-detail", member.pk)


@administrator_required
@require_http_methods(["GET", "POST"])
def deactivate_staff(request: HttpRequest, member_id: int) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    member = get_staff_member_for_user(actor, member_id)
    if request.method == "POST":
        try:
            caseload = actions.do_deactivate_staff(actor, member)
        except actions.StaffChangeRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("accounts-staff-detail", member.pk)
        messages.success(request, _("%(name)s can no longer sign in.") % {"name": member})
        if caseload:
            query = urlencode({"advocate": member.pk})
            return redirect(f"{reverse('accounts-reassign-caseload')}?{query}")
        return redirect("accounts-staff-detail", member.pk)
    return render(
        request,
        "accounts/staff_deactivate.html",
        {"member": member, "caseload_size": member.caseload.count()},
    )


@administrator_required
@require_POST
def reactivate_staff(request: HttpRequest, member_id: int) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    member = get_staff_member_for_user(actor, member_id)
    try:
        actions.do_reactivate_staff(actor, member)
    except actions.StaffChangeRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("%(name)s can sign in again.") % {"name": member})
    return redirect("accounts-staff-detail", member.pk)


@administrator_required
@require_http_methods(["GET", "POST"])
def reset_second_factor(request: HttpRequest, member_id: int) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    member = get_staff_member_for_user(actor, member_id)
    form = ResetSecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_reset_second_factor(actor, member, form.cleaned_data["reason"])
        messages.success(
            request,
            _("%(name)s will set up a new second step at their next sign-in; they were told.")
            % {"name": member},
        )
        return redirect("accounts-staff-detail", member.pk)
    return render(request, "accounts/staff_reset_mfa.html", {"member": member, "form": form})


def _needing_advocate(actor: User) -> QuerySet[User]:
    """Enrolled people whose advocate can no longer sign in, or who have none."""
    return (
        participants_for_user(actor)
        .filter(program__isnull=False, cohort__isnull=False)
        .filter(Q(advocate__isnull=True) | Q(advocate__is_active=False))
    )


@administrator_required
@require_http_methods(["GET", "POST"])
def reassign_caseload(request: HttpRequest) -> HttpResponse:
    """Select people (by current advocate, or those needing one) and give them an advocate."""
    actor: User = request.user  # type: ignore[assignment]
    people = (
        participants_for_user(actor)
        .filter(program__isnull=False)
        .select_related("program", "advocate")
        .order_by("full_name", "email")
    )
    advocate_filter = request.GET.get("advocate", "")
    if request.GET.get("needs"):
        people = people & _needing_advocate(actor)
    elif advocate_filter.isdigit():
        people = people.filter(advocate_id=int(advocate_filter))
    advocates = (
        staff_for_user(actor)
        .filter(role=Role.ADVOCATE, is_active=True)
        .select_related("organization")
        .order_by("full_name", "email")
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    form = ReassignCaseloadForm(
        request.POST or None,
        participants=participants_for_user(actor).select_related("program"),
        advocates=advocates,
    )
    if request.method == "POST" and form.is_valid():
        advocate = form.cleaned_data["advocate"]
        changed = actions.do_reassign_caseload(actor, form.cleaned_data["participants"], advocate)
        messages.success(
            request,
            _("%(count)s people now have %(name)s as their advocate.")
            % {"count": changed, "name": advocate},
        )
        return redirect(request.get_full_path())
    selected = {str(pk) for pk in request.POST.getlist("participants")}
    query = urlencode({k: v for k, v in request.GET.items() if k != "page"})
    return render(
        request,
        "accounts/reassign.html",
        {
            "page": page,
            "form": form,
            "selected": selected,
            "query": query,
            "advocate_filter": advocate_filter,
            "needs": bool(request.GET.get("needs")),
            "advocates": advocates,
            "staff": staff_for_user(actor).filter(role=Role.ADVOCATE).order_by("full_name"),
        },
    )


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the invited person chooses a password, then sets up the second factor."""
    try:
        invitation = actions.invitation_for_token(token)
    except actions.InvitationInvalid:
        return render(request, "accounts/invitation_invalid.html", status=410)
    member = invitation.user
    form = AcceptInvitationForm(member, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = actions.do_accept_invitation(invitation, form.cleaned_data["new_password1"])
        except actions.InvitationInvalid:
            return render(request, "accounts/invitation_invalid.html", status=410)
        from allauth.account.internal.flows.login import record_authentication

        login(request, member, backend="django.contrib.auth.backends.ModelBackend")
        # Setting up the second factor asks for a recent sign-in: this was one.
        record_authentication(
            request, member, method="password", email=member.email, reauthenticated=True
        )
        messages.success(request, _("Your password is set. Now set up your second sign-in step."))
        return redirect("mfa_activate_totp")
    return render(request, "accounts/accept_invitation.html", {"form": form, "member": member})
