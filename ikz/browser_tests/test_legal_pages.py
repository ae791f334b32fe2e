"""The operator's legal pages by keyboard: a visitor of the portal reaches Impressum,
Datenschutzerklärung and the accessibility statement from the footer and reads the placeholder;
the platform-wide office follows "Impressum fehlt" from its start page, writes the Impressum and the
accessibility statement, and the public pages show them. axe finds nothing on each page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from ikz.accounts.models import Role
from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, login, tab_to
from ikz.test import World, make_user


def test_a_visitor_reaches_the_legal_pages_from_the_portal_footer(
    page: Any, live_server: Any, bworld: World
) -> None:
    page.goto(reverse("portal:index"))
    for name, heading, placeholder in [
        ("legal:imprint", "Impressum", "das Impressum noch nicht hinterlegt"),
        ("legal:privacy_policy", "Datenschutzerklärung", "die Datenschutzerklärung noch nicht hinterlegt"),
        ("accessibility", "Erklärung zur Barrierefreiheit", "die Erklärung zur Barrierefreiheit noch nicht"),
    ]:
        tab_to(page, f'footer a[href="{reverse(name)}"]', limit=80)
        assert focus_is_visible(page)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("h1").inner_text() == heading
        assert placeholder in page.locator("main").inner_text()
        assert_accessible(page)


def test_the_platform_office_writes_the_imprint_and_the_statement_by_keyboard(
    page: Any, live_server: Any, bworld: World
) -> None:
    operator = make_user("betreiberin", Role.OFFICE)
    login(page, live_server, operator)
    task = page.locator("li.ikz-task", has_text="Impressum, Datenschutzerklärung und Erklärung")
    assert task.locator(".ikz-task__count").inner_text() == "3"
    tab_to(page, f'main a[href="{reverse("legal:overview")}?fehlt=1"]', limit=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("main table tbody tr").count() == 3
    assert_accessible(page)
    tab_to(page, f'main a[href="{reverse("legal:imprint_edit")}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Impressum bearbeiten"
    assert_accessible(page)
    tab_to(page, "#id_body")
    page.keyboard.type("Landkreis Groß-Gerau")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Vertreten durch den Landrat <b>Muster</b>")
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + reverse("legal:imprint")
    paragraphs = page.locator("main .ikz-legal-text p")
    assert paragraphs.all_inner_texts() == [
        "Landkreis Groß-Gerau",
        "Vertreten durch den Landrat <b>Muster</b>",
    ]
    assert_accessible(page)

    page.goto(reverse("legal:accessibility_edit"))
    assert_accessible(page)
    tab_to(page, "#id_conformity")
    page.select_option("#id_conformity", "teilweise")
    page.fill("#id_limitations", "Ältere PDF-Dokumente sind nicht getaggt.")
    page.fill("#id_statement_date", dt.date.today().isoformat())
    page.fill("#id_contact_email", "barrierefreiheit@kreis-gg.de")
    page.select_option("#id_enforcement_land", "06")
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + reverse("accessibility")
    main = page.locator("main").inner_text()
    assert "teilweise vereinbar" in main and "Durchsetzungs- und Beschwerdestelle" in main
    assert_accessible(page)
