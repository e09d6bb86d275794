"""Writes for careers records, each in a transaction; staff writes are audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from peerpath.accounts.models import User
from peerpath.audit.actions import record_event
from peerpath.careers.access import advocate_for
from peerpath.careers.content import Question, interview_content
from peerpath.careers.models import (
    AnswerFeedback,
    FollowUp,
    InterviewAnswer,
    InterviewPrep,
    JobPlacement,
    QuarterEarnings,
    Resume,
    ResumeEntry,
)
from peerpath.careers.prefill import resume_prefill

# A person can keep several versions, within reason.
MAX_RESUMES = 20
MAX_ENTRIES = 40


class LimitReached(Exception):
    pass


def get_or_create_prep(participant: User) -> InterviewPrep:
    prep, _created = InterviewPrep.objects.get_or_create(participant=participant)
    return prep


@transaction.atomic
def do_save_interview_tips(participant: User, codes: list[str]) -> InterviewPrep:
    prep = get_or_create_prep(participant)
    known = interview_content().tip_codes
    prep.tips_checked = [code for code in known if code in set(codes)]
    prep.save(update_fields=["tips_checked", "updated_at"])
    return prep


@transaction.atomic
def do_save_worksheet(participant: User, values: dict[str, Any]) -> InterviewPrep:
    prep = get_or_create_prep(participant)
    for name, value in values.items():
        setattr(prep, name, value)
    prep.save(update_fields=[*values, "updated_at"])
    return prep


@transaction.atomic
def do_save_interview_answer(
    participant: User, question: Question, answer: str, covered: list[str]
) -> InterviewAnswer:
    record, _created = InterviewAnswer.objects.select_for_update().get_or_create(
        participant=participant, question=question.code
    )
    record.answer = answer
    record.covered = [code for code in question.point_codes if code in set(covered)]
    record.content_version = interview_content().version
    record.save()
    return record


@transaction.atomic
def do_add_answer_feedback(author: User, answer: InterviewAnswer, text: str) -> AnswerFeedback:
    feedback = AnswerFeedback.objects.create(answer=answer, author=author, text=text)
    record_event(
        author,
        "careers.answer_feedback.add",
        feedback,
        subject=answer.participant,
        question=answer.question,
    )
    from peerpath.notifications.actions import do_notify

    participant = answer.participant
    question = interview_content().question(answer.question)

    def render() -> tuple[str, str]:
        subject = _("New feedback on your practice interview answer")
        body = _("%(name)s left feedback on your answer to “%(question)s”.") % {
            "name": author.display_name,
            "question": question.text if question else answer.question,
        }
        return subject, body

    do_notify(
        participant,
        "careers_answer_feedback",
        render,
        url=reverse("careers-answer-question", args=[answer.question]),
    )
    return feedback


def _fit(model: type[Resume] | type[ResumeEntry], name: str, value: str) -> str:
    """Prefilled text comes from other apps' fields, which can be longer than ours."""
    return value[: model._meta.get_field(name).max_length].strip()


@transaction.atomic
def do_create_resume(participant: User, title: str, language: str) -> Resume:
    if Resume.objects.filter(participant=participant).count() >= MAX_RESUMES:
        raise LimitReached
    with translation.override(language):
        prefill = resume_prefill(participant)
    resume = Resume.objects.create(
        participant=participant,
        title=title,
        language=language,
        full_name=_fit(Resume, "full_name", prefill.full_name),
        email=_fit(Resume, "email", prefill.email),
        phone=_fit(Resume, "phone", prefill.phone),
        location=_fit(Resume, "location", prefill.location),
    )
    ResumeEntry.objects.bulk_create(
        ResumeEntry(
            resume=resume,
            section=entry.section,
            title=_fit(ResumeEntry, "title", entry.title),
            organization=_fit(ResumeEntry, "organization", entry.organization),
            end_on=entry.end_on,
            details=entry.details,
        )
        for entry in prefill.entries
    )
    return resume


@transaction.atomic
def do_copy_resume(resume: Resume, title: str) -> Resume:
    if Resume.objects.filter(participant_id=resume.participant_id).count() >= MAX_RESUMES:
        raise LimitReached
    entries = list(resume.entries.all())
    resume.pk = None
    resume.id = None
    resume.title = title[:100]
    resume.save()
    for entry in entries:
        entry.pk = None
        entry.id = None
        entry.resume = resume
    ResumeEntry.objects.bulk_create(entries)
    return resume


@transaction.atomic
def do_save_resume(resume: Resume) -> Resume:
    """Save a validated ResumeForm's instance."""
    resume.save()
    return resume


@transaction.atomic
def do_delete_resume(resume: Resume) -> None:
    resume.delete()


