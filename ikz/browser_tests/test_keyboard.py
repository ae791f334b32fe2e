"""Keyboard only: skip link, login, search, editing one's own municipality, errors, language."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ikz.browser_tests.conftest import assert_accessible, log_in
from ikz.test import PASSWORD, World

pytestmark = pytest.mark.browser


def tab_to(page: Any, selector: str, limit: int = 60) -> None:
    """Press Tab until ``selector`` has the focus (fails if it is not reachable by keyboard)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} ist mit der Tabulatortaste nicht erreichbar")


def focus_is_visible(page: Any) -> bool:
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
    )
    outline_style, outline_width, box_shadow = style
    return (outline_style != "none" and outline_width != "0px") or box_shadow != "none"


def test_skip_link_is_the_first_tab_stop_and_moves_to_the_content(page: Any, bworld: World) -> None:
    page.goto(reverse("accessibility"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.outerHTML")
    assert "Zum Inhalt springen" in focused, focused
    assert page.locator("a.ikz-skip-link").is_visible() and focus_is_visible(page)
    page.keyboard.press("Enter")
    assert page.url.endswith("#inhalt")
    assert page.evaluate("document.activeElement.id") == "inhalt"


def test_login_with_the_keyboard_only(page: Any, bworld: World) -> None:
    page.goto(reverse("accounts:login"))
    # The login form puts the cursor into the user name field (autofocus), so typing starts at once.
    assert page.evaluate("document.activeElement.id") == "id_username"
    assert focus_is_visible(page)
    page.keyboard.type("contact_a")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "anmelden" not in page.url
    assert "Contact_A" in page.locator("header").inner_text()
    assert_accessible(page)


def test_wrong_password_gets_a_german_message(page: Any, bworld: World) -> None:
    page.goto(reverse("accounts:login"))
    tab_to(page, "#id_username")
    page.keyboard.type("contact_a")
    page.keyboard.press("Tab")
    page.keyboard.type("falsch")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Benutzername oder Passwort ist falsch." in page.content()
    assert_accessible(page)


def test_search_by_keyboard(page: Any, live_server: Any, bworld: World) -> None:
    log_in(page, live_server, bworld, "office")
    page.goto(reverse("municipalities:municipality_list"))
    tab_to(page, "#id_q")
    page.keyboard.type("Raun")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "q=Raun" in url)
    table = page.locator("table").inner_text()
    assert "Raunheim" in table and "Kelsterbach" not in table
    assert_accessible(page)


def test_contact_edits_own_municipality_by_keyboard(page: Any, live_server: Any, bworld: World) -> None:
    log_in(page, live_server, bworld, "contact_a")
    page.goto(reverse("municipalities:municipality_edit", args=[bworld.kommune_a.pk]))
    tab_to(page, "#id_postal_code")
    page.keyboard.type("12A")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Eine Postleitzahl hat genau fünf Ziffern." in page.content()
    assert page.locator("#id_postal_code").get_attribute("aria-invalid") == "true"
    assert_accessible(page)  # the error state is accessible too

    page.locator("#id_postal_code").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("65479")
    tab_to(page, "#id_phone")
    page.keyboard.type("06142 402-0")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "bearbeiten" not in url)
    assert "Die Stammdaten wurden gespeichert." in page.content()
    assert "06142 402-0" in page.content()
    assert_accessible(page)
    page.goto(reverse("municipalities:municipality_history", args=[bworld.kommune_a.pk]))
    history = page.locator("table").inner_text()
    assert "Contact_A" in history and "Telefon" in history and "06142 402-0" in history


def test_language_switch_by_keyboard(page: Any, live_server: Any, bworld: World) -> None:
    log_in(page, live_server, bworld, "steering")
    page.goto(reverse("home"))
    tab_to(page, "button[name=language][value=en]")
    page.keyboard.press("Enter")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert_accessible(page)
    tab_to(page, "button[name=language][value=de]")
    page.keyboard.press("Enter")
    page.wait_for_function("document.documentElement.lang === 'de'")
