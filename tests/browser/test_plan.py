import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from peerpath.accounts.models import Organization, Program, Role
from peerpath.conftest import make_user
from peerpath.plan.models import ConfidenceCheckIn, QuestionnaireAnswer

from .conftest import sign_in


def person():
    organization = Organization.objects.create(name="Inland Peers", slug="inland")
    program = Program.objects.create(organization=organization, name="ESP", slug="esp")
    return make_user("ana@example.org", Role.PARTICIPANT, program=program, full_name="Ana Ruiz")


def serious_violations(page):
    return [
        f"{v['id']}: {v['help']}"
        for v in Axe().run(page).response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]


def test_questionnaire_answers_are_kept_and_a_check_in_joins_the_chart(phone, transactional_db):
    ana = person()
    ConfidenceCheckIn.objects.create(
        participant=ana, score=4, on=timezone.localdate() - dt.timedelta(days=40)
    )
    sign_in(phone, ana)
    phone.get_by_role("link", name="My plan").click()
    phone.wait_for_url("**/plan/")
    phone.get_by_role("link", name="Questionnaire").first.click()
    phone.wait_for_url("**/plan/questionnaire/")
    assert serious_violations(phone) == []

    phone.get_by_label("What are your strengths?").fill("I listen without judging.")
    phone.get_by_label("Partly").check()
    status = phone.locator("#save-status")
    status.filter(has_text="Saved at").wait_for()
    assert (
        QuestionnaireAnswer.objects.get(question="strengths").value == "I listen without judging."
    )
    phone.get_by_label("How do you learn new things best?").fill("By trying it myself.")
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_function(
        "document.querySelector('#save-status').textContent.includes('Saved at')"
    )

    phone.reload()
    assert (
        phone.get_by_label("What are your strengths?").input_value() == "I listen without judging."
    )
    assert phone.get_by_label("How do you learn new things best?").input_value() == (
        "By trying it myself."
    )
    assert phone.get_by_label("Partly").is_checked()

    phone.get_by_role("link", name="Confidence").first.click()
    phone.wait_for_url("**/plan/confidence/")
    phone.get_by_label("7", exact=True).check()
    phone.get_by_role("button", name="Save check-in").click()
    phone.get_by_text("Thank you. Your check-in is saved.").wait_for()
    rows = phone.locator("figure table tbody tr")
    assert rows.count() == 2
    today = phone.locator(f"time[datetime='{timezone.localdate().isoformat()}']")
    assert today.locator("xpath=../..").inner_text().split()[-1] == "7"
    assert phone.locator("svg.confidence-svg circle").count() == 2
    assert serious_violations(phone) == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_plan_pages_have_no_serious_accessibility_violations(
    phone, reference_data, transactional_db, language
):
    from peerpath.plan import actions
    from peerpath.plan.tests.test_competencies import rate_all

    ana = person()
    actions.do_save_answers(ana, {"strengths": "Listening", "ready": "yes"})
    actions.do_record_confidence(ana, 5, timezone.localdate() - dt.timedelta(days=40))
    goal = actions.do_add_goal(ana, ana, "Finish the core training")
    actions.do_add_objective(ana, goal, text="Attend", target_date=None, status="in_progress")
    actions.do_add_goal_comment(ana, goal, "A note to myself")
    assessment = actions.do_start_assessment(ana, ana)
    rate_all(assessment, 2)
    actions.do_finish_assessment(ana, assessment, {})
    draft = actions.do_start_assessment(ana, ana)
    sign_in(phone, ana)
    if language == "es":
        phone.get_by_role("button", name="Español").click()
        phone.wait_for_load_state()
    problems = {}
    for path in [
        "/plan/",
        "/plan/questionnaire/",
        "/plan/confidence/",
        "/plan/goals/",
        f"/plan/goals/{goal.pk}/",
        "/plan/competencies/",
        f"/plan/competencies/{assessment.pk}/",
        f"/plan/competencies/{draft.pk}/",
        f"/plan/competencies/{draft.pk}/rate/samhsa-1/",
    ]:
        phone.goto(path)
        assert phone.locator("html").get_attribute("lang") == language
        found = serious_violations(phone)
        if found:
            problems[path] = found
    assert problems == {}
