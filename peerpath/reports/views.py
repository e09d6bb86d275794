"""Outcome reports for coordinators (their organization) and administrators."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from peerpath.accounts.access import (
    is_installation_admin,
    organizations_for_user,
    programs_for_user,
    role_required,
)
from peerpath.accounts.models import Role, User
from peerpath.audit.actions import record_event
from peerpath.reports.data import Scope, min_cell_for
from peerpath.reports.deidentify import export_csv
from peerpath.reports.exports import csv_response, xlsx_response
from peerpath.reports.forms import (
    DeidentifiedExportForm,
    ReportFilterForm,
    default_period_value,
)
from peerpath.reports.report import DEFINITIONS, Report, build_report

REPORT_ROLES = (Role.COORDINATOR, Role.ADMINISTRATOR)


def _form(request: HttpRequest, user: User) -> ReportFilterForm:
    data: QueryDict | dict[str, str] = request.GET
    today = timezone.localdate()
    if "period" not in data:
        data = {**request.GET.dict(), "period": default_period_value(today)}
    return ReportFilterForm(
        data,
        organizations=organizations_for_user(user) if is_installation_admin(user) else None,
        programs=programs_for_user(user).select_related("organization").order_by("name"),
        today=today,
    )


def _report(user: User, form: ReportFilterForm) -> Report:
    data = form.cleaned_data
    programs = list(programs_for_user(user).select_related("organization"))
    organization = data.get("organization")
    if data.get("program"):
        programs = [data["program"]]
    elif organization is not None:
        programs = [p for p in programs if p.organization_id == organization.pk]
    cohort = data.get("cohort")
    if organization is None and not is_installation_admin(user):
        organization = user.organization
    filters = [
        (_("Organization"), organization.name if organization else _("All organizations")),
        (_("Program"), data["program"].name if data.get("program") else _("All programs")),
        (_("Cohort"), cohort.name if cohort else _("All cohorts")),
    ]
    scope = Scope(tuple(p.pk for p in programs), cohort.pk if cohort else None)
    period = data["period_value"]
    return build_report(scope, period, timezone.localdate(), min_cell_for(programs), filters)


@never_cache
@role_required(*REPORT_ROLES)
def show_report(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = _form(request, user)
    report = _report(user, form) if form.is_valid() else None
    query = request.GET.urlencode()
    context = {"form": form, "report": report, "query": query, "definitions": DEFINITIONS}
    return render(request, "reports/report.html", context)


@never_cache
@role_required(*REPORT_ROLES)
def download_report(request: HttpRequest, fmt: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = _form(request, user)
    if fmt not in ("xlsx", "csv") or not form.is_valid():
        context: dict[str, Any] = {"form": form, "report": None, "query": ""}
        return render(request, "reports/report.html", context, status=400)
    report = _report(user, form)
    record_export(user, report, fmt)
    return xlsx_response(report) if fmt == "xlsx" else csv_response(report)


def record_export(user: User | None, report: Report, fmt: str) -> None:
    record_event(
        user,
        "reports.export",
        None,
        format=fmt,
        period_start=report.period.start.isoformat(),
        period_end=report.period.end.isoformat(),
        filters=[value for _label, value in report.filters],
    )


@never_cache
@role_required(Role.ADMINISTRATOR)
def deidentified_export(request: HttpRequest) -> HttpResponse:
    """Administrators only, with a reason: one de-identified row per participant."""
    user: User = request.user  # type: ignore[assignment]
    form = DeidentifiedExportForm(
        request.POST or None,
        organizations=organizations_for_user(user) if is_installation_admin(user) else None,
        programs=programs_for_user(user).select_related("organization").order_by("name"),
    )
    if request.method != "POST" or not form.is_valid():
        return render(request, "reports/deidentified.html", {"form": form})
    data = form.cleaned_data
    programs = list(programs_for_user(user))
    if data.get("program"):
        programs = [data["program"]]
    elif data.get("organization"):
        programs = [p for p in programs if p.organization_id == data["organization"].pk]
    scope = Scope(tuple(p.pk for p in programs))
    today = timezone.localdate()
    content = export_csv(scope, data["export_key"], today, year_only=data["dates"] == "year")
    record_event(
        user,
        "reports.deidentified_export",
        None,
        reason=data["reason"],
        programs=[p.pk for p in programs],
        dates=data["dates"],
    )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="deidentified-{today.isoformat()}.csv"'
    return response
