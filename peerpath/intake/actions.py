from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from peerpath.accounts.models import Cohort, Program, Role, User
from peerpath.accounts.rules import cohort_has_started, cohort_is_full
from peerpath.audit.actions import record_event
from peerpath.certification.actions import do_note_ethics_signed
from peerpath.intake.application import Missing, missing_items
from peerpath.intake.models import (
    Application,
    ApplicationDocument,
    ApplicationStatus,
    EthicsDocument,
    EthicsSignature,
    InformationRequest,
    ReadinessRecord,
    WaitlistEntry,
)
from peerpath.intake.review import requestable_items_lazy
from peerpath.intake.transitions import Decision, TransitionRefused, target_status
from peerpath.lib.localized import localized
from peerpath.lib.uploads import store_upload
from peerpath.notifications.actions import do_notify
from peerpath.participants.actions import do_record_exit
from peerpath.participants.models import ExitReason

DEMO_ETHICS_FILE = Path(__file__).resolve().parent / "data" / "ethics_summary.json"


@transaction.atomic
def do_sign_code_of_ethics(
    user: User, document: EthicsDocument, typed_name: str, ip_address: str | None
) -> EthicsSignature:
    signature = EthicsSignature.objects.create(
        user=user,
        document=document,
        typed_name=typed_name,
        text_sha256=document.text_hash(),
        ip_address=ip_address or None,
    )
    record_event(user, "ethics.sign", signature, subject=user, version=document.version)
    if user.role == Role.PARTICIPANT:
        do_note_ethics_signed(user, user, timezone.localtime(signature.signed_at).date())
    return signature


def do_keep_readiness(
    user: User, answers: dict[str, str], reflections: dict[str, str]
) -> ReadinessRecord:
    # No audit event: this is the person's own private note, and nobody else reads it.
    return ReadinessRecord.objects.create(
        user=user, answers={k: v for k, v in answers.items() if v}, reflections=reflections
    )


def do_publish_demo_ethics_document() -> EthicsDocument:
    """The demo's plain-language summary; programs load their official text in the admin."""
    data = json.loads(DEMO_ETHICS_FILE.read_text(encoding="utf-8"))
    document, _created = EthicsDocument.objects.get_or_create(
        version=data["version"],
        defaults={
            "title": data["title"],
            "title_es": data["title_es"],
            "body": data["body"],
            "body_es": data["body_es"],
            "published_at": timezone.now(),
        },
    )
    return document


def get_or_create_application(user: User, program: Program) -> Application:
    application, _created = Application.objects.get_or_create(
        applicant=user,
        defaults={"program": program, "preferred_language": user.language},
    )
    return application


@transaction.atomic
def do_choose_program(user: User, program: Program) -> Application:
    """Apply to `program`: a new application, or a draft moved to it. Submitted
    applications keep their program."""
    application = Application.objects.select_for_update().filter(applicant=user).first()
    if application is None:
        return get_or_create_application(user, program)
    if application.status == ApplicationStatus.DRAFT and application.program_id != program.pk:
        before = application.program_id
        application.program = program
        application.save(update_fields=["program", "updated_at"])
        record_event(
            user,
            "application.program_chosen",
            application,
            subject=user,
            before={"program": before},
            after={"program": program.pk},
        )
    return application


@transaction.atomic
def do_waitlist_applicant(staff: User, application: Application, cohort: Cohort) -> WaitlistEntry:
    """Put an eligible applicant on a full cohort's waiting list and tell them."""
    if cohort.program_id != application.program_id:
        raise EnrolmentRefused("cohort of another program")
    if application.status != ApplicationStatus.ELIGIBLE:
        raise TransitionRefused(application.status)
    entry, _created = WaitlistEntry.objects.update_or_create(
        application=application, defaults={"cohort": cohort, "added_by": staff}
    )
    record_event(
        staff,
        "application.waitlisted",
        application,
        subject=application.applicant,
        cohort=cohort.pk,
    )

    def render() -> tuple[str, str]:
        return (
            str(_("You are on a waiting list")),
            str(
                _(
                    "%(cohort)s is full for now. You are on its waiting list, and we will "
                    "tell you as soon as a place opens."
                )
                % {"cohort": localized(cohort, "name")}
            ),
        )

    do_notify(
        application.applicant, "application_waitlisted", render, url=reverse("intake-apply-review")
    )
    return entry


class StepRefused(Exception):
    """The application changed status since the step was opened (e.g. submitted in
    another tab): it is not saved over."""


