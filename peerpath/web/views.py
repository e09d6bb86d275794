from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from peerpath.accounts.access import programs_for_user, staff_required
from peerpath.accounts.models import Role, User
from peerpath.catalog.models import (
    Competency,
    EmployerType,
    Framework,
    FurtherTraining,
    JobTitle,
    Specialization,
    SpecializationCompetency,
)
from peerpath.web.dashboard import dashboard_tiles
from peerpath.web.health import health_report
from peerpath.web.learn import topic as find_topic
from peerpath.web.learn import topics as learn_topics


def home(request: HttpRequest) -> HttpResponse:
    specializations = Specialization.objects.all()
    return render(request, "web/home.html", {"specializations": specializations})


def explore(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/explore.html",
        {
            "employer_types": EmployerType.objects.all(),
            "job_titles": JobTitle.objects.filter(level=JobTitle.Level.ENTRY),
            "management_titles": JobTitle.objects.filter(level=JobTitle.Level.MANAGEMENT),
            "further_trainings": FurtherTraining.objects.all(),
        },
    )


def learn(request: HttpRequest) -> HttpResponse:
    return render(request, "web/learn.html", {"topics": learn_topics()})


def learn_topic(request: HttpRequest, slug: str) -> HttpResponse:
    found = find_topic(slug)
    if found is None:
        raise Http404
    return render(request, "web/learn_topic.html", {"topic": found, "topics": learn_topics()})


def certification_path(request: HttpRequest) -> HttpResponse:
    return render(request, "web/path.html")


def specializations(request: HttpRequest) -> HttpResponse:
    items = Specialization.objects.prefetch_related(
        Prefetch("competencies", queryset=SpecializationCompetency.objects.order_by("order"))
    ).annotate(provider_count=Count("providers", filter=Q(providers__is_active=True)))
    return render(request, "web/specializations.html", {"specializations": items})


def competencies(request: HttpRequest) -> HttpResponse:
    frameworks = {framework: [] for framework in Framework.values}
    for competency in Competency.objects.prefetch_related("items"):
        frameworks[competency.framework].append(competency)
    sections = [(Framework(code).label, code, items) for code, items in frameworks.items()]
    return render(request, "web/competencies.html", {"sections": sections})


@login_required
def after_login(request: HttpRequest) -> HttpResponse:
    if request.user.has_staff_role:  # type: ignore[union-attr]
        return redirect("web-staff-home")
    return redirect("participants-home")


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    programs = (
        programs_for_user(user)
        .select_related("organization")
        .annotate(participant_count=Count("participants", distinct=True))
    )
    colleagues = (
        User.objects.filter(organization_id=user.organization_id, is_active=True)
        .exclude(role=Role.PARTICIPANT)
        .order_by("role", "full_name")
        if user.organization_id
        else User.objects.none()
    )
    return render(
        request,
        "web/staff_home.html",
        {
            "programs": programs,
            "colleagues": colleagues,
            "organization": user.organization,
            "tiles": dashboard_tiles(user),
        },
    )


@require_POST
def change_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, and remember the choice on the account when signed in."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in {"en", "es"}:
        User.objects.filter(pk=request.user.pk).update(language=language)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        response["Location"] = "/"
    return response


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 while the database answers and is migrated, else 503.
    Counts and ages only, no personal data."""
    serving, report = health_report()
    return JsonResponse(report, status=200 if serving else 503)
