"""Every GET URL, for every role, in two organizations: no server error, no leak.

Each role opens every URL pattern (with real ids from the demo organization's data,
and again with the other organization's), then follows the links on those pages
one level further. No answer may be a server error, and no page may show the
name, email or notes of a participant the role may not see.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from peerpath.accounts.models import User
from peerpath.audit.tests.world import (
    OTHER_EMAIL,
    OTHER_NAME,
    OTHER_NOTE,
    World,
    all_routes,
    build_world,
    route_kwargs,
)

ROLES = [
    "anonymous",
    "participant",
    "other_participant",
    "advocate",
    "coordinator",
    "administrator",
    "other_coordinator",
]
# Not crawled: signing out ends the walk; static files are not pages.
SKIP_PREFIXES = ("/accounts/logout/", "/static/", "/i18n/")
MAX_PER_URL_NAME = 4
HREF = re.compile(r'href="(/[^"#]*)"')


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def _forbidden(world: World, role: str) -> list[str]:
    """Text that must never reach `role`: participants outside what it may see."""
    other_org = [OTHER_NAME, OTHER_EMAIL, OTHER_NOTE]
    if role == "other_coordinator":
        return world.names_of(world.organization)
    if role in ("participant", "other_participant"):
        me = world.people[role]
        return other_org + [
            text
            for person in User.objects.filter(program=world.program).exclude(pk=me.pk)
            for text in (person.full_name, person.email)
            if text
        ]
    return other_org


def _start_urls(world: World) -> list[str]:
    urls = []
    for route in all_routes():
        for program in (world.program, world.other_program):
            resolved = route_kwargs(route, program)
            if resolved is None:
                continue
            try:
                urls.append(reverse(route.name, kwargs=resolved[0]))
            except Exception:  # noqa: S112 - a value a converter refuses: nothing to open
                continue
    return list(dict.fromkeys(urls))


def _crawl(client: Client, start: list[str], forbidden: list[str]) -> tuple[int, list, list]:
    seen: set[str] = set()
    per_name: Counter[str] = Counter()
    errors, leaks = [], []
    queue = [(url, 0) for url in start]
    while queue:
        url, depth = queue.pop(0)
        path = url.split("?", 1)[0]
        if url in seen or path.startswith(SKIP_PREFIXES):
            continue
        try:
            name = resolve(path).url_name or path
        except Resolver404:
            continue
        if per_name[name] >= MAX_PER_URL_NAME:
            continue
        seen.add(url)
        per_name[name] += 1
        response = client.get(url)
        if response.status_code >= 500:
            errors.append((url, response.status_code))
            continue
        body = _text(response)
        if depth < 1 and "html" in response.get("Content-Type", ""):
            queue += [(link.replace("&amp;", "&"), depth + 1) for link in HREF.findall(body)]
        leaks += [(url, text) for text in forbidden if text and text in body]
    return len(seen), errors, leaks


def _text(response: object) -> str:
    """The answer as text when it is text (pages, JSON, CSV, calendars); "" for files."""
    content_type = response.get("Content-Type", "")  # type: ignore[attr-defined]
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        # Closing a response says the request finished, which would close the test's
        # database connection; the test client avoids that the same way.
        request_finished.disconnect(close_old_connections)
        try:
            response.close()  # type: ignore[attr-defined]
        finally:
            request_finished.connect(close_old_connections)
    else:
        content = response.content  # type: ignore[attr-defined]
    if not content_type.startswith(("text/", "application/json")):
        return ""
    return content.decode(errors="replace")


@pytest.mark.parametrize("role", ROLES)
def test_every_get_url_answers_without_error_or_leak(world: World, role: str) -> None:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world.people[role])
    pages, errors, leaks = _crawl(client, _start_urls(world), _forbidden(world, role))
    assert errors == []
    assert leaks == []
    assert pages > 100