@transaction.atomic
def do_save_application_step(user: User, form: Any) -> Application:
    """Save one step: only the step's own answers, and only while the application is
    still in the status the step was opened in. The account's name follows the legal
    name given here (the Code of Ethics is signed with it) and the preferred name, when
    one is given, is used everywhere else."""
    application: Application = form.instance
    current = Application.objects.select_for_update().only("status").get(pk=application.pk)
    if current.status != application.status or not current.is_editable:
        raise StepRefused(current.status)
    application.save(update_fields=[*form.cleaned_data, "updated_at"])
    changed = []
    if "legal_first_name" in form.cleaned_data or "legal_last_name" in form.cleaned_data:
        legal = f"{application.legal_first_name} {application.legal_last_name}".strip()
        if application.legal_first_name and application.legal_last_name:
            user.full_name = legal
            changed.append("full_name")
    if "preferred_name" in form.cleaned_data:
        user.preferred_name = application.preferred_name
        changed.append("preferred_name")
    if changed:
        user.save(update_fields=changed)
    return application


def do_add_application_document(
    application: Application, kind: str, upload: UploadedFile
) -> ApplicationDocument:
    """Store a checked upload under a random name; the original name is kept as a label."""
    stored = store_upload(f"applications/{application.pk}", upload)
    return ApplicationDocument.objects.create(
        application=application,
        kind=kind,
        file=stored.name,
        content_type=stored.content_type,
        size=stored.size,
        original_name=stored.label,
    )


@transaction.atomic
def do_delete_application_document(document: ApplicationDocument) -> None:
    name = document.file.name
    document.delete()
    transaction.on_commit(lambda: default_storage.delete(name))


def submission_problems(application: Application) -> list[Missing]:
    kinds = set(application.documents.values_list("kind", flat=True))
    current = EthicsDocument.current()
    signed = (
        current is not None
        and EthicsSignature.objects.filter(user=application.applicant, document=current).exists()
    )
    values = {field.name: getattr(application, field.name) for field in Application._meta.fields}
    return missing_items(values, kinds, signed)


class SubmissionRefused(Exception):
    pass


