"""Programs and their settings: /staff/admin/programs/… for administrators."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from peerpath.accounts import actions
from peerpath.accounts.access import (
    administrator_required,
    get_program_for_user,
    is_installation_admin,
    programs_for_user,
)
from peerpath.accounts.models import Program, Role, User
from peerpath.accounts.program_forms import (
    CertificationSettingsForm,
    ProgramForm,
    ScheduleSettingsForm,
    TrainingSettingsForm,
)
from peerpath.certification.jurisdiction_data import current_jurisdiction
from peerpath.certification.models import CertificationSettings
from peerpath.schedule.models import ScheduleSettings
from peerpath.training.models import TrainingSettings


@administrator_required
def list_programs(request: HttpRequest) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    programs = (
        programs_for_user(actor)
        .select_related("organization")
        .annotate(
            participant_count=Count(
                "participants", filter=Q(participants__role=Role.PARTICIPANT), distinct=True
            ),
            cohort_count=Count("cohorts", distinct=True),
        )
        .order_by("organization__name", "name")
    )
    return render(request, "accounts/program_list.html", {"programs": programs})


def _settings_forms(program: Program, data=None) -> list:  # type: ignore[no-untyped-def]
    rules = current_jurisdiction(program.jurisdiction)
    certification = None
    schedule = None
    if program.pk:
        certification = CertificationSettings.objects.filter(program=program).first()
        schedule = ScheduleSettings.objects.filter(program=program).first()
    certification = certification or CertificationSettings(
        application_fee=rules.fees.application,
        exam_fee=rules.fees.exam,
        retake_fee=rules.fees.exam_retake,
        renewal_fee=rules.fees.renewal,
        renewal_window_days=rules.renewal_window_days,
        reminder_offsets=",".join(str(days) for days in rules.reminder_offsets_days),
    )
    training = TrainingSettings.for_program_id(program.pk)
    return [
        CertificationSettingsForm(data, instance=certification, prefix="certification"),
        TrainingSettingsForm(data, instance=training, prefix="hours"),
        ScheduleSettingsForm(data, instance=schedule or ScheduleSettings(), prefix="sessions"),
    ]


def _edit(request: HttpRequest, program: Program) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    data = request.POST if request.method == "POST" else None
    if not program.pk and not is_installation_admin(actor):
        program.organization = actor.organization  # type: ignore[assignment]
    form = ProgramForm(data, instance=program, actor=actor)
    settings_forms = _settings_forms(program, data)
    if data is not None and form.is_valid() and all(f.is_valid() for f in settings_forms):
        saved = actions.do_save_program(actor, form, settings_forms)
        messages.success(request, _("The program's settings are saved."))
        return redirect("accounts-program-edit", saved.slug)
    sections = [
        (_("Certification fees and reminders"), settings_forms[0]),
        (_("Hours and payroll"), settings_forms[1]),
        (_("Sessions"), settings_forms[2]),
    ]
    has_errors = bool(form.errors) or any(f.errors for f in settings_forms)
    return render(
        request,
        "accounts/program_form.html",
        {"program": program, "form": form, "sections": sections, "has_errors": has_errors},
        status=200,
    )


@administrator_required
@require_http_methods(["GET", "POST"])
def create_program(request: HttpRequest) -> HttpResponse:
    return _edit(request, Program())


@administrator_required
@require_http_methods(["GET", "POST"])
def edit_program(request: HttpRequest, slug: str) -> HttpResponse:
    return _edit(request, get_program_for_user(request.user, slug))  # type: ignore[arg-type]
