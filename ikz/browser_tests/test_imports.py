"""Imports: the office uploads an XLSX of its cooperation matrix, sees the preview with one error
(progress.js runs the check), fixes the file, uploads it again and confirms — by keyboard, with axe
on every page of the journey."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, focused, login, tab_to
from ikz.browser_tests.test_jobs_in_background import run_jobs_and_reload
from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
from ikz.imports.tests.test_matrix import HEAD, xlsx
from ikz.test import World

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _enter(page: Any) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _upload(page: Any, rows: list[list[str]]) -> None:
    """Choose the file (the one step a keyboard cannot type) and send the form by keyboard."""
    tab_to(page, "#id_file")
    page.set_input_files("#id_file", files=[{"name": "matrix.xlsx", "mimeType": XLSX, "buffer": xlsx(rows)}])
    tab_to(page, 'main form button[type="submit"]')
    assert focus_is_visible(page)
    _enter(page)
    # the check page submits itself (progress.js) until the preview shows the counts
    page.wait_for_selector("#import-counts")


def test_office_imports_its_matrix_after_fixing_the_one_error(
    page: Any, live_server: Any, bworld: World
) -> None:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    CooperationField.objects.create(task_area=area, name="Vergabe", position=1)
    login(page, live_server, bworld.office)
    page.goto(reverse("cooperation:inventory_overview", args=[bworld.region.slug]))
    start = reverse("imports:run_create", args=["kooperationsmatrix", bworld.region.pk])
    tab_to(page, f'main a[href="{start}"]')
    _enter(page)
    assert "Import: Kooperationen mit Beteiligten (Matrix)" in page.locator("h1").inner_text()
    assert_accessible(page)

    legend = [[], ["■ = Gemeinsame Vergabestelle (Vergabe)"], ["□ = Bauhof (Vergabe)"]]
    _upload(page, [HEAD, ["Vergabe", "■f", "□g", ""], *legend])
    main = page.locator("main").inner_text()
    assert "Zeile 2, Spalte „Kelsterbach, Stadt“: Bei „geplant“ bitte angeben, bis wann" in main
    assert "1 Fehler – es wird nichts übernommen" in main
    assert "Import übernehmen" not in main
    assert_accessible(page)

    tab_to(page, f'main a[href="{start}"]')
    _enter(page)
    year = dt.date.today().year + 1
    _upload(page, [HEAD, ["Vergabe", "■f", f"□g (bis 30.06.{year})"], *legend])
    main = page.locator("main").inner_text()
    assert "2 neu, 0 geändert, 0 unverändert" in main
    assert "Vergabe ■ „Gemeinsame Vergabestelle“: Raun neu: Kooperation existiert, federführend" in main
    assert_accessible(page)
    assert not Cooperation.objects.exists()

    tab_to(page, 'main form[action$="/uebernehmen/"] button[type="submit"]')
    assert focused(page, 'main form[action$="/uebernehmen/"] button')
    _enter(page)
    assert "wird übernommen" in page.locator("main").inner_text()  # queued (decision 167)
    assert_accessible(page)
    assert run_jobs_and_reload(page) == 1
    main = page.locator("main").inner_text()
    assert "Der Import wurde übernommen." in page.content()
    assert "Vergabe ■ Gemeinsame Vergabestelle" in main and "Vergabe □ Bauhof" in main
    assert_accessible(page)
    vergabe = Cooperation.objects.get(symbol="■")
    assert vergabe.participants.get().is_lead
    tab_to(page, f'main a[href="{reverse("cooperation:cooperation_detail", args=[vergabe.pk])}"]')
    _enter(page)
    assert "Gemeinsame Vergabestelle" in page.locator("h1").inner_text()
