"""Staff pages: a participant's hours, document checks, placements, the timesheet queue, payroll."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Prefetch, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from peerpath.accounts.access import (
    get_participant_for_user,
    programs_for_user,
    role_required,
    staff_required,
)
from peerpath.accounts.models import Role, User
from peerpath.audit.actions import record_event, record_events
from peerpath.intake.review import program_today
from peerpath.training import actions, payroll, rules
from peerpath.training.access import (
    get_document_for_user,
    get_placement_for_user,
    get_timesheet_for_user,
    timesheets_for_user,
)
from peerpath.training.forms import (
    DocumentReviewForm,
    PayrollForm,
    PlacementForm,
    TimesheetReviewForm,
)
from peerpath.training.models import (
    Timesheet,
    TimesheetStatus,
    TrainingDocumentKind,
    TrainingDocumentStatus,
    TrainingSettings,
    TrainingStatus,
    WorkPlacement,
)
from peerpath.training.progress import annotated_trainings, progress_for
from peerpath.training.views.participant import (
    HOURS,
    core_hours_for,
    schedule_for,
    show_problems,
    training_rows,
)
from peerpath.training.views.shared import render_timesheet

reviewer_required = role_required(*actions.TIMESHEET_REVIEWER_ROLES)
coordinator_required = role_required(Role.COORDINATOR)


def _timesheets_with_totals(queryset: QuerySet[Timesheet]) -> QuerySet[Timesheet]:
    return queryset.annotate(
        total=Coalesce(Sum("entries__hours"), Value(rules.ZERO), output_field=HOURS),
        entry_count=Count("entries"),
    )


@never_cache
@staff_required
def participant_hours(request: HttpRequest, participant_id: int) -> HttpResponse:
    staff: User = request.user  # type: ignore[assignment]
    participant = get_participant_for_user(staff, participant_id)
    record_event(staff, "training.participant.view", participant, subject=participant)
    progress = progress_for(participant)
    trainings = list(
        annotated_trainings([participant.pk])
        .prefetch_related("documents")
        .order_by("kind", "starts_on", "id")
    )
    timesheets = _timesheets_with_totals(Timesheet.objects.all()).order_by("-period_start")
    placements = WorkPlacement.objects.filter(participant=participant).prefetch_related(
        Prefetch("timesheets", queryset=timesheets)
    )
    context = {
        "participant": participant,
        "progress": progress,
        "rows": training_rows(trainings, core_hours_for(participant)),
        "placements": placements,
        "can_manage": staff.role in actions.TIMESHEET_REVIEWER_ROLES,
        "schedule": schedule_for(
            participant.cohort, progress.core_logged, actions.today_for(participant)
        )
        if progress.core_status in (TrainingStatus.IN_PROGRESS, TrainingStatus.PLANNED)
        else None,
    }
    return render(request, "training/participant.html", context)


@never_cache
@staff_required
def review_document(request: HttpRequest, document_id: int) -> HttpResponse:
    staff: User = request.user  # type: ignore[assignment]
    document = get_document_for_user(staff, document_id)
    training = document.training
    participant = training.participant
    core_hours = core_hours_for(participant)
    target = training.target_hours(core_hours)
    initial: dict[str, Any] = {
        "hours_confirmed": target if document.kind == TrainingDocumentKind.COMPLETION else None,
        "completed_on": training.completed_on,
    }
    form = DocumentReviewForm(
        request.POST if request.method == "POST" else None, initial=initial, course_hours=target
    )
    if request.method == "GET":
        record_event(staff, "training.document.review", document, subject=participant)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_review_training_document(
                staff,
                document,
                verified=data["decision"] == "verify",
                hours_confirmed=data["hours_confirmed"],
                completed_on=data["completed_on"],
                comment=data["comment"],
            )
        except actions.Refused as refused:
            show_problems(form, refused)
        else:
            messages.success(request, _("Your decision is saved and the participant is told."))
            return redirect("training-show-participant", participant_id=participant.pk)
    return render(
        request,
        "training/review_document.html",
        {
            "document": document,
            "training": training,
            "participant": participant,
            "form": form,
            "target": target,
            "is_completion": document.kind == TrainingDocumentKind.COMPLETION,
            "reviewed": document.status != TrainingDocumentStatus.PENDING,
        },
    )


@never_cache
@reviewer_required
def add_placement(request: HttpRequest, participant_id: int) -> HttpResponse:
    staff: User = request.user  # type: ignore[assignment]
    participant = get_participant_for_user(staff, participant_id)
    if request.method == "GET":
        record_event(staff, "training.placement_form.view", participant, subject=participant)
    rate = TrainingSettings.for_program_id(participant.program_id).default_pay_rate
    form = PlacementForm(
        request.POST if request.method == "POST" else None, initial={"pay_rate": rate}
    )
    if request.method == "POST" and form.is_valid():
        actions.do_save_placement(staff, form.instance, participant)
        messages.success(request, _("The placement is saved."))
        return redirect("training-show-participant", participant_id=participant.pk)
    return render(
        request,
        "training/placement_form.html",
        {"form": form, "participant": participant, "placement": None},
    )


@never_cache
@reviewer_required
def edit_placement(request: HttpRequest, placement_id: int) -> HttpResponse:
    staff: User = request.user  # type: ignore[assignment]
    placement = get_placement_for_user(staff, placement_id)
    participant = placement.participant
    if request.method == "GET":
        record_event(staff, "training.placement.view", placement, subject=participant)
    form = PlacementForm(request.POST if request.method == "POST" else None, instance=placement)
    if request.method == "POST" and form.is_valid():
        actions.do_save_placement(staff, form.instance, participant)
        messages.success(request, _("The placement is saved."))
        return redirect("training-show-participant", participant_id=participant.pk)
    return render(
        request,
        "training/placement_form.html",
        {"form": form, "participant": participant, "placement": placement},
    )


def waiting_queryset(staff: User) -> QuerySet[Timesheet]:
    return (
        _timesheets_with_totals(timesheets_for_user(staff).filter(status=TimesheetStatus.SUBMITTED))
        .select_related("placement__participant__program")
        .prefetch_related("entries")
        .order_by("submitted_at", "id")
    )


@never_cache
@reviewer_required
def timesheet_queue(request: HttpRequest) -> HttpResponse:
    """Every submitted timesheet in the staff member's scope, to approve or return in place."""
    staff: User = request.user  # type: ignore[assignment]
    timesheets = list(waiting_queryset(staff))
    record_events(staff, "training.timesheet.view", timesheets, subject_of="participant")
    return render(
        request,
        "training/timesheets.html",
        {"timesheets": timesheets, "review_form": TimesheetReviewForm()},
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
@reviewer_required
def review_timesheet(request: HttpRequest, timesheet_id: int) -> HttpResponse:
    staff: User = request.user  # type: ignore[assignment]
    timesheet = get_timesheet_for_user(staff, timesheet_id)
    form = TimesheetReviewForm(request.POST)
    problem = None
    if form.is_valid():
        try:
            timesheet = actions.do_review_timesheet(
                staff,
                timesheet,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        except actions.Refused as refused:
            show_problems(form, refused)
            problem = refused
    if request.htmx:  # type: ignore[attr-defined]
        row = (
            _timesheets_with_totals(timesheets_for_user(staff))
            .select_related("placement__participant")
            .prefetch_related("entries")
            .get(pk=timesheet.pk)
        )
        return render(
            request,
            "training/timesheets.html#row",
            {"timesheet": row, "review_form": form if form.errors else TimesheetReviewForm()},
        )
    if form.errors or problem is not None:
        if problem is not None and not form.errors:
            messages.error(request, str(problem))
        timesheet = get_timesheet_for_user(staff, timesheet.pk)
        return render_timesheet(request, timesheet, review_form=form)
    if timesheet.status == TimesheetStatus.APPROVED:
        messages.success(request, _("The timesheet is approved."))
    else:
        messages.success(request, _("The timesheet is returned with your comment."))
    return redirect(_safe_next(request, reverse("training-list-timesheets")))


@never_cache
@coordinator_required
def export_payroll(request: HttpRequest) -> HttpResponse:
    """Approved hours per pay period, on screen and as CSV or XLSX for payroll."""
    staff: User = request.user  # type: ignore[assignment]
    programs = list(programs_for_user(staff).order_by("name"))
    if not programs:
        raise Http404
    slug = request.GET.get("program") or programs[0].slug
    program = next((p for p in programs if p.slug == slug), None)
    if program is None:
        raise Http404
    settings = TrainingSettings.for_program_id(program.pk)
    periods = rules.recent_pay_periods(
        program_today(program), settings.pay_period, settings.pay_period_anchor, count=26
    )
    data = request.GET.copy()
    data.setdefault("period", periods[1].key)
    form = PayrollForm(data, periods=periods)
    if not form.is_valid():
        return render(
            request,
            "training/payroll.html",
            {"form": form, "programs": programs, "program": program, "rows": None},
            status=200,
        )
    period = form.selected()
    rows = payroll.payroll_rows(program, period)
    file_format = request.GET.get("format")
    if file_format in ("csv", "xlsx"):
        actions.do_record_payroll_export(staff, program.slug, period, file_format, len(rows))
        name = f"peerpath-payroll-{program.slug}-{period.start.isoformat()}.{file_format}"
        if file_format == "csv":
            response = HttpResponse(
                payroll.payroll_csv(rows), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(
                payroll.payroll_xlsx(rows, period), content_type=payroll.XLSX_CONTENT_TYPE
            )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response
    record_event(
        staff,
        "training.payroll.view",
        None,
        program=program.slug,
        period_start=period.start.isoformat(),
        rows=len(rows),
    )
    return render(
        request,
        "training/payroll.html",
        {
            "form": form,
            "programs": programs,
            "program": program,
            "period": period,
            "rows": rows,
            "totals": payroll.payroll_totals(rows),
            "total_hours": sum((row.hours for row in rows), rules.ZERO),
            "total_amount": sum((row.amount for row in rows), rules.ZERO),
            "settings": settings,
        },
    )
