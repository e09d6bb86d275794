"""The Django admin's pages about people are staff reads too: audit them.

`audit_admin_reads(admin.site)` runs once the admin has every model registered
(from `peerpath/urls.py`). Every registered model that belongs to a person (the
user model itself, or a model with a foreign key to it) gets its change page and
its list audited: one row per object shown, about the person it belongs to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.http import HttpRequest, HttpResponse

from peerpath.audit.actions import record_reads

# When a model points at several people, the first of these names is the one it is about.
PERSON_FIELDS = ("participant", "applicant", "user", "subject")
CHANGE_ACTION = "admin.record.view"
LIST_ACTION = "admin.list.view"


def person_path(model: type[models.Model]) -> str | None:
    """ "" for the user model, the name of the field holding the person, or None."""
    user_model = get_user_model()
    if model is user_model:
        return ""
    fields = [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is user_model
    ]
    preferred = [name for name in PERSON_FIELDS if name in fields]
    return (preferred or fields or [None])[0]


def audit_admin_reads(site: admin.AdminSite) -> None:
    for model, model_admin in site._registry.items():
        path = person_path(model)
        if path is not None and not getattr(model_admin, "audits_reads", False):
            _audit(model_admin, model, path)


def _audit(model_admin: admin.ModelAdmin, model: type[models.Model], path: str) -> None:
    change_view: Callable[..., HttpResponse] = model_admin.change_view
    changelist_view: Callable[..., HttpResponse] = model_admin.changelist_view

    def audited_change_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = change_view(request, *args, **kwargs)
        original = _context(request, response).get("original")
        if original is not None:
            record_reads(request.user, CHANGE_ACTION, model, [original.pk], path)
        return response

    def audited_changelist_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = changelist_view(request, *args, **kwargs)
        changelist = _context(request, response).get("cl")
        if changelist is not None:
            shown = [obj.pk for obj in changelist.result_list]
            record_reads(request.user, LIST_ACTION, model, shown, path)
        return response

    model_admin.change_view = audited_change_view  # type: ignore[method-assign]
    model_admin.changelist_view = audited_changelist_view  # type: ignore[method-assign]
    model_admin.audits_reads = True  # type: ignore[attr-defined]


def _context(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    """The page's context when it is a page that shows data (not a redirect or a save)."""
    if request.method != "GET" or response.status_code != 200:
        return {}
    return getattr(response, "context_data", None) or {}
