"""The cooperative's e-invoices by keyboard: the office finds the missing Leitweg-ID of a member
(the invoice is refused, naming the field), enters it with a wrong check digit and corrects it,
issues the share invoice, and cancels it by a credit note. axe finds nothing on each page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from ikz.browser_tests.helpers import assert_accessible, focus_is_visible, login, tab_to
from ikz.invoicing.models import Invoice
from ikz.invoicing.tests.helpers import LEITWEG_A, make_profile
from ikz.membership.tests.helpers import coop_office, make_cooperative, make_member
from ikz.test import World


def _enter(page: Any) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_office_issues_and_cancels_a_share_invoice_by_keyboard(
    page: Any, live_server: Any, bworld: World
) -> None:
    coop = make_cooperative()
    make_profile(coop)
    member = make_member(coop, bworld.kommune_a, "001", dt.date(2026, 3, 1))
    login(page, live_server, coop_office())
    page.goto(reverse("invoicing:seller_edit"))
    assert page.locator("#id_iban").input_value() == "DE02120300000000202051"
    assert_accessible(page)
    page.goto(reverse("invoicing:invoice_list"))
    assert_accessible(page)

    # without a Leitweg-ID the invoice is refused with the field's name
    tab_to(page, f'main a[href="{reverse("invoicing:share_invoice_create")}"]')
    assert focus_is_visible(page)
    _enter(page)
    assert_accessible(page)
    tab_to(page, "#id_member")
    page.keyboard.press("ArrowDown")
    tab_to(page, 'main button[type="submit"]')
    _enter(page)
    assert "Leitweg-ID" in page.locator("main").inner_text()
    assert Invoice.objects.count() == 0
    assert_accessible(page)

    page.goto(reverse("invoicing:billing_list"))
    assert_accessible(page)
    tab_to(page, f'main a[href="{reverse("invoicing:billing_edit", args=[member.pk])}"]')
    _enter(page)
    tab_to(page, "#id_leitweg_id")
    page.keyboard.type(LEITWEG_A[:-2] + "00")
    tab_to(page, 'main button[type="submit"]')
    _enter(page)
    assert "Die Prüfziffer der Leitweg-ID stimmt nicht" in page.locator("main").inner_text()
    assert_accessible(page)
    tab_to(page, "#id_leitweg_id")
    page.keyboard.press("Control+a")
    page.keyboard.type(LEITWEG_A)
    tab_to(page, 'main button[type="submit"]')
    _enter(page)
    assert LEITWEG_A in page.locator("main table").inner_text()

    page.goto(reverse("invoicing:share_invoice_create"))
    tab_to(page, "#id_member")
    page.keyboard.press("ArrowDown")
    tab_to(page, 'main button[type="submit"]')
    _enter(page)
    invoice = Invoice.objects.get()
    assert page.locator("h1").inner_text() == f"Rechnung {invoice.number}"
    assert LEITWEG_A in page.locator("main").inner_text()
    assert_accessible(page)

    tab_to(page, f'main a[href="{reverse("invoicing:invoice_cancel", args=[invoice.pk])}"]')
    _enter(page)
    tab_to(page, "#id_reason")
    page.keyboard.type("Anteil doppelt berechnet")
    tab_to(page, 'main button[type="submit"]')
    _enter(page)
    assert page.locator("h1").inner_text().startswith("Gutschrift (Storno)")
    assert "Grund der Stornierung: Anteil doppelt berechnet" in page.locator("main").inner_text()
    assert_accessible(page)
