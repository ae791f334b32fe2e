"""Operating cooperations: the office changes the notice period by keyboard (a refused value
first), then sees the next notice date on the cooperation's page; the list page for a contact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, login, tab_to
from ikz.cooperation import services
from ikz.cooperation.models import CooperationField, Operation, TaskArea
from ikz.cooperation.services import ParticipantRow
from ikz.test import World

D = dt.date


def _setup(world: World) -> Any:
    area = TaskArea.objects.create(name="Sicherheit und Ordnung", position=1)
    field = CooperationField.objects.create(task_area=area, name="Umsetzung ProstSchG")
    cooperation = services.save_cooperation(
        world.region,
        {"field": field, "title": "Umsetzung ProstSchG", "legal_form": "public_agreement"},
        [ParticipantRow(world.kommune_a, "exists", is_lead=True), ParticipantRow(world.kommune_b, "exists")],
        actor=world.office,
    )
    services.save_operation(
        cooperation,
        {
            "host": world.kommune_a,
            "start": D(2020, 10, 1),
            "initial_months": 60,
            "auto_renewal": True,
            "renewal_months": 60,
            "notice_months": 6,
            "staff_positions": Decimal("1.5"),
        },
        actor=world.office,
    )
    return cooperation


def _replace(page: Any, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_office_edits_the_notice_period_by_keyboard(page: Any, live_server: Any, bworld: World) -> None:
    cooperation = _setup(bworld)
    login(page, live_server, bworld.office)
    page.goto(cooperation.get_absolute_url())
    edit_url = reverse("cooperation:operation_edit", args=[cooperation.pk])
    tab_to(page, f'main a[href="{edit_url}"]')
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(edit_url)
    assert_accessible(page)

    _replace(page, "#id_notice_months", "61")  # longer than the five-year term
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "länger als die Laufzeit" in page.locator("#id_notice_months_error").inner_text()
    assert page.locator("#id_notice_months").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    assert Operation.objects.get().notice_months == 6

    _replace(page, "#id_notice_months", "3")
    _replace(page, "#id_staff_positions", "2,75")
    tab_to(page, 'main button[type="submit"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    saved = Operation.objects.get()
    assert (saved.notice_months, saved.staff_positions, saved.version) == (3, Decimal("2.75"), 2)
    # Terms end 30.9.2025, 30.9.2030, …; three months' notice → by 30.6. of those years.
    today = dt.date.today()
    by, end = next((D(y, 6, 30), D(y, 9, 30)) for y in range(2025, 2200, 5) if D(y, 6, 30) >= today)
    assert (
        f"Kündigung bis spätestens {by:%d.%m.%Y} zum {end:%d.%m.%Y}"
        in page.locator("#naechste-kuendigung").inner_text()
    )
    assert "2,75" in page.locator("main").inner_text()
    assert_accessible(page)


def test_contact_reads_the_list_of_operating_cooperations(page: Any, live_server: Any, bworld: World) -> None:
    cooperation = _setup(bworld)
    # a yearly agreement that began ten months ago: its notice deadline is the end of this month
    today = dt.date.today()
    index = today.year * 12 + today.month - 1 - 10
    Operation.objects.filter(pk=Operation.objects.get().pk).update(
        start=D(index // 12, index % 12 + 1, 1), initial_months=12, renewal_months=12, notice_months=1
    )
    login(page, live_server, bworld.contact_b)
    page.goto(reverse("municipalities:region_detail", args=[bworld.region.slug]))
    list_url = reverse("cooperation:operation_list", args=[bworld.region.slug])
    tab_to(page, f'main a[href="{list_url}"]', limit=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Umsetzung ProstSchG" in page.locator("main ul[aria-labelledby=fristen]").inner_text()
    row = page.locator("main table tbody tr").first
    assert "Umsetzung ProstSchG" in row.inner_text()
    assert "Kündigung bis spätestens" in row.inner_text()
    assert_accessible(page)
    page.goto(cooperation.get_absolute_url())
    edit_url = reverse("cooperation:operation_edit", args=[cooperation.pk])
    assert page.locator(f'a[href="{edit_url}"]').count() == 0
    assert_accessible(page)
