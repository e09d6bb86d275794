"""The interview content file: complete, bilingual, stable codes."""

import json

from django.utils import translation

from peerpath.careers.content import CONTENT_FILE, interview_content

SEED_TOPICS = {
    "define-the-role",
    "comfortable-sharing",
    "recovery",
    "resigned",
    "advocacy-partnership",
    "change-agent",
    "unsupportive-staff",
    "de-escalation",
    "speaking-up",
    "stress",
    "dependability",
    "conflict",
    "serious-offences",
}


def test_every_hiring_guideline_topic_is_there_with_guidance():
    content = interview_content()
    codes = {q.code for q in content.questions}
    assert codes >= SEED_TOPICS
    for question in content.questions:
        assert question.strong, question.code
        assert question.avoid, question.code
        assert question.group in {g.code for g in content.question_groups}


def test_codes_are_unique():
    content = interview_content()
    assert len({q.code for q in content.questions}) == len(content.questions)
    assert len(set(content.tip_codes)) == len(content.tips)
    for question in content.questions:
        assert len(set(question.point_codes)) == len(question.point_codes), question.code


def test_every_text_has_a_spanish_twin():
    data = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
    assert isinstance(data["version"], int)

    def walk(node, where):
        if isinstance(node, dict):
            for key in ("text", "name"):
                if key in node:
                    assert node.get(f"{key}_es"), f"{where}: {node[key]}"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, f"{where}[{index}]")

    walk(data, "interview")


def test_text_follows_the_active_language():
    question = interview_content().question("recovery")
    with translation.override("es"):
        assert question.text.startswith("¿Qué sabe sobre el concepto de recuperación?")
    with translation.override("en"):
        assert question.text.startswith("What do you know about the concept of recovery?")


def test_tips_cover_the_seed_checklist():
    codes = set(interview_content().tip_codes)
    assert {"resume-copies", "what-they-do", "strengths", "story", "ethics"} <= codes
