"""The pages as the cooperative's office uses them: seller data, a member's Leitweg-ID, a share
invoice refused without it and issued with it, downloads, the credit note; the member's view."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from ikz.invoicing.models import Invoice
from ikz.invoicing.tests.helpers import LEITWEG_A
from ikz.invoicing.tests.xsd import schema_errors
from ikz.membership.tests.helpers import coop_office, make_cooperative, make_member
from ikz.test import World

pytestmark = pytest.mark.django_db

SELLER = {
    "vat_id": "DE123456789",
    "tax_number": "",
    "register": "Genossenschaftsregister GnR 1, Amtsgericht Wetzlar",
    "iban": "DE02 1203 0000 0000 2020 51",
    "bic": "",
    "bank_name": "Testbank",
    "contact_name": "Rechnungsstelle K4K",
    "phone": "06441 0000",
    "email": "rechnung@k4k.example",
    "payment_days": "30",
}


def test_office_issues_downloads_and_cancels_a_share_invoice(world: World) -> None:
    coop = make_cooperative()
    member = make_member(coop, world.kommune_a, "001", dt.date(2026, 3, 1))
    client = Client()
    client.force_login(coop_office())
    today = dt.date.today().isoformat()

    page = client.get(reverse("invoicing:invoice_list")).content.decode()
    assert "Die Rechnungsangaben der Genossenschaft (IBAN, Steuernummer, Kontakt) fehlen noch" in page
    response = client.post(reverse("invoicing:seller_edit"), SELLER | {"iban": "DE02 1203 0000 0000 2020 52"})
    assert "Die Prüfziffer der IBAN stimmt nicht" in response.content.decode()
    assert client.post(reverse("invoicing:seller_edit"), SELLER).status_code == 302
    assert "DE02120300000000202051" in client.get(reverse("invoicing:invoice_list")).content.decode()

    # without a Leitweg-ID the invoice is refused, naming the field, and nothing is written
    create = reverse("invoicing:share_invoice_create")
    response = client.post(create, {"member": member.pk, "issued_on": today})
    assert response.status_code == 200
    assert "Leitweg-ID" in response.content.decode() and Invoice.objects.count() == 0

    billing = reverse("invoicing:billing_edit", args=[member.pk])
    response = client.post(billing, {"needs_leitweg": "on", "leitweg_id": "06433001-0001-00"})
    assert "Die Prüfziffer der Leitweg-ID stimmt nicht" in response.content.decode()
    assert client.post(billing, {"needs_leitweg": "on", "leitweg_id": LEITWEG_A}).status_code == 302
    assert LEITWEG_A in client.get(reverse("invoicing:billing_list")).content.decode()
    history = client.get(reverse("invoicing:billing_history", args=[member.pk])).content.decode()
    assert LEITWEG_A in history and "erstmals hinterlegt" in history

    response = client.post(create, {"member": member.pk, "issued_on": today})
    invoice = Invoice.objects.get()
    assert response.status_code == 302 and response["Location"] == invoice.get_absolute_url()
    detail = client.get(invoice.get_absolute_url()).content.decode()
    assert invoice.number in detail and LEITWEG_A in detail and "Stornieren (Gutschrift)" in detail
    xml = client.get(reverse("invoicing:invoice_download", args=[invoice.pk, "xml"]))
    assert xml["Content-Type"].startswith("application/xml") and schema_errors(xml.content) == []
    pdf = client.get(reverse("invoicing:invoice_download", args=[invoice.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF") and f"{invoice.number}-xrechnung.pdf" in pdf["Content-Disposition"]
    assert client.get(reverse("invoicing:invoice_download", args=[invoice.pk, "docx"])).status_code == 404

    cancel = reverse("invoicing:invoice_cancel", args=[invoice.pk])
    response = client.post(cancel, {"issued_on": today, "reason": ""})
    assert "Bitte den Grund der Stornierung angeben." in response.content.decode()
    response = client.post(cancel, {"issued_on": today, "reason": "Anteil doppelt berechnet"})
    credit = Invoice.objects.get(cancels=invoice)
    assert response["Location"] == credit.get_absolute_url()
    listing = client.get(reverse("invoicing:invoice_list")).content.decode()
    assert f"storniert durch {credit.number}" in listing and f"storniert {invoice.number}" in listing
    assert "Stornieren (Gutschrift)" not in client.get(invoice.get_absolute_url()).content.decode()

    # the member contact of Kommune A sees its invoice without the office's actions
    member_client = world.client_for("member")
    page = member_client.get(invoice.get_absolute_url()).content.decode()
    assert invoice.number in page and "Stornieren" not in page
    assert member_client.get(cancel).status_code == 403
    listing = member_client.get(reverse("invoicing:invoice_list")).content.decode()
    assert invoice.number in listing and credit.number in listing
    assert "Rechnung für den Geschäftsanteil" not in listing and "IBAN" not in listing