@transaction.atomic
def do_save_resume_entry(entry: ResumeEntry) -> ResumeEntry:
    if entry.pk is None and ResumeEntry.objects.filter(resume=entry.resume).count() >= MAX_ENTRIES:
        raise LimitReached
    entry.save()
    # Touch the résumé so "last updated" covers its entries.
    entry.resume.save(update_fields=["updated_at"])
    return entry


@transaction.atomic
def do_delete_resume_entry(entry: ResumeEntry) -> None:
    resume = entry.resume
    entry.delete()
    resume.save(update_fields=["updated_at"])


@transaction.atomic
def do_record_placement(actor: User, placement: JobPlacement) -> JobPlacement:
    """Save a validated PlacementForm's instance (new or changed)."""
    created = placement.pk is None
    if created:
        placement.created_by = actor
    placement.save()
    record_event(
        actor,
        "careers.placement.add" if created else "careers.placement.update",
        placement,
        subject=placement.participant,
        status=placement.status,
    )
    return placement


@transaction.atomic
def do_record_quarter_earnings(
    actor: User, placement: JobPlacement, quarter: str, amount: Decimal
) -> QuarterEarnings:
    """Record (or correct) what the person earned at this job in one quarter."""
    earnings, created = QuarterEarnings.objects.update_or_create(
        placement=placement,
        quarter=quarter,
        defaults={"amount": amount, "recorded_by": actor},
    )
    record_event(
        actor,
        "careers.earnings.add" if created else "careers.earnings.update",
        earnings,
        subject=placement.participant,
        quarter=quarter,
    )
    return earnings


def _end_placement(placement: JobPlacement, end_date: dt.date) -> None:
    placement.status = JobPlacement.Status.ENDED
    placement.end_date = end_date


@transaction.atomic
def do_record_follow_up(
    actor: User, placement: JobPlacement, milestone: int, data: dict[str, Any]
) -> FollowUp:
    """Record (or correct) one follow-up; what the latest one finds is the placement's state."""
    follow_up, _created = FollowUp.objects.update_or_create(
        placement=placement,
        milestone=milestone,
        defaults={
            "contacted_on": data["contacted_on"],
            "still_employed": data["still_employed"],
            "hours_per_week": data.get("hours_per_week"),
            "wage": data.get("wage"),
            "wage_period": data.get("wage_period") or "hour",
            "support_needed": data.get("support_needed", ""),
            "recorded_by": actor,
        },
    )
    changed = []
    # Hours and pay found at an earlier milestone (recorded late or corrected) are
    # history: they must not replace what a later follow-up found.
    latest = not any(f.milestone > milestone for f in placement.follow_ups.all())
    if latest and data.get("hours_per_week") is not None:
        placement.hours_per_week = data["hours_per_week"]
        changed.append("hours_per_week")
    if latest and data.get("wage") is not None:
        placement.wage = data["wage"]
        placement.wage_period = data.get("wage_period") or placement.wage_period
        changed += ["wage", "wage_period"]
    if not data["still_employed"] and data.get("end_date") and placement.is_current:
        _end_placement(placement, data["end_date"])
        changed += ["status", "end_date"]
    if changed:
        placement.save(update_fields=[*changed, "updated_at"])
    record_event(
        actor,
        "careers.follow_up.record",
        follow_up,
        subject=placement.participant,
        milestone=milestone,
    )
    return follow_up


@transaction.atomic
def do_update_own_placement(
    participant: User, placement: JobPlacement, data: dict[str, Any]
) -> JobPlacement:
    """The participant's own update; their advocate hears if the job has ended."""
    ended_now = data["still_employed"] is False and placement.is_current
    placement.hours_per_week = data.get("hours_per_week")
    if data.get("wage") is not None:
        placement.wage = data["wage"]
        placement.wage_period = data.get("wage_period") or placement.wage_period
    if ended_now:
        _end_placement(placement, data["end_date"])
    placement.save()
    record_event(participant, "careers.placement.update_own", placement, subject=participant)
    advocate = advocate_for(participant) if ended_now else None
    if advocate is not None:
        from peerpath.notifications.actions import do_notify

        def render() -> tuple[str, str]:
            return (
                _("%(name)s has left a job") % {"name": participant.display_name},
                _(
                    "%(name)s updated their job at %(employer)s: they are no longer working "
                    "there. Open their careers page to follow up."
                )
                % {"name": participant.display_name, "employer": placement.employer_name},
            )

        do_notify(
            advocate,
            "careers_placement_ended",
            render,
            url=reverse("careers-edit-placement", args=[participant.pk, placement.pk]),
        )
    return placement
