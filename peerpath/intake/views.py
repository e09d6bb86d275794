from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from peerpath.intake.forms import EligibilityForm, ReadinessForm
from peerpath.intake.readiness import summarise
from peerpath.intake.rules import (
    DEFAULT_AGE_BAND,
    certification_eligibility,
    program_eligibility,
)

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
