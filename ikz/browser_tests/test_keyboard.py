"""Keyboard only: skip link, focus indicator, login, search, editing one's own municipality, errors,
language switch."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, focused, login, tab_to
from ikz.test import PASSWORD, World


def test_skip_link_is_the_first_tab_stop_and_moves_to_the_content(page: Any, bworld: World) -> None:
    page.goto(reverse("accessibility"))
    page.keyboard.press("Tab")
    link = page.locator("a.ikz-skip-link")
    assert focused(page, "a.ikz-skip-link"), page.evaluate("document.activeElement.outerHTML")
    assert link.inner_text() == "Zum Inhalt springen"
    box = link.bounding_box()
    assert link.is_visible() and box is not None and box["x"] >= 0 and box["y"] >= 0, box
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    assert page.url.endswith("#inhalt")
    assert page.evaluate("document.activeElement.id") == "inhalt"
    # The next Tab continues after the header (in the content or, here, the footer), not at the top.
    page.keyboard.press("Tab")
    assert page.evaluate(
        "() => { const main = document.getElementById('inhalt'), el = document.activeElement;"
        " return main.contains(el)"
        " || !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING); }"
    )


def test_every_tab_stop_shows_a_visible_focus(page: Any, live_server: Any, bworld: World) -> None:
    login(page, live_server, bworld.office)
    page.goto(reverse("municipalities:municipality_list"))
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        tag = page.evaluate("document.activeElement.tagName + '#' + (document.activeElement.id || '')")
        seen.append(tag)
        assert focus_is_visible(page), f"kein sichtbarer Fokus auf {tag} (nach {seen})"
    assert any(t.startswith("A#") for t in seen) and any(t.startswith("SELECT") for t in seen), seen
    # A focused link in particular has a real outline (KERN: 4px), not only a shadow.
    tab_to(page, "main a.kern-link")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in {"none", ""}, outline


def test_login_with_the_keyboard_only_from_the_first_tab_stop(
    page: Any, live_server: Any, bworld: World
) -> None:
    page.goto(reverse("accessibility"))
    page.keyboard.press("Tab")
    assert focused(page, "a.ikz-skip-link")
    presses = tab_to(page, f'header a[href="{reverse("accounts:login")}"]', limit=10)
    assert presses <= 5, f"{presses} Tabulatorschritte bis „Anmelden“"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The login form puts the cursor into the user name field (autofocus), so typing starts at once.
    assert focused(page, "#id_username") and focus_is_visible(page)
    page.keyboard.type("contact_a")
    page.keyboard.press("Tab")
    assert focused(page, "#id_password")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + reverse("home"), page.url
    assert "Contact_A" in page.locator("header").inner_text()
    assert_accessible(page)


def test_wrong_password_gets_a_german_message(page: Any, bworld: World) -> None:
    page.goto(reverse("accounts:login"))
    assert focused(page, "#id_username")
    page.keyboard.type("contact_a")
    page.keyboard.press("Tab")
    page.keyboard.type("falsch")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Benutzername oder Passwort ist falsch." in page.locator("[role=alert]").first.inner_text()
    assert page.evaluate("document.documentElement.lang") == "de"
    assert_accessible(page)


def test_search_by_keyboard(page: Any, live_server: Any, bworld: World) -> None:
    login(page, live_server, bworld.steering)
    page.goto(reverse("municipalities:municipality_list"))
    tab_to(page, "#id_q")
    page.keyboard.type("Raun")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=Raun" in page.url
    table = page.locator("main table").inner_text()
    assert "Raunheim" in table and "Kelsterbach" not in table
    assert page.locator("#id_q").input_value() == "Raun"
    assert_accessible(page)


def test_contact_edits_own_municipality_by_keyboard(page: Any, live_server: Any, bworld: World) -> None:
    login(page, live_server, bworld.contact_a)
    page.goto(reverse("municipalities:municipality_detail", args=[bworld.kommune_a.pk]))
    edit_url = reverse("municipalities:municipality_edit", args=[bworld.kommune_a.pk])
    tab_to(page, f'main a[href="{edit_url}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Wrong input first: a German message, the field marked invalid, the page still accessible.
    tab_to(page, "#id_postal_code")
    page.keyboard.type("12A")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Space")
    summary = page.locator("main .kern-alert--danger[role=alert]")
    assert "Bitte prüfen Sie Ihre Eingaben." in summary.inner_text()
    assert "Eine Postleitzahl hat genau fünf Ziffern." in page.locator("#id_postal_code_error").inner_text()
    field = page.locator("#id_postal_code")
    assert field.get_attribute("aria-invalid") == "true"
    assert "id_postal_code_error" in (field.get_attribute("aria-describedby") or "")
    assert_accessible(page)
    # The error summary is reachable by keyboard and its link leads into the faulty field.
    page.locator("main").focus()
    tab_to(page, 'main .kern-alert a[href="#id_postal_code"]', limit=5)
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_postal_code'")

    page.keyboard.press("Control+A")
    page.keyboard.type("65479")
    tab_to(page, "#id_phone")
    page.keyboard.press("Control+A")
    page.keyboard.type("06142 402-0")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "bearbeiten" not in page.url
    assert "Die Stammdaten wurden gespeichert." in page.locator("main [role=status]").first.inner_text()
    assert "06142 402-0" in page.locator("main").inner_text()
    assert_accessible(page)

    history_url = reverse("municipalities:municipality_history", args=[bworld.kommune_a.pk])
    tab_to(page, f'main a[href="{history_url}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    history = page.locator("main table").first.inner_text()
    assert "Contact_A" in history and "Telefon" in history and "06142 402-0" in history
    assert "65479" in history
    assert_accessible(page)


def test_language_switch_by_keyboard(page: Any, live_server: Any, bworld: World) -> None:
    login(page, live_server, bworld.steering)
    page.goto(reverse("home"))
    assert page.evaluate("document.documentElement.lang") == "de"
    tab_to(page, "button[name=language][value=en]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert_accessible(page)
    tab_to(page, "button[name=language][value=de]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "de"