@transaction.atomic
def do_submit_application(user: User, application: Application) -> Application:
    """Submit a draft, or resubmit an application that was reopened for more information."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_editable:
        raise SubmissionRefused("already submitted")
    if submission_problems(application):
        raise SubmissionRefused("incomplete")
    if application.status == ApplicationStatus.NEEDS_INFO:
        application.status = target_status(Decision.RESUBMIT, application.status)
        application.save(update_fields=["status", "updated_at"])
        application.information_requests.filter(resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        record_event(user, "application.resubmit", application, subject=user)
        return application
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    record_event(user, "application.submit", application, subject=user)

    def render() -> tuple[str, str]:
        return (
            str(_("We received your application")),
            str(
                _(
                    "Thank you for applying. A program coordinator will review your application "
                    "and contact you within 30 days. You can see its status any time in "
                    "PeerPath."
                )
            ),
        )

    do_notify(user, "application_submitted", render, url=reverse("intake-apply-review"))
    return application


# Staff decisions. Each locks the application, refuses a transition the current
# status does not allow, records who and when, and tells the applicant in their
# language. Notes typed by staff stay in PeerPath: emails only say that there is
# news and where to read it.


def _decide(
    staff: User, application: Application, decision: Decision, fields: dict[str, Any]
) -> Application:
    locked = (
        Application.objects.select_for_update()
        .select_related("applicant", "program")
        .get(pk=application.pk)
    )
    previous = locked.status
    locked.status = target_status(decision, previous)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=["status", "updated_at", *fields])
    if previous == ApplicationStatus.NEEDS_INFO:
        # Decided without waiting for the answer: the request is closed, not left open.
        locked.information_requests.filter(resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
    record_event(
        staff,
        f"application.{decision}",
        locked,
        subject=locked.applicant,
        status_from=previous,
        status_to=locked.status,
    )
    return locked


def _notify_applicant(
    application: Application, kind: str, render: Callable[[], tuple[str, str]]
) -> None:
    do_notify(application.applicant, kind, render, url=reverse("intake-apply-review"))


@transaction.atomic
def do_request_application_information(
    staff: User, application: Application, items: list[str], message: str
) -> InformationRequest:
    application = _decide(staff, application, Decision.REQUEST_INFORMATION, {})
    request = InformationRequest.objects.create(
        application=application, requested_by=staff, items=items, message=message
    )
    labels = dict(requestable_items_lazy())

    def render() -> tuple[str, str]:
        needed = ", ".join(str(labels[item]) for item in items if item in labels)
        return (
            str(_("The program needs a little more for your application")),
            str(
                _(
                    "A program coordinator asked you to add or check: %(items)s. Sign in to "
                    "read their note and update your application. Everything else you "
                    "entered is kept."
                )
                % {"items": needed}
            ),
        )

    _notify_applicant(application, "application_needs_info", render)
    return request


@transaction.atomic
def do_mark_application_eligible(
    staff: User, application: Application, note: str = ""
) -> Application:
    application = _decide(
        staff,
        application,
        Decision.MARK_ELIGIBLE,
        {"decided_at": timezone.now(), "decision_note": note, "decision_codes": []},
    )

    def render() -> tuple[str, str]:
        return (
            str(_("Good news about your application")),
            str(
                _(
                    "You meet the program's requirements. The next step is joining a "
                    "training group (a cohort) with a peer support advocate; a program "
                    "coordinator will be in touch about dates."
                )
            ),
        )

    _notify_applicant(application, "application_eligible", render)
    return application


@transaction.atomic
def do_mark_application_not_eligible(
    staff: User, application: Application, codes: list[str], note: str
) -> Application:
    application = _decide(
        staff,
        application,
        Decision.MARK_NOT_ELIGIBLE,
        {"decided_at": timezone.now(), "decision_note": note, "decision_codes": codes},
    )

    def render() -> tuple[str, str]:
        return (
            str(_("About your application")),
            str(
                _(
                    "A program coordinator has reviewed your application. Right now you "
                    "can't join this program. Sign in to read why and what you can do next: "
                    "there are other ways into peer support work."
                )
            ),
        )

    _notify_applicant(application, "application_not_eligible", render)
    return application


class EnrolmentRefused(Exception):
    pass


@transaction.atomic
def do_enrol_applicant(
    staff: User, application: Application, cohort: Cohort, advocate: User
) -> Application:
    program = application.program
    if cohort.program_id != program.pk:
        raise EnrolmentRefused("cohort of another program")
    if not (
        advocate.role == Role.ADVOCATE
        and advocate.is_active
        and advocate.organization_id == program.organization_id
    ):
        raise EnrolmentRefused("not an advocate of this organization")
    locked_cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    taken = User.objects.filter(cohort=locked_cohort, role=Role.PARTICIPANT).count()
    if cohort_is_full(locked_cohort.capacity, taken):
        raise EnrolmentRefused("cohort full")
    application = _decide(
        staff,
        application,
        Decision.ENROL,
        {"decided_at": timezone.now(), "enrolled_on": program.today()},
    )
    WaitlistEntry.objects.filter(application=application).delete()
    late = cohort_has_started(cohort.starts_on, program.today())
    applicant = application.applicant
    applicant.program = program
    applicant.cohort = cohort
    applicant.advocate = advocate
    applicant.save(update_fields=["program", "cohort", "advocate"])
    record_event(
        staff,
        "participant.assign",
        applicant,
        subject=applicant,
        cohort=cohort.pk,
        advocate=advocate.pk,
    )

    def render() -> tuple[str, str]:
        return (
            str(_("Welcome to the program")),
            str(
                (
                    _(
                        "You are enrolled in %(cohort)s. Your peer support advocate is "
                        "%(advocate)s, who will get in touch with you. The training started "
                        "on %(date)s: your advocate will help you catch up."
                    )
                    if late
                    else _(
                        "You are enrolled in %(cohort)s. Your peer support advocate is "
                        "%(advocate)s, who will get in touch with you. Training starts on "
                        "%(date)s."
                    )
                )
                % {
                    "cohort": localized(cohort, "name"),
                    "advocate": advocate.display_name,
                    "date": date_format(cohort.starts_on, "DATE_FORMAT"),
                }
            ),
        )

    _notify_applicant(application, "application_enrolled", render)
    return application


@transaction.atomic
def do_withdraw_application(staff: User, application: Application, note: str = "") -> Application:
    application = _decide(
        staff,
        application,
        Decision.WITHDRAW,
        {"decided_at": timezone.now(), "decision_note": note},
    )
    do_record_exit(
        staff, application.applicant, timezone.localdate(), ExitReason.WITHDREW, replace=False
    )

    def render() -> tuple[str, str]:
        return (
            str(_("Your application is withdrawn")),
            str(
                _(
                    "As you asked, your application has been withdrawn. If you change your "
                    "mind, or would like to talk about other options, contact the program."
                )
            ),
        )

    _notify_applicant(application, "application_withdrawn", render)
    return application
