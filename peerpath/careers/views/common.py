from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from peerpath.accounts.models import Role, User


def is_participant(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.role == Role.PARTICIPANT  # type: ignore[union-attr]


def acting_user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def draft_saved(request: HttpRequest, redirect_to: str) -> HttpResponse:
    """After a draft is saved: a status line for htmx autosave, or back to the page."""
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "careers/_save_status.html",
            {"saved": True, "saved_at": timezone.localtime()},
        )
    messages.success(request, _("Saved."))
    return redirect(redirect_to)


def draft_refused(request: HttpRequest, form: Any) -> HttpResponse:
    """An autosave that did not validate: say what to fix; nothing typed is lost."""
    return render(request, "careers/_save_status.html", {"saved": False, "form": form})
