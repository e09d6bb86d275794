"""Headers browsers enforce: CSP, HSTS and the HTTPS redirect, Permissions-Policy, Server."""

import json
import os
import subprocess
import sys
import urllib.request

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("url", ["/", "/explore/", "/accounts/login/", "/api/openapi.json"])
def test_every_answer_has_a_strict_content_security_policy(client, url):
    response = client.get(url)
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert "unsafe" not in response["Content-Security-Policy"]


def test_signed_in_pages_and_the_admin_have_it_too(client, site_admin):
    client.force_login(site_admin)
    for url in [reverse("web-staff-home"), "/admin/", "/admin/accounts/user/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "script-src 'self'" in response["Content-Security-Policy"]


def test_permissions_policy_turns_off_device_features(client):
    policy = client.get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_htmx_is_told_not_to_inject_styles_or_evaluate_code(client):
    html = client.get("/").content.decode()
    config = html.split('name="htmx-config" content=\'')[1].split("'")[0]
    assert json.loads(config) == {"includeIndicatorStyles": False, "allowEval": False}


def settings_under(env: dict[str, str]) -> dict[str, object]:
    """The settings module's answer for an environment, read in a fresh interpreter."""
    names = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER"]
    code = (
        "import json; from django.conf import settings as s; import django; django.setup(); "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {names!r}}}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("BEHIND_HTTPS_PROXY", "SITE_URL")}
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "peerpath.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_https_behind_a_proxy_turns_on_hsts_and_the_redirect():
    on = settings_under({"BEHIND_HTTPS_PROXY": "true", "SITE_URL": "https://peerpath.example.org"})
    assert on["SECURE_SSL_REDIRECT"] is True
    assert on["SECURE_HSTS_SECONDS"] == 31_536_000
    assert on["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    plain = settings_under({"BEHIND_HTTPS_PROXY": "true", "SITE_URL": "http://10.0.0.5:8000"})
    assert not plain["SECURE_SSL_REDIRECT"] and not plain["SECURE_HSTS_SECONDS"]
    direct = settings_under({"SITE_URL": "https://peerpath.example.org"})
    assert not direct["SECURE_SSL_REDIRECT"] and not direct["SECURE_HSTS_SECONDS"]


@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=31_536_000,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
)
def test_plain_http_is_redirected_and_https_answers_carry_hsts(client):
    plain = client.get("/explore/")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/explore/"
    secure = client.get("/explore/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000"


def test_the_server_header_does_not_name_python(live_server):
    from peerpath.web.security import hide_server_version

    hide_server_version()
    with urllib.request.urlopen(live_server.url + "/explore/") as answer:  # noqa: S310
        server = answer.headers["Server"]
    assert server == "PeerPath"
