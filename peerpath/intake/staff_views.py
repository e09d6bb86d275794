"""The staff intake queue: review applications, decide, enrol; manage cohorts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from peerpath.accounts.access import get_program_for_user, programs_for_user, role_required
from peerpath.accounts.models import Cohort, Role, User
from peerpath.audit.actions import record_event, record_events
from peerpath.audit.models import AuditEvent
from peerpath.intake import actions
from peerpath.intake.forms import ORIENTATION_CHOICES
from peerpath.intake.models import Application, ApplicationStatus, WaitlistEntry
from peerpath.intake.review import (
    applications_for_staff,
    automatic_result,
    get_application_for_staff,
    get_document_for_staff,
    program_today,
    requestable_items_lazy,
    with_ethics_signed,
)
from peerpath.intake.staff_forms import (
    RULE_LABELS,
    CohortForm,
    EligibleForm,
    EnrolForm,
    NotEligibleForm,
    RequestInformationForm,
    WithdrawForm,
)
from peerpath.intake.transitions import Decision, TransitionRefused, allowed_decisions

reviewer_required = role_required(Role.COORDINATOR, Role.ADMINISTRATOR)

QUEUE_STATUSES = [s for s in ApplicationStatus if s != ApplicationStatus.DRAFT]
PAGE_SIZE = 25


@never_cache
@reviewer_required
def queue(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    status = request.GET.get("status", ApplicationStatus.SUBMITTED)
    if status not in QUEUE_STATUSES:
        status = ApplicationStatus.SUBMITTED
    in_scope = applications_for_staff(user)
    counts = dict(in_scope.values_list("status").annotate(n=Count("id")).order_by())
    # Oldest first: people waiting longest are seen first, and the 30-day answer window is kept.
    listed = with_ethics_signed(
        in_scope.filter(status=status).select_related("applicant__program", "program")
    ).order_by("submitted_at", "id")
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [_queue_row(application) for application in page]
    # Each row shows a person's answers as the automatic check reads them.
    record_events(user, "application.queue.view", page.object_list, subject_of="applicant")
    return render(
        request,
        "intake/staff/queue.html",
        {
            "statuses": [(s, s.label, counts.get(s, 0)) for s in QUEUE_STATUSES],
            "status": status,
            "draft_count": counts.get(ApplicationStatus.DRAFT, 0),
            "rows": rows,
            "page": page,
            "status_query": f"status={status}",
            "rule_labels": RULE_LABELS,
        },
    )


def _queue_row(application: Application) -> dict[str, Any]:
    program = application.program
    today = program_today(program)
    submitted = application.submitted_at
    zone = program.zone
    return {
        "application": application,
        "result": automatic_result(application, today),
        "waiting_days": (today - timezone.localdate(submitted, zone)).days if submitted else None,
    }


DECISION_FORMS: dict[Decision, Any] = {
    Decision.REQUEST_INFORMATION: RequestInformationForm,
    Decision.MARK_ELIGIBLE: EligibleForm,
    Decision.MARK_NOT_ELIGIBLE: NotEligibleForm,
    Decision.ENROL: EnrolForm,
    Decision.WITHDRAW: WithdrawForm,
}


def _decision_form(decision: Decision, application: Application, data: Any = None) -> Any:
    form_class = DECISION_FORMS[decision]
    kwargs: dict[str, Any] = {"prefix": decision.value}
    if form_class is EnrolForm:
        kwargs["program"] = application.program
    if form_class is NotEligibleForm and data is None:
        today = program_today(application.program)
        kwargs["initial"] = {"codes": list(automatic_result(application, today).codes)}
    return form_class(data, **kwargs)


ATTESTATIONS = (
    "diploma",
    "internet_access",
    "computer_skills",
    "willing_to_share",
    "dedicated_to_recovery",
    "commits_to_training",
    "commits_to_certification",
)

ACTION_LABELS = {
    "application.submit": gettext_lazy("Submitted"),
    "application.resubmit": gettext_lazy("Resubmitted with the information asked for"),
    "application.request_information": gettext_lazy("More information requested"),
    "application.mark_eligible": gettext_lazy("Marked as eligible"),
    "application.mark_not_eligible": gettext_lazy("Marked as not eligible"),
    "application.enrol": gettext_lazy("Enrolled"),
    "application.withdraw": gettext_lazy("Withdrawn"),
}


def _answers(application: Application) -> list[tuple[str, str]]:
    labels = {f.name: f.verbose_name for f in Application._meta.fields}
    shown = {True: _("Yes"), False: _("No"), None: "—"}
    return [(capfirst(labels[name]), shown[getattr(application, name)]) for name in ATTESTATIONS]


def _application_page(
    request: HttpRequest, application: Application, bound: dict[Decision, Any] | None = None
) -> HttpResponse:
    bound = bound or {}
    decisions = allowed_decisions(application.status)
    forms = {d.value: bound.get(d) or _decision_form(d, application) for d in decisions}
    history = (
        AuditEvent.objects.filter(
            object_type=application._meta.label_lower, object_id=str(application.pk)
        )
        .exclude(action__endswith=".view")
        .order_by("created_at", "id")
    )
    today = program_today(application.program)
    return render(
        request,
        "intake/staff/application.html",
        {
            "application": application,
            "person": application.applicant,
            "result": automatic_result(application, today),
            "documents": application.documents.all(),
            "information_requests": application.information_requests.all(),
            "forms": forms,
            "history": history,
            "item_labels": dict(requestable_items_lazy()),
            "rule_labels": RULE_LABELS,
            "answers": _answers(application),
            "orientation": dict(ORIENTATION_CHOICES).get(application.orientation_preference, ""),
            "action_labels": ACTION_LABELS,
        },
    )


@never_cache
@reviewer_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_application_for_staff(request.user, application_id)  # type: ignore[arg-type]
    record_event(request.user, "application.view", application, subject=application.applicant)
    return _application_page(request, application)


@never_cache
@require_POST
@reviewer_required
def decide(request: HttpRequest, application_id: int, decision: str) -> HttpResponse:
    staff: User = request.user  # type: ignore[assignment]
    application = get_application_for_staff(staff, application_id)
    try:
        choice = Decision(decision)
    except ValueError:
        raise Http404 from None
    if choice not in DECISION_FORMS:
        raise Http404
    form = _decision_form(choice, application, request.POST)
    if not form.is_valid():
        return _application_page(request, application, {choice: form})
    data = form.cleaned_data
    try:
        if choice is Decision.REQUEST_INFORMATION:
            actions.do_request_application_information(
                staff, application, data["items"], data["message"]
            )
        elif choice is Decision.MARK_ELIGIBLE:
            actions.do_mark_application_eligible(staff, application, data["note"])
        elif choice is Decision.MARK_NOT_ELIGIBLE:
            actions.do_mark_application_not_eligible(
                staff, application, data["codes"], data["note"]
            )
        elif choice is Decision.ENROL and data["full"]:
            actions.do_waitlist_applicant(staff, application, data["cohort"])
        elif choice is Decision.ENROL:
            actions.do_enrol_applicant(staff, application, data["cohort"], data["advocate"])
        else:
            actions.do_withdraw_application(staff, application, data["note"])
    except TransitionRefused:
        messages.error(
            request,
            _("That is no longer possible: the application's status has changed. Here it is now."),
        )
    except actions.EnrolmentRefused:
        messages.error(
            request,
            _(
                "That cohort or advocate can no longer be chosen. "
                "Choose the cohort and advocate again."
            ),
        )
    else:
        messages.success(request, _("Saved. The applicant has been told."))
    return redirect("intake-staff-application", application_id=application.pk)


@never_cache
@reviewer_required
def document(request: HttpRequest, document_id: int) -> FileResponse:
    item = get_document_for_staff(request.user, document_id)  # type: ignore[arg-type]
    record_event(
        request.user, "application.document.view", item, subject=item.application.applicant
    )
    return FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        as_attachment=True,
        filename=item.original_name,
    )


@reviewer_required
def cohorts(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    programs = list(programs_for_user(user))
    if not programs:
        raise Http404
    slug = request.GET.get("program") or request.POST.get("program") or programs[0].slug
    program = get_program_for_user(user, slug)
    form = CohortForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        cohort = form.save()
        record_event(user, "cohort.create", cohort)
        messages.success(request, _("The cohort is saved."))
        return redirect(f"{request.path}?program={program.slug}")
    listed = Cohort.objects.filter(program=program).annotate(
        participant_count=Count("participants", distinct=True),
        waiting_count=Count("waitlist", distinct=True),
    )
    waiting = (
        WaitlistEntry.objects.filter(cohort__program=program)
        .select_related("cohort", "application__applicant")
        .order_by("cohort__starts_on", "added_at")
    )
    return render(
        request,
        "intake/staff/cohorts.html",
        {
            "program": program,
            "programs": programs,
            "cohorts": listed,
            "form": form,
            "waiting": waiting,
            "today": program.today(),
        },
    )


@reviewer_required
def edit_cohort(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """Change a cohort's dates, name or places; audited with before and after."""
    user: User = request.user  # type: ignore[assignment]
    cohort = get_object_or_404(
        Cohort.objects.filter(program__in=programs_for_user(user)).select_related("program"),
        pk=cohort_id,
    )
    fields = ["name", "starts_on", "ends_on", "capacity"]
    before = {name: str(getattr(cohort, name)) for name in fields}
    form = CohortForm(request.POST or None, instance=cohort, program=cohort.program)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        after = {name: str(getattr(saved, name)) for name in fields}
        changed = [name for name in fields if before[name] != after[name]]
        if changed:
            record_event(
                user,
                "cohort.change",
                saved,
                before={name: before[name] for name in changed},
                after={name: after[name] for name in changed},
            )
        messages.success(request, _("The cohort is saved."))
        return redirect(f"{reverse('intake-staff-cohorts')}?program={cohort.program.slug}")
    return render(request, "intake/staff/cohort_edit.html", {"cohort": cohort, "form": form})
