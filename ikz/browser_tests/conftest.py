"""Browser tests: Playwright drives the installed Chromium (Debian's package); nothing is downloaded.

Without Chromium the tests are skipped with a message that says how to install it; CI sets
``IKZ_REQUIRE_BROWSER=1`` so that a missing browser fails instead of skipping silently.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from ikz.test import World, build_world

# Playwright's sync API runs an event loop in this thread; the ORM calls of the tests are still
# synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def chromium_path() -> str | None:
    configured = os.environ.get("IKZ_CHROMIUM")
    if configured:
        return configured if os.path.exists(configured) else None
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
def bworld(transactional_db: None) -> World:
    return build_world()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def log_in(page: Any, live_server: Any, world: World, persona: str) -> None:
    """Give the browser the session of ``persona`` (the login form itself is tested by keyboard)."""
    user = world.users()[persona]
    if user is None:
        return
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def assert_accessible(page: Any) -> None:
    """axe-core (WCAG 2.1 A and AA rules) finds no violation on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_AA)
    violations = results.response["violations"]
    report = [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in violations
    ]
    assert not violations, f"axe auf {page.url}:\n" + "\n".join(report)
