"""Money: the office defines a cost key and releases an allocation by keyboard only; a contact
then sees the share of their own municipality with the explanation, and nothing of the other's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, focused, login, tab_to
from ikz.browser_tests.test_resolutions import _type_date
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.costs.models import Allocation, AllocationStatus
from ikz.costs.tests import factories
from ikz.test import World


def _enter(page: Any) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_office_defines_a_key_and_releases_an_allocation_by_keyboard(
    page: Any, live_server: Any, bworld: World
) -> None:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    field = CooperationField.objects.create(task_area=area, name="Vergabe", position=1)
    coop = factories.cooperation(bworld, field)
    login(page, live_server, bworld.office)
    page.goto(reverse("costs:cooperation_costs", args=[coop.pk]))
    assert "noch kein Umlageschlüssel" in page.locator("main").inner_text()
    assert_accessible(page)

    tab_to(page, f'main a[href="{reverse("costs:key_edit", args=[coop.pk])}"]')
    assert focus_is_visible(page)
    _enter(page)
    tab_to(page, "#id_kind")
    page.keyboard.press("ArrowDown")  # "zu gleichen Teilen" → "nach Einwohnern"
    assert page.locator("#id_kind").input_value() == "population"
    tab_to(page, "#id_base_percent")
    page.keyboard.press("Control+A")
    page.keyboard.type("10")
    tab_to(page, "#id_stichtag")
    _type_date(page, "#id_stichtag", dt.date(2024, 12, 31))
    assert_accessible(page)
    _enter(page)
    main = page.locator("main").inner_text()
    assert "nach Einwohnern, mit 10 % Sockelbetrag" in main and "31.12.2024" in main

    tab_to(page, f'main a[href="{reverse("costs:allocation_create", args=[coop.pk])}"]')
    _enter(page)
    tab_to(page, "#id_year")
    page.keyboard.type("2024")
    tab_to(page, "#id_total")
    page.keyboard.type("80000")
    _enter(page)
    allocation = Allocation.objects.get(cooperation=coop)
    assert page.url.endswith(allocation.get_absolute_url())
    assert "Entwurf" in page.locator("main").inner_text()
    assert_accessible(page)

    tab_to(page, f'main a[href="{reverse("costs:allocation_release", args=[allocation.pk])}"]')
    _enter(page)
    assert_accessible(page)
    tab_to(page, 'main button[type="submit"]')
    assert focused(page, 'main button[type="submit"]')
    _enter(page)
    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.RELEASED
    assert "freigegeben" in page.locator("main").inner_text()

    # Raunheim 15,297 and Kelsterbach 16,622 inhabitants: 38.505,59 € and 41.494,41 €
    page.context.clear_cookies()
    login(page, live_server, bworld.contact_a)
    page.goto(reverse("costs:cooperation_costs", args=[coop.pk]))
    main = page.locator("main").inner_text()
    assert "38.505,59" in main and "Raunheim" in main and "Sockelbetrag" in main
    assert "41.494,41" not in main and "Kelsterbach" not in main
    assert_accessible(page)
