"""Demo plans for the demo participants, dated relative to today.

Jordan has a full plan (answers with some history, four monthly confidence
check-ins rising from 5 to 7, goals, two self-assessments and the advocate's
view); Maya's confidence is low (3), so the caseload flags it; Luis's plan is
in Spanish.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from peerpath.accounts.models import Program, Role, User
from peerpath.catalog.models import Competency, Framework
from peerpath.plan import actions, questionnaire
from peerpath.plan.models import (
    CompetencyAssessment,
    CompetencyRating,
    ConfidenceCheckIn,
    Objective,
    Perspective,
    QuestionnaireAnswer,
)

JORDAN = "participant@demo.peerpath.org"
MAYA = "maya@demo.peerpath.org"
LUIS = "luis@demo.peerpath.org"

# email: {question: [(days ago, answer), ...]} oldest first; the last is the current answer.
ANSWERS: dict[str, dict[str, list[tuple[int, str]]]] = {
    JORDAN: {
        "strengths": [(110, "I listen without judging and people open up to me.")],
        "skills": [(110, "Customer service, organising events, some Spanish.")],
        "attributes": [(110, "Patient, honest, I keep showing up.")],
        "improve": [
            (110, "Speaking in groups."),
            (40, "Speaking in groups, and writing clear notes after a conversation."),
        ],
        "certifications": [(110, "Food handler card, CPR and first aid.")],
        "technical": [(110, "Comfortable with video calls, email and shared documents.")],
        "field": [(110, "Retail and volunteering at a youth drop-in center.")],
        "learning": [(110, "Trying it myself first, then talking it through.")],
        "time": [(110, "Part-time job in the mornings, family in the evenings.")],
        "ready": [(110, "partly"), (75, "yes")],
        "employment": [(110, "Finish the training, pass the exam, build a résumé.")],
        "barriers": [
            (110, "My work schedule changes every week."),
            (45, "My work schedule changes, but my manager now keeps my afternoons free."),
        ],
        "help": [(110, "Reminders before sessions, and someone to ask when I get stuck.")],
        "setting": [(110, "A youth drop-in center or a crisis respite program.")],
        "life": [(110, "I would have work that uses what I have been through to help others.")],
        "routine": [(110, "Go to bed earlier and plan study time on my days off.")],
    },
    MAYA: {
        "strengths": [(30, "I am good with kids and I notice when people are struggling.")],
        "barriers": [(30, "I don't have a reliable laptop and I get nervous on video calls.")],
        "help": [(30, "A loaner laptop would help a lot.")],
        "ready": [(30, "not_yet")],
    },
    LUIS: {
        "strengths": [(200, "Sé escuchar y tengo paciencia con las personas.")],
        "skills": [(200, "Trabajo en equipo, cocina, manejo de redes sociales.")],
        "learning": [(200, "Viendo a alguien hacerlo primero y luego practicando.")],
        "barriers": [(200, "El transporte: vivo lejos y dependo del autobús.")],
        "help": [(200, "Que las sesiones sean en línea cuando sea posible.")],
        "setting": [(200, "Un programa de vivienda o un centro comunitario.")],
        "ready": [(200, "yes")],
    },
}

CHECK_INS = {
    JORDAN: [(105, 5), (75, 6), (45, 6), (14, 7)],
    MAYA: [(20, 3)],
    LUIS: [(200, 7), (150, 6), (90, 8)],
}

# email: [(title, why, [(objective, target in days from today or None, status)])]
GOALS: dict[str, list[tuple[str, str, list[tuple[str, int | None, str]]]]] = {
    JORDAN: [
        (
            "Finish the 80-hour core training with my cohort",
            "So I can apply for certification this year.",
            [
                ("Catch up on the module I missed", -20, "done"),
                ("Attend every live session this month", 10, "in_progress"),
                ("Ask Sam when to request the exam", None, "not_started"),
            ],
        ),
        (
            "Get ready for my first peer support job",
            "",
            [
                ("Draft my résumé", 30, "not_started"),
                ("Practise two interview questions", 21, "in_progress"),
            ],
        ),
    ],
    MAYA: [],
    LUIS: [
        (
            "Terminar la capacitación de 80 horas",
            "Quiero certificarme para trabajar en mi comunidad.",
            [
                ("Conectarme a todas las sesiones en línea", 14, "in_progress"),
                ("Pedir ayuda con el transporte para la sesión presencial", None, "not_started"),
            ],
        )
    ],
}

STARTER_STATUS = {
    JORDAN: {
        "identify-goals": ("done", -60),
        "assess-needs": ("done", -50),
        "communicate": ("in_progress", None),
        "schedule": ("done", -40),
        "track-progress": ("in_progress", None),
        "plan-ahead": ("not_started", 20),
    },
    LUIS: {"identify-goals": ("done", -150), "schedule": ("in_progress", 7)},
}


def _answers(person: User, now: dt.datetime) -> None:
    for code, revisions in ANSWERS.get(person.email, {}).items():
        for days_ago, value in revisions:
            when = now - dt.timedelta(days=days_ago)
            QuestionnaireAnswer.objects.create(
                participant=person,
                question=code,
                value=value,
                version=questionnaire.VERSION,
                created_at=when,
                saved_at=when,
            )


def _goals(person: User, today: dt.date) -> None:
    starter = actions.ensure_starter_goal(person)
    for code, (status, days) in STARTER_STATUS.get(person.email, {}).items():
        objective = Objective.objects.get(goal=starter, code=code)
        target = today + dt.timedelta(days=days) if days is not None else None
        actions.do_update_objective(person, objective, text="", target_date=target, status=status)
    for title, why, objectives in GOALS.get(person.email, []):
        goal = actions.do_add_goal(person, person, title, why)
        for text, days, status in objectives:
            target = today + dt.timedelta(days=days) if days is not None else None
            actions.do_add_objective(person, goal, text=text, target_date=target, status=status)
        if person.email == JORDAN and person.advocate and goal.objectives.count() == 3:
            actions.do_add_goal_comment(
                person.advocate,
                goal,
                "Great work catching up on the module. Want to go over the exam timeline "
                "at our next check-in?",
            )


def _assessment(
    person: User, author: User, days_ago: int, base: int, categories: list[Competency]
) -> None:
    completed = timezone.now() - dt.timedelta(days=days_ago)
    assessment = CompetencyAssessment.objects.create(
        participant=person,
        author=author,
        author_label=author.display_name,
        perspective=Perspective.SELF if author.pk == person.pk else Perspective.STAFF,
        created_at=completed - dt.timedelta(days=2),
        updated_at=completed,
        completed_at=completed,
    )
    CompetencyRating.objects.bulk_create(
        CompetencyRating(
            assessment=assessment,
            category=category.code,
            item=item.number,
            rating=max(1, min(4, base + (index + item.number) % 3 - 1)),
        )
        for index, category in enumerate(categories)
        for item in category.items.all()
    )


@transaction.atomic
def create_demo_plan(program: Program) -> list[str]:
    today = timezone.localdate()
    now = timezone.now()
    categories = list(
        Competency.objects.filter(framework=Framework.SAMHSA).prefetch_related("items")
    )
    people = User.objects.filter(
        email__in=[JORDAN, MAYA, LUIS], role=Role.PARTICIPANT, program=program
    ).select_related("advocate")
    for person in people:
        if ConfidenceCheckIn.objects.filter(participant=person).exists():
            continue
        _answers(person, now)
        for days_ago, score in CHECK_INS.get(person.email, []):
            ConfidenceCheckIn.objects.create(
                participant=person, score=score, on=today - dt.timedelta(days=days_ago)
            )
        _goals(person, today)
        if person.email == JORDAN and categories:
            _assessment(person, person, 90, 2, categories)
            _assessment(person, person, 10, 3, categories)
            if person.advocate:
                _assessment(person, person.advocate, 7, 3, categories)
    return []
