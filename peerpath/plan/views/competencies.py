from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from peerpath.accounts.access import role_required, staff_required
from peerpath.accounts.models import Role, User
from peerpath.audit.actions import record_event
from peerpath.catalog.models import Competency
from peerpath.plan import actions
from peerpath.plan.access import assessments_visible_to, get_assessment_for_user
from peerpath.plan.assessments import overview, ratings_of, samhsa_categories, unrated
from peerpath.plan.forms import CategoryRatingForm
from peerpath.plan.models import CompetencyAssessment, Rating
from peerpath.plan.views.common import person_for_staff, plan_context, plan_reverse, viewer


def _competencies(request: HttpRequest, participant: User, is_own: bool) -> HttpResponse:
    me = viewer(request)
    categories = samhsa_categories()
    visible = list(assessments_visible_to(me, participant).order_by("created_at", "id"))
    summary = overview(visible, categories)
    context = plan_context(
        participant,
        is_own,
        categories=categories,
        overview=summary,
        my_draft=next((a for a in summary.drafts if a.author_id == me.pk), None),
        completed=[a for a in visible if not a.is_draft],
    )
    return render(request, "plan/competencies.html", context)


@never_cache
@role_required(Role.PARTICIPANT)
def show_competencies(request: HttpRequest) -> HttpResponse:
    return _competencies(request, viewer(request), True)


