"""The participant's own trainings, hours, documents, placements and timesheets."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, DecimalField, Prefetch, Sum, Value
from django.db.models.functions import Coalesce
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from peerpath.accounts.access import role_required
from peerpath.accounts.models import Cohort, Role, User
from peerpath.training import actions, rules
from peerpath.training.access import (
    get_document_for_user,
    get_own_hours_entry,
    get_own_timesheet_entry,
    get_own_training,
    get_placement_for_user,
    get_timesheet_for_user,
)
from peerpath.training.forms import (
    HoursForm,
    TimesheetEntryForm,
    TrainingDocumentForm,
    TrainingForm,
)
from peerpath.training.models import (
    Timesheet,
    TimesheetReview,
    TimesheetStatus,
    Training,
    TrainingKind,
    TrainingSettings,
    TrainingStatus,
    WorkPlacement,
)
from peerpath.training.progress import (
    annotated_trainings,
    core_reason_messages,
    core_reasons,
    progress_for,
    training_numbers,
    verified_note_message,
)

participant_required = role_required(Role.PARTICIPANT)
HOURS = DecimalField(max_digits=8, decimal_places=2)


def show_problems(form: Form, refused: actions.Refused) -> None:
    """Put an action's refusal next to the fields it names (or at the top of the form)."""
    for field, message in refused.problems:
        form.add_error(field if field in form.fields else None, str(message))


def core_hours_for(user: User) -> int:
    program = user.program
    return actions.jurisdiction_for(program.jurisdiction if program else None).core_training_hours


def core_earliest_for(user: User) -> Any:
    program = user.program
    jurisdiction = actions.jurisdiction_for(program.jurisdiction if program else None)
    return jurisdiction.core_training_earliest_completion


def training_rows(trainings: list[Any], core_hours: int) -> list[dict[str, Any]]:
    core_completed = [
        t.completed_on
        for t in trainings
        if t.kind == TrainingKind.CORE and t.status == TrainingStatus.COMPLETED and t.completed_on
    ]
    core_done_on = min(core_completed) if core_completed else None
    rows = []
    for training in trainings:
        logged, verified, target = training_numbers(training, core_hours)
        rows.append(
            {
                "training": training,
                "logged": logged,
                "verified": verified,
                "target": target,
                "verified_note": verified_note_message(
                    rules.verified_note(
                        logged, training.confirmed, training.target_hours(core_hours)
                    ),
                    logged,
                    verified,
                    target,
                ),
                "before_core": training.kind == TrainingKind.SPECIALIZATION
                and training.status != TrainingStatus.WITHDRAWN
                and rules.specialization_before_core(
                    training.starts_on or training.created_at.date(), core_done_on
                ),
            }
        )
    return rows


def schedule_for(cohort: Cohort | None, logged: Any, today: Any) -> dict[str, Any] | None:
    if cohort is None:
        return None
    expected = rules.expected_core_hours(cohort.starts_on, cohort.ends_on, today)
    return {
        "cohort": cohort,
        "expected": expected,
        "behind": rules.is_behind_schedule(logged, expected),
    }


def placements_with_timesheets(user: User) -> list[WorkPlacement]:
    timesheets = Timesheet.objects.annotate(
        total=Coalesce(Sum("entries__hours"), Value(rules.ZERO), output_field=HOURS),
        entry_count=Count("entries"),
    ).order_by("-period_start")
    return list(
        WorkPlacement.objects.filter(participant=user).prefetch_related(
            Prefetch("timesheets", queryset=timesheets)
        )
    )


