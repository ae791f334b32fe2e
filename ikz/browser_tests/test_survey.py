"""Inventory survey: a contact answers the questionnaire by keyboard (error at the field, draft,
submission); the office sees the response tracking. Every page axe-clean."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, login, tab_to
from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
from ikz.surveys.models import Campaign, CampaignStatus, Response, ResponseStatus
from ikz.test import World


def test_contact_answers_by_keyboard_and_office_tracks(page: Any, live_server: Any, bworld: World) -> None:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    field = CooperationField.objects.create(task_area=area, name="Postverbund", position=1)
    campaign = Campaign.objects.create(
        region=bworld.region, title="Bestandsaufnahme 2026", period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2027, 1, 31), deadline=dt.date(2099, 1, 31), status=CampaignStatus.OPEN,
    )  # fmt: skip
    campaign.task_areas.add(area)
    login(page, live_server, bworld.contact_a)
    page.goto(reverse("surveys:campaign_detail", args=[campaign.pk]))
    edit = reverse("surveys:response_edit", args=[campaign.pk, bworld.kommune_a.pk])
    tab_to(page, f'main a[href="{edit}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    # A planned cooperation without a date: the message stands at the field, nothing is saved.
    tab_to(page, "#id_a-0-field")
    page.keyboard.press("ArrowDown")
    page.select_option("#id_a-0-field", str(field.pk))
    tab_to(page, "#id_a-0-kind")
    page.select_option("#id_a-0-kind", "planned")
    tab_to(page, "#id_a-0-title")
    page.keyboard.type("Gemeinsamer Postverbund")
    tab_to(page, "#id_a-0-partners_0")
    page.keyboard.press("Space")
    tab_to(page, 'button[name="entwurf"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#id_a-0-planned_by").get_attribute("aria-invalid") == "true"
    assert "bis wann" in page.locator("main").inner_text()
    assert not Response.objects.exists()
    assert_accessible(page)
    page.locator("#id_a-0-planned_by").fill("2027-06-30")
    tab_to(page, 'button[name="abgeben"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Antwortbogen abgeben" in page.locator("h1").inner_text()
    assert_accessible(page)
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Response.objects.get().status == ResponseStatus.SUBMITTED
    coop = Cooperation.objects.get()
    assert sorted(coop.participants.values_list("status", flat=True)) == ["planned", "planned"]

    page.context.clear_cookies()
    login(page, live_server, bworld.office)
    page.goto(reverse("surveys:tracking", args=[campaign.pk]))
    assert "1 abgegeben, 0 im Entwurf, 1 nicht begonnen" in page.locator("main").inner_text()
    assert_accessible(page)
