"""A résumé as a document: one structure, three outputs (PDF, Word, plain text).

`build_document()` turns a Resume and its entries into plain data with every
heading already in the résumé's language, so the HTML preview, the PDF, the
DOCX and the text file say exactly the same thing.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from peerpath.careers.models import EntrySection, Resume, ResumeEntry
from peerpath.careers.rules import bullet_lines, plain_text

TEXT = "text"
BULLETS = "bullets"
ENTRIES = "entries"
INLINE = "inline"


@dataclass(frozen=True)
class DocEntry:
    title: str
    organization: str
    location: str
    dates: str
    bullets: list[str]


@dataclass(frozen=True)
class DocSection:
    key: str
    heading: str
    kind: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    entries: list[DocEntry] = field(default_factory=list)


@dataclass(frozen=True)
class ResumeDocument:
    language: str
    name: str
    contact: list[str]
    sections: list[DocSection]
    # What the document is called when the person left their name out.
    fallback_title: str = "Résumé"

    @property
    def title(self) -> str:
        return self.name or self.fallback_title


def month(day: dt.date) -> str:
    return f"{day.month:02d}/{day.year}"


def date_label(entry: ResumeEntry) -> str:
    ongoing = entry.section in (EntrySection.WORK, EntrySection.VOLUNTEER)
    if entry.start_on and entry.end_on:
        if month(entry.start_on) == month(entry.end_on):
            return month(entry.end_on)
        return f"{month(entry.start_on)} – {month(entry.end_on)}"
    if entry.start_on:
        if ongoing:
            return f"{month(entry.start_on)} – " + _("present")
        return _("since %(date)s") % {"date": month(entry.start_on)}
    if entry.end_on:
        return month(entry.end_on)
    return ""


def _paragraphs(text: str) -> str:
    return "\n".join(line.rstrip() for line in plain_text(text).strip().splitlines())


def _lines(text: str) -> list[str]:
    return bullet_lines(plain_text(text))


def _entry_section(key: str, heading: str, entries: Iterable[ResumeEntry]) -> DocSection | None:
    items = [
        DocEntry(
            title=plain_text(entry.title),
            organization=plain_text(entry.organization),
            location=plain_text(entry.location),
            dates=date_label(entry),
            bullets=_lines(entry.details),
        )
        for entry in sorted(entries, key=ResumeEntry.sort_key)
    ]
    return DocSection(key, heading, ENTRIES, entries=items) if items else None


def build_document(resume: Resume, entries: Iterable[ResumeEntry]) -> ResumeDocument:
    by_section: dict[str, list[ResumeEntry]] = {}
    for entry in entries:
        by_section.setdefault(entry.section, []).append(entry)
    with translation.override(resume.language):
        candidates: list[DocSection | None] = [
            DocSection("summary", _("Summary"), TEXT, text=_paragraphs(resume.summary))
            if _paragraphs(resume.summary)
            else None,
            DocSection(
                "core",
                _("Core qualifications"),
                BULLETS,
                items=_lines(resume.core_qualifications),
            )
            if _lines(resume.core_qualifications)
            else None,
            DocSection(
                "lived",
                _("Lived experience"),
                TEXT,
                text=_paragraphs(resume.lived_experience),
            )
            if resume.include_lived_experience and _paragraphs(resume.lived_experience)
            else None,
            _entry_section("work", _("Work experience"), by_section.get(EntrySection.WORK, [])),
            _entry_section(
                "volunteer", _("Volunteer experience"), by_section.get(EntrySection.VOLUNTEER, [])
            ),
            _entry_section(
                "certifications",
                _("Certifications"),
                by_section.get(EntrySection.CERTIFICATION, []),
            ),
            _entry_section("training", _("Training"), by_section.get(EntrySection.TRAINING, [])),
            DocSection("skills", _("Skills"), INLINE, items=_lines(resume.skills))
            if _lines(resume.skills)
            else None,
            _entry_section("education", _("Education"), by_section.get(EntrySection.EDUCATION, [])),
            DocSection("languages", _("Languages"), INLINE, items=_lines(resume.languages))
            if _lines(resume.languages)
            else None,
        ]
        fallback_title = _("Résumé")
    values = (resume.location, resume.phone, resume.email)
    contact = [value for value in (plain_text(v).strip() for v in values) if value]
    return ResumeDocument(
        language=resume.language,
        name=plain_text(resume.full_name).strip(),
        contact=contact,
        sections=[section for section in candidates if section is not None],
        fallback_title=fallback_title,
    )


def render_html(document: ResumeDocument) -> str:
    with translation.override(document.language):
        return render_to_string("careers/resume_document.html", {"doc": document})


def render_pdf(document: ResumeDocument) -> bytes:
    """A tagged PDF with selectable text and embedded (subset) fonts.

    Nothing is fetched while rendering: the template has no external
    resources, and the fetcher refuses every URL in case text ever carries one.
    """
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = HTML(
        string=render_html(document),
        base_url=None,
        url_fetcher=URLFetcher(allowed_protocols=()),
    )
    return html.write_pdf(pdf_tags=True)


def render_docx(document: ResumeDocument) -> bytes:
    from docx import Document
    from docx.shared import Pt

    word = Document()
    word.core_properties.title = document.title
    word.core_properties.language = document.language
    normal = word.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    word.add_heading(document.name or document.title, level=0)
    if document.contact:
        word.add_paragraph(" · ".join(document.contact))
    for section in document.sections:
        word.add_heading(section.heading, level=1)
        if section.kind == TEXT:
            for paragraph in section.text.split("\n"):
                if paragraph.strip():
                    word.add_paragraph(paragraph)
        elif section.kind == BULLETS:
            for item in section.items:
                word.add_paragraph(item, style="List Bullet")
        elif section.kind == INLINE:
            word.add_paragraph(" · ".join(section.items))
        else:
            for entry in section.entries:
                heading = word.add_paragraph()
                heading.add_run(entry.title).bold = True
                place = ", ".join(p for p in (entry.organization, entry.location) if p)
                if place:
                    heading.add_run(f" — {place}")
                if entry.dates:
                    heading.add_run(f"  ({entry.dates})").italic = True
                for bullet in entry.bullets:
                    word.add_paragraph(bullet, style="List Bullet")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def render_text(document: ResumeDocument) -> str:
    lines = [document.name or document.title]
    if document.contact:
        lines.append(" · ".join(document.contact))
    for section in document.sections:
        lines += ["", section.heading.upper(), "-" * len(section.heading)]
        if section.kind == TEXT:
            lines += section.text.split("\n")
        elif section.kind == BULLETS:
            lines += [f"• {item}" for item in section.items]
        elif section.kind == INLINE:
            lines.append(" · ".join(section.items))
        else:
            for index, entry in enumerate(section.entries):
                if index:
                    lines.append("")
                place = ", ".join(p for p in (entry.organization, entry.location) if p)
                lines.append(" — ".join(p for p in (entry.title, place, entry.dates) if p))
                lines += [f"  • {bullet}" for bullet in entry.bullets]
    return "\n".join(lines) + "\n"
