"""The start page "Meine Aufgaben": a contact person logs in by keyboard, finds the questionnaire
their municipality still owes, follows the count to the filtered list and on to the form; the
office reads the response rate as a bar with its text; the page fits a phone (390 px); anonymous
visitors get a welcome with the login link. axe finds nothing on each page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, login, tab_to
from ikz.test import World
from ikz.tests.test_start_page import fill


def page_width(page: Any) -> int:
    return int(page.evaluate("() => document.documentElement.scrollWidth"))


def test_a_contact_follows_a_task_from_the_start_page_to_the_form(
    page: Any, live_server: Any, bworld: World
) -> None:
    fill(bworld, bworld.region, 1)
    login(page, live_server, bworld.contact_a)
    assert page.url == live_server.url + reverse("home")
    assert page.locator("h1").inner_text() == "Meine Aufgaben"
    block = page.locator("section", has=page.locator("h2", has_text="Kontaktperson"))
    task = block.locator("li.ikz-task", has_text="offene Fragebögen (IKZ Testregion)")
    assert task.locator(".ikz-task__count").inner_text() == "1"
    assert "Bestandsaufnahme 1 – Frist war am" in task.inner_text()
    assert_accessible(page)
    link = f'a[href="{reverse("surveys:campaign_list", args=[bworld.region.slug])}?offen=1"]'
    tab_to(page, link)
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Gefiltert: offene Fragebögen Ihrer Kommune." in page.locator("main").inner_text()
    assert page.locator("main table tbody tr").count() == 1
    assert_accessible(page)


def test_the_office_reads_the_response_rate_and_the_page_fits_a_phone(
    page: Any, live_server: Any, bworld: World
) -> None:
    fill(bworld, bworld.region, 1)
    login(page, live_server, bworld.office)
    survey = page.locator("li.ikz-task", has_text="Bestandsaufnahme „Bestandsaufnahme 1“")
    assert "1 von 2 geantwortet (50 %)" in survey.inner_text()
    assert survey.locator("progress").get_attribute("value") == "1"
    overdue = page.locator("li.ikz-task", has_text="überfällige Antworten")
    assert overdue.locator(".ikz-task__count").inner_text() == "1"
    assert "überfällig" in overdue.locator(".kern-badge").inner_text()
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page_width(page) <= 390, f"Startseite {page_width(page)} px breit"
    with page.expect_navigation():
        overdue.locator("a").click()
    assert page.locator("main table tbody tr").count() == 1
    assert "Raunheim" in page.locator("main table tbody").inner_text()


def test_anonymous_visitors_are_welcomed(page: Any, live_server: Any, bworld: World) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("home"))
    assert page.locator("h1").inner_text() == "Willkommen auf der IKZ-Plattform"
    assert page_width(page) <= 390
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Anmelden").click()
    assert reverse("accounts:login") in page.url
