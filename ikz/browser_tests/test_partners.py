"""Partner search by keyboard: Raunheim's contact follows "Partner finden" from the reuse network,
chooses the field, filters by Land and reads the ranked municipalities with their reasons; a
missing field is named in the error summary. axe finds nothing on each page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, login, tab_to
from ikz.cooperation.models import Cooperation, CooperationField, Participant, ParticipantStatus, TaskArea
from ikz.municipalities.models import Kind, Level
from ikz.municipalities.services import compute_neighbours_from_file
from ikz.network.models import Need
from ikz.test import World, add_population, make_unit


def test_a_contact_finds_partners_by_keyboard(page: Any, live_server: Any, bworld: World) -> None:
    if not Path(settings.IKZ_NEIGHBOUR_FILE).is_file():
        pytest.skip(f"{settings.IKZ_NEIGHBOUR_FILE} fehlt.")
    area = TaskArea.objects.create(name="Bürgerdienste", position=1)
    field = CooperationField.objects.create(task_area=area, name="Standesamt", position=1)
    standesamt = Cooperation.objects.create(region=bworld.region, field=field, title="Standesamtsbezirk Nord")
    Participant.objects.create(
        cooperation=standesamt, municipality=bworld.kommune_b, status=ParticipantStatus.EXISTS
    )
    bayern = make_unit("09", "Bayern", Level.LAND, Kind.LAND)
    muenchen = make_unit("09162000", "München, Landeshauptstadt", Level.GEMEINDE, Kind.STADT, bayern)
    add_population(muenchen, 1_510_378)
    Need.objects.create(
        title="Eheschließungen am Wochenende", description="-", field=field, owner=muenchen,
        last_confirmed=dt.date.today(),
    )  # fmt: skip
    compute_neighbours_from_file(None)

    login(page, live_server, bworld.contact_a)
    page.goto(reverse("network:overview"))
    tab_to(page, f'main a[href="{reverse("partners:search")}"]')
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Partner finden"
    assert_accessible(page)

    # without a field: the error summary names it
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    errors = page.locator(".kern-alert--danger").inner_text()
    assert "Kooperationsfeld: Bitte wählen Sie ein Kooperationsfeld." in errors
    tab_to(page, "#id_feld")
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_feld").input_value() == str(field.pk)
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 2
    first = rows.nth(0).inner_text()
    assert "Kelsterbach" in first and "grenzt an Raunheim, Stadt" in first
    assert "ähnliche Größe: 16.622 / 15.297 Einwohner" in first and "Standesamtsbezirk Nord" in first
    assert "München" in rows.nth(1).inner_text()
    assert_accessible(page)

    tab_to(page, "#id_land")
    page.select_option("#id_land", str(bworld.land.pk))
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("main table tbody tr").count() == 1
    assert "1 weitere Kommune passt nicht zu den Filtern." in page.locator("main").inner_text()

    page.goto(reverse("partners:search") + "?feld=999999")
    summary = page.locator(".kern-alert--danger")
    assert "Kooperationsfeld: Dieses Kooperationsfeld gibt es nicht." in summary.inner_text()
    assert_accessible(page)
