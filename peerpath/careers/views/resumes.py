from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from peerpath.accounts.access import get_participant_for_user, role_required, staff_required
from peerpath.accounts.models import Role
from peerpath.audit.actions import record_event
from peerpath.careers import actions
from peerpath.careers.access import get_resume_for_user
from peerpath.careers.documents import build_document, render_docx, render_pdf, render_text
from peerpath.careers.forms import EntryForm, NewResumeForm, ResumeForm
from peerpath.careers.models import EntrySection, Resume, ResumeEntry
from peerpath.careers.views.common import acting_user, draft_refused, draft_saved

FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "txt": ("text/plain; charset=utf-8", "txt"),
}


@never_cache
@role_required(Role.PARTICIPANT)
def list_resumes(request: HttpRequest) -> HttpResponse:
    participant = acting_user(request)
    resumes = Resume.objects.filter(participant=participant).only(
        "title", "language", "updated_at", "participant_id"
    )
    form = NewResumeForm(initial={"language": participant.language, "title": _("My résumé")})
    return render(request, "careers/resumes.html", {"resumes": resumes, "form": form})


@never_cache
@role_required(Role.PARTICIPANT)
def new_resume(request: HttpRequest) -> HttpResponse:
    participant = acting_user(request)
    form = NewResumeForm(
        request.POST or None, initial={"language": participant.language, "title": _("My résumé")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            resume = actions.do_create_resume(
                participant, form.cleaned_data["title"], form.cleaned_data["language"]
            )
        except actions.LimitReached:
            form.add_error(
                None,
                _("You have %(count)d versions already. Delete one you no longer need first.")
                % {"count": actions.MAX_RESUMES},
            )
        else:
            messages.success(
                request,
                _(
                    "Your résumé is started with what your program already knows. "
                    "Check and edit every part."
                ),
            )
            return redirect("careers-edit-resume", resume.pk)
    return render(request, "careers/resume_new.html", {"form": form})


def _entries_by_section(resume: Resume) -> list[tuple[str, str, list[ResumeEntry]]]:
    entries = sorted(resume.entries.all(), key=ResumeEntry.sort_key)
    return [
        (section.value, section.label, [e for e in entries if e.section == section.value])
        for section in EntrySection
    ]


@never_cache
@role_required(Role.PARTICIPANT)
def edit_resume(request: HttpRequest, resume_id: int) -> HttpResponse:
    resume = get_resume_for_user(acting_user(request), resume_id)
    here = reverse("careers-edit-resume", args=[resume.pk])
    if request.method == "POST":
        form = ResumeForm(request.POST, instance=resume)
        if form.is_valid():
            actions.do_save_resume(form.instance)
            return draft_saved(request, here)
        if request.htmx:  # type: ignore[attr-defined]
            return draft_refused(request, form)
        resume.refresh_from_db()
    else:
        form = ResumeForm(instance=resume)
    return render(
        request,
        "careers/resume_edit.html",
        {"resume": resume, "form": form, "sections": _entries_by_section(resume)},
    )


def _section_or_404(section: str) -> str:
    if section not in EntrySection.values:
        raise Http404
    return section


@never_cache
@role_required(Role.PARTICIPANT)
def add_entry(request: HttpRequest, resume_id: int, section: str) -> HttpResponse:
    resume = get_resume_for_user(acting_user(request), resume_id)
    section = _section_or_404(section)
    entry = ResumeEntry(resume=resume, section=section)
    form = EntryForm(request.POST or None, instance=entry, section=section)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_save_resume_entry(form.instance)
        except actions.LimitReached:
            form.add_error(None, _("This résumé has as many entries as it can hold."))
        else:
            messages.success(request, _("Added."))
            return redirect(
                reverse("careers-edit-resume", args=[resume.pk]) + f"#section-{section}"
            )
    return render(
        request,
        "careers/entry_form.html",
        {
            "resume": resume,
            "form": form,
            "section_label": EntrySection(section).label,
            "entry": None,
        },
    )


@never_cache
@role_required(Role.PARTICIPANT)
def edit_entry(request: HttpRequest, resume_id: int, entry_id: int) -> HttpResponse:
    resume = get_resume_for_user(acting_user(request), resume_id)
    entry = get_object_or_404(ResumeEntry, pk=entry_id, resume=resume)
    back = reverse("careers-edit-resume", args=[resume.pk]) + f"#section-{entry.section}"
    if request.method == "POST" and "delete" in request.POST:
        actions.do_delete_resume_entry(entry)
        messages.success(request, _("Removed."))
        return redirect(back)
    form = EntryForm(request.POST or None, instance=entry, section=entry.section)
    if request.method == "POST" and form.is_valid():
        actions.do_save_resume_entry(form.instance)
        messages.success(request, _("Saved."))
        return redirect(back)
    return render(
        request,
        "careers/entry_form.html",
        {
            "resume": resume,
            "form": form,
            "section_label": EntrySection(entry.section).label,
            "entry": entry,
        },
    )


@require_POST
@role_required(Role.PARTICIPANT)
def copy_resume(request: HttpRequest, resume_id: int) -> HttpResponse:
    resume = get_resume_for_user(acting_user(request), resume_id)
    try:
        copy = actions.do_copy_resume(resume, _("Copy of %(title)s") % {"title": resume.title})
    except actions.LimitReached:
        messages.error(request, _("You have as many versions as you can keep. Delete one first."))
        return redirect("careers-list-resumes")
    messages.success(request, _("This is a copy. Rename it and change what you need."))
    return redirect("careers-edit-resume", copy.pk)


@never_cache
@role_required(Role.PARTICIPANT)
def delete_resume(request: HttpRequest, resume_id: int) -> HttpResponse:
    resume = get_resume_for_user(acting_user(request), resume_id)
    if request.method == "POST":
        actions.do_delete_resume(resume)
        messages.success(request, _("The résumé is deleted."))
        return redirect("careers-list-resumes")
    return render(request, "careers/resume_delete.html", {"resume": resume})


def _preview(
    request: HttpRequest, resume: Resume, download: str, args: list[int], back_url: str
) -> HttpResponse:
    document = build_document(resume, resume.entries.all())
    downloads = {fmt: reverse(download, args=[*args, fmt]) for fmt in FORMATS}
    return render(
        request,
        "careers/resume_preview.html",
        {"resume": resume, "doc": document, "downloads": downloads, "back_url": back_url},
    )


def _download(resume: Resume, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    content_type, extension = FORMATS[fmt]
    document = build_document(resume, resume.entries.all())
    if fmt == "pdf":
        body: bytes | str = render_pdf(document)
    elif fmt == "docx":
        body = render_docx(document)
    else:
        body = render_text(document)
    response = HttpResponse(body, content_type=content_type)
    name = slugify(resume.full_name) or "resume"
    response["Content-Disposition"] = f'attachment; filename="{name}-resume.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@role_required(Role.PARTICIPANT)
def preview_resume(request: HttpRequest, resume_id: int) -> HttpResponse:
    resume = get_resume_for_user(acting_user(request), resume_id)
    return _preview(
        request,
        resume,
        "careers-download-resume",
        [resume.pk],
        reverse("careers-edit-resume", args=[resume.pk]),
    )


@role_required(Role.PARTICIPANT)
def download_resume(request: HttpRequest, resume_id: int, fmt: str) -> HttpResponse:
    return _download(get_resume_for_user(acting_user(request), resume_id), fmt)


@never_cache
@staff_required
def view_person_resume(request: HttpRequest, participant_id: int, resume_id: int) -> HttpResponse:
    staff = acting_user(request)
    participant = get_participant_for_user(staff, participant_id)
    resume = get_resume_for_user(staff, resume_id, participant_id)
    record_event(staff, "careers.resume.view", resume, subject=participant)
    return _preview(
        request,
        resume,
        "careers-download-person-resume",
        [participant.pk, resume.pk],
        reverse("careers-show-person", args=[participant.pk]),
    )


@staff_required
def download_person_resume(
    request: HttpRequest, participant_id: int, resume_id: int, fmt: str
) -> HttpResponse:
    staff = acting_user(request)
    participant = get_participant_for_user(staff, participant_id)
    resume = get_resume_for_user(staff, resume_id, participant_id)
    response = _download(resume, fmt)
    record_event(staff, "careers.resume.download", resume, subject=participant, format=fmt)
    return response
