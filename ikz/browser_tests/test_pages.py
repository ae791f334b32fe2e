"""Every page in Chromium: status, German, axe (WCAG 2.1 AA), per role; error pages too."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ikz.browser_tests.conftest import assert_accessible, log_in
from ikz.test import World
from ikz.tests.test_persona_matrix import MATRIX, PERSONAS, _objects

pytestmark = pytest.mark.browser


def _urls_for(world: World, persona: str) -> list[str]:
    """The URL of every page of the persona matrix that ``persona`` may open (status 200)."""
    objects = _objects(world)
    return [
        reverse(name, args=args(world, objects))
        for name, args, expected in MATRIX
        # The Django admin is the back office of the framework, not one of our pages.
        if not name.startswith("admin:") and expected[persona] == 200
    ]


def _visit(page: Any, url: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, f"{url}: {response and response.status}"
    assert page.locator("html").get_attribute("lang") == "de", url
    assert page.locator("h1").count() == 1, f"{url}: genau eine Hauptüberschrift erwartet"
    assert_accessible(page)


def test_every_page_of_the_office_passes_axe(page: Any, live_server: Any, bworld: World) -> None:
    log_in(page, live_server, bworld, "office")
    urls = _urls_for(bworld, "office")
    assert len(urls) >= 25
    for url in urls:
        _visit(page, url)


def test_every_public_page_passes_axe(page: Any, bworld: World) -> None:
    urls = _urls_for(bworld, "anonymous")
    assert reverse("accounts:login") in urls and reverse("accessibility") in urls
    for url in urls:
        _visit(page, url)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p not in {"office", "anonymous"}])
def test_each_role_browses_its_pages(page: Any, live_server: Any, bworld: World, persona: str) -> None:
    log_in(page, live_server, bworld, persona)
    for url in _urls_for(bworld, persona):
        response = page.goto(url)
        assert response is not None and response.status == 200, url
    _visit(page, reverse("home"))
    _visit(page, reverse("municipalities:municipality_detail", args=[bworld.kommune_a.pk]))
    nav = page.locator("nav").first.inner_text()
    assert ("Meine Kommune" in nav) == (persona in {"contact_a", "contact_b"}), nav


def test_forbidden_and_missing_pages_are_german_and_accessible(
    page: Any, live_server: Any, bworld: World
) -> None:
    log_in(page, live_server, bworld, "contact_b")
    raunheim_edit = reverse("municipalities:municipality_edit", args=[bworld.kommune_a.pk])
    _visit(page, raunheim_edit, status=403)
    assert "Keine Berechtigung" in page.locator("h1").inner_text()
    _visit(page, reverse("municipalities:municipality_detail", args=[999999]), status=404)
    assert "Seite nicht gefunden" in page.locator("h1").inner_text()
    # Kelsterbach's contact sees Raunheim, but no way to edit it.
    _visit(page, reverse("municipalities:municipality_detail", args=[bworld.kommune_a.pk]))
    assert page.locator(f'a[href="{raunheim_edit}"]').count() == 0
