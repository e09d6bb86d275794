from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from peerpath.accounts.access import role_required
from peerpath.accounts.models import Role, User
from peerpath.certification.jurisdictions import CALIFORNIA
from peerpath.intake.actions import do_sign_code_of_ethics
from peerpath.intake.forms import EligibilityForm, EthicsSignatureForm, ReadinessForm
from peerpath.intake.models import EthicsDocument, EthicsSignature
from peerpath.intake.readiness import summarise
from peerpath.intake.rules import (
    DEFAULT_AGE_BAND,
    certification_eligibility,
    program_eligibility,
)
from peerpath.lib.dates import add_years

# Both pages are anonymous and store nothing: no model, no session, no log of
# the answers. never_cache keeps health answers out of shared browser caches.


@never_cache
def readiness(request: HttpRequest) -> HttpResponse:
    """The readiness self-assessment; a POST shows the summary on the same page."""
    summary = reflections = None
    if request.method == "POST":
        form = ReadinessForm(request.POST)
        if form.is_valid():
            summary = summarise(form.agreement_answers())
            reflections = form.reflections()
    else:
        form = ReadinessForm()
    context = {"form": form, "summary": summary, "reflections": reflections}
    return render(request, "intake/readiness.html", context)


@never_cache
def eligibility(request: HttpRequest) -> HttpResponse:
    """Program and certification eligibility, checked on today's date."""
    today = timezone.localdate()
    band = DEFAULT_AGE_BAND
    program = certification = None
    if request.method == "POST":
        form = EligibilityForm(request.POST, today=today)
        if form.is_valid():
            applicant = form.to_applicant()
            program = program_eligibility(applicant, band)
            certification = certification_eligibility(applicant)
    else:
        form = EligibilityForm(today=today)
    context = {"form": form, "band": band, "program": program, "certification": certification}
    return render(request, "intake/eligibility.html", context)


@role_required(Role.PARTICIPANT)
def sign_ethics(request: HttpRequest) -> HttpResponse:
    """Read the current Code of Ethics and sign it by typing one's name."""
    user: User = request.user  # type: ignore[assignment]
    document = EthicsDocument.current()
    signature = EthicsSignature.objects.filter(user=user).select_related("document").first()
    form = EthicsSignatureForm(request.POST or None, expected_name=user.full_name)
    if document is not None and request.method == "POST" and form.is_valid():
        do_sign_code_of_ethics(
            user, document, form.cleaned_data["typed_name"], request.META.get("REMOTE_ADDR")
        )
        messages.success(request, _("Thank you. Your signature is saved."))
        return redirect("intake-ethics")
    due_again = (
        add_years(timezone.localtime(signature.signed_at).date(), CALIFORNIA.ethics_resign_years)
        if signature
        else None
    )
    signed_current = (
        signature is not None and document is not None and (signature.document_id == document.pk)
    )
    return render(
        request,
        "intake/ethics.html",
        {
            "document": document,
            "signature": signature,
            "form": form,
            "due_again": due_again,
            "signed_current": signed_current,
        },
    )
