"""The participant's home, the advocate's caseload and the participant record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from peerpath.accounts.access import (
    get_participant_for_user,
    participants_for_user,
    programs_for_user,
    role_required,
    staff_required,
)
from peerpath.accounts.models import Cohort, Role, User
from peerpath.audit.actions import record_event, record_events
from peerpath.careers.summary import careers_summary
from peerpath.intake.enrolment import is_enrolled
from peerpath.intake.models import Application, ApplicationStatus
from peerpath.participants import actions
from peerpath.participants.caseload import (
    caseload_participants,
    stage_choices,
)
from peerpath.participants.forms import (
    CaseloadFilterForm,
    ContactNoteForm,
    ExitForm,
    MessageForm,
    PauseForm,
)
from peerpath.participants.journey import journey_for
from peerpath.participants.models import ContactNote, Exit, Message, ParticipantStatus, Pause
from peerpath.participants.rules import FLAG_LABELS
from peerpath.participants.status import current_statuses, fresh_for, list_row
from peerpath.participants.viewers import staff_views_of, what_was_seen
from peerpath.plan.summary import confidence_series, next_plan_step, plan_objectives
from peerpath.schedule.actions import session_url
from peerpath.schedule.summary import attendance_context, next_sessions_for
from peerpath.training.progress import progress_for

CASELOAD_PAGE_SIZE = 50

# Server-side sorts over `ParticipantStatus` (each has an index within an organization).
CASELOAD_ORDER = {
    "attention": ("-attention", "name_key", "participant_id"),
    "name": ("name_key", "participant_id"),
    "last_contact": (
        F("contact_since").asc(nulls_last=True),
        "name_key",
        "participant_id",
    ),
    "deadline": (
        F("next_deadline_on").asc(nulls_last=True),
        "name_key",
        "participant_id",
    ),
}


def _current_pause(participant: User) -> Pause | None:
    today = timezone.localdate()
    if not participant.is_paused(today):
        return None
    return Pause.objects.filter(
        participant=participant, ended_on__isnull=True, until__gte=today
    ).first()


def _progress_context(
    participant: User, hours: Any = None, *, recent_attendance: bool = True
) -> dict[str, Any]:
    """What every app says about the person's progress, for the home page and the record.
    `plan_open` (the open objectives) comes from the same query as `progress`."""
    progress, open_objectives = plan_objectives(participant)
    return {
        "careers": careers_summary(participant),
        "hours": hours or progress_for(participant),
        "attendance": attendance_context(participant, recent=recent_attendance),
        "series": confidence_series(participant),
        "progress": progress,
        "plan_open": open_objectives,
    }


# The participant's own pages -----------------------------------------------------------


def _with_home_relations(request: HttpRequest) -> User:
    """The signed-in participant with their application, program (and its session
    settings) and advocate in one query, so no part of the page reads them again;
    it becomes `request.user` for the rest of the request."""
    user = User.objects.select_related(
        "application__program", "program__schedule_settings", "advocate"
    ).get(pk=request.user.pk)
    _cache_enrolment(user)
    request.user = user
    return user


def _cache_enrolment(user: User) -> None:
    """Fill the cache `is_enrolled()` reads from the application loaded with the user."""
    try:
        application = user.application  # type: ignore[attr-defined]
    except Application.DoesNotExist:
        application = None
    enrolled_in = (
        application.program_id
        if application is not None and application.status == ApplicationStatus.ENROLLED
        else None
    )
    user._peerpath_enrolled_program = enrolled_in  # type: ignore[attr-defined]


def _home_context(user: User, pause_form: PauseForm | None = None) -> dict[str, Any]:
    today = timezone.localdate()
    journey = journey_for(user, today)
    enrolled = journey.enrolled
    certification = journey.certification
    sessions = next_sessions_for(user, timezone.now(), limit=2)
    # The home shows attendance in its compact form: no list of the latest sessions.
    progress = _progress_context(user, journey.hours, recent_attendance=False) if enrolled else {}
    return {
        "next_step": journey.step,
        **progress,
        "plan_step": next_plan_step(
            user,
            today,
            last_check_in=progress["series"][-1][0] if progress["series"] else None,
            objectives=progress["plan_open"],
        )
        if enrolled
        else None,
        "sessions": [
            (occurrence, session_url(occurrence.series_id, occurrence.original_date))
            for occurrence in sessions
        ],
        "sessions_zone": sessions[0].start.tzinfo if sessions else None,
        "application": journey.application,
        "enrolled": enrolled,
        "certification": certification,
        "next_deadline": certification.deadlines[0]
        if certification and certification.deadlines
        else None,
        "pause": _current_pause(user),
        "pause_form": pause_form or PauseForm(for_self=True),
        "notes": ContactNote.objects.filter(participant=user, staff_only=False).select_related(
            "author"
        )[:3],
        "advocate": user.advocate if enrolled else None,
    }


@never_cache
@role_required(Role.PARTICIPANT)
def home(request: HttpRequest) -> HttpResponse:
    user = _with_home_relations(request)
    return render(request, "participants/home.html", _home_context(user))


@require_POST
@role_required(Role.PARTICIPANT)
def pause_self(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not is_enrolled(user):
        return redirect("participants-home")
    form = PauseForm(request.POST, for_self=True)
    if not form.is_valid():
        return render(request, "participants/home.html", _home_context(user, form))
    actions.do_pause_participant(
        user, user, form.cleaned_data["until"], form.cleaned_data["reason"], timezone.localdate()
    )
    messages.success(request, _("Your pause is saved. Take the time you need."))
    return redirect("participants-home")


@require_POST
@role_required(Role.PARTICIPANT)
def resume_self(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if user.paused_until is not None:
        actions.do_resume_participant(user, user, timezone.localdate())
        messages.success(request, _("Welcome back. Everything is where you left it."))
    return redirect("participants-home")


@never_cache
@role_required(Role.PARTICIPANT)
def record_views(request: HttpRequest) -> HttpResponse:
    """Who on staff has looked at this participant's records: transparency is a peer value."""
    page = Paginator(staff_views_of(request.user), 50).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    rows = [(event, what_was_seen(event.action)) for event in page]
    return render(request, "participants/record_views.html", {"page": page, "rows": rows})


