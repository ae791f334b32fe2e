"""Flows that used to stop halfway (issue 19, 6), in the browser: opening a survey reaches the
contact person's inbox; a proposal from the ranking lands on the project list with its
participants; an amount typed the German way is saved; a refusal names its reason. Axe on each page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, login, tab_to
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.costs.models import Allocation
from ikz.costs.tests import factories as cost_factories
from ikz.interests import services as interest_services
from ikz.interests.tests.factories import open_call
from ikz.surveys.models import Campaign, CampaignStatus
from ikz.test import World


def _as(browser: Any, live_server: Any, user: Any) -> Any:
    """A second person at another computer: a browser context of their own, logged in."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    login(tab, live_server, user)
    return tab


def test_opening_a_survey_reaches_the_contacts_inbox(
    page: Any, browser: Any, live_server: Any, bworld: World
) -> None:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    CooperationField.objects.create(task_area=area, name="Postverbund", position=1)
    campaign = Campaign.objects.create(
        region=bworld.region, title="Bestandsaufnahme 2027", period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31), deadline=dt.date(2099, 3, 31), status=CampaignStatus.DRAFT,
    )  # fmt: skip
    campaign.task_areas.add(area)

    login(page, live_server, bworld.office)
    page.goto(reverse("surveys:campaign_edit", args=[campaign.pk]))
    page.select_option("#id_status", "open")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "gespeichert" in page.locator("main").inner_text()

    contact = _as(browser, live_server, bworld.contact_a)
    try:
        contact.goto(reverse("notifications:inbox"))
        inbox = contact.locator("main").inner_text()
        assert "Neue Bestandsaufnahme „Bestandsaufnahme 2027“" in inbox and "31.03.2099" in inbox
        assert_accessible(contact)
        questionnaire = reverse("surveys:response_detail", args=[campaign.pk, bworld.kommune_a.pk])
        tab_to(contact, f'main a[href="{questionnaire}"]')
        with contact.expect_navigation():
            contact.keyboard.press("Enter")
        assert contact.url.endswith(questionnaire)
        assert "Raunheim" in contact.locator("h1").inner_text()
    finally:
        contact.context.close()


def test_a_proposal_from_the_ranking_lands_on_the_project_list(
    page: Any, live_server: Any, bworld: World
) -> None:
    call, (personal, _bauhof, _sport) = open_call(bworld)
    for unit, user, joins in (
        (bworld.kommune_a, bworld.contact_a, True),
        (bworld.kommune_b, bworld.contact_b, False),
    ):
        interest_services.save_declaration(
            call, unit, {personal.pk: (True, joins)}, submit=True, expected_version=None, actor=user
        )
    login(page, live_server, bworld.office)
    page.goto(reverse("interests:ranking", args=[call.pk]))
    create = reverse("interests:proposal_create", args=[call.pk, personal.pk])
    tab_to(page, f'main a[href="{create}"]', limit=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Projektliste" in page.locator("main").inner_text()
    assert_accessible(page)
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "IKZ-Projekt: Personalmanagement" in page.locator("h1").inner_text()
    assert "steht in der Projektliste" in page.locator("main").inner_text()

    page.goto(reverse("projects:project_list", args=[bworld.region.slug]))
    assert "IKZ-Projekt: Personalmanagement" in page.locator("main").inner_text()
    page.goto(reverse("projects:participation_matrix", args=[bworld.region.slug]))
    matrix = page.locator("main table.ikz-matrix")
    assert "IKZ-Projekt: Personalmanagement" in matrix.locator("thead").inner_text()
    # Raunheim joins the working group (X (AG)), Kelsterbach takes part without staff (X); both
    # declared, to be confirmed (*)
    cells = [c.strip() for c in matrix.locator("tbody td span[aria-hidden]").all_inner_texts()]
    assert sorted(cells) == ["X (AG)*", "X*"], cells
    assert_accessible(page)


def test_an_amount_typed_the_german_way_is_saved(page: Any, live_server: Any, bworld: World) -> None:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    coop = cost_factories.cooperation(bworld, CooperationField.objects.create(task_area=area, name="Post"))
    cost_factories.by_population(bworld, coop)
    login(page, live_server, bworld.office)
    page.goto(reverse("costs:allocation_create", args=[coop.pk]))
    page.fill("#id_year", "2026")
    page.fill("#id_total", "1,2,3")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.get_attribute("#id_total", "aria-invalid") == "true"
    assert "„1,2,3“ ist kein Betrag in Euro" in page.locator("main").inner_text()
    assert_accessible(page)
    page.fill("#id_total", "12.000,50")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert Allocation.objects.get(cooperation=coop, year=2026).total == 12000.50
    assert "12.000,50" in page.locator("main").inner_text()


def test_a_refusal_names_its_reason(page: Any, live_server: Any, bworld: World) -> None:
    call, _topics = open_call(bworld)
    login(page, live_server, bworld.contact_a)
    response = page.goto(reverse("interests:call_edit", args=[call.pk]))
    assert response is not None and response.status == 403
    assert (
        "Aufrufe ändert nur die Geschäftsstelle der Region „IKZ Testregion“."
        in page.locator("main").inner_text()
    )
    assert_accessible(page)
