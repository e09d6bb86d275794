from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from peerpath.careers.content import interview_content
from peerpath.careers.summary import careers_summary
from peerpath.careers.views.common import acting_user, is_participant
from peerpath.catalog.models import EmployerType, FurtherTraining, JobTitle


@never_cache
def careers_home(request: HttpRequest) -> HttpResponse:
    """Everyone: the job landscape and the employer guide; a participant also sees their own."""
    summary = careers_summary(acting_user(request)) if is_participant(request) else None
    return render(request, "careers/home.html", {"careers": summary})


def job_landscape(request: HttpRequest) -> HttpResponse:
    titles = list(JobTitle.objects.all())
    return render(
        request,
        "careers/jobs.html",
        {
            "employer_types": EmployerType.objects.all(),
            "job_titles": [t for t in titles if t.level == JobTitle.Level.ENTRY],
            "management_titles": [t for t in titles if t.level == JobTitle.Level.MANAGEMENT],
            "further_trainings": FurtherTraining.objects.all(),
        },
    )


def employer_guide(request: HttpRequest) -> HttpResponse:
    content = interview_content()
    return render(
        request,
        "careers/employers.html",
        {"groups": content.questions_by_group()},
    )
