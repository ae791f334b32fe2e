"""Browser tests: Playwright drives the installed Chromium (Debian's package); nothing is downloaded.

Every test in this package carries the ``browser`` marker (``make test-unit`` leaves them out).
Without Chromium the tests are skipped with a message that says how to install it; CI sets
``IKZ_REQUIRE_BROWSER=1`` so that a missing browser fails instead of skipping silently.

One browser per session, a fresh browser context (cookies, storage) per test, the persona world
built per test in a transactional database because the live server runs in another thread.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ikz.test import World, build_world

# Playwright's sync API runs an event loop in this thread, which makes Django refuse ORM calls
# ("async unsafe"); the tests' ORM calls are still plain synchronous code and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).resolve().parent
SKIP_REASON = (
    "Chromium nicht gefunden – Browser-Tests übersprungen. Installieren mit: "
    "sudo apt-get install chromium (oder IKZ_CHROMIUM=/pfad/zu/chromium setzen)"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: Any, items: list[pytest.Item]) -> None:
    """Mark every test of this package ``browser`` (before ``-m`` selects), new modules included."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str | None:
    """``IKZ_CHROMIUM``, else Debian's ``/usr/bin/chromium``, else whatever ``chromium`` is on PATH."""
    configured = os.environ.get("IKZ_CHROMIUM")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        if os.environ.get("IKZ_REQUIRE_BROWSER") == "1":
            pytest.fail(SKIP_REASON.replace("übersprungen", "fehlen, aber IKZ_REQUIRE_BROWSER=1"))
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def bworld(browser: Any, transactional_db: None) -> World:
    """The persona world (ikz/test.py), committed so that the live server's thread sees it.

    Depends on ``browser`` so that a missing Chromium skips before any database work."""
    return build_world()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A new tab in a new browser context; relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
