"""Gzip for HTML responses, except where a page shows a secret.

Django's GZipMiddleware pads each compressed response with random bytes ("Heal the
Breach") and CSRF tokens are masked per response, which together defeat BREACH on
ordinary pages. Pages that show long-lived secrets (a new TOTP secret, recovery
codes: the account pages under /accounts/) are still sent uncompressed, so nothing
can be learned from their length. Static files are pre-compressed by WhiteNoise.
See docs/operations.md, "Compression".
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

UNCOMPRESSED_PREFIXES = ("/accounts/",)


class HtmlGZipMiddleware(GZipMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if request.path.startswith(UNCOMPRESSED_PREFIXES):
            return response
        return super().process_response(request, response)
