from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from peerpath.accounts.access import get_participant_for_user, role_required, staff_required
from peerpath.accounts.models import Role
from peerpath.audit.actions import record_event, record_events
from peerpath.careers import actions, rules
from peerpath.careers.access import get_placement_for_user
from peerpath.careers.forms import (
    FollowUpForm,
    OwnPlacementForm,
    PlacementForm,
    QuarterEarningsForm,
)
from peerpath.careers.models import JobPlacement
from peerpath.careers.views.common import acting_user


def follow_up_rows(placement: JobPlacement, today: Any) -> list[dict[str, Any]]:
    """Each milestone with its due date, state and the follow-up if recorded."""
    recorded = {f.milestone: f for f in placement.follow_ups.all()}
    rows = []
    for milestone in rules.FOLLOW_UP_MILESTONES:
        due_on = (
            rules.follow_up_due_on(placement.start_date, milestone)
            if placement.start_date
            else None
        )
        follow_up = recorded.get(milestone)
        if follow_up is not None:
            state = rules.DONE
        elif due_on is None or not placement.is_current:
            state = None
        else:
            state = rules.follow_up_state(due_on, today)
        rows.append(
            {"milestone": milestone, "due_on": due_on, "follow_up": follow_up, "state": state}
        )
    return rows


@never_cache
@role_required(Role.PARTICIPANT)
def show_my_job(request: HttpRequest) -> HttpResponse:
    participant = acting_user(request)
    placements = list(
        JobPlacement.objects.filter(participant=participant)
        .select_related("employer_type", "job_title")
        .prefetch_related("follow_ups")
    )
    forms = {
        placement.pk: OwnPlacementForm(
            initial=_own_initial(placement), placement=placement, prefix=f"p{placement.pk}"
        )
        for placement in placements
        if placement.is_current
    }
    return render(
        request,
        "careers/my_job.html",
        {"rows": [(p, forms.get(p.pk)) for p in placements]},
    )


def _own_initial(placement: JobPlacement) -> dict[str, Any]:
    return {
        "still_employed": "yes",
        "hours_per_week": placement.hours_per_week,
        "wage": placement.wage,
        "wage_period": placement.wage_period,
    }


@never_cache
@role_required(Role.PARTICIPANT)
def update_my_job(request: HttpRequest, placement_id: int) -> HttpResponse:
    participant = acting_user(request)
    placement = get_placement_for_user(participant, placement_id)
    if not placement.is_current:
        raise Http404
    form = OwnPlacementForm(
        request.POST or None,
        initial=_own_initial(placement),
        placement=placement,
        prefix=f"p{placement.pk}",
    )
    if request.method == "POST" and form.is_valid():
        actions.do_update_own_placement(participant, placement, form.cleaned_data)
        messages.success(request, _("Thank you. Your job details are updated."))
        return redirect("careers-show-my-job")
    return render(request, "careers/my_job_update.html", {"placement": placement, "form": form})


@never_cache
@staff_required
def new_placement(request: HttpRequest, participant_id: int) -> HttpResponse:
    staff = acting_user(request)
    participant = get_participant_for_user(staff, participant_id)
    form = PlacementForm(request.POST or None, instance=JobPlacement(participant=participant))
    if request.method == "POST" and form.is_valid():
        placement = actions.do_record_placement(staff, form.instance)
        messages.success(request, _("The placement is saved."))
        return redirect("careers-edit-placement", participant.pk, placement.pk)
    if request.method != "POST":
        record_event(staff, "careers.placement_form.view", participant, subject=participant)
    return render(
        request,
        "careers/placement_form.html",
        {"participant": participant, "form": form, "placement": None},
    )


@never_cache
@staff_required
def edit_placement(request: HttpRequest, participant_id: int, placement_id: int) -> HttpResponse:
    staff = acting_user(request)
    participant = get_participant_for_user(staff, participant_id)
    placement = get_placement_for_user(staff, placement_id, participant_id)
    form = PlacementForm(request.POST or None, instance=placement)
    if request.method == "POST" and form.is_valid():
        actions.do_record_placement(staff, form.instance)
        messages.success(request, _("The placement is saved."))
        return redirect("careers-edit-placement", participant.pk, placement.pk)
    if request.method != "POST":
        record_events(staff, "careers.placement.view", [placement], subject_of="participant")
    else:
        placement.refresh_from_db()
    return _placement_page(request, participant, placement, form)


def _placement_page(
    request: HttpRequest,
    participant: Any,
    placement: JobPlacement,
    form: PlacementForm,
    earnings_form: QuarterEarningsForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "careers/placement_form.html",
        {
            "participant": participant,
            "form": form,
            "placement": placement,
            "follow_ups": follow_up_rows(placement, timezone.localdate()),
            "earnings": placement.quarter_earnings.order_by("-quarter"),
            "earnings_form": earnings_form or QuarterEarningsForm(placement=placement),
        },
    )


@require_POST
@staff_required
def record_quarter_earnings(
    request: HttpRequest, participant_id: int, placement_id: int
) -> HttpResponse:
    staff = acting_user(request)
    participant = get_participant_for_user(staff, participant_id)
    placement = get_placement_for_user(staff, placement_id, participant_id)
    earnings_form = QuarterEarningsForm(request.POST, placement=placement)
    if not earnings_form.is_valid():
        form = PlacementForm(instance=placement)
        return _placement_page(request, participant, placement, form, earnings_form)
    actions.do_record_quarter_earnings(
        staff,
        placement,
        earnings_form.cleaned_data["quarter"],
        earnings_form.cleaned_data["amount"],
    )
    messages.success(request, _("The earnings are saved."))
    return redirect("careers-edit-placement", participant.pk, placement.pk)


@never_cache
@staff_required
def record_follow_up(
    request: HttpRequest, participant_id: int, placement_id: int, milestone: int
) -> HttpResponse:
    staff = acting_user(request)
    participant = get_participant_for_user(staff, participant_id)
    placement = get_placement_for_user(staff, placement_id, participant_id)
    if milestone not in rules.FOLLOW_UP_MILESTONES or not placement.has_started:
        raise Http404
    existing = next((f for f in placement.follow_ups.all() if f.milestone == milestone), None)
    if existing is not None:
        initial: dict[str, Any] = {
            "contacted_on": existing.contacted_on,
            "still_employed": "yes" if existing.still_employed else "no",
            "end_date": placement.end_date,
            "hours_per_week": existing.hours_per_week,
            "wage": existing.wage,
            "wage_period": existing.wage_period,
            "support_needed": existing.support_needed,
        }
    else:
        initial = {
            "contacted_on": timezone.localdate(),
            "end_date": placement.end_date,
            "hours_per_week": placement.hours_per_week,
            "wage": placement.wage,
            "wage_period": placement.wage_period,
        }
    form = FollowUpForm(
        request.POST or None, initial=initial, placement=placement, milestone=milestone
    )
    if request.method == "POST" and form.is_valid():
        actions.do_record_follow_up(staff, placement, milestone, form.cleaned_data)
        messages.success(request, _("The follow-up is saved."))
        return redirect("careers-edit-placement", participant.pk, placement.pk)
    if request.method != "POST":
        record_event(staff, "careers.placement.view", placement, subject=participant)
    return render(
        request,
        "careers/follow_up_form.html",
        {
            "participant": participant,
            "placement": placement,
            "milestone": milestone,
            "due_on": rules.follow_up_due_on(placement.start_date, milestone),
            "form": form,
            "existing": existing,
        },
    )
