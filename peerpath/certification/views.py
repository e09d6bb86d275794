from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from peerpath.accounts.access import (
    get_participant_for_user,
    participants_for_user,
    role_required,
    staff_required,
)
from peerpath.accounts.models import Role, User
from peerpath.audit.actions import record_event, record_events
from peerpath.certification import actions
from peerpath.certification.forms import CaseDatesForm, ContinuingEducationForm, ExamAttemptForm
from peerpath.certification.models import CertificationCase, ExamAttemptRecord
from peerpath.participants.journey import journey_for
from peerpath.participants.models import StatusRisk
from peerpath.participants.status import current_risks, fresh_for


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


AT_RISK_PAGE_SIZE = 50

# Server-side sorts over the day's risk rows (`participants.StatusRisk`, indexed).
AT_RISK_ORDER = {
    "date": (F("date").asc(nulls_last=True), "name_key", "pk"),
    "name": ("name_key", F("date").asc(nulls_last=True), "pk"),
    "reason": ("code", F("date").asc(nulls_last=True), "name_key", "pk"),
}


def risks_in_scope(user: User, sort: str) -> QuerySet[StatusRisk]:
    """Today's at-risk reasons of the people in the user's scope, sorted in the database."""
    today = timezone.localdate()
    fresh_for(user, today)
    return (
        current_risks(user, today)
        .select_related("participant")
        .order_by(*AT_RISK_ORDER.get(sort, AT_RISK_ORDER["date"]))
    )


def csv_headers() -> list[str]:
    """The at-risk CSV's column names, in the active language."""
    return [
        pgettext("at-risk CSV column", "Participant"),
        pgettext("at-risk CSV column", "Email"),
        pgettext("at-risk CSV column", "Reason"),
        pgettext("at-risk CSV column", "Date"),
        pgettext("at-risk CSV column", "Stage"),
        pgettext("at-risk CSV column", "Attempts remaining"),
    ]


def _csv_lines(staff: User, risks: QuerySet[StatusRisk], headers: list[str]) -> Iterator[str]:
    """The CSV, a row at a time; one audit row per person exported (a query per chunk).

    The headers are translated before streaming starts, while the request's language
    is active."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values: list[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield line(headers)
    exported: dict[int, User] = {}
    for risk in risks.iterator(chunk_size=2000):
        person = risk.participant
        exported[person.pk] = person
        if len(exported) >= 2000:
            record_events(staff, "certification.at_risk.export", exported.values(), subject_of=None)
            exported = {}
        yield line(
            [
                person.display_name,
                person.email,
                risk.code,
                risk.date.isoformat() if risk.date else "",
                risk.stage,
                "" if risk.attempts_remaining is None else risk.attempts_remaining,
            ]
        )
    if exported:
        record_events(staff, "certification.at_risk.export", exported.values(), subject_of=None)


@staff_required
def at_risk(request: HttpRequest) -> HttpResponse:
    """Paginated, sorted and counted in the database; the CSV export streams."""
    staff: User = request.user  # type: ignore[assignment]
    sort = request.GET.get("sort", "")
    risks = risks_in_scope(staff, sort)
    if request.GET.get("format") == "csv":
        # A whole export: every person in it checked against the access rules.
        risks = risks.filter(participant__in=participants_for_user(staff))
        record_event(staff, "certification.at_risk.export", None, rows=risks.count())
        response = StreamingHttpResponse(
            _csv_lines(staff, risks, csv_headers()), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="peerpath-at-risk.csv"'
        return response
    paginator = Paginator(risks, AT_RISK_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    # The rows were found by the status rows' scope columns; check the people shown
    # against the access rules once more.
    listed = list(page.object_list)
    allowed = set(
        participants_for_user(staff)
        .filter(pk__in={risk.participant_id for risk in listed})
        .values_list("pk", flat=True)
    )
    rows = [risk for risk in listed if risk.participant_id in allowed]
    shown = list({risk.participant_id: risk.participant for risk in rows}.values())
    record_events(staff, "certification.at_risk.view", shown, subject_of=None)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "certification/at_risk.html",
        {
            "rows": rows,
            "page": page,
            "total": paginator.count,
            "query": query.urlencode(),
            "sort": sort if sort in AT_RISK_ORDER else "date",
            "today": timezone.localdate(),
        },
    )
