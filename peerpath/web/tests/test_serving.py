"""Compression and fingerprinted static files."""

import gzip
import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from peerpath.web.compression import HtmlGZipMiddleware

MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.mark.django_db
def test_html_is_gzipped_when_the_browser_accepts_it(client):
    response = client.get(reverse("catalog-find-providers"), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.content)
    assert "Accept-Encoding" in response["Vary"]
    plain = client.get(reverse("catalog-find-providers"))
    assert not plain.has_header("Content-Encoding")


@pytest.mark.django_db
def test_account_pages_with_secrets_are_never_compressed(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert HtmlGZipMiddleware  # the middleware in settings is this one


@pytest.mark.django_db
def test_collectstatic_fingerprints_and_precompresses(client, tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    with override_settings(STORAGES=MANIFEST):
        call_command("collectstatic", interactive=False, verbosity=0)
        html = client.get(reverse("catalog-find-providers")).content.decode()
    css = re.search(r'href="/static/(peerpath/site[^"]*\.css)"', html)
    assert css, "the page links a style sheet"
    assert re.search(r"\.[0-9a-f]{12}\.css$", css.group(1)), "its name carries a hash"
    assert (tmp_path / css.group(1)).exists()
    assert (tmp_path / (css.group(1) + ".gz")).exists()
