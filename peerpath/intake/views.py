from __future__ import annotations

import datetime as dt
from collections import Counter

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from peerpath.accounts.access import role_required
from peerpath.accounts.models import Program, Role, User
from peerpath.intake.actions import (
    StepRefused,
    SubmissionRefused,
    do_add_application_document,
    do_choose_program,
    do_delete_application_document,
    do_keep_readiness,
    do_save_application_step,
    do_sign_code_of_ethics,
    do_submit_application,
    get_or_create_application,
    submission_problems,
)
from peerpath.intake.application import STEP_CODES, STEPS, next_step
from peerpath.intake.ethics import ethics_standing
from peerpath.intake.forms import (
    AboutYouForm,
    DocumentForm,
    EligibilityForm,
    EthicsSignatureForm,
    ExperienceForm,
    OrientationForm,
    ReadinessForm,
    reflections_in_order,
)
from peerpath.intake.models import (
    Application,
    ApplicationDocument,
    ApplicationStatus,
    DocumentKind,
    EthicsDocument,
    ReadinessRecord,
)
from peerpath.intake.programs import (
    open_program,
    open_programs,
    program_choices,
    single_open_program,
)
from peerpath.intake.readiness import current_answers, summarise
from peerpath.intake.review import decision_rules, requested_items, step_of
from peerpath.intake.rules import (
    DEFAULT_AGE_BAND,
    AgeBand,
    certification_eligibility,
    program_eligibility,
)

# Both pages are anonymous and store nothing: no model, no session, no log of
# the answers. never_cache keeps health answers out of shared browser caches.


