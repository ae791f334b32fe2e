"""Principle resolutions: the office opens the overview with the map; a contact edits their own
municipality's resolution by keyboard (a refused future date first, then the correct one)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, focused, login, tab_to
from ikz.municipalities.models import Boundary, Municipality
from ikz.resolutions.models import Resolution
from ikz.test import World


def _square(unit: Municipality, lon: float, lat: float) -> None:
    ring = [[lon, lat], [lon + 0.08, lat], [lon + 0.08, lat + 0.05], [lon, lat + 0.05], [lon, lat]]
    Boundary.objects.create(
        municipality=unit,
        geometry={"type": "Polygon", "coordinates": [ring]},
        source_file="test.geojson",
        source_date=dt.date(2025, 1, 1),
    )


def _type_date(page: Any, selector: str, date: dt.date) -> None:
    """Type a date into the focused date field by keyboard. The segment order follows the
    browser's language (Chromium here: month/day/year), so try that and the German order."""
    for order in ("%m%d%Y", "%d%m%Y"):
        for _ in range(4):  # leave the field backwards, then enter it at its first segment
            if not focused(page, selector):
                break
            page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        assert focused(page, selector)
        page.keyboard.type(date.strftime(order))
        if page.locator(selector).input_value() == date.isoformat():
            return
    raise AssertionError(f"{date} ließ sich nicht in {selector} eingeben")


def _setup(world: World) -> Resolution:
    _square(world.kommune_a, 8.42, 49.99)
    _square(world.kommune_b, 8.52, 50.03)
    Resolution.objects.create(
        municipality=world.kommune_b,
        body="magistrat",
        date=dt.date(2013, 11, 25),
        outcome="adopted_executive",
    )
    return Resolution.objects.create(municipality=world.kommune_a, body="stvv", outcome="pending")


def test_office_sees_the_map_with_legend_and_table(page: Any, live_server: Any, bworld: World) -> None:
    _setup(bworld)
    login(page, live_server, bworld.office)
    page.goto(reverse("resolutions:overview", args=[bworld.region.slug]))
    svg = page.locator('svg.ikz-map[role="img"]')
    assert svg.count() == 1 and svg.bounding_box()["height"] > 100  # type: ignore[index]
    labels = page.locator("svg.ikz-map text").all_text_contents()
    assert labels == ["Raun …", "Kelst ◆"], labels
    assert "Beschluss des Magistrats / Verwaltungsorgans gefasst (1)" in page.locator("main ul").inner_text()
    rows = page.locator("main table tbody tr")
    assert rows.count() == 2 and "noch offen" in rows.nth(0).inner_text()
    assert_accessible(page)


def test_contact_edits_own_resolution_by_keyboard(page: Any, live_server: Any, bworld: World) -> None:
    resolution = _setup(bworld)
    login(page, live_server, bworld.contact_a)
    page.goto(reverse("resolutions:overview", args=[bworld.region.slug]))
    edit_url = reverse("resolutions:resolution_edit", args=[resolution.pk])
    assert (
        page.locator(f'a[href="{reverse("resolutions:resolution_edit", args=[resolution.pk + 1])}"]').count()
        == 0
    )
    tab_to(page, f'main a[href="{edit_url}"]')
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(edit_url)
    assert_accessible(page)

    tab_to(page, "#id_date")
    _type_date(page, "#id_date", dt.date(2099, 10, 24))
    tab_to(page, "#id_outcome")
    page.keyboard.press("Home")  # the first outcome: adopted by the council
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Zukunft" in page.locator("#id_date_error").inner_text()
    assert page.locator("#id_date").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    assert Resolution.objects.get(pk=resolution.pk).outcome == "pending"

    page.locator("#id_date").focus()
    _type_date(page, "#id_date", dt.date(2013, 10, 24))
    tab_to(page, "#id_source")
    page.keyboard.type("Niederschrift der gemeinsamen Sitzung")
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "wurde gespeichert" in page.locator("main").inner_text()
    saved = Resolution.objects.get(pk=resolution.pk)
    assert (saved.outcome, saved.date, saved.source, saved.version) == (
        "adopted_council",
        dt.date(2013, 10, 24),
        "Niederschrift der gemeinsamen Sitzung",
        2,
    )
    assert_accessible(page)
