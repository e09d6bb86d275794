"""The one answer to "what should I do next?" for a participant (pure).

The home page, the certification tracker and the staff record all ask here, so a
person is never told two different things. Every record that matters goes in as a
plain value (`JourneyFacts`); out comes one `NextStep`, plus the disagreements
between records (`conflicts`) that only staff see and resolve.

Decided in this order (the first that applies wins):

1. Not enrolled yet: start, continue, or wait on the program application.
2. Paused: nothing is due.
3. Something urgent on the certification case (renewal overdue, application void
   or about to be, approval expired, every attempt used).
4. The Code of Ethics: not signed yet, or due to be signed again.
5. The core training, when it does not count yet, before anything that needs it
   (uploading the certificate, the exam). PeerPath's own hours and verified
   certificate win over a date typed in the tracker: the mismatch becomes a
   conflict for staff instead of a second story for the participant.
6. The certification step that is open now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from peerpath.certification.pathway import NEXT_ACTIONS

URGENT_STAGES = (
    "renewal_overdue",
    "application_void",
    "approval_expired",
    "attempts_exhausted",
    "complete_application",
)
# Stages where the core training still has to count before the person can go on.
BEFORE_EXAM_STAGES = frozenset(
    {"start_application", "awaiting_approval", "complete_training", "request_exam"}
)
# Timeline steps inside the "request_exam" stage, in order, with their messages.
EXAM_STEPS: dict[str, Promise] = {
    "upload_certificate": _("Upload your core training certificate to the certifying body."),
    "certificate_review": _(
        "The certifying body is reviewing your training certificate (up to 14 days). "
        "Watch your email."
    ),
    "exam_fee": NEXT_ACTIONS["request_exam"],
    "exam_registration": _(
        "Your exam request is being processed. Your registration should arrive within 14 days."
    ),
    "schedule_exam": _("Schedule your exam with the testing company."),
    "take_exam": _("Get ready for your exam and take it on the day you chose."),
}

MESSAGES: dict[str, Promise] = {
    "start_program_application": _(
        "Start your application to the program. Your answers are saved as you go."
    ),
    "continue_program_application": _("Continue your application and submit it when ready."),
    "program_application_review": _(
        "Your application is with the program team. We will email you about the next step."
    ),
    "program_application_closed": _(
        "Your application is closed. Talk with the program team if you want to apply again."
    ),
    "paused": _("You are on a break. Nothing is due until your pause ends."),
    "sign_ethics": _("Read and sign the Code of Ethics."),
    "resign_ethics": _("Your Code of Ethics signature has run out: read and sign it again."),
    "add_core_training": _("Add your 80-hour core training and log your hours as you go."),
    "finish_core_training": _("Finish your core training: log your hours as you go."),
    "verify_core_training": _(
        "Upload your core training completion certificate so staff can verify it."
    ),
    **NEXT_ACTIONS,
    **EXAM_STEPS,
}

# A short name for each step, for staff lists (the caseload's stage and its filter).
STAFF_LABELS: dict[str, Promise] = {
    "start_program_application": _("Program application: not started"),
    "continue_program_application": _("Program application: in progress"),
    "program_application_review": _("Program application: in review"),
    "program_application_closed": _("Program application: closed"),
    "paused": _("Paused"),
    "sign_ethics": _("Code of Ethics: to sign"),
    "resign_ethics": _("Code of Ethics: to sign again"),
    "add_core_training": _("Core training: not added"),
    "finish_core_training": _("Core training: in progress"),
    "verify_core_training": _("Core training: to verify"),
    "start_application": _("Certification: to apply"),
    "complete_application": _("Certification: application incomplete"),
    "application_void": _("Certification: application closed"),
    "awaiting_approval": _("Certification: awaiting approval"),
    "complete_training": _("Finishing the core training"),
    "upload_certificate": _("Training certificate: to upload"),
    "certificate_review": _("Training certificate: in review"),
    "request_exam": _("Ready to request the exam"),
    "exam_fee": _("Exam: fee to pay and request to send"),
    "exam_registration": _("Exam: registration coming"),
    "schedule_exam": _("Exam: to schedule"),
    "take_exam": _("Exam: scheduled"),
    "approval_expired": _("Approval expired"),
    "attempts_exhausted": _("Exam attempts used"),
    "awaiting_certificate": _("Passed, certificate coming"),
    "certified": _("Certified"),
    "renewal_overdue": _("Renewal overdue"),
}

# Where each step is done (URL names; None: nothing to open).
LINKS: dict[str, str | None] = {
    "start_program_application": "intake-apply",
    "continue_program_application": "intake-apply",
    "program_application_review": "intake-apply",
    "program_application_closed": None,
    "paused": None,
    "sign_ethics": "intake-ethics",
    "resign_ethics": "intake-ethics",
    "add_core_training": "training-show-hours",
    "finish_core_training": "training-show-hours",
    "verify_core_training": "training-show-hours",
}
# Steps where the person waits on someone else.
WAITING = frozenset(
    {
        "program_application_review",
        "awaiting_approval",
        "certificate_review",
        "exam_registration",
        "awaiting_certificate",
        "certified",
        "paused",
    }
)

CONFLICTS: dict[str, Promise] = {
    "training_date_without_hours": _(
        "The certification tracker has a core training completion date, but the core "
        "training in PeerPath does not count yet (hours or certificate not verified). "
        "The participant is told to finish the core training."
    ),
    "training_date_without_training": _(
        "The certification tracker has a core training completion date, but no core "
        "training is recorded in PeerPath."
    ),
    "certificate_approved_without_hours": _(
        "The tracker says the training certificate was approved, but the core training "
        "in PeerPath does not count yet."
    ),
    "ethics_date_without_signature": _(
        "The tracker has a Code of Ethics date, but there is no signature in PeerPath."
    ),
    "ethics_dates_differ": _(
        "The tracker's Code of Ethics date differs from the latest signature in PeerPath."
    ),
    "certified_without_ethics": _("Certified, but the Code of Ethics is not signed in PeerPath."),
}


@dataclass(frozen=True)
class JourneyFacts:
    """Everything the decision needs, as plain values. `None` is unknown or not yet."""

    today: dt.date
    enrolled: bool = False
    # None: no program application; else its status code.
    application_status: str | None = None
    paused: bool = False
    # The latest signature's date and when it must be signed again.
    ethics_signed_on: dt.date | None = None
    ethics_due_again: dt.date | None = None
    # Core training as PeerPath's hours and documents say.
    core_recorded: bool = False
    core_counts: bool = False
    core_verified: Decimal = Decimal(0)
    core_logged: Decimal = Decimal(0)
    core_target: Decimal = Decimal(80)
    core_completed: bool = False
    # The certification case (None: no case yet).
    certification_stage: str | None = None
    # The first timeline step not done yet (certification.pathway), if any.
    timeline_now: str | None = None
    case_training_completed: dt.date | None = None
    case_certificate_approved: dt.date | None = None
    case_ethics_signed_on: dt.date | None = None
    exam_passed: bool = False


@dataclass(frozen=True)
class NextStep:
    code: str
    waiting: bool
    link: str | None
    conflicts: tuple[str, ...]

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code])

    @property
    def staff_label(self) -> str:
        return str(STAFF_LABELS[self.code])

    @property
    def conflict_messages(self) -> list[str]:
        return [str(CONFLICTS[code]) for code in self.conflicts]

    @property
    def training_first(self) -> bool:
        """The core training comes before the certification steps the case shows."""
        return self.code in {"add_core_training", "finish_core_training", "verify_core_training"}


def _conflicts(facts: JourneyFacts) -> tuple[str, ...]:
    found = []
    if facts.case_training_completed is not None and not facts.exam_passed:
        if not facts.core_recorded:
            found.append("training_date_without_training")
        elif not facts.core_counts:
            found.append("training_date_without_hours")
    if (
        facts.case_certificate_approved is not None
        and facts.core_recorded
        and not facts.core_counts
        and not facts.exam_passed
    ):
        found.append("certificate_approved_without_hours")
    if facts.case_ethics_signed_on is not None:
        if facts.ethics_signed_on is None:
            found.append("ethics_date_without_signature")
        elif facts.case_ethics_signed_on != facts.ethics_signed_on:
            found.append("ethics_dates_differ")
    if facts.certification_stage in {"certified", "renewal_overdue"} and (
        facts.ethics_signed_on is None and facts.case_ethics_signed_on is None
    ):
        found.append("certified_without_ethics")
    return tuple(found)


def _core_step(facts: JourneyFacts) -> str | None:
    if facts.core_counts or facts.exam_passed:
        return None
    if facts.certification_stage not in BEFORE_EXAM_STAGES | {None}:
        return None
    if not facts.core_recorded:
        return "add_core_training"
    if facts.core_completed or facts.core_logged >= facts.core_target:
        return "verify_core_training"
    return "finish_core_training"


def _decide(facts: JourneyFacts) -> str:
    if not facts.enrolled:
        if facts.application_status is None:
            return "start_program_application"
        if facts.application_status in {"draft", "needs_info"}:
            return "continue_program_application"
        if facts.application_status in {"not_eligible", "withdrawn"}:
            return "program_application_closed"
        return "program_application_review"
    if facts.paused:
        return "paused"
    if facts.certification_stage in URGENT_STAGES:
        return facts.certification_stage
    if facts.ethics_signed_on is None:
        return "sign_ethics"
    if facts.ethics_due_again is not None and facts.today > facts.ethics_due_again:
        return "resign_ethics"
    core = _core_step(facts)
    if core is not None:
        return core
    stage = facts.certification_stage or "start_application"
    if stage == "request_exam" and facts.timeline_now in EXAM_STEPS:
        return facts.timeline_now
    return stage


def next_step(facts: JourneyFacts) -> NextStep:
    code = _decide(facts)
    return NextStep(
        code=code,
        waiting=code in WAITING,
        link=LINKS.get(code, "certification-mine"),
        conflicts=_conflicts(facts) if facts.enrolled else (),
    )
