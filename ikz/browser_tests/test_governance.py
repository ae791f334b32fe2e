"""The cooperative's office convenes, holds and minutes a general assembly, keyboard only, with axe
on every page: a too short notice is refused with the earliest day, then the agenda, attendance,
votes, closing, signing and the minutes as PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, focused, login, tab_to
from ikz.governance.models import Assembly, AssemblyState, Vote
from ikz.governance.tests.helpers import make_coop
from ikz.membership.tests.helpers import coop_office
from ikz.test import World


def _type_date(page: Any, selector: str, date: dt.date) -> None:
    """Type a date into a date field by keyboard, in the browser's segment order or the German one."""
    tab_to(page, selector)
    for order in ("%m%d%Y", "%d%m%Y"):
        for _ in range(4):  # leave the field backwards, then enter it at its first segment
            if not focused(page, selector):
                break
            page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        page.keyboard.type(date.strftime(order))
        if page.locator(selector).input_value() == date.isoformat():
            return
    raise AssertionError(f"{date} ließ sich nicht in {selector} eingeben")


def _choose(page: Any, selector: str, presses: int = 1) -> None:
    tab_to(page, selector)
    for _ in range(presses):
        page.keyboard.press("ArrowDown")


def _type(page: Any, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def _submit(page: Any, selector: str = 'main button[type="submit"]') -> None:
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _follow(page: Any, href: str) -> None:
    tab_to(page, f'main a[href="{href}"]')
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_convene_hold_and_minute_a_general_assembly(page: Any, live_server: Any, bworld: World) -> None:
    c = make_coop(bworld)
    today = dt.date.today()
    login(page, live_server, coop_office())
    page.goto(reverse("governance:overview"))
    assert "Vorstand Eins" in page.locator("main").inner_text()
    assert_accessible(page)

    _follow(page, reverse("governance:assembly_create"))
    assert_accessible(page)
    _choose(page, "#id_kind", 2)  # außerordentliche Generalversammlung
    _choose(page, "#id_form", 3)  # hybrid
    _type_date(page, "#id_date", today)
    _type(page, "#id_time", "14:00")
    _type(page, "#id_place", "Wetzlar und Videokonferenz")
    _choose(page, "#id_convened_by")  # Vorstand
    _type_date(page, "#id_invited_on", today - dt.timedelta(days=10))
    _submit(page)
    earliest = today + dt.timedelta(days=5)
    refusal = f"früheste zulässige Tag der Versammlung der {earliest:%d.%m.%Y}"
    assert refusal in page.locator("main").inner_text()
    assert not Assembly.objects.exists()
    assert_accessible(page)
    _type_date(page, "#id_invited_on", today - dt.timedelta(days=21))
    _submit(page)
    assembly = Assembly.objects.get()
    assert "Die Generalversammlung ist einberufen." in page.locator("main").inner_text()
    assert_accessible(page)

    _follow(page, reverse("governance:item_create", args=[assembly.pk]))
    _type(page, "#id_title", "Änderung der Satzung")
    _choose(page, "#id_resolution_kind")  # from "einfache Mehrheit" to "Satzungsänderung"
    _type_date(page, "#id_announced_on", today - dt.timedelta(days=21))
    assert_accessible(page)
    _submit(page)
    assert "TOP 1: Änderung der Satzung" in page.locator("main").inner_text()

    raunheim = c.members[2]
    _follow(page, reverse("governance:attendance_create", args=[assembly.pk]))
    assert_accessible(page)
    _choose(page, "#id_member", 3)  # the third member of the register: Raunheim
    assert page.locator("#id_member").input_value() == str(raunheim.pk)
    _choose(page, "#id_mode")  # gesetzliche Vertretung
    _type(page, "#id_person", "Bürgermeister")
    _submit(page)
    assert "1 von 4 Mitgliedern" in page.locator("main").inner_text()

    item = assembly.items.get()
    _follow(page, reverse("governance:votes_edit", args=[assembly.pk, item.pk]))
    assert_accessible(page)
    _choose(page, f"#id_m{raunheim.pk}")  # Ja
    _submit(page)
    assert Vote.objects.get().choice == "yes"
    assert "angenommen mit 1 Ja, 0 Nein, 0 Enthaltungen" in page.locator("main").inner_text()

    _type(page, "#id_chair", "Vorsitz des Aufsichtsrats")
    _submit(page, 'main form[action$="/abgehalten/"] button')
    assert Assembly.objects.get().state == AssemblyState.HELD
    assert_accessible(page)
    _choose(page, "#id_board_signatory")
    _submit(page, 'main form[action$="/unterzeichnet/"] button')
    assembly.refresh_from_db()
    assert assembly.state == AssemblyState.MINUTED and assembly.board_signatory == c.board
    assert_accessible(page)
    pdf_url = reverse("governance:minutes_download", args=[assembly.pk, "pdf"])
    tab_to(page, f'main a[href="{pdf_url}"]')
    download = page.request.get(live_server.url + pdf_url)
    assert download.status == 200 and download.body().startswith(b"%PDF")

    _follow(page, reverse("governance:assembly_history", args=[assembly.pk]))
    assert "Niederschrift unterzeichnet" in page.locator("main").inner_text()
    assert_accessible(page)
    for url in (
        reverse("governance:settings_edit"),
        reverse("governance:seat_create"),
        reverse("governance:seat_end", args=[c.board.pk]),
        reverse("membership:intent_list"),
        reverse("membership:intent_create"),
        reverse("membership:growth_edit"),
    ):
        page.goto(url)
        assert_accessible(page)