@never_cache
@staff_required
def show_person_competencies(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = person_for_staff(request, participant_id, "plan.competencies.view")
    return _competencies(request, participant, False)


def _start(request: HttpRequest, participant: User, is_own: bool) -> HttpResponse:
    if not samhsa_categories():
        messages.error(request, _("The competency list is not loaded yet. Please try again later."))
        return redirect(plan_reverse("show-competencies", participant, is_own))
    assessment = actions.do_start_assessment(viewer(request), participant)
    return redirect(plan_reverse("show-assessment", participant, is_own, assessment.pk))


@require_POST
@role_required(Role.PARTICIPANT)
def start_assessment(request: HttpRequest) -> HttpResponse:
    return _start(request, viewer(request), True)


@require_POST
@staff_required
def start_person_assessment(request: HttpRequest, participant_id: int) -> HttpResponse:
    return _start(request, person_for_staff(request, participant_id, None), False)


def _own_draft(request: HttpRequest, participant: User, assessment_id: int) -> CompetencyAssessment:
    """A draft the viewer is writing; anyone else's assessment, or a finished one, is 404."""
    return get_object_or_404(
        CompetencyAssessment,
        pk=assessment_id,
        participant=participant,
        author=viewer(request),
        completed_at__isnull=True,
    )


def _assessment(
    request: HttpRequest, participant: User, is_own: bool, assessment_id: int
) -> HttpResponse:
    me = viewer(request)
    assessment = get_assessment_for_user(me, participant, assessment_id)
    if not is_own:
        record_event(me, "plan.assessment.view", assessment, subject=participant)
    categories = samhsa_categories()
    ratings = ratings_of(assessment)
    labels = dict(Rating.choices)
    sections = []
    for category in categories:
        items = [(item, ratings.get((category.code, item.number))) for item in category.items.all()]
        sections.append(
            {
                "category": category,
                "items": [
                    (item, value, labels.get(value) if value else None) for item, value in items
                ],
                "rated": sum(value is not None for _item, value in items),
                "total": len(items),
            }
        )
    editable = assessment.is_draft and assessment.author_id == me.pk
    context = plan_context(
        participant,
        is_own,
        assessment=assessment,
        sections=sections,
        editable=editable,
        missing=sum(s["total"] - s["rated"] for s in sections),
    )
    return render(request, "plan/assessment.html", context)


@never_cache
@role_required(Role.PARTICIPANT)
def show_assessment(request: HttpRequest, assessment_id: int) -> HttpResponse:
    return _assessment(request, viewer(request), True, assessment_id)


@never_cache
@staff_required
def show_person_assessment(
    request: HttpRequest, participant_id: int, assessment_id: int
) -> HttpResponse:
    participant = person_for_staff(request, participant_id, None)
    return _assessment(request, participant, False, assessment_id)


def _category(categories: list[Competency], code: str) -> tuple[Competency, Competency | None]:
    codes = [c.code for c in categories]
    if code not in codes:
        raise Http404
    index = codes.index(code)
    following = categories[index + 1] if index + 1 < len(categories) else None
    return categories[index], following


def _rate(
    request: HttpRequest, participant: User, is_own: bool, assessment_id: int, category_code: str
) -> HttpResponse:
    assessment = _own_draft(request, participant, assessment_id)
    categories = samhsa_categories()
    category, following = _category(categories, category_code)
    current = {
        f"item-{number}": value
        for (code, number), value in ratings_of(assessment).items()
        if code == category.code
    }
    form = CategoryRatingForm(request.POST or None, category=category, initial=current)
    if request.method == "POST" and form.is_valid():
        actions.do_save_ratings(assessment, category.code, form.ratings())
        messages.success(request, _("Saved."))
        if following is not None and "next" in request.POST:
            return redirect(
                plan_reverse("rate-assessment", participant, is_own, assessment.pk, following.code)
            )
        return redirect(plan_reverse("show-assessment", participant, is_own, assessment.pk))
    context = plan_context(
        participant,
        is_own,
        assessment=assessment,
        category=category,
        following=following,
        position=categories.index(category) + 1,
        count=len(categories),
        form=form,
    )
    return render(request, "plan/assessment_category.html", context)


@never_cache
@role_required(Role.PARTICIPANT)
def rate_assessment(request: HttpRequest, assessment_id: int, category: str) -> HttpResponse:
    return _rate(request, viewer(request), True, assessment_id, category)


@never_cache
@staff_required
def rate_person_assessment(
    request: HttpRequest, participant_id: int, assessment_id: int, category: str
) -> HttpResponse:
    # The rating form shows the person's name and the staff member's draft about them.
    action = "plan.assessment_form.view" if request.method == "GET" else None
    participant = person_for_staff(request, participant_id, action)
    return _rate(request, participant, False, assessment_id, category)


def _finish(
    request: HttpRequest, participant: User, is_own: bool, assessment_id: int
) -> HttpResponse:
    assessment = _own_draft(request, participant, assessment_id)
    missing = unrated(assessment, samhsa_categories())
    try:
        actions.do_finish_assessment(viewer(request), assessment, missing)
    except actions.AssessmentIncomplete:
        messages.error(
            request, _("A few items still need a rating. The categories below show which.")
        )
        return redirect(plan_reverse("show-assessment", participant, is_own, assessment.pk))
    messages.success(request, _("Thank you. The assessment is complete."))
    return redirect(plan_reverse("show-competencies", participant, is_own))


@require_POST
@role_required(Role.PARTICIPANT)
def finish_assessment(request: HttpRequest, assessment_id: int) -> HttpResponse:
    return _finish(request, viewer(request), True, assessment_id)


@require_POST
@staff_required
def finish_person_assessment(
    request: HttpRequest, participant_id: int, assessment_id: int
) -> HttpResponse:
    return _finish(request, person_for_staff(request, participant_id, None), False, assessment_id)


def _discard(
    request: HttpRequest, participant: User, is_own: bool, assessment_id: int
) -> HttpResponse:
    assessment = _own_draft(request, participant, assessment_id)
    actions.do_discard_assessment(viewer(request), assessment)
    messages.success(request, _("The draft is deleted."))
    return redirect(plan_reverse("show-competencies", participant, is_own))


@require_POST
@role_required(Role.PARTICIPANT)
def discard_assessment(request: HttpRequest, assessment_id: int) -> HttpResponse:
    return _discard(request, viewer(request), True, assessment_id)


@require_POST
@staff_required
def discard_person_assessment(
    request: HttpRequest, participant_id: int, assessment_id: int
) -> HttpResponse:
    return _discard(request, person_for_staff(request, participant_id, None), False, assessment_id)