# Staff pages -------------------------------------------------------------------------


def search_q(text: str, prefix: str = "") -> Q:
    """Name or email containing the text, for staff lists."""
    query = Q()
    for field in ("full_name", "preferred_name", "email"):
        query |= Q(**{f"{prefix}{field}__icontains": text})
    return query


def filtered_caseload(
    staff: User, data: dict[str, Any], today: dt.date
) -> QuerySet[ParticipantStatus]:
    """Today's status rows of the caseload after the valid filters, in the chosen order."""
    rows = current_statuses(staff, today).filter(enrolled=True)
    if data.get("q"):
        rows = rows.filter(search_q(data["q"], prefix="participant__"))
    if data.get("stage"):
        rows = rows.filter(stage=data["stage"])
    if data.get("advocate") is not None:
        rows = rows.filter(advocate=data["advocate"])
    if data.get("cohort") is not None:
        rows = rows.filter(cohort=data["cohort"])
    if data.get("flag"):
        rows = rows.filter(**{data["flag"]: True})
    return rows.order_by(*CASELOAD_ORDER.get(data.get("sort") or "", CASELOAD_ORDER["attention"]))


def caseload_form(staff: User, query: Any) -> CaseloadFilterForm:
    programs = programs_for_user(staff)
    form = CaseloadFilterForm(
        query or None,
        advocates=User.objects.filter(
            role=Role.ADVOCATE, organization__programs__in=programs, is_active=True
        )
        .distinct()
        .order_by("full_name", "email"),
        cohorts=Cohort.objects.filter(program__in=programs),
        stages=stage_choices(),
    )
    form.is_valid()
    return form


@never_cache
@staff_required
def caseload(request: HttpRequest) -> HttpResponse:
    """Sorted, filtered and counted in the database over the status rows; full rows
    are built for the page shown only."""
    staff: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    fresh_for(staff, today)
    form = caseload_form(staff, request.GET)
    data = form.cleaned_data if form.is_bound else {}
    # Sort, count and page over the status rows alone (one index scan within the
    # scope); the page's rows carry what it shows. The people shown are checked
    # against the access rules once more.
    statuses = filtered_caseload(staff, data, today).select_related(
        "participant__cohort", "participant__advocate", "participant__program"
    )
    paginator = Paginator(statuses, CASELOAD_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    shown = list(page.object_list)
    allowed = set(
        caseload_participants(staff)
        .filter(pk__in=[status.participant_id for status in shown])
        .values_list("pk", flat=True)
    )
    rows = [list_row(status, today) for status in shown if status.participant_id in allowed]
    record_events(staff, "caseload.row.view", [row.participant for row in rows], subject_of=None)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "participants/caseload.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "flag_labels": FLAG_LABELS,
            "query": query.urlencode(),
            "total": paginator.count,
            "is_advocate": staff.role == Role.ADVOCATE,
        },
    )


def _record_context(
    staff: User,
    participant: User,
    contact_form: ContactNoteForm | None = None,
    pause_form: PauseForm | None = None,
    exit_form: ExitForm | None = None,
) -> dict[str, Any]:
    journey = journey_for(participant, timezone.localdate())
    certification = journey.certification
    application = journey.application
    try:  # read with the person on the record's pages (`_record_person`)
        exit_record = participant.exit  # type: ignore[attr-defined]
    except Exit.DoesNotExist:
        exit_record = None
    if exit_form is None:
        initial = (
            {"exited_on": exit_record.exited_on, "reason": exit_record.reason}
            if exit_record
            else {}
        )
        exit_form = ExitForm(initial=initial)
    return {
        **_progress_context(participant, journey.hours),
        "person": participant,
        "application": application,
        "exit": exit_record,
        "exit_form": exit_form,
        "ethics": journey.ethics,
        "next_step": journey.step,
        "certification": certification,
        "stage": journey.step.staff_label,
        "pause": _current_pause(participant),
        "pauses": Pause.objects.filter(participant=participant).select_related("created_by"),
        "notes": ContactNote.objects.filter(participant=participant).select_related("author"),
        "contact_form": contact_form or ContactNoteForm(participant=participant),
        "pause_form": pause_form or PauseForm(),
    }


