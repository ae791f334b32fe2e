"""On a phone (390 px wide), as a contact person between appointments uses the platform (issue 19, 7).

Every page of the contact person's journeys — start page, questionnaires, declarations,
resolutions, participation, matrices, profile, notifications — fits the width of the phone
(``document.documentElement.scrollWidth <= 390``: wide tables scroll inside their own box, not the
page) and passes axe there. The header collapses behind a menu button that works by keyboard and
without JavaScript (a ``<details>``).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, focused, login, tab_to
from ikz.test import World
from ikz.tests.test_persona_matrix import MATRIX, _objects

PHONE = {"width": 390, "height": 844}

# The contact person's journeys, by URL name (the arguments come from the persona matrix).
JOURNEYS = [
    "home",
    "accounts:profile",
    "notifications:inbox",
    "notifications:preferences",
    "surveys:campaign_list",
    "surveys:campaign_detail",
    "surveys:response_detail",
    "surveys:response_edit",
    "interests:call_list",
    "interests:call_detail",
    "interests:declaration_detail",
    "interests:declaration_edit",
    "resolutions:overview",
    "resolutions:resolution_create",
    "resolutions:resolution_detail",
    "resolutions:resolution_edit",
    "projects:project_list",
    "projects:project_detail",
    "projects:participation_matrix",
    "projects:participation_own",
    "projects:participation_edit",
    "cooperation:matrix",
    "cooperation:inventory_overview",
    "municipalities:municipality_detail",
    "municipalities:municipality_edit",
    "municipalities:region_detail",
]

WIDTH = "() => document.documentElement.scrollWidth"
# what sticks out of the page on the right: to name the culprit when a page is too wide
WIDE_ELEMENTS = """() => { const w = document.documentElement.clientWidth + 1;
  const out = e => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > w && !e.closest('details:not([open]) > :not(summary)'); };
  return [...document.querySelectorAll('body *')]
    .filter(e => out(e) && !(e.parentElement && out(e.parentElement)))
    .slice(0, 5)
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
      + (e.id ? '#' + e.id : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px in '
      + (e.parentElement ? e.parentElement.tagName.toLowerCase() + '.' + e.parentElement.className : '')
      + ' ' + (e.textContent || '').trim().slice(0, 30)); }"""


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(base_url=live_server.url, locale="de-DE", viewport=PHONE)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def _urls(world: World) -> list[tuple[str, str]]:
    objects = _objects(world)
    rows = {name: (args, expected) for name, args, expected in MATRIX}
    urls = []
    for name in JOURNEYS:
        args, expected = rows[name]
        assert expected["contact_a"] == 200, f"{name}: Kontaktperson A sieht die Seite nicht"
        urls.append((name, reverse(name, args=args(world, objects))))
    return urls


def test_every_page_of_the_contacts_journeys_fits_a_phone(
    phone: Any, live_server: Any, bworld: World
) -> None:
    login(phone, live_server, bworld.contact_a)
    too_wide = []
    for name, url in _urls(bworld):
        response = phone.goto(url)
        assert response is not None and response.status == 200, (
            f"{name} {url}: {response and response.status}"
        )
        width = phone.evaluate(WIDTH)
        if width > PHONE["width"]:
            too_wide.append(f"{name} {url}: {width} px breit ({', '.join(phone.evaluate(WIDE_ELEMENTS))})")
        assert_accessible(phone)
    assert not too_wide, "Seiten breiter als das Telefon:\n" + "\n".join(too_wide)


def test_the_header_collapses_behind_a_menu_button_that_works_by_keyboard(
    phone: Any, live_server: Any, bworld: World
) -> None:
    login(phone, live_server, bworld.contact_a)
    phone.goto(reverse("home"))
    wide_nav = phone.locator("header nav.ikz-wide")
    menu = phone.locator("header details.ikz-menu")
    assert not wide_nav.is_visible() and menu.is_visible()
    first_link = menu.locator("nav a").first
    assert not first_link.is_visible()  # closed: the links take no room
    tab_to(phone, "header details.ikz-menu > summary", limit=5)
    assert focus_is_visible(phone)
    phone.keyboard.press("Enter")
    assert menu.evaluate("d => d.open") and first_link.is_visible()
    phone.keyboard.press("Tab")
    assert focused(phone, "header details.ikz-menu nav a")
    assert phone.evaluate(WIDTH) <= PHONE["width"]
    assert_accessible(phone)
    phone.keyboard.press("Shift+Tab")
    phone.keyboard.press("Enter")  # on the button again: closes
    assert not menu.evaluate("d => d.open")

    # a desktop screen shows the navigation itself and no menu button
    phone.set_viewport_size({"width": 1280, "height": 900})
    assert wide_nav.is_visible() and not menu.is_visible()


def test_the_menu_opens_without_javascript(browser: Any, live_server: Any, bworld: World) -> None:
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport=PHONE, java_script_enabled=False
    )
    tab = context.new_page()
    try:
        login(tab, live_server, bworld.contact_a)
        tab.goto(reverse("home"))
        tab.locator("header details.ikz-menu > summary").click()
        assert tab.locator("header details.ikz-menu nav a").first.is_visible()
    finally:
        context.close()


def test_a_wide_matrix_scrolls_in_its_own_labelled_box(phone: Any, live_server: Any, bworld: World) -> None:
    login(phone, live_server, bworld.contact_a)
    _objects(bworld)  # the projects and participations of the persona matrix
    phone.goto(reverse("projects:participation_matrix", args=[bworld.region.slug]))
    boxes = phone.locator("main .kern-table-responsive")
    assert boxes.count() >= 1
    for i in range(boxes.count()):
        box = boxes.nth(i)
        assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
        label = box.evaluate(
            "b => b.getAttribute('aria-label') || (document.getElementById(b.getAttribute('aria-labelledby'))"
            " || {}).textContent || ''"
        )
        assert label.strip(), "der Bereich braucht einen Namen"
    assert phone.evaluate(WIDTH) <= PHONE["width"]


OFFICE_TABLES = [
    "surveys:tracking",  # Rücklauf
    "interests:call_detail",  # Rücklauf je Kommune
    "projects:participation_matrix",
    "projects:project_list",
    "cooperation:matrix",
    "resolutions:overview",
    "municipalities:region_detail",
]


def test_the_offices_wide_tables_fit_a_phone_too(phone: Any, live_server: Any, bworld: World) -> None:
    """Rücklauf, matrices, participation and resolutions as the office sees them (more columns)."""
    login(phone, live_server, bworld.office)
    objects = _objects(bworld)
    rows = {name: args for name, args, _expected in MATRIX}
    too_wide = []
    for name in OFFICE_TABLES:
        url = reverse(name, args=rows[name](bworld, objects))
        response = phone.goto(url)
        assert response is not None and response.status == 200, f"{name} {url}"
        width = phone.evaluate(WIDTH)
        if width > PHONE["width"]:
            too_wide.append(f"{name} {url}: {width} px breit ({', '.join(phone.evaluate(WIDE_ELEMENTS))})")
    assert not too_wide, "Seiten breiter als das Telefon:\n" + "\n".join(too_wide)
