"""PeerPath's URLs plus `/bench/floor/`: a bare view that goes through the full
middleware stack (sessions, authentication, MFA, security headers, …) and does
nothing else, so the benchmark can tell page work from framework work."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from peerpath.urls import urlpatterns as peerpath_urlpatterns


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), *peerpath_urlpatterns]