def _record_person(staff: User, participant_id: int) -> User:
    """The participant (or 404) with their application, exit and program (and its
    session settings), which every part of the record reads, in one query."""
    participant = get_object_or_404(
        participants_for_user(staff).select_related(
            "program__schedule_settings", "cohort", "advocate", "application", "exit"
        ),
        pk=participant_id,
    )
    _cache_enrolment(participant)
    return participant


@never_cache
@staff_required
def record(request: HttpRequest, participant_id: int) -> HttpResponse:
    staff: User = request.user  # type: ignore[assignment]
    participant = _record_person(staff, participant_id)
    record_event(staff, "participant.record.view", participant, subject=participant)
    return render(request, "participants/record.html", _record_context(staff, participant))


@require_POST
@staff_required
def add_contact(request: HttpRequest, participant_id: int) -> HttpResponse:
    staff: User = request.user  # type: ignore[assignment]
    participant = _record_person(staff, participant_id)
    form = ContactNoteForm(request.POST, participant=participant)
    if not form.is_valid():
        context = _record_context(staff, participant, contact_form=form)
        return render(request, "participants/record.html", context)
    actions.do_add_contact_note(staff, form.instance)
    messages.success(request, _("The contact is saved."))
    return redirect("participants-record", participant_id=participant.pk)


@require_POST
@staff_required
def pause(request: HttpRequest, participant_id: int) -> HttpResponse:
    staff: User = request.user  # type: ignore[assignment]
    participant = _record_person(staff, participant_id)
    if "resume" in request.POST:
        actions.do_resume_participant(staff, participant, timezone.localdate())
        messages.success(request, _("The pause has ended."))
        return redirect("participants-record", participant_id=participant.pk)
    form = PauseForm(request.POST)
    if not form.is_valid():
        context = _record_context(staff, participant, pause_form=form)
        return render(request, "participants/record.html", context)
    actions.do_pause_participant(
        staff,
        participant,
        form.cleaned_data["until"],
        form.cleaned_data["reason"],
        timezone.localdate(),
    )
    messages.success(request, _("The pause is saved. No nudges or flags until the return date."))
    return redirect("participants-record", participant_id=participant.pk)


@require_POST
@staff_required
def record_exit(request: HttpRequest, participant_id: int) -> HttpResponse:
    staff: User = request.user  # type: ignore[assignment]
    participant = _record_person(staff, participant_id)
    application = Application.objects.filter(applicant=participant).first()
    form = ExitForm(request.POST, enrolled_on=application.enrolled_on if application else None)
    if not form.is_valid():
        context = _record_context(staff, participant, exit_form=form)
        return render(request, "participants/record.html", context)
    actions.do_record_exit(
        staff, participant, form.cleaned_data["exited_on"], form.cleaned_data["reason"]
    )
    messages.success(request, _("The exit is saved."))
    return redirect("participants-record", participant_id=participant.pk)


# Messages between a participant and their advocate --------------------------------

MESSAGES_PAGE_SIZE = 30


def _thread(
    request: HttpRequest, participant: User, form: MessageForm, action_url: str, is_own: bool
) -> HttpResponse:
    messages_page = Paginator(
        Message.objects.filter(participant=participant).select_related("author"),
        MESSAGES_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "participants/messages.html",
        {
            "person": participant,
            "page": messages_page,
            "form": form,
            "action_url": action_url,
            "is_own": is_own,
        },
    )


@never_cache
@role_required(Role.PARTICIPANT)
def my_messages(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_send_message(user, user, form.cleaned_data["body"])
        messages.success(request, _("Your message is sent."))
        return redirect("participants-my-messages")
    user = User.objects.select_related("advocate").get(pk=user.pk)
    return _thread(request, user, form, reverse("participants-my-messages"), is_own=True)


@never_cache
@staff_required
def thread(request: HttpRequest, participant_id: int) -> HttpResponse:
    staff: User = request.user  # type: ignore[assignment]
    participant = get_participant_for_user(staff, participant_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_send_message(staff, participant, form.cleaned_data["body"])
        messages.success(request, _("Your message is sent."))
        return redirect("participants-thread", participant_id=participant.pk)
    record_event(staff, "messages.thread.view", participant, subject=participant)
    url = reverse("participants-thread", args=[participant.pk])
    return _thread(request, participant, form, url, is_own=False)
