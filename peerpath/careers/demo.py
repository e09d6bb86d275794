"""Demo careers data: Jordan's résumé and interview practice, Dana's job with a follow-up due."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from peerpath.accounts.models import Program, Role, User
from peerpath.careers import actions
from peerpath.careers.content import interview_content
from peerpath.careers.models import (
    AnswerFeedback,
    EntrySection,
    FollowUp,
    InterviewAnswer,
    JobPlacement,
    Resume,
    ResumeEntry,
)
from peerpath.catalog.models import EmployerType, JobTitle

JORDAN = "participant@demo.peerpath.org"
DANA = "dana@demo.peerpath.org"

SUMMARY = (
    "Warm, dependable young adult finishing peer support specialist training, with two years "
    "of volunteer experience supporting students and a steady personal recovery. I listen "
    "first, share my story with a purpose and help people find resources and their own next step."
)
CORE = """Active, non-judgemental listening
Sharing my recovery story to offer hope
Wellness Recovery Action Plan (WRAP) basics
Confidentiality and professional boundaries
Bilingual outreach materials (English and Spanish, reading)"""
SKILLS = """Rapport building
Group co-facilitation
Resource navigation
Microsoft Word and Google Docs"""


def _demo_resume(jordan: User) -> None:
    if Resume.objects.filter(participant=jordan).exists():
        return
    resume = actions.do_create_resume(jordan, "Peer support specialist", "en")
    resume.summary = SUMMARY
    resume.core_qualifications = CORE
    resume.skills = SKILLS
    resume.languages = "English — native\nSpanish — conversational"
    resume.save()
    today = timezone.localdate()
    ResumeEntry.objects.bulk_create(
        [
            ResumeEntry(
                resume=resume,
                section=EntrySection.VOLUNTEER,
                title="Peer mentor (volunteer)",
                organization="Riverside Community College Wellness Club",
                location="Riverside, CA",
                start_on=(today - dt.timedelta(days=760)).replace(day=1),
                details=(
                    "Met weekly with first-year students adjusting to college life\n"
                    "Co-led a monthly stress and self-care group of 8–12 students\n"
                    "Connected students with campus counselling, food and housing resources"
                ),
            ),
            ResumeEntry(
                resume=resume,
                section=EntrySection.WORK,
                title="Barista",
                organization="Downtown Coffee Co.",
                location="Riverside, CA",
                start_on=(today - dt.timedelta(days=1100)).replace(day=1),
                end_on=(today - dt.timedelta(days=400)).replace(day=1),
                details=(
                    "Welcomed 200+ customers a day and kept calm during rushes\n"
                    "Trained three new team members"
                ),
            ),
            ResumeEntry(
                resume=resume,
                section=EntrySection.EDUCATION,
                title="High school diploma",
                organization="Riverside Polytechnic High School",
                location="Riverside, CA",
                end_on=dt.date(2021, 6, 1),
            ),
        ]
    )


def _demo_interview(jordan: User, advocate: User | None) -> None:
    content = interview_content()
    prep = actions.get_or_create_prep(jordan)
    if prep.tips_checked or prep.key_points:
        return
    actions.do_save_interview_tips(jordan, list(content.tip_codes[:8]))
    actions.do_save_worksheet(
        jordan,
        {
            "target_job": "Peer Support Specialist at a wellness center",
            "key_points": [
                "I show up and follow through",
                "I listen before I share",
                "My recovery gives me hope to offer",
                "",
                "",
            ],
            "why_unique": (
                "As a volunteer peer mentor I helped a student who had stopped going to class "
                "find the campus wellness center and come back the next term."
            ),
        },
    )
    question = content.question("define-the-role")
    if question is None or InterviewAnswer.objects.filter(participant=jordan).exists():
        return
    answer = actions.do_save_interview_answer(
        jordan,
        question,
        "A peer specialist walks beside someone as an equal. I would share what helped me when "
        "it is useful, and help the person decide their own next step instead of telling them "
        "what to do.",
        ["mutuality", "self-determination"],
    )
    if advocate is not None:
        AnswerFeedback.objects.create(
            answer=answer,
            author=advocate,
            text=(
                "Strong start: mutuality and choice come through clearly. Try adding one "
                "sentence about hope, what seeing your recovery can mean to someone."
            ),
        )


def _demo_placement(dana: User, advocate: User | None) -> None:
    if JobPlacement.objects.filter(participant=dana).exists():
        return
    today = timezone.localdate()
    start = today - dt.timedelta(days=85)
    placement = JobPlacement.objects.create(
        participant=dana,
        status=JobPlacement.Status.WORKING,
        employer_name="Inland Wellness Center",
        employer_type=EmployerType.objects.filter(code="primary-care-wellness").first(),
        job_title=JobTitle.objects.filter(code="peer-support-specialist").first(),
        offered_on=start - dt.timedelta(days=14),
        start_date=start,
        hours_per_week=Decimal("32"),
        wage=Decimal("24.50"),
        medi_cal_billable=True,
        created_by=advocate,
    )
    FollowUp.objects.create(
        placement=placement,
        milestone=30,
        contacted_on=start + dt.timedelta(days=31),
        still_employed=True,
        hours_per_week=Decimal("32"),
        wage=Decimal("24.50"),
        support_needed="Would like help planning for the specialization training.",
        recorded_by=advocate,
    )


@transaction.atomic
def create_demo_careers(program: Program) -> list[str]:
    advocate = User.objects.filter(role=Role.ADVOCATE, organization=program.organization).first()
    jordan = User.objects.filter(email=JORDAN, role=Role.PARTICIPANT).first()
    if jordan is not None:
        _demo_resume(jordan)
        _demo_interview(jordan, advocate)
    dana = User.objects.filter(email=DANA, role=Role.PARTICIPANT).first()
    if dana is not None:
        _demo_placement(dana, advocate)
    return []
