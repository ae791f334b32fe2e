"""Interest call: a contact fills in the declaration by keyboard and submits; the office reads the ranking."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, login, tab_to
from ikz.interests.models import Answer, Declaration
from ikz.interests.tests.factories import open_call
from ikz.test import World


def test_contact_fills_in_and_submits_by_keyboard_then_office_reads_the_ranking(
    page: Any, live_server: Any, bworld: World
) -> None:
    call, (personal, bauhof, _sport) = open_call(bworld)
    login(page, live_server, bworld.contact_a)
    page.goto(reverse("interests:call_detail", args=[call.pk]))
    assert_accessible(page)
    edit_url = reverse("interests:declaration_edit", args=[call.pk, bworld.kommune_a.pk])
    tab_to(page, f'main a[href="{edit_url}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(edit_url)
    assert_accessible(page)
    # Working group without the wish to cooperate: the error is shown at the field.
    tab_to(page, f"#id_working_group_{personal.pk}")
    page.keyboard.press("Space")
    tab_to(page, 'button[value="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    error = page.locator(f"#id_working_group_{personal.pk}_error")
    assert "setzt voraus" in error.inner_text()
    assert page.locator(f"#id_working_group_{personal.pk}").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    assert not Declaration.objects.exists()
    # Correct it: cooperate in Personalmanagement (with the working group) and in Bauhof.
    page.locator(f"#id_interested_{personal.pk}").focus()
    page.keyboard.press("Space")
    tab_to(page, f"#id_interested_{bauhof.pk}")
    assert focus_is_visible(page)
    page.keyboard.press("Space")
    tab_to(page, "#id_note")
    page.keyboard.type("Ansprechpartnerin: Hauptamt")
    tab_to(page, 'button[value="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "wurde abgesendet" in page.locator("main").inner_text()
    declaration = Declaration.objects.get()
    assert (declaration.status, declaration.note) == ("submitted", "Ansprechpartnerin: Hauptamt")
    chosen = Answer.objects.filter(interested=True)
    assert {(a.topic_id, a.joins_working_group) for a in chosen} == {(personal.pk, True), (bauhof.pk, False)}
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, live_server, bworld.office)
    page.goto(reverse("interests:ranking", args=[call.pk]))
    rows = page.locator("main table tbody tr")
    assert rows.count() == 3
    first_cells = [rows.nth(i).locator("td").first.inner_text() for i in range(3)]
    assert first_cells == ["1", "1", "3"], first_cells
    labels = [rows.nth(i).locator("th").inner_text() for i in range(3)]
    assert labels == ["Personalmanagement", "Bauhof", "Sport, Freizeit, Erholung"], labels
    assert page.locator('svg[role="img"] title').count() == 1
    assert_accessible(page)
    tab_to(page, f'main table a[href$="/ergebnis/themen/{personal.pk}/"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Raunheim, Stadt" in page.locator("main table").inner_text()
    assert_accessible(page)
