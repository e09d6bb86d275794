from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation

from peerpath.accounts.access import has_mfa

# Paths a staff member without MFA can still reach: setting up MFA itself,
# logging out, changing language and static files.
MFA_SETUP_ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/")


class UserLanguageMiddleware:
    """Use the language saved on the account when the browser has made no choice."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
        ):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class StaffMfaRequiredMiddleware:
    """Send a signed-in staff member who has no second factor to set one up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and user.has_staff_role
            and not request.path.startswith(MFA_SETUP_ALLOWED_PREFIXES)
            and not has_mfa(user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
