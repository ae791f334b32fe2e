"""Every page as every role in Chromium: the status of the persona matrix, German, axe (WCAG 2.1 AA).

The URLs come from the persona matrix (ikz/tests/test_persona_matrix.py), which fails when a URL
pattern has no row; so a new page is walked here as soon as it gets its row there.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, login
from ikz.test import World
from ikz.tests.test_persona_matrix import MATRIX, PERSONAS, _objects

# Files, not pages: fetched and checked for their status and that they are not HTML.
DOWNLOADS = {
    "documents:version_download",
    "portal:document_download",
    "calendar_feed",
    "security_txt",
    "membership:template_preview_download",
    "invoicing:invoice_download",
}
# the meeting's calendar entry (iCalendar) and the OParl 1.1 export (JSON)
DOWNLOADS |= {
    "meetings:meeting_ics",
    "oparl:system",
    "oparl:bodies",
    "oparl:body",
    "oparl:body_list",
    "oparl:object",
}
# The REST API answers JSON, not pages (its HTML reference and token pages are in "api:").
API_NAMESPACE = "api-v1:"


def _pages(world: World, persona: str) -> list[tuple[str, int | str]]:
    """(URL, expected) for every row of the matrix, plus the list with a search term and filters."""
    objects = _objects(world)
    pages = [
        (
            reverse(name, args=args(world, objects)),
            "download"
            if (name in DOWNLOADS or name.startswith(API_NAMESPACE)) and expected[persona] == 200
            else expected[persona],
        )
        for name, args, expected in MATRIX
    ]
    listing = reverse("municipalities:municipality_list")
    expected_list = dict(pages)[listing]
    pages.append((f"{listing}?q=Raun&kind=stadt&sort=-population", expected_list))
    pages.append((f"{listing}?q=gibt-es-nicht&historical=on", expected_list))
    return pages


def _check_german_page(page: Any, url: str) -> None:
    lang, headings = page.evaluate(
        "() => [document.documentElement.lang, document.querySelectorAll('main h1, #content h1').length]"
    )
    assert lang == "de", f"{url}: <html lang> ist {lang!r}, nicht de"
    assert headings == 1, f"{url}: genau eine Hauptüberschrift erwartet, gefunden {headings}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_of_each_role_is_german_and_accessible(
    page: Any, live_server: Any, bworld: World, persona: str
) -> None:
    """Each page the role may open: status 200, German, one h1, axe. Pages the role may not open:
    the status of the matrix (one 403 page per role also through axe). axe runs on the whole first
    page of each role (its header and navigation) and on every page whose content is new."""
    blocked: list[str] = []  # what the Content-Security-Policy refused (inline style or script)
    page.on(
        "console",
        lambda message: (
            blocked.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    login(page, live_server, bworld.users()[persona])
    login_url = live_server.url + reverse("accounts:login")
    first, checked_forbidden, visited = True, False, 0
    for url, expected in _pages(bworld, persona):
        if expected == 200 or (expected == 403 and not checked_forbidden):
            try:
                response = page.goto(url)
            except Exception as exc:  # a file download (DOCX, PDF) is no page to look at
                if "Download is starting" not in str(exc):
                    raise
                download = page.request.get(url)
                assert download.status == expected and "html" not in download.headers["content-type"], url
                continue
            assert response is not None and response.status == expected, (
                f"{persona} {url}: erwartet {expected}, erhalten {response and response.status}"
            )
            _check_german_page(page, url)
            assert_accessible(page, once=not first)
            first, visited = False, visited + 1
            checked_forbidden = checked_forbidden or expected == 403
            continue
        # No page to look at: the status (or the redirect) is enough, fetched with the same cookies.
        response = page.request.get(url, max_redirects=0)
        location = response.headers.get("location", "")
        if expected == "download":
            assert response.status == 200, (persona, url, response.status)
            assert not response.headers["content-type"].startswith("text/html"), (persona, url)
        elif expected == "login":
            assert response.status == 302 and (live_server.url + location).startswith(login_url), (
                persona,
                url,
                location,
            )
        elif expected == "admin-login":
            assert response.status == 302 and "/verwaltung/login/" in location, (persona, url, location)
        else:  # 403, 405 (logout by GET), 302 (the login page sends someone logged in on)
            assert response.status == expected, (
                f"{persona} {url}: erwartet {expected}, erhalten {response.status}"
            )
    assert visited >= {"office": 30, "anonymous": 7}.get(persona, 16), f"{persona}: nur {visited} Seiten"
    assert not blocked, "Von der Content-Security-Policy blockiert:\n" + "\n".join(blocked)


def test_admin_login_page_is_accessible(page: Any, bworld: World) -> None:
    """The back office has no login of its own (it would skip the second factor): its login
    address leads to the platform's login, which comes back to the back office afterwards."""
    page.goto(reverse("admin:index"))
    assert reverse("accounts:login") + "?next=%2Fverwaltung%2F" in page.url
    assert page.locator("html").get_attribute("lang") == "de"
    assert_accessible(page)


def test_missing_page_is_german_and_accessible(page: Any, live_server: Any, bworld: World) -> None:
    login(page, live_server, bworld.contact_b)
    response = page.goto(reverse("municipalities:municipality_detail", args=[999999]))
    assert response is not None and response.status == 404
    _check_german_page(page, page.url)
    assert "Seite nicht gefunden" in page.locator("h1").inner_text()
    assert_accessible(page)


def test_outsider_gets_a_german_403_and_never_an_edit_link(
    page: Any, live_server: Any, bworld: World
) -> None:
    login(page, live_server, bworld.contact_b)
    raunheim_edit = reverse("municipalities:municipality_edit", args=[bworld.kommune_a.pk])
    response = page.goto(raunheim_edit)
    assert response is not None and response.status == 403
    _check_german_page(page, raunheim_edit)
    assert "Keine Berechtigung" in page.locator("h1").inner_text()
    assert_accessible(page)
    # Kelsterbach's contact sees Raunheim everywhere, but nowhere a way to edit it.
    own_edit = reverse("municipalities:municipality_edit", args=[bworld.kommune_b.pk])
    for url in [
        reverse("home"),
        reverse("municipalities:municipality_list"),
        reverse("municipalities:municipality_detail", args=[bworld.kommune_a.pk]),
        reverse("municipalities:region_detail", args=[bworld.region.slug]),
    ]:
        page.goto(url)
        assert page.locator(f'a[href="{raunheim_edit}"]').count() == 0, url
    page.goto(reverse("municipalities:municipality_detail", args=[bworld.kommune_b.pk]))
    assert page.locator(f'a[href="{own_edit}"]').count() == 1, "kein Bearbeiten-Link für die eigene Kommune"
