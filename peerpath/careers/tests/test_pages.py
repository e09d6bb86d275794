"""Public careers pages, the participant's pages, the summary include and the demo data."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from peerpath.careers.models import EntrySection, FollowUp, InterviewAnswer, ResumeEntry
from peerpath.careers.summary import careers_summary
from peerpath.careers.tests.conftest import make_placement, make_resume

pytestmark = pytest.mark.django_db


def test_job_landscape_in_both_languages(client, reference_data):
    html = client.get(reverse("careers-show-jobs")).content.decode()
    assert "Crisis respite houses and crisis residential programs" in html
    assert "Peer staff keep people company day and night" in html
    assert "Peer Bridger" in html and "back into the community" in html
    assert (
        html.index("Peer Supervisor")
        < html.index("Peer Manager")
        < html.index("Program Coordinator")
    )
    assert "intentionalpeersupport.org" in html
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    html = client.get(reverse("careers-show-jobs")).content.decode()
    assert "Lugares de trabajo para especialistas en apoyo entre pares" in html
    assert "Enlace de pares (Peer Bridger)" in html
    assert "Supervisor(a) de pares" in html


def test_reference_data_describes_every_job_title(reference_data):
    from peerpath.catalog.models import JobTitle

    assert not JobTitle.objects.filter(description="").exists()
    assert not JobTitle.objects.filter(description_es="").exists()


def test_employer_guide_explains_lawful_questions(client):
    html = client.get(reverse("careers-show-employer-guide")).content.decode()
    assert "bona fide occupational qualification (BFOQ)" in html
    assert "History of hospitalizations." in html
    assert "How would you define a peer specialist" in html
    assert "not legal advice" in html


def test_careers_home_for_visitors_participants_and_staff(client, participant, coordinator):
    html = client.get(reverse("careers-home")).content.decode()
    assert reverse("careers-show-jobs") in html and reverse("account_login") in html
    client.force_login(participant)
    html = client.get(reverse("careers-home")).content.decode()
    assert reverse("careers-list-resumes") in html and "None yet" in html
    client.force_login(coordinator)
    assert reverse("careers-list-people") in client.get(reverse("careers-home")).content.decode()


def test_summary_values(participant):
    make_resume(participant)
    InterviewAnswer.objects.create(participant=participant, question="recovery", answer="Mine")
    InterviewAnswer.objects.create(participant=participant, question="stress", answer="")
    InterviewAnswer.objects.create(participant=participant, question="no-longer-asked", answer="x")
    start = timezone.localdate() - dt.timedelta(days=85)
    placement = make_placement(participant, start)
    FollowUp.objects.create(
        placement=placement, milestone=30, contacted_on=start, still_employed=True
    )
    make_placement(participant, None, status="offered")
    summary = careers_summary(participant)
    assert summary["resume_count"] == 1 and summary["resume_updated_at"] is not None
    assert (summary["prep_done"], summary["practice_answered"]) == (0, 1)
    assert summary["placement"] == placement
    assert summary["next_follow_up"].milestone == 90
    assert summary["next_follow_up"].due_on == start + dt.timedelta(days=90)
    assert summary["follow_up_state"] == "due"


def render_summary(user, participant):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(
        "careers/_participant_summary.html",
        {"careers": careers_summary(participant), "user": user},
        request=request,
    )


def test_summary_include_links_to_the_right_pages(participant, advocate):
    start = timezone.localdate() - dt.timedelta(days=100)
    make_placement(participant, start)
    mine = render_summary(participant, participant)
    assert "Peer Support Specialist at Inland Wellness Center" in mine
    assert "90-day check-in" in mine and "overdue" in mine
    assert reverse("careers-home") in mine
    staff = render_summary(advocate, participant)
    assert reverse("careers-show-person", args=[participant.pk]) in staff
    with translation.override("es"):
        assert "Currículums" in render_summary(participant, participant)


def test_participant_pages_do_not_grow_with_data(client, participant, count_queries):
    resume = make_resume(participant)
    make_placement(participant, timezone.localdate())
    client.force_login(participant)
    pages = [
        reverse("careers-list-resumes"),
        reverse("careers-edit-resume", args=[resume.pk]),
        reverse("careers-list-questions"),
        reverse("careers-show-my-job"),
        reverse("careers-home"),
    ]
    before = [count_queries(lambda url=url: client.get(url)) for url in pages]
    for index in range(8):
        make_resume(participant, title=f"V{index}")
        ResumeEntry.objects.create(resume=resume, section=EntrySection.WORK, title=f"Job {index}")
        make_placement(participant, timezone.localdate() - dt.timedelta(days=10 * index))
    for code in ("recovery", "stress", "conflict"):
        InterviewAnswer.objects.create(participant=participant, question=code, answer="x")
    after = [count_queries(lambda url=url: client.get(url)) for url in pages]
    assert after == before


def test_demo_has_a_resume_interview_practice_and_a_follow_up_coming_due(client):
    from peerpath.accounts.models import User
    from peerpath.careers.models import JobPlacement, Resume

    call_command("serve", "--demo", "--no-serve", stdout=io.StringIO())
    call_command("serve", "--demo", "--no-serve", stdout=io.StringIO())  # idempotent
    jordan = User.objects.get(email="participant@demo.peerpath.org")
    resume = Resume.objects.get(participant=jordan)
    assert resume.full_name == "Jordan Rivera"
    assert {e.section for e in resume.entries.all()} >= {"work", "volunteer", "training"}
    summary = careers_summary(jordan)
    assert summary["prep_done"] > 0 and summary["practice_answered"] == 1
    assert InterviewAnswer.objects.get(participant=jordan).feedback.exists()
    dana = User.objects.get(email="dana@demo.peerpath.org")
    placement = JobPlacement.objects.get(participant=dana)
    assert placement.medi_cal_billable is True
    summary = careers_summary(dana)
    assert summary["next_follow_up"].milestone == 90
    assert summary["follow_up_state"] == "due"
    coordinator = User.objects.get(email="coordinator@demo.peerpath.org")
    client.force_login(coordinator)
    rows = client.get(reverse("careers-list-people") + "?due=1").context["rows"]
    assert [row["person"] for row in rows] == [dana]
