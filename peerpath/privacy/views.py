"""The participant's privacy page (exports, consents, what was shared) and the
staff pages for sharing under a consent and removing records on request."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from peerpath.accounts.access import (
    get_participant_for_user,
    get_program_for_user,
    programs_for_user,
    role_required,
    staff_required,
)
from peerpath.accounts.models import Role, User
from peerpath.audit.actions import record_event
from peerpath.privacy import actions, rules
from peerpath.privacy.forms import ConsentForm, ErasureForm, RetentionSettingsForm, ShareForm
from peerpath.privacy.models import Consent, DataExport, RetentionSettings, SharingRecord
from peerpath.privacy.retention import do_erase_person

EXPORT_SALT = "peerpath.privacy.export"
EXPORT_KINDS = {"json": ("application/json", "json"), "pdf": ("application/pdf", "pdf")}


def export_link(export: DataExport, kind: str) -> str:
    token = signing.dumps([export.pk, export.participant_id, kind], salt=EXPORT_SALT)
    return reverse("privacy-export-download", args=[token])


@never_cache
@role_required(Role.PARTICIPANT)
def home(request: HttpRequest) -> HttpResponse:
    participant: User = request.user  # type: ignore[assignment]
    now = timezone.now()
    today = timezone.localdate()
    exports = [
        (
            export,
            export.is_available(now),
            {kind: export_link(export, kind) for kind in EXPORT_KINDS}
            if export.is_available(now)
            else {},
        )
        for export in DataExport.objects.filter(participant=participant)[:5]
    ]
    consents = list(Consent.objects.filter(participant=participant)[:50])
    current = [c for c in consents if c.is_current(today)]
    past = [c for c in consents if not c.is_current(today)]
    shares = SharingRecord.objects.filter(participant=participant).select_related(
        "consent", "shared_by"
    )[:50]
    return render(
        request,
        "privacy/home.html",
        {
            "exports": exports,
            "current": current,
            "past": past,
            "shares": shares,
            "export_days": rules.EXPORT_DAYS,
        },
    )


@require_POST
@role_required(Role.PARTICIPANT)
def request_export(request: HttpRequest) -> HttpResponse:
    actions.do_request_export(request.user)  # type: ignore[arg-type]
    messages.success(
        request,
        _("We are preparing your data. Come back to this page in a few minutes to download it."),
    )
    return redirect("privacy-home")


@never_cache
@role_required(Role.PARTICIPANT)
def download_export(request: HttpRequest, token: str) -> FileResponse:
    """The signed link works for 7 days, and only for the person it belongs to."""
    try:
        export_id, owner_id, kind = signing.loads(
            token, salt=EXPORT_SALT, max_age=rules.EXPORT_DAYS * 24 * 3600
        )
    except (signing.BadSignature, ValueError) as exc:
        raise Http404 from exc
    if owner_id != request.user.pk or kind not in EXPORT_KINDS:
        raise Http404
    export = get_object_or_404(DataExport, pk=export_id, participant=request.user)
    if not export.is_available(timezone.now()):
        raise Http404
    record_event(request.user, "privacy.export_downloaded", export, subject=request.user, kind=kind)
    content_type, extension = EXPORT_KINDS[kind]
    field = export.json_file if kind == "json" else export.pdf_file
    return FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=f"peerpath-my-data-{export.ready_at:%Y-%m-%d}.{extension}",
        content_type=content_type,
    )


@never_cache
@role_required(Role.PARTICIPANT)
def new_consent(request: HttpRequest) -> HttpResponse:
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_grant_consent(request.user, form.instance)  # type: ignore[arg-type]
        messages.success(request, _("Your consent is saved. You can withdraw it any time."))
        return redirect("privacy-home")
    return render(request, "privacy/consent_form.html", {"form": form})


@require_POST
@role_required(Role.PARTICIPANT)
def revoke_consent(request: HttpRequest, consent_id: int) -> HttpResponse:
    try:
        actions.do_revoke_consent(request.user, consent_id)  # type: ignore[arg-type]
    except Consent.DoesNotExist as exc:
        raise Http404 from exc
    messages.success(request, _("Consent withdrawn. Nothing more will be shared under it."))
    return redirect("privacy-home")


# Staff -----------------------------------------------------------------------------


@never_cache
@staff_required
def share(request: HttpRequest, participant_id: int) -> HttpResponse:
    staff: User = request.user  # type: ignore[assignment]
    participant = get_participant_for_user(staff, participant_id)
    today = timezone.localdate()
    consents = [c for c in Consent.objects.filter(participant=participant) if c.is_current(today)]
    form = ShareForm(request.POST or None, consents=consents)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_share_information(
                staff, participant, form.cleaned_data["consent"], form.cleaned_data["item"]
            )
        except actions.SharingRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Sent, and recorded in the person's sharing history."))
            return redirect("privacy-share", participant_id=participant.pk)
    elif request.method == "GET":
        record_event(staff, "privacy.consents.view", participant, subject=participant)
    shares = SharingRecord.objects.filter(participant=participant).select_related(
        "consent", "shared_by"
    )[:50]
    return render(
        request,
        "privacy/share.html",
        {"participant": participant, "consents": consents, "form": form, "shares": shares},
    )


@never_cache
@role_required(Role.ADMINISTRATOR)
def erase(request: HttpRequest, participant_id: int) -> HttpResponse:
    """An administrator removes a person's records on their request, with a reason."""
    admin: User = request.user  # type: ignore[assignment]
    participant = _person_for_admin(admin, participant_id)
    form = ErasureForm(request.POST or None, email=participant.email)
    if request.method == "POST" and form.is_valid():
        erasure = do_erase_person(
            participant,
            rule=rules.ON_REQUEST,
            reason=form.cleaned_data["reason"],
            requested_by=admin,
        )
        messages.success(
            request,
            _("The records of account #%(id)s were removed.") % {"id": erasure.former_user_id},
        )
        return redirect("web-staff-home")
    return render(request, "privacy/erase.html", {"participant": participant, "form": form})


