"""Everything PeerPath holds about one participant, as data, JSON and a readable PDF.

Each section is one kind of record, found through the participant; what the
participant may not see in PeerPath stays out here too (staff-only contact
notes, a staff member's unfinished competency view). Secrets that are not
"data about the person" (second-factor keys, calendar feed nonces, password
hashes) are never included. Files are listed by name, not attached.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from peerpath.accounts.models import User

# (model label, path from the model to the participant, extra filter or None)
SECTIONS: list[tuple[str, str, Q | None]] = [
    ("intake.Application", "applicant", None),
    ("intake.InformationRequest", "application__applicant", None),
    ("intake.ApplicationDocument", "application__applicant", None),
    ("intake.EthicsSignature", "user", None),
    ("intake.ReadinessRecord", "user", None),
    ("certification.CertificationCase", "participant", None),
    ("certification.ExamAttemptRecord", "case__participant", None),
    ("certification.ContinuingEducation", "case__participant", None),
    ("training.Training", "participant", None),
    ("training.HoursEntry", "training__participant", None),
    ("training.TrainingDocument", "training__participant", None),
    ("training.WorkPlacement", "participant", None),
    ("training.Timesheet", "placement__participant", None),
    ("training.TimesheetEntry", "timesheet__placement__participant", None),
    ("training.TimesheetReview", "timesheet__placement__participant", None),
    ("plan.QuestionnaireAnswer", "participant", None),
    ("plan.ConfidenceCheckIn", "participant", None),
    ("plan.Goal", "participant", None),
    ("plan.Objective", "goal__participant", None),
    ("plan.GoalComment", "goal__participant", None),
    ("plan.GoalChange", "goal__participant", None),
    (
        "plan.CompetencyAssessment",
        "participant",
        Q(completed_at__isnull=False) | Q(perspective="self"),
    ),
    (
        "plan.CompetencyRating",
        "assessment__participant",
        Q(assessment__completed_at__isnull=False) | Q(assessment__perspective="self"),
    ),
    ("participants.ContactNote", "participant", Q(staff_only=False)),
    ("participants.Pause", "participant", None),
    ("schedule.Booking", "user", None),
    ("schedule.Attendance", "participant", None),
    ("schedule.AdvocateMessage", "participant", None),
    ("careers.InterviewPrep", "participant", None),
    ("careers.InterviewAnswer", "participant", None),
    ("careers.AnswerFeedback", "answer__participant", None),
    ("careers.Resume", "participant", None),
    ("careers.ResumeEntry", "resume__participant", None),
    ("careers.JobPlacement", "participant", None),
    ("careers.FollowUp", "placement__participant", None),
    ("practice.PracticeAttempt", "user", None),
    ("notifications.Notification", "user", None),
    ("privacy.Consent", "participant", None),
    ("privacy.SharingRecord", "participant", None),
]
# Internal bookkeeping, not information about the person.
SKIPPED_FIELDS = frozenset({"dedupe_key", "nonce", "text_sha256", "send_email"})
ACCOUNT_FIELDS = ["email", "full_name", "preferred_name", "language", "date_joined", "last_login"]


@dataclass
class Section:
    key: str
    title: str
    rows: list[dict[str, Any]]  # field name → JSON value
    labels: dict[str, str]  # field name → its label in the person's language
    shown: list[list[tuple[str, str]]]  # per row: (label, readable value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, User):
        return value.display_name if hasattr(value, "display_name") else str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return None
    return value


def _readable(instance: models.Model, field: models.Field) -> str:
    value = getattr(instance, field.name)
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, User):
        return value.display_name
    return str(value)


def _fields(model: type[models.Model], path: str) -> list[models.Field]:
    owner = path.split("__")[0]
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in SKIPPED_FIELDS
        and field.name != owner
        and not isinstance(field, models.FileField)
        and not field.primary_key
    ]


def collect(participant: User) -> list[Section]:
    """Every section with its rows, labelled in the active language."""
    sections = [_account(participant)]
    for label, path, extra in SECTIONS:
        model = apps.get_model(label)
        fields = _fields(model, path)
        related = [f.name for f in fields if f.is_relation]
        queryset = model._default_manager.filter(**{path: participant}).select_related(*related)
        if extra is not None:
            queryset = queryset.filter(extra)
        rows, shown = [], []
        for instance in queryset.order_by("pk"):
            row = {"id": instance.pk}
            row.update({f.name: _jsonable(getattr(instance, f.name)) for f in fields})
            rows.append(row)
            shown.append(
                [(str(f.verbose_name).capitalize(), _readable(instance, f)) for f in fields]
            )
        if rows:
            sections.append(
                Section(
                    key=label.lower(),
                    title=str(model._meta.verbose_name_plural).capitalize(),
                    rows=rows,
                    labels={f.name: str(f.verbose_name) for f in fields},
                    shown=shown,
                )
            )
    sections.append(_viewers(participant))
    return sections


def _account(participant: User) -> Section:
    fields = [User._meta.get_field(name) for name in ACCOUNT_FIELDS]
    fields += [User._meta.get_field(name) for name in ("program", "cohort", "advocate")]
    return Section(
        key="account",
        title=_("Your account"),
        rows=[{f.name: _jsonable(getattr(participant, f.name)) for f in fields}],
        labels={f.name: str(f.verbose_name) for f in fields},
        shown=[[(str(f.verbose_name).capitalize(), _readable(participant, f)) for f in fields]],
    )


def _viewers(participant: User) -> Section:
    from peerpath.participants.viewers import staff_views_of, what_was_seen

    rows, shown = [], []
    for event in staff_views_of(participant):
        who = event.actor.display_name if event.actor else event.actor_label
        seen = what_was_seen(event.action)
        rows.append({"when": event.created_at.isoformat(), "who": who, "what": seen})
        when = formats.date_format(timezone.localtime(event.created_at), "DATETIME_FORMAT")
        shown.append([(_("When"), when), (_("Who"), who), (_("What"), seen)])
    return Section(
        key="viewers",
        title=_("Who looked at your records"),
        rows=rows,
        labels={"when": _("When"), "who": _("Who"), "what": _("What")},
        shown=shown,
    )


def build_json(participant: User, sections: list[Section], now: dt.datetime) -> bytes:
    data = {
        "generated_at": now.isoformat(),
        "participant": participant.email,
        "sections": {
            section.key: {"title": section.title, "labels": section.labels, "rows": section.rows}
            for section in sections
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()


def build_pdf(participant: User, sections: list[Section], now: dt.datetime) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(
        "privacy/export_pdf.html",
        {"participant": participant, "sections": sections, "generated_at": now},
    )
    document = HTML(string=html, base_url=None, url_fetcher=URLFetcher(allowed_protocols=()))
    return document.write_pdf(pdf_tags=True)


def build_export(participant: User, language: str, now: dt.datetime) -> tuple[bytes, bytes]:
    """The JSON and the PDF, both in `language`."""
    with translation.override(language):
        sections = collect(participant)
        return build_json(participant, sections, now), build_pdf(participant, sections, now)
