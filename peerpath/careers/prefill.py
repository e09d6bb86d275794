"""What a new résumé starts with, taken from the participant's own records.

Contact details come from the account and the program application;
certification from the certification tracker; trainings from the training app
when it is installed. Nothing about health, diagnoses or the kind of lived
experience is ever copied: a lived-experience statement is only what the person
writes themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext as _

from peerpath.accounts.models import User
from peerpath.careers.models import EntrySection


@dataclass(frozen=True)
class EntryPrefill:
    section: str
    title: str
    organization: str = ""
    end_on: dt.date | None = None
    details: str = ""


@dataclass(frozen=True)
class ResumePrefill:
    full_name: str
    email: str
    phone: str
    location: str
    entries: list[EntryPrefill] = field(default_factory=list)


def completed_trainings_for(participant: User) -> list[tuple[str, str, dt.date | None]]:
    """(title, provider, completion date) from the training app, or [] without it.

    The training app is optional: it exposes
    `peerpath.training.progress.completed_trainings(participant)`.
    """
    if not apps.is_installed("peerpath.training"):
        return []
    from peerpath.training.progress import completed_trainings  # type: ignore[import-not-found]

    return list(completed_trainings(participant))


def _application(participant: User):  # type: ignore[no-untyped-def]
    from peerpath.intake.models import Application

    return Application.objects.filter(applicant=participant).first()


def _certification_case(participant: User):  # type: ignore[no-untyped-def]
    from peerpath.certification.models import CertificationCase

    return CertificationCase.objects.filter(participant=participant).first()


def _jurisdiction(participant: User):  # type: ignore[no-untyped-def]
    """The rules of the participant's program's state (California without a program)."""
    from peerpath.certification.jurisdiction_data import current_jurisdiction

    program = participant.program
    return current_jurisdiction(program.jurisdiction if program else "CA")


def certification_title(jurisdiction_code: str) -> tuple[str, str]:
    """(credential, issuer) as a résumé would name them."""
    if jurisdiction_code == "CA":
        return _("Certified Medi-Cal Peer Support Specialist"), "CalMHSA"
    from peerpath.certification.jurisdiction_data import current_jurisdiction

    jurisdiction = current_jurisdiction(jurisdiction_code)
    known = jurisdiction.code == jurisdiction_code
    return _("Certified Peer Support Specialist"), jurisdiction.name if known else ""


def resume_prefill(participant: User) -> ResumePrefill:
    """Run with the résumé's language active: titles are written in it."""
    application = _application(participant)
    legal = (
        " ".join(
            part for part in (application.legal_first_name, application.legal_last_name) if part
        )
        if application
        else ""
    )
    full_name = participant.full_name or legal
    jurisdiction = _jurisdiction(participant)
    location = ""
    if application and application.county:
        location = _("%(county)s County, %(state)s") % {
            "county": application.county,
            "state": jurisdiction.name,
        }
    entries: list[EntryPrefill] = []
    case = _certification_case(participant)
    if case is not None and case.certified_on:
        program = participant.program
        title, issuer = certification_title(program.jurisdiction if program else "CA")
        details = (
            _("Certification number %(number)s") % {"number": case.certification_number}
            if case.certification_number
            else ""
        )
        entries.append(
            EntryPrefill(
                EntrySection.CERTIFICATION, title, issuer, end_on=case.certified_on, details=details
            )
        )
    trainings = completed_trainings_for(participant)
    for title, provider, completed in trainings:
        entries.append(EntryPrefill(EntrySection.TRAINING, title, provider, end_on=completed))
    if not trainings and case is not None and case.training_completed:
        # Without the training app, the tracker still knows the core training is done.
        entries.append(
            EntryPrefill(
                EntrySection.TRAINING,
                _("%(hours)d-hour Peer Support Specialist core training")
                % {"hours": jurisdiction.core_training_hours},
                end_on=case.training_completed,
            )
        )
    return ResumePrefill(
        full_name=full_name,
        email=participant.email,
        phone=application.phone if application else "",
        location=location,
        entries=entries,
    )
