"""Pages both a participant (their own) and staff (their scope) open: a timesheet, a document."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from peerpath.accounts.models import STAFF_ROLES, Role, User
from peerpath.audit.actions import record_event
from peerpath.training import rules
from peerpath.training.access import get_document_for_user, get_timesheet_for_user
from peerpath.training.actions import TIMESHEET_REVIEWER_ROLES
from peerpath.training.forms import TimesheetReviewForm
from peerpath.training.models import Timesheet
from peerpath.training.views.participant import timesheet_context


def _allowed(user: User) -> bool:
    return user.role == Role.PARTICIPANT or user.role in STAFF_ROLES


@never_cache
@login_required
def show_timesheet(request: HttpRequest, timesheet_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not _allowed(user):
        raise Http404
    timesheet = get_timesheet_for_user(user, timesheet_id)
    return render_timesheet(request, timesheet)


def render_timesheet(
    request: HttpRequest, timesheet: Timesheet, review_form: TimesheetReviewForm | None = None
) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    is_own = user.role == Role.PARTICIPANT
    if not is_own:
        record_event(
            user, "training.timesheet.view", timesheet, subject=timesheet.placement.participant
        )
    can_review = (
        not is_own
        and user.role in TIMESHEET_REVIEWER_ROLES
        and rules.can_review_timesheet(timesheet.status)
    )
    context = {
        **timesheet_context(timesheet),
        "is_own": is_own,
        "participant": timesheet.placement.participant,
        "can_review": can_review,
        "review_form": review_form or TimesheetReviewForm(),
    }
    return render(request, "training/timesheet.html", context)


@login_required
def show_document(request: HttpRequest, document_id: int) -> FileResponse:
    user: User = request.user  # type: ignore[assignment]
    if not _allowed(user):
        raise Http404
    document = get_document_for_user(user, document_id)
    if user.role != Role.PARTICIPANT:
        record_event(
            user, "training.document.view", document, subject=document.training.participant
        )
    response = FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        as_attachment=True,
        filename=document.original_name,
    )
    response["Cache-Control"] = "private, no-store"
    return response
