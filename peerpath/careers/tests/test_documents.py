"""Résumé exports read back: PDF (text, fonts, accents, long content), Word and plain text."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.careers.documents import (
    build_document,
    render_docx,
    render_html,
    render_pdf,
    render_text,
)
from peerpath.careers.models import EntrySection, Resume, ResumeEntry


def squash(text: str) -> str:
    return "".join(text.split())


def pdf_text(data: bytes) -> tuple[str, int, object]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages), reader


def embedded_fonts(reader) -> dict[str, bool]:
    """Font name -> whether its program is embedded in the file."""
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return fonts


def entry(section, title, **fields):
    return ResumeEntry(section=section, title=title, created_at=timezone.now(), **fields)


@pytest.fixture
def spanish_resume():
    resume = Resume(
        title="General",
        language="es",
        full_name="José Peña Núñez",
        email="jose@example.org",
        phone="(951) 555-0142",
        location="Condado de Riverside, California",
        summary="Especialista en apoyo entre pares con experiencia vivida de recuperación.",
        core_qualifications="Escucha activa\nAcompañamiento sin juicios",
        skills="Comunicación\nResolución de problemas",
        languages="Español — nativo\nInglés — avanzado",
    )
    entries = [
        entry(
            EntrySection.WORK,
            "Compañero de apoyo",
            organization="Centro Comunitario Esperanza",
            location="Riverside, CA",
            start_on=dt.date(2024, 3, 1),
            details="Acompañé a jóvenes en su recuperación\nOrganicé grupos de apoyo semanales",
        ),
        entry(
            EntrySection.CERTIFICATION,
            "Especialista en Apoyo entre Pares de Medi-Cal certificado",
            organization="CalMHSA",
            end_on=dt.date(2025, 5, 1),
        ),
    ]
    return resume, entries


def test_spanish_pdf_has_selectable_accented_text_and_embedded_fonts(spanish_resume):
    resume, entries = spanish_resume
    text, pages, reader = pdf_text(render_pdf(build_document(resume, entries)))
    assert pages == 1
    for expected in [
        "José Peña Núñez",
        "Condado de Riverside, California",
        "experiencia vivida de recuperación",
        "Acompañamiento sin juicios",
        "Centro Comunitario Esperanza",
        "Organicé grupos de apoyo semanales",
        "03/2024 – actualidad",
        "05/2025",
        "EXPERIENCIA LABORAL",  # headings are set in capitals
        "CERTIFICACIONES",
        "IDIOMAS",
    ]:
        assert expected in text, expected
    fonts = embedded_fonts(reader)
    assert fonts and all(fonts.values()), fonts
    assert any("DejaVu" in name for name in fonts), fonts
    assert reader.metadata.title == "José Peña Núñez"


LONG_WORD = "https://example.org/" + "a" * 130


def long_resume():
    words = ("compassionate dependable listener who shares recovery with purpose " * 40).split()
    summary = ""
    for word in [LONG_WORD, *words]:
        if len(summary) + len(word) + 1 > 2000:
            break
        summary = f"{summary} {word}".strip()
    summary = summary.ljust(2000, "x")
    resume = Resume(
        title="Long",
        language="en",
        full_name="Alexandra Maria Gonzalez-Featherstonehaugh",
        email="alexandra.gonzalez.featherstonehaugh@example.org",
        phone="(951) 555-0100",
        location="Riverside County, California",
        summary=summary,
        core_qualifications="\n".join(
            f"Qualification number {n} stated at length" for n in range(10)
        ),
        skills="\n".join(f"Skill {n}" for n in range(20)),
    )
    jobs = [
        entry(
            EntrySection.WORK,
            f"Senior Peer Support Specialist and Community Outreach Lead {n}",
            organization=f"Very Long Organization Name for Community Wellness Services {n}",
            location="San Bernardino, California",
            start_on=dt.date(2010 + n, 1, 1),
            end_on=dt.date(2011 + n, 6, 1),
            details="\n".join(
                f"Job {n} point {k}: supported people one-to-one and in groups, shared my "
                f"story with purpose and connected them with housing and health services"
                for k in range(4)
            ),
        )
        for n in range(12)
    ]
    return resume, jobs


def overflowing_boxes(resume, entries) -> list[str]:
    """Text laid out beyond the right margin of its page."""
    from weasyprint import HTML

    document = HTML(string=render_html(build_document(resume, entries))).render()
    problems = []
    for page in document.pages:
        box = page._page_box
        right_edge = page.width - box.margin_right + 0.5
        for child in box.descendants():
            if type(child).__name__ == "TextBox" and child.position_x + child.width > right_edge:
                problems.append(child.text)
    return problems


def test_a_long_resume_fits_on_a_few_pages_with_nothing_cut_or_overflowing():
    resume, jobs = long_resume()
    assert len(resume.summary) == 2000
    text, pages, _reader = pdf_text(render_pdf(build_document(resume, jobs)))
    assert 2 <= pages <= 5
    flat = squash(text)
    assert squash(resume.summary) in flat
    for job in jobs:
        assert squash(job.title) in flat
        assert squash(job.organization) in flat
        for point in job.details.splitlines():
            assert squash(point) in flat, point
    assert "1/" in text and f"/ {pages}" in text  # page numbers
    assert overflowing_boxes(resume, jobs) == []


def test_sections_follow_the_issue_order_and_skip_what_is_empty(spanish_resume):
    resume, entries = spanish_resume
    resume.language = "en"
    document = build_document(resume, entries)
    assert [s.key for s in document.sections] == [
        "summary",
        "core",
        "work",
        "certifications",
        "skills",
        "languages",
    ]


def test_lived_experience_appears_only_when_the_person_opts_in(spanish_resume):
    resume, entries = spanish_resume
    resume.lived_experience = "Mi propia recuperación me ayuda a conectar."
    assert "lived" not in [s.key for s in build_document(resume, entries).sections]
    resume.include_lived_experience = True
    assert "lived" in [s.key for s in build_document(resume, entries).sections]
    resume.lived_experience = "   "
    assert "lived" not in [s.key for s in build_document(resume, entries).sections]


def test_entries_are_newest_first_with_current_roles_on_top():
    resume = Resume(title="x", language="en")
    old = entry(EntrySection.WORK, "Old", start_on=dt.date(2018, 1, 1), end_on=dt.date(2019, 1, 1))
    recent = entry(
        EntrySection.WORK, "Recent", start_on=dt.date(2020, 1, 1), end_on=dt.date(2023, 1, 1)
    )
    current = entry(EntrySection.WORK, "Current", start_on=dt.date(2016, 1, 1))
    work = build_document(resume, [old, current, recent]).sections[0]
    assert [e.title for e in work.entries] == ["Current", "Recent", "Old"]
    assert work.entries[0].dates == "01/2016 – present"


def test_word_copy_reads_back_with_headings_and_bullets(spanish_resume):
    from docx import Document

    resume, entries = spanish_resume
    word = Document(io.BytesIO(render_docx(build_document(resume, entries))))
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    texts = [text for _style, text in paragraphs]
    assert "José Peña Núñez" in texts
    assert ("Heading 1", "Experiencia laboral") in paragraphs
    assert ("List Bullet", "Organicé grupos de apoyo semanales") in paragraphs
    assert any("Centro Comunitario Esperanza" in t and "03/2024" in t for t in texts)
    assert word.core_properties.language == "es"


def test_plain_text_copy(spanish_resume):
    resume, entries = spanish_resume
    text = render_text(build_document(resume, entries))
    assert text.startswith("José Peña Núñez\n")
    assert "EXPERIENCIA LABORAL" in text
    assert "  • Acompañé a jóvenes en su recuperación" in text


def test_markup_in_text_is_shown_as_text_and_nothing_is_fetched(spanish_resume):
    resume, entries = spanish_resume
    resume.summary = '<img src="http://127.0.0.1:9/x.png"> <b>bold</b> & more'
    html = render_html(build_document(resume, entries))
    assert "<img" not in html and "&lt;img" in html
    text, _pages, _reader = pdf_text(render_pdf(build_document(resume, entries)))
    assert "<b>bold</b> & more" in text


def test_control_characters_pasted_from_other_programs_do_not_break_any_export(spanish_resume):
    """Word's line break (vertical tab) and other invisible characters cannot go into a
    .docx file; every export still works and keeps the visible text."""
    from docx import Document

    resume, entries = spanish_resume
    resume.full_name = "José\x1b Peña"
    resume.summary = "Primera línea\x0bsegunda línea\x0c\ufffe fin\x07"
    entries[0].title = "Compañero\x08 de apoyo"
    entries[0].details = "Acompañé a jóvenes\x0bOrganicé grupos\x01"
    document = build_document(resume, entries)
    word = Document(io.BytesIO(render_docx(document)))
    texts = [p.text for p in word.paragraphs]
    assert "José Peña" in texts
    assert "Primera línea" in texts and "segunda línea" in texts and " fin" in texts
    assert "Acompañé a jóvenes" in texts and "Organicé grupos" in texts
    text = render_text(document)
    assert "\x0b" not in text and "\x1b" not in text and "Compañero de apoyo" in text
    pdf, _pages, _reader = pdf_text(render_pdf(document))
    assert "José Peña" in pdf and "Compañero de apoyo" in pdf


@pytest.mark.django_db
def test_text_typed_into_the_form_is_stored_without_control_characters(client, participant):
    from peerpath.careers.tests.conftest import make_resume

    resume = make_resume(participant)
    client.force_login(participant)
    client.post(
        reverse("careers-edit-resume", args=[resume.pk]),
        {"title": "General\x1b", "language": "en", "summary": "One\x0btwo\r\nthree\x7f"},
    )
    resume.refresh_from_db()
    assert (resume.title, resume.summary) == ("General", "One\ntwo\nthree")
    response = client.get(reverse("careers-download-resume", args=[resume.pk, "docx"]))
    assert response.status_code == 200


def test_a_resume_without_a_name_is_titled_in_its_own_language(spanish_resume):
    from docx import Document

    resume, entries = spanish_resume
    resume.full_name = ""
    document = build_document(resume, entries)
    assert document.title == "Currículum"
    text, _pages, reader = pdf_text(render_pdf(document))
    assert reader.metadata.title == "Currículum" and "Currículum" in text
    assert Document(io.BytesIO(render_docx(document))).paragraphs[0].text == "Currículum"
    resume.language = "en"
    assert build_document(resume, entries).title == "Résumé"
