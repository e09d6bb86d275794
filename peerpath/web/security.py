"""Response headers that browsers enforce, beyond Django's and django-csp's."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class PermissionsPolicyMiddleware:
    """Tell browsers this site never uses the camera, microphone, location and the like."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def hide_server_version() -> None:
    """The development server names Python and its version in every answer; say PeerPath."""
    from django.core.servers import basehttp

    basehttp.ServerHandler.server_software = "PeerPath"
