"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("PEERPATH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to
# run in a thread with a loop unless told that this is safe (it is, in tests).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
    if CHROMIUM.exists() or os.environ.get("PEERPATH_REQUIRE_BROWSER"):
        return
    reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


SERIOUS = {"serious", "critical"}


def serious_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """axe's serious and critical violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in Axe().run(page).response["violations"]
        if v.get("impact") in SERIOUS
    ]


def assert_accessible(page) -> None:  # type: ignore[no-untyped-def]
    found = serious_violations(page)
    assert not found, f"{page.url}: {found}"


@pytest.fixture
def phone(browser, live_server, transactional_db) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A phone-sized page; `phone.goto("/path")` is relative to the live server.

    Every PeerPath page the test loads is checked with axe at the end (as it is then):
    a serious or critical violation fails the test. The Django admin is not checked.
    """
    from django.core.cache import cache

    # The cache is a database table that flushing does not empty: rate limits and
    # used authenticator codes from an earlier test must not leak into this one.
    cache.clear()
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    visited: list[str] = []

    def note(loaded) -> None:  # type: ignore[no-untyped-def]
        url = loaded.url
        path = url[len(live_server.url) :] if url.startswith(live_server.url) else None
        if path is not None and not path.startswith("/admin/") and url not in visited:
            visited.append(url)

    page.on("load", note)
    yield page
    page.remove_listener("load", note)
    problems = {}
    for url in visited:
        response = page.goto(url)
        if response is None or response.status >= 400 or page.url != url:
            continue
        found = serious_violations(page)
        if found:
            problems[url[len(live_server.url) :]] = found
    context.close()
    assert problems == {}, f"axe: serious or critical violations on {problems}"


@pytest.fixture
def reference_data(transactional_db) -> None:  # type: ignore[no-untyped-def]
    from peerpath.catalog.loader import load_reference

    load_reference()


def current_totp_code(user) -> str:  # type: ignore[no-untyped-def]
    """The authenticator code a staff member's app would show right now."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = get_adapter().decrypt(totp.wrap().instance.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def sign_in(page, user, password: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Sign in through the real pages, with the second factor for staff."""
    import time

    from peerpath.conftest import PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password or PASSWORD)
    page.locator("form").get_by_role("button", name="Sign In").click()
    if user.has_staff_role:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        # A code typed as its 30-second window closes is refused, as in real life:
        # then type the next one, like a person would.
        for _attempt in range(2):
            page.locator("input[name=code]").fill(current_totp_code(user))
            page.locator("form").get_by_role("button", name="Sign In").first.click()
            page.wait_for_load_state()
            if "/accounts/2fa/authenticate/" not in page.url:
                break
            time.sleep(31 - time.time() % 30)
        assert "/accounts/2fa/authenticate/" not in page.url, "second factor refused"
    page.wait_for_load_state()