@never_cache
@participant_required
def my_hours(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    user = User.objects.select_related("program", "cohort").get(pk=user.pk)
    today = actions.today_for(user)
    progress = progress_for(user)
    trainings = list(annotated_trainings([user.pk]).order_by("kind", "starts_on", "id"))
    context = {
        "progress": progress,
        "rows": training_rows(trainings, core_hours_for(user)),
        "placements": placements_with_timesheets(user),
        "schedule": schedule_for(user.cohort, progress.core_logged, today)
        if progress.core_status in (TrainingStatus.IN_PROGRESS, TrainingStatus.PLANNED)
        else None,
    }
    return render(request, "training/mine.html", context)


@never_cache
@participant_required
def add_training(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = TrainingForm(
        request.POST if request.method == "POST" else None, instance=Training(participant=user)
    )
    if request.method == "POST" and form.is_valid():
        training = actions.do_add_training(user, form.instance)
        messages.success(request, _("Your training is added. You can log hours now."))
        return redirect("training-show-training", training_id=training.pk)
    return render(request, "training/training_form.html", {"form": form, "training": None})


@never_cache
@participant_required
def edit_training(request: HttpRequest, training_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    training = get_own_training(user, training_id)
    locked = actions.training_is_locked(training)
    form = TrainingForm(request.POST if request.method == "POST" else None, instance=training)
    if request.method == "POST" and not locked and form.is_valid():
        try:
            actions.do_update_training(user, form.instance, form.changed_data)
        except actions.Refused as refused:
            show_problems(form, refused)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("training-show-training", training_id=training.pk)
    return render(
        request,
        "training/training_form.html",
        {"form": form, "training": training, "locked": locked},
    )


@never_cache
@participant_required
def show_training(request: HttpRequest, training_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    user = User.objects.select_related("program").get(pk=user.pk)
    core_hours = core_hours_for(user)
    rows = training_rows(list(annotated_trainings([user.pk])), core_hours)
    row = next((r for r in rows if r["training"].pk == training_id), None)
    if row is None:
        raise Http404
    training = row["training"]
    hours_form = HoursForm(prefix="hours", initial={"date": actions.today_for(user)})
    document_form = TrainingDocumentForm(prefix="document")
    if request.method == "POST":
        if request.POST.get("form") == "hours":
            hours_form = HoursForm(request.POST, prefix="hours")
            if hours_form.is_valid():
                data = hours_form.cleaned_data
                try:
                    actions.do_log_training_hours(
                        user,
                        training,
                        date=data["date"],
                        hours=data["hours"],
                        note=data["note"],
                        is_total=data["is_total"],
                    )
                except actions.Refused as refused:
                    show_problems(hours_form, refused)
                else:
                    messages.success(request, _("Your hours are saved."))
                    return redirect("training-show-training", training_id=training.pk)
        elif request.POST.get("form") == "document":
            document_form = TrainingDocumentForm(request.POST, request.FILES, prefix="document")
            if document_form.is_valid():
                actions.do_add_training_document(
                    user,
                    training,
                    document_form.cleaned_data["kind"],
                    document_form.cleaned_data["file"],
                )
                messages.success(request, _("Your document is uploaded. Staff will check it soon."))
                return redirect("training-show-training", training_id=training.pk)
    earliest = core_earliest_for(user)
    return render(
        request,
        "training/training.html",
        {
            "training": training,
            "row": row,
            "core_reasons": core_reason_messages(core_reasons(training, earliest), earliest)
            if training.kind == TrainingKind.CORE
            else None,
            "entries": training.entries.all(),
            "documents": training.documents.all(),
            "hours_form": hours_form,
            "document_form": document_form,
            "locked": actions.training_is_locked(training),
        },
    )


@require_POST
@participant_required
def delete_hours(request: HttpRequest, training_id: int, entry_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    training = get_own_training(user, training_id)
    entry = get_own_hours_entry(user, training, entry_id)
    try:
        actions.do_delete_training_hours(user, entry)
    except actions.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Those hours are removed."))
    return redirect("training-show-training", training_id=training.pk)


@never_cache
@participant_required
def show_placement(request: HttpRequest, placement_id: int) -> HttpResponse:
    """A placement's timesheets and the form to add hours (to the right pay period's sheet)."""
    user: User = request.user  # type: ignore[assignment]
    placement = get_placement_for_user(user, placement_id)
    settings = TrainingSettings.for_program_id(user.program_id)
    today = actions.today_for(user)
    form = TimesheetEntryForm(
        request.POST if request.method == "POST" else None, initial={"date": today}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = actions.do_add_timesheet_entry(
                user, placement, date=data["date"], hours=data["hours"], activity=data["activity"]
            )
        except actions.Refused as refused:
            show_problems(form, refused)
        else:
            messages.success(request, _("Your hours are added to the timesheet."))
            return redirect("training-show-timesheet", timesheet_id=entry.timesheet_id)
    timesheets = placement.timesheets.annotate(
        total=Coalesce(Sum("entries__hours"), Value(rules.ZERO), output_field=HOURS),
        entry_count=Count("entries"),
    ).order_by("-period_start")
    return render(
        request,
        "training/placement.html",
        {
            "placement": placement,
            "timesheets": timesheets,
            "form": form,
            "current_period": settings.period_containing(today),
        },
    )


def timesheet_context(timesheet: Timesheet) -> dict[str, Any]:
    entries = list(timesheet.entries.all())
    reviews = list(timesheet.reviews.select_related("reviewer"))
    total = sum((entry.hours for entry in entries), rules.ZERO)
    rate = timesheet.pay_rate if timesheet.pay_rate is not None else timesheet.placement.pay_rate
    return {
        "timesheet": timesheet,
        "entries": entries,
        "reviews": reviews,
        "last_return": next(
            (r for r in reviews if r.decision == TimesheetReview.Decision.RETURNED), None
        )
        if timesheet.status == TimesheetStatus.RETURNED
        else None,
        "total": total,
        "rate": rate,
        "amount": rules.amount_due(total, rate),
    }


@require_POST
@participant_required
def submit_timesheet(request: HttpRequest, timesheet_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    timesheet = get_timesheet_for_user(user, timesheet_id)
    try:
        actions.do_submit_timesheet(user, timesheet)
    except actions.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Your timesheet is submitted. Staff will review it."))
    return redirect("training-show-timesheet", timesheet_id=timesheet.pk)


@require_POST
@participant_required
def withdraw_timesheet(request: HttpRequest, timesheet_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    timesheet = get_timesheet_for_user(user, timesheet_id)
    try:
        actions.do_withdraw_timesheet(user, timesheet)
    except actions.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Your timesheet is back with you. Submit it when ready."))
    return redirect("training-show-timesheet", timesheet_id=timesheet.pk)


@never_cache
@participant_required
def edit_timesheet_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    entry = get_own_timesheet_entry(user, entry_id)
    timesheet = entry.timesheet
    initial = {"date": entry.date, "hours": entry.hours, "activity": entry.activity}
    form = TimesheetEntryForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_update_timesheet_entry(
                user, entry, date=data["date"], hours=data["hours"], activity=data["activity"]
            )
        except actions.Refused as refused:
            show_problems(form, refused)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("training-show-timesheet", timesheet_id=timesheet.pk)
    return render(
        request,
        "training/timesheet_entry_form.html",
        {"form": form, "entry": entry, "timesheet": timesheet},
    )


@require_POST
@participant_required
def delete_timesheet_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    entry = get_own_timesheet_entry(user, entry_id)
    timesheet = entry.timesheet
    placement_id = timesheet.placement_id
    try:
        actions.do_delete_timesheet_entry(user, entry)
    except actions.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Those hours are removed."))
    if Timesheet.objects.filter(pk=timesheet.pk).exists():
        return redirect("training-show-timesheet", timesheet_id=timesheet.pk)
    return redirect("training-show-placement", placement_id=placement_id)


@require_POST
@participant_required
def delete_document(request: HttpRequest, document_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    document = get_document_for_user(user, document_id)
    training_id = document.training_id
    try:
        actions.do_delete_training_document(user, document)
    except actions.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The document is removed."))
    return redirect("training-show-training", training_id=training_id)
