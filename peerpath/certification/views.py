from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from peerpath.accounts.access import (
    get_participant_for_user,
    participants_for_user,
    role_required,
    staff_required,
)
from peerpath.accounts.models import Role, User
from peerpath.audit.actions import record_event
from peerpath.certification import actions
from peerpath.certification.forms import CaseDatesForm, ContinuingEducationForm, ExamAttemptForm
from peerpath.certification.models import CertificationCase, ExamAttemptRecord
from peerpath.certification.status import case_status
from peerpath.participants.journey import journey_for


def _tracker(request: HttpRequest, participant: User, back_url: str) -> HttpResponse:
    case = actions.get_or_create_case(participant)
    case = (
        CertificationCase.objects.select_related("participant__program__certification_settings")
        .prefetch_related("exam_attempts", "ce_entries", "periods")
        .get(pk=case.pk)
    )
    actor: User = request.user  # type: ignore[assignment]
    dates_form = CaseDatesForm(instance=case, prefix="dates")
    attempt_form = ExamAttemptForm(case=case, prefix="attempt")
    ce_form = ContinuingEducationForm(prefix="ce")
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "dates":
            dates_form = CaseDatesForm(request.POST, instance=case, prefix="dates")
            if dates_form.is_valid():
                actions.do_update_certification_dates(
                    actor, dates_form.instance, dates_form.changed_data
                )
                messages.success(request, _("Your dates are saved."))
                return redirect(back_url)
        elif which == "attempt":
            attempt_form = ExamAttemptForm(
                request.POST,
                case=case,
                prefix="attempt",
                instance=ExamAttemptRecord(case=case),
            )
            if attempt_form.is_valid():
                actions.do_record_exam_attempt(actor, attempt_form.instance)
                messages.success(request, _("The exam attempt is saved."))
                return redirect(back_url)
        elif which == "ce":
            ce_form = ContinuingEducationForm(request.POST, prefix="ce")
            ce_form.instance.case = case
            if ce_form.is_valid():
                actions.do_add_continuing_education(actor, ce_form.instance)
                messages.success(request, _("The course is saved."))
                return redirect(back_url)
    journey = journey_for(participant, timezone.localdate(), case=case)
    context: dict[str, Any] = {
        "participant": participant,
        "case": case,
        "status": journey.certification,
        "next_step": journey.step,
        "dates_form": dates_form,
        "attempt_form": attempt_form,
        "ce_form": ce_form,
        "is_own": participant.pk == actor.pk,
        "action_url": back_url,
    }
    return render(request, "certification/tracker.html", context)


@role_required(Role.PARTICIPANT)
def my_certification(request: HttpRequest) -> HttpResponse:
    return _tracker(request, request.user, reverse("certification-mine"))  # type: ignore[arg-type]


@staff_required
def participant_certification(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = get_participant_for_user(request.user, participant_id)  # type: ignore[arg-type]
    record_event(request.user, "certification.case.view", participant, subject=participant)
    return _tracker(
        request, participant, reverse("certification-participant", args=[participant_id])
    )


def cases_in_scope(user: User) -> QuerySet[CertificationCase]:
    return (
        CertificationCase.objects.filter(participant__in=participants_for_user(user))
        .select_related("participant__program__certification_settings")
        .prefetch_related(
            Prefetch("exam_attempts", queryset=ExamAttemptRecord.objects.order_by("date", "id")),
            "ce_entries",
        )
    )


SORT_KEYS = {
    "date": lambda r: (
        r["risk"].date is None,
        r["risk"].date or dt.date.max,
        r["case"].participant.display_name.lower(),
    ),
    "name": lambda r: (r["case"].participant.display_name.lower(), r["risk"].date or dt.date.max),
    "reason": lambda r: (r["risk"].name, r["risk"].date or dt.date.max),
}


@staff_required
def at_risk(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = []
    for case in cases_in_scope(request.user):  # type: ignore[arg-type]
        status = case_status(case, today)
        for risk in status.risks:
            rows.append(
                {
                    "case": case,
                    "risk": risk,
                    "stage": status.plan.stage,
                    "attempts_remaining": status.plan.attempts_remaining,
                }
            )
    rows.sort(key=SORT_KEYS.get(request.GET.get("sort", ""), SORT_KEYS["date"]))
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="peerpath-at-risk.csv"'
        writer = csv.writer(response)
        writer.writerow(["participant", "email", "reason", "date", "stage", "attempts_remaining"])
        for row in rows:
            person = row["case"].participant
            writer.writerow(
                [
                    person.display_name,
                    person.email,
                    row["risk"].code,
                    row["risk"].date.isoformat() if row["risk"].date else "",
                    row["stage"],
                    "" if row["attempts_remaining"] is None else row["attempts_remaining"],
                ]
            )
        record_event(request.user, "certification.at_risk.export", None, rows=len(rows))
        return response
    return render(request, "certification/at_risk.html", {"rows": rows, "today": today})
