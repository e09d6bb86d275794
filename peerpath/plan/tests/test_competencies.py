"""Competency self-assessment and the staff view, kept apart."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.audit.models import AuditEvent
from peerpath.catalog.models import Competency, Framework
from peerpath.notifications.models import Notification
from peerpath.plan import actions
from peerpath.plan.assessments import samhsa_categories
from peerpath.plan.models import CompetencyAssessment, CompetencyRating, Perspective

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("plan-show-competencies")


def rate_all(assessment, value, categories=None):
    for category in categories or samhsa_categories():
        actions.do_save_ratings(
            assessment, category.code, {item.number: value for item in category.items.all()}
        )


def completed(participant, author, value, days_ago):
    assessment = actions.do_start_assessment(author, participant)
    rate_all(assessment, value)
    actions.do_finish_assessment(author, assessment, {})
    CompetencyAssessment.objects.filter(pk=assessment.pk).update(
        completed_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return assessment


def test_the_twelve_samhsa_categories_are_rated(reference_data):
    categories = samhsa_categories()
    assert len(categories) == 12
    assert categories[0].numeral == "I" and categories[-1].numeral == "XII"


def test_participant_rates_a_category_and_the_draft_survives(client, participant, reference_data):
    client.force_login(participant)
    response = client.post(reverse("plan-start-assessment"))
    assessment = CompetencyAssessment.objects.get()
    assert response.url == reverse("plan-show-assessment", args=[assessment.pk])
    assert (assessment.perspective, assessment.author) == (Perspective.SELF, participant)
    url = reverse("plan-rate-assessment", args=[assessment.pk, "samhsa-1"])
    html = client.get(url).content.decode()
    assert "Initiates contact with peers" in html and "Could teach others" in html
    response = client.post(url, {"item-1": "3", "item-2": "4", "next": "1"})
    assert response.url == reverse("plan-rate-assessment", args=[assessment.pk, "samhsa-2"])
    html = client.get(url).content.decode()  # reload: the ratings are kept
    assert 'name="item-1" value="3" class="rating-choice" id="id_item-1_2" checked' in html
    assert "2 of 5 rated" in client.get(response.url.rsplit("rate", 1)[0]).content.decode()
    # Starting again continues the same draft.
    client.post(reverse("plan-start-assessment"))
    assert CompetencyAssessment.objects.count() == 1


def test_finishing_needs_every_item_rated(client, participant, reference_data):
    client.force_login(participant)
    client.post(reverse("plan-start-assessment"))
    assessment = CompetencyAssessment.objects.get()
    rate_all(assessment, 2, samhsa_categories()[:11])
    response = client.post(reverse("plan-finish-assessment", args=[assessment.pk]), follow=True)
    assert "A few items still need a rating" in response.content.decode()
    assert CompetencyAssessment.objects.get().is_draft
    rate_all(assessment, 2)
    client.post(reverse("plan-finish-assessment", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert not assessment.is_draft
    # A completed assessment is kept as it was.
    response = client.post(
        reverse("plan-rate-assessment", args=[assessment.pk, "samhsa-1"]), {"item-1": "4"}
    )
    assert response.status_code == 404
    assert set(CompetencyRating.objects.values_list("rating", flat=True)) == {2}


@pytest.mark.parametrize("value", ["5", "0", "two", "-1"])
def test_bad_ratings_are_refused(client, participant, reference_data, value):
    client.force_login(participant)
    client.post(reverse("plan-start-assessment"))
    assessment = CompetencyAssessment.objects.get()
    url = reverse("plan-rate-assessment", args=[assessment.pk, "samhsa-1"])
    response = client.post(url, {"item-1": value, "item-2": "2"})
    assert response.status_code == 200
    assert "Choose one of the four ratings." in response.content.decode()
    assert not CompetencyRating.objects.exists()


def test_unknown_or_other_frameworks_categories_are_404(client, participant, reference_data):
    client.force_login(participant)
    client.post(reverse("plan-start-assessment"))
    assessment = CompetencyAssessment.objects.get()
    other = Competency.objects.filter(framework=Framework.SB803).first()
    for code in ("samhsa-99", other.code):
        assert (
            client.get(reverse("plan-rate-assessment", args=[assessment.pk, code])).status_code
            == 404
        )


def test_participant_sees_first_and_latest_per_category(client, participant, reference_data):
    completed(participant, participant, 1, 90)
    middle = completed(participant, participant, 2, 40)
    latest = completed(participant, participant, 3, 5)
    CompetencyRating.objects.filter(assessment=latest, category="samhsa-1").update(rating=4)
    client.force_login(participant)
    html = client.get(OVERVIEW).content.decode()
    assert "first self-assessment" in html and "and latest" in html
    row = html[html.find("I. Engages peers") :]
    row = row[: row.find("</tr>")]
    assert "1.0" in row and "4.0" in row and "up 3.0" in row
    table = html[html.find('<table class="comparison">') :]
    table = table[: table.find("</table>")]
    assert ">2.0" not in table  # the middle assessment is listed, not compared
    assert reverse("plan-show-assessment", args=[middle.pk]) in html


def test_staff_view_is_separate_labelled_and_shared_once_finished(
    client, caseload, advocate, reference_data
):
    completed(caseload, caseload, 2, 30)
    client.force_login(advocate)
    person_overview = reverse("plan-show-person-competencies", args=[caseload.pk])
    assert "Add your view of Ana Ruiz" in client.get(person_overview).content.decode()
    client.post(reverse("plan-start-person-assessment", args=[caseload.pk]))
    view = CompetencyAssessment.objects.get(perspective=Perspective.STAFF)
    assert view.author == advocate
    rate_all(view, 3)
    # A staff draft stays with its author.
    client.force_login(caseload)
    assert client.get(reverse("plan-show-assessment", args=[view.pk])).status_code == 404
    assert "view (staff)" not in client.get(OVERVIEW).content.decode()
    client.force_login(advocate)
    client.post(reverse("plan-finish-person-assessment", args=[caseload.pk, view.pk]))
    assert AuditEvent.objects.filter(action="plan.assessment.complete", actor=advocate).exists()
    assert Notification.objects.filter(user=caseload, kind="plan.assessment").count() == 1
    client.force_login(caseload)
    html = client.get(OVERVIEW).content.decode()
    own, staff = html.split("Views from staff")
    assert "2.0" in own and "3.0" not in own.split("Your own ratings")[1]
    assert "’s view (staff)" in staff and "3.0" in staff
    assert client.get(reverse("plan-show-assessment", args=[view.pk])).status_code == 200
    # The participant cannot change the advocate's view.
    url = reverse("plan-rate-assessment", args=[view.pk, "samhsa-1"])
    assert client.post(url, {"item-1": "1"}).status_code == 404


def test_another_staff_member_cannot_edit_or_see_an_advocate_s_draft(
    client, caseload, advocate, coordinator, reference_data
):
    draft = actions.do_start_assessment(advocate, caseload)
    client.force_login(coordinator)
    for name in ("plan-show-person-assessment",):
        assert client.get(reverse(name, args=[caseload.pk, draft.pk])).status_code == 404
    rate = reverse("plan-rate-person-assessment", args=[caseload.pk, draft.pk, "samhsa-1"])
    assert client.post(rate, {"item-1": "1"}).status_code == 404
    discard = reverse("plan-discard-person-assessment", args=[caseload.pk, draft.pk])
    assert client.post(discard).status_code == 404
    assert CompetencyAssessment.objects.filter(pk=draft.pk).exists()


def test_staff_do_not_see_a_self_assessment_draft(client, caseload, advocate, reference_data):
    draft = actions.do_start_assessment(caseload, caseload)
    client.force_login(advocate)
    url = reverse("plan-show-person-assessment", args=[caseload.pk, draft.pk])
    assert client.get(url).status_code == 404


def test_a_draft_can_be_discarded(client, participant, reference_data):
    client.force_login(participant)
    client.post(reverse("plan-start-assessment"))
    assessment = CompetencyAssessment.objects.get()
    client.post(reverse("plan-discard-assessment", args=[assessment.pk]))
    assert not CompetencyAssessment.objects.exists()


def test_competency_pages_in_spanish(client, participant, reference_data):
    completed(participant, participant, 2, 5)
    client.cookies["peerpath_language"] = "es"
    participant.language = "es"
    participant.save()
    client.force_login(participant)
    html = client.get(OVERVIEW).content.decode()
    assert "Establece relaciones de colaboración y cuidado con sus pares" in html
    assert "Competencias del trabajo de apoyo entre pares" in html


def test_without_reference_data_the_page_explains_and_nothing_starts(client, participant):
    client.force_login(participant)
    assert "not loaded yet" in client.get(OVERVIEW).content.decode()
    response = client.post(reverse("plan-start-assessment"), follow=True)
    assert response.status_code == 200
    assert not CompetencyAssessment.objects.exists()


def test_competency_overview_queries_do_not_grow(
    client, participant, reference_data, count_queries
):
    client.force_login(participant)
    completed(participant, participant, 2, 60)
    client.get(OVERVIEW)
    few = count_queries(lambda: client.get(OVERVIEW))
    for days in (50, 40, 30, 20):
        completed(participant, participant, 3, days)
    assert count_queries(lambda: client.get(OVERVIEW)) == few