def _can_keep(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.role == Role.PARTICIPANT  # type: ignore[union-attr]


@never_cache
def readiness(request: HttpRequest) -> HttpResponse:
    """The readiness self-assessment; a POST shows the summary on the same page.

    Stores nothing, unless a signed-in participant asks to keep a copy.
    """
    summary = reflections = None
    can_keep = _can_keep(request)
    if request.method == "POST":
        form = ReadinessForm(request.POST, can_keep=can_keep)
        if form.is_valid():
            if can_keep and form.cleaned_data.get("keep"):
                do_keep_readiness(
                    request.user,  # type: ignore[arg-type]
                    form.agreement_answers(),
                    form.reflection_answers(),
                )
                messages.success(request, _("Your summary is kept in your account."))
                return redirect("intake-readiness-kept")
            summary = summarise(form.agreement_answers())
            reflections = form.reflections()
    else:
        form = ReadinessForm(can_keep=can_keep)
    context = {"form": form, "summary": summary, "reflections": reflections, "can_keep": can_keep}
    return render(request, "intake/readiness.html", context)


@never_cache
@role_required(Role.PARTICIPANT)
def readiness_kept(request: HttpRequest) -> HttpResponse:
    records = [
        {
            "record": record,
            "summary": summarise(current_answers(record.answers)),
            "reflections": reflections_in_order(record.reflections),
            "prefix": f"kept-{record.pk}-",
        }
        for record in ReadinessRecord.objects.filter(user=request.user)
    ]
    return render(request, "intake/readiness_kept.html", {"records": records})


@require_POST
@role_required(Role.PARTICIPANT)
def delete_readiness(request: HttpRequest, record_id: int) -> HttpResponse:
    record = get_object_or_404(ReadinessRecord, pk=record_id, user=request.user)
    record.delete()
    messages.success(request, _("That summary is deleted."))
    return redirect("intake-readiness-kept")


@never_cache
def eligibility(request: HttpRequest) -> HttpResponse:
    """Program and certification eligibility, checked on today's date."""
    today = timezone.localdate()
    only = only_program()
    band = AgeBand(only.age_min, only.age_max) if only else DEFAULT_AGE_BAND
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


FROM_APPLICATION = "application"


def sign_ethics(request: HttpRequest) -> HttpResponse:
    """Read the current Code of Ethics (anyone, before signing up); participants sign
    it by typing their name."""
    user: User = request.user  # type: ignore[assignment]
    document = EthicsDocument.current()
    if not user.is_authenticated or user.role != Role.PARTICIPANT:
        if request.method == "POST":
            raise Http404
        return render(request, "intake/ethics.html", {"document": document, "reader": True})
    standing = ethics_standing(user)
    signature = standing.signature if standing else None
    due_again = standing.due_again if standing else None
    # Signed this version and not yet due again: nothing to sign (a double click or a
    # stale tab adds no second signature). Once it falls due, the same version is re-signed.
    signed_current = (
        signature is not None
        and document is not None
        and signature.document_id == document.pk
        and due_again is not None
        and timezone.localdate() < due_again
    )
    # Opened from the application (its step list links here with ?from=application):
    # shown as one of its steps, and signing goes on with the application.
    application = (
        Application.objects.filter(applicant=user).first()
        if request.GET.get("from") == FROM_APPLICATION
        else None
    )
    if application is not None and not application.is_editable:
        application = None
    done = redirect("intake-apply") if application else redirect("intake-ethics")
    form = EthicsSignatureForm(request.POST or None, expected_name=user.full_name)
    if request.method == "POST" and signed_current:
        return done
    if document is not None and request.method == "POST" and form.is_valid():
        do_sign_code_of_ethics(
            user, document, form.cleaned_data["typed_name"], request.META.get("REMOTE_ADDR")
        )
        messages.success(request, _("Thank you. Your signature is saved."))
        return done
    return render(
        request,
        "intake/ethics.html",
        {
            **(_step_context(application, "ethics") if application else {}),
            "document": document,
            "signature": signature,
            "form": form,
            "due_again": due_again,
            "signed_current": signed_current,
        },
    )


STEP_FORMS = {"about": AboutYouForm, "experience": ExperienceForm, "orientation": OrientationForm}


def _application_for(request: HttpRequest, chosen: Program | None = None) -> Application | None:
    """The signed-in participant's own application, created on the first visit for the
    chosen program, or the only one taking applications. None while there is a choice
    to make."""
    user: User = request.user  # type: ignore[assignment]
    existing = Application.objects.filter(applicant=user).select_related("program").first()
    if existing is not None:
        return existing
    program = user.program or chosen or single_open_program()
    return get_or_create_application(user, program) if program is not None else None


@never_cache
@role_required(Role.PARTICIPANT)
def choose_program(request: HttpRequest) -> HttpResponse:
    """Choose among the programs taking applications (or change the choice of a draft)."""
    user: User = request.user  # type: ignore[assignment]
    application = Application.objects.filter(applicant=user).select_related("program").first()
    if application is not None and application.status != ApplicationStatus.DRAFT:
        return redirect("intake-apply-review")
    programs = list(open_programs())
    error = ""
    if request.method == "POST":
        chosen = open_program(request.POST.get("program"))
        if chosen is None:
            error = _("Choose one of the programs.")
        else:
            do_choose_program(user, chosen)
            return redirect("intake-apply")
    selected = request.GET.get("program") or (application.program.slug if application else "")
    return render(
        request,
        "intake/apply_choose.html",
        {
            "choices": program_choices(programs),
            "selected": selected,
            "application": application,
            "error": error,
        },
        status=400 if error else 200,
    )


def program_link(request: HttpRequest, slug: str) -> HttpResponse:
    """A program's own link to its application: /p/<slug>/apply/."""
    program = open_program(slug)
    if program is None:
        raise Http404
    return redirect(f"{reverse('intake-apply')}?program={program.slug}")


def only_program() -> Program | None:
    """The installation's program when it runs exactly one (the usual case)."""
    programs = list(Program.objects.all()[:2])
    return programs[0] if len(programs) == 1 else None


def _step_context(application: Application, current: str) -> dict[str, object]:
    return {"application": application, "steps": STEPS, "current": current}


def _shown(field: forms.Field, value: object) -> object:
    """An answer as the person gave it, in words: choices by label, dates formatted."""
    if value in (None, ""):
        return _("Not answered yet")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    choices = {str(key): label for key, label in getattr(field, "choices", ())}
    if str(value) in choices:
        return choices[str(value)]
    if isinstance(value, dt.date):
        return date_format(value, "DATE_FORMAT")
    return value


def _answers(application: Application) -> list[dict[str, object]]:
    """Every answer given, grouped by step, in the order the steps are asked."""
    groups: list[dict[str, object]] = []
    for step in STEPS:
        if step.code == "documents":
            kinds = sorted({document.kind for document in application.documents.all()})
            rows = [(DocumentKind(kind).label, _("Uploaded")) for kind in kinds]
            if not rows:
                rows = [(_("Documents"), _("Not answered yet"))]
        else:
            form = STEP_FORMS[step.code](instance=application)
            rows = [
                (field.label, _shown(field, getattr(application, name)))
                for name, field in form.fields.items()
            ]
        groups.append({"step": step, "rows": rows})
    return groups


@role_required(Role.PARTICIPANT)
def apply(request: HttpRequest) -> HttpResponse:
    chosen = open_program(request.GET.get("program"))
    application = _application_for(request, chosen)
    if application is None:
        if open_programs().exists():
            return redirect("intake-apply-choose")
        return render(request, "intake/apply_no_program.html")
    if (
        chosen is not None
        and chosen.pk != application.program_id
        and application.status == ApplicationStatus.DRAFT
    ):
        # A program's own link, followed after starting with another: confirm the change.
        return redirect(f"{reverse('intake-apply-choose')}?program={chosen.slug}")
    if application.status != ApplicationStatus.DRAFT:
        return redirect("intake-apply-review")
    values = {f.name: getattr(application, f.name) for f in Application._meta.fields}
    kinds = set(application.documents.values_list("kind", flat=True))
    step = next_step(values, kinds)
    if step == "review":
        return redirect("intake-apply-review")
    if step == "documents":
        return redirect("intake-apply-documents")
    return redirect("intake-apply-step", step=step)


@never_cache
@role_required(Role.PARTICIPANT)
def apply_step(request: HttpRequest, step: str) -> HttpResponse:
    form_class = STEP_FORMS.get(step)
    application = _application_for(request)
    if form_class is None or application is None:
        raise Http404
    if not application.is_editable:
        return redirect("intake-apply-review")
    form = form_class(request.POST or None, instance=application)
    if application.status == ApplicationStatus.NEEDS_INFO:
        # Reopened for named items only: everything else stays as submitted.
        allowed = {item for item in requested_items(application) if step_of(item) == step}
        if not allowed:
            return redirect("intake-apply-review")
        for name in list(form.fields):
            if name not in allowed:
                del form.fields[name]
    if request.method == "POST" and form.is_valid():
        try:
            do_save_application_step(request.user, form)  # type: ignore[arg-type]
        except StepRefused:
            return redirect("intake-apply-review")
        if application.status == ApplicationStatus.NEEDS_INFO:
            messages.success(request, _("Saved. Send your application back when you are ready."))
            return redirect("intake-apply-review")
        if "finish_later" in request.POST:
            messages.success(request, _("Saved. You can come back and finish from any device."))
            return redirect("web-home")
        following = STEP_CODES[STEP_CODES.index(step) + 1] if step != STEP_CODES[-1] else None
        if following == "documents":
            return redirect("intake-apply-documents")
        return (
            redirect("intake-apply-step", step=following)
            if following
            else redirect("intake-apply-review")
        )
    return render(
        request, "intake/apply_step.html", {**_step_context(application, step), "form": form}
    )


@never_cache
@role_required(Role.PARTICIPANT)
def apply_documents(request: HttpRequest) -> HttpResponse:
    application = _application_for(request)
    if application is None:
        raise Http404
    kinds = _uploadable_kinds(application)
    form = DocumentForm(kinds=kinds)
    if request.method == "POST":
        if not kinds:
            return redirect("intake-apply-review")
        stored = Counter(application.documents.values_list("kind", flat=True))
        form = DocumentForm(request.POST, request.FILES, kinds=kinds, stored=stored)
        if form.is_valid():
            do_add_application_document(
                application, form.cleaned_data["kind"], form.cleaned_data["file"]
            )
            messages.success(request, _("Your document is uploaded."))
            return redirect("intake-apply-documents")
    documents = application.documents.all()
    return render(
        request,
        "intake/apply_documents.html",
        {
            **_step_context(application, "documents"),
            "form": form,
            "documents": documents,
            "kinds": kinds,
        },
    )


def _uploadable_kinds(application: Application) -> list[str]:
    """Document kinds the applicant may add or remove now."""
    if application.status == ApplicationStatus.DRAFT:
        return list(DocumentKind.values)
    if application.status == ApplicationStatus.NEEDS_INFO:
        return [item for item in requested_items(application) if item in DocumentKind.values]
    return []


def get_own_document(user: User, document_id: int) -> ApplicationDocument:
    return get_object_or_404(ApplicationDocument, pk=document_id, application__applicant_id=user.pk)


@require_POST
@role_required(Role.PARTICIPANT)
def delete_document(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_own_document(request.user, document_id)  # type: ignore[arg-type]
    if document.kind in _uploadable_kinds(document.application):
        do_delete_application_document(document)
    return redirect("intake-apply-documents")


@never_cache
@role_required(Role.PARTICIPANT)
def download_own_document(request: HttpRequest, document_id: int) -> FileResponse:
    document = get_own_document(request.user, document_id)  # type: ignore[arg-type]
    return FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        as_attachment=True,
        filename=document.original_name,
    )


@never_cache
@role_required(Role.PARTICIPANT)
def apply_review(request: HttpRequest) -> HttpResponse:
    application = _application_for(request)
    if application is None:
        raise Http404
    problems = submission_problems(application) if application.is_editable else []
    information_request = (
        application.information_requests.filter(resolved_at__isnull=True).first()
        if application.status == ApplicationStatus.NEEDS_INFO
        else None
    )
    if request.method == "POST" and application.is_editable:
        try:
            do_submit_application(request.user, application)  # type: ignore[arg-type]
        except SubmissionRefused as refused:
            if str(refused) == "already submitted":  # a double click: the first one went in
                messages.success(request, _("Your application is submitted. Thank you!"))
            else:
                messages.error(request, _("Some parts are still missing. They are listed below."))
        else:
            messages.success(request, _("Your application is submitted. Thank you!"))
        return redirect("intake-apply-review")
    return render(
        request,
        "intake/apply_review.html",
        {
            **_step_context(application, "review"),
            "problems": problems,
            "field_labels": FIELD_LABELS,
            "answers": _answers(application) if application.is_editable else [],
            "ethics_signed": not any(item.step == "ethics" for item in problems),
            "information_request": information_request,
            "requested_links": [
                (item, step_of(item)) for item in getattr(information_request, "items", [])
            ],
            "unmet": decision_rules(application)
            if application.status == ApplicationStatus.NOT_ELIGIBLE
            else [],
        },
    )


FIELD_LABELS = {
    **{f.name: f.verbose_name for f in Application._meta.fields},
    "photo_id": DocumentKind.PHOTO_ID.label,
    "diploma": DocumentKind.DIPLOMA.label,
    "code_of_ethics": _("Signed Code of Ethics"),
}