def _person_for_admin(admin: User, person_id: int) -> User:
    """A participant in scope, or an applicant (no program yet) to one of the
    administrator's programs; 404 otherwise."""
    try:
        return get_participant_for_user(admin, person_id)
    except Http404:
        from peerpath.intake.review import applications_for_staff

        application = (
            applications_for_staff(admin)
            .filter(applicant_id=person_id, applicant__program__isnull=True)
            .select_related("applicant")
            .first()
        )
        if application is None:
            raise
        return application.applicant


@never_cache
@role_required(Role.ADMINISTRATOR)
def retention_settings(request: HttpRequest) -> HttpResponse:
    """How long each program in scope keeps records; one form per program."""
    admin: User = request.user  # type: ignore[assignment]
    programs = list(programs_for_user(admin).order_by("name"))
    saved = {s.program_id: s for s in RetentionSettings.objects.filter(program__in=programs)}
    posted = request.POST.get("program") if request.method == "POST" else None
    if posted is not None:
        program = get_program_for_user(admin, posted)
        instance = saved.get(program.pk) or RetentionSettings(program=program)
        form = RetentionSettingsForm(request.POST, instance=instance, prefix=program.slug)
        if form.is_valid():
            form.save()
            record_event(
                admin,
                "privacy.retention_changed",
                form.instance,
                applications_years=form.instance.applications_years,
                records_years=form.instance.records_years,
            )
            messages.success(request, _("Retention settings saved."))
            return redirect("privacy-retention")
    rows = []
    for program in programs:
        if posted == program.slug:
            rows.append((program, form))
            continue
        instance = saved.get(program.pk) or RetentionSettings(program=program)
        rows.append((program, RetentionSettingsForm(instance=instance, prefix=program.slug)))
    return render(request, "privacy/retention.html", {"rows": rows})
