"""The ten steps of the certification pathway as a timeline (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

STEPS: tuple[tuple[str, Promise], ...] = (
    ("register", _("Register and watch the orientation video")),
    ("apply", _("Complete the application and upload your ID and diploma")),
    ("application_fee", _("Pay the application fee")),
    ("upload_certificate", _("Upload your training certificate")),
    ("certificate_review", _("Certificate review (up to 14 days)")),
    ("exam_fee", _("Pay the exam fee")),
    ("exam_registration", _("Receive your exam registration (up to 14 days)")),
    ("schedule_exam", _("Schedule the exam")),
    ("take_exam", _("Take and pass the exam")),
    ("certified", _("Get your certification (7–14 days after the exam)")),
)

TRAINING_DEPENDENT = (
    "upload_certificate",
    "certificate_review",
    "exam_fee",
    "exam_registration",
    "schedule_exam",
)

NEXT_ACTIONS: dict[str, Promise] = {
    "start_application": _(
        "Create your account with the certifying body and start the application."
    ),
    "complete_application": _(
        "Finish your application: add any missing documents before the date below, or it will "
        "be closed and the fee lost."
    ),
    "application_void": _(
        "Your application was closed because it stayed incomplete. Talk with your advocate "
        "about starting a new one."
    ),
    "awaiting_approval": _("Your application is being reviewed. Watch your email for questions."),
    "complete_training": _("Finish the 80-hour core training and upload your certificate."),
    "request_exam": _("Pay the exam fee and request your exam before the last request date."),
    "approval_expired": _(
        "Your approval period ended. Talk with your advocate about a new application."
    ),
    "attempts_exhausted": _(
        "All three tries are used. This is not the end: talk with your advocate about applying "
        "again."
    ),
    "awaiting_certificate": _("You passed. Your certificate should arrive within 7 to 14 days."),
    "certified": _("You are certified. Keep up your continuing education for renewal."),
    "renewal_overdue": _("Your certification needs renewing now. Talk with your advocate today."),
}


@dataclass(frozen=True)
class StepDates:
    registered_on: dt.date | None = None
    orientation_video_on: dt.date | None = None
    application_completed: dt.date | None = None
    application_approved: dt.date | None = None
    application_fee_paid_on: dt.date | None = None
    training_certificate_uploaded_on: dt.date | None = None
    training_certificate_approved_on: dt.date | None = None
    exam_fee_paid_on: dt.date | None = None
    exam_registration_received_on: dt.date | None = None
    exam_scheduled_for: dt.date | None = None
    exam_passed: bool = False
    certified_on: dt.date | None = None


@dataclass(frozen=True)
class Step:
    code: str
    title: str
    status: str  # "done" | "now" | "next"


def _done(dates: StepDates, training_counts: bool = True) -> dict[str, bool]:
    certified = dates.certified_on is not None
    passed = dates.exam_passed or certified
    done = {
        "register": dates.registered_on is not None and dates.orientation_video_on is not None,
        "apply": dates.application_completed is not None or dates.application_approved is not None,
        "application_fee": dates.application_fee_paid_on is not None,
        "upload_certificate": dates.training_certificate_uploaded_on is not None or passed,
        "certificate_review": dates.training_certificate_approved_on is not None or passed,
        "exam_fee": dates.exam_fee_paid_on is not None or passed,
        "exam_registration": dates.exam_registration_received_on is not None or passed,
        "schedule_exam": dates.exam_scheduled_for is not None or passed,
        "take_exam": passed,
        "certified": certified,
    }
    if not training_counts and not passed:
        # The core training does not count yet: nothing that needs its certificate is done,
        # whatever dates were typed (staff see the mismatch on the record).
        for code in TRAINING_DEPENDENT:
            done[code] = False
    return done


def timeline(dates: StepDates, training_counts: bool = True) -> list[Step]:
    """Each step done, the first undone one "now", the rest "next".

    With `training_counts` False (the core training does not count yet), the steps
    that need the training certificate are not done."""
    done = _done(dates, training_counts)
    steps, current_found = [], False
    for code, title in STEPS:
        if done[code]:
            status = "done"
        elif not current_found:
            status, current_found = "now", True
        else:
            status = "next"
        steps.append(Step(code, str(title), status))
    return steps
