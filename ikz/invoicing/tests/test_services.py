"""Issuing e-invoices: the XML passes the official CII schema, the Leitweg-ID is demanded from a
public body, numbers are gapless per year, a refusal writes nothing, a credit note cancels."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from lxml import etree
from pypdf import PdfReader

from ikz.audit.models import AuditEntry
from ikz.invoicing import services
from ikz.invoicing.models import BillingAddress, Invoice, InvoiceCounter
from ikz.invoicing.tests.helpers import LEITWEG_A, make_billing, make_order, make_profile
from ikz.invoicing.tests.xsd import CII_FULL, schema_errors
from ikz.membership.tests.helpers import coop_office, make_cooperative, make_member
from ikz.test import World

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 6)
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
}


def _text(xml: bytes, path: str) -> list[str]:
    return [str(e.text) for e in etree.fromstring(xml).iterfind(path, NS)]


def test_share_invoice_credit_note_and_order_invoice_pass_the_schema(world: World) -> None:
    coop = make_cooperative()
    make_profile(coop)
    office = coop_office()
    member = make_member(coop, world.kommune_a, "001", dt.date(2026, 3, 1))
    make_billing(member)

    share = services.issue_share_invoice(member, issued_on=DAY, actor=office)
    xml = bytes(share.xml)
    assert schema_errors(xml) == [] and schema_errors(xml, CII_FULL) == []
    assert share.number == "2026-0001" and share.gross == Decimal("500.00") and share.tax == 0
    assert _text(xml, ".//ram:BuyerReference") == [LEITWEG_A]
    assert _text(xml, ".//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == [
        "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
    ]
    assert _text(xml, ".//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode") == [
        "O"
    ]
    assert _text(xml, ".//ram:IBANID") == ["DE02120300000000202051"]
    assert _text(xml, ".//ram:DueDateDateTime/*") == ["20270105"]
    # a not-taxable invoice names no VAT id (BR-O-2), only the tax number
    assert _text(xml, ".//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID") == ["039 123 45678"]
    pdf = PdfReader(__import__("io").BytesIO(bytes(share.pdf)))
    text = pdf.pages[0].extract_text()
    assert "Rechnung 2026-0001" in text and LEITWEG_A in text and "500,00" in text
    assert "/StructTreeRoot" in pdf.trailer["/Root"]
    with pytest.raises(ValidationError, match="schon eine Rechnung"):
        services.issue_share_invoice(member, issued_on=DAY, actor=office)

    credit = services.cancel_invoice(share, issued_on=DAY, reason="Anteil doppelt berechnet", actor=office)
    xml = bytes(credit.xml)
    assert schema_errors(xml) == []
    assert credit.number == "2026-0002" and credit.cancels == share
    assert _text(xml, ".//rsm:ExchangedDocument/ram:TypeCode") == ["381"]
    assert _text(xml, ".//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == ["2026-0001"]
    with pytest.raises(ValidationError, match="schon durch eine Gutschrift"):
        services.cancel_invoice(share, issued_on=DAY, reason="nochmal", actor=office)
    with pytest.raises(ValidationError, match="Gutschrift kann nicht storniert"):
        services.cancel_invoice(credit, issued_on=DAY, reason="x", actor=office)
    # after the cancellation the share can be invoiced again, with the next number, not backdated
    with pytest.raises(ValidationError) as refused:
        services.issue_share_invoice(member, issued_on=DAY - dt.timedelta(days=1), actor=office)
    assert "2026-0002 ist schon auf den 06.12.2026 datiert" in refused.value.message_dict["issued_on"][0]
    with pytest.raises(ValidationError, match="nicht nach heute"):
        services.issue_share_invoice(member, issued_on=dt.date.today() + dt.timedelta(days=1), actor=office)
    again = services.issue_share_invoice(member, issued_on=DAY, actor=office)
    assert again.number == "2026-0003"
    assert Invoice.objects.filter(member=member).count() == 3  # nothing deleted
    assert AuditEntry.objects.filter(object_repr__contains="2026-0002").exists()

    order = make_order(member)
    invoice = services.issue_order_invoice(
        order, issued_on=DAY, delivered_on=dt.date(2026, 11, 30), actor=office
    )
    xml = bytes(invoice.xml)
    assert schema_errors(xml) == [] and schema_errors(xml, CII_FULL) == []
    assert (invoice.net, invoice.tax, invoice.gross) == (
        Decimal("2280.00"),
        Decimal("433.20"),
        Decimal("2713.20"),
    )
    assert invoice.number == "2026-0004"
    assert _text(xml, ".//ram:BilledQuantity") == ["12", "1"]
    assert [e.get("unitCode") for e in etree.fromstring(xml).iterfind(".//ram:BilledQuantity", NS)] == [
        "MON",
        "LS",
    ]
    assert _text(xml, ".//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID") == [order.number]
    assert "DE123456789" in _text(xml, ".//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID")


def test_exempt_order_carries_the_reason(world: World) -> None:
    coop = make_cooperative()
    make_profile(coop)
    member = make_member(coop, world.kommune_a, "001", dt.date(2026, 3, 1))
    make_billing(member)
    invoice = services.issue_order_invoice(
        make_order(member, vat="exempt"), issued_on=DAY, delivered_on=DAY, actor=None
    )
    xml = bytes(invoice.xml)
    assert schema_errors(xml) == []
    assert invoice.tax == 0 and invoice.gross == Decimal("2280.00")
    assert _text(xml, ".//ram:ExemptionReason")[0].startswith("Steuerfrei nach § 4 Nr. 29 UStG")
    assert [line.reason != "" for line in invoice.lines.all()] == [True, True]


def test_refusals_write_nothing_and_use_no_number(world: World) -> None:
    coop = make_cooperative()
    member = make_member(coop, world.kommune_a, "001", dt.date(2026, 3, 1))
    with pytest.raises(ValidationError, match="Rechnungsangaben der Genossenschaft"):
        services.issue_share_invoice(member, issued_on=DAY, actor=None)
    make_profile(coop)
    # a municipality without a Leitweg-ID: refused naming the field
    with pytest.raises(ValidationError) as refused:
        services.issue_share_invoice(member, issued_on=DAY, actor=None)
    assert "Leitweg-ID" in refused.value.message_dict["leitweg_id"][0]
    BillingAddress.objects.create(member=member, needs_leitweg=True, leitweg_id="")
    with pytest.raises(ValidationError, match="Leitweg-ID"):
        services.issue_share_invoice(member, issued_on=DAY, actor=None)
    assert Invoice.objects.count() == 0
    assert not InvoiceCounter.objects.filter(last__gt=0).exists()
    # a body that needs none is invoiced under its member number, addressed by e-mail
    services.save_billing(
        member,
        {"needs_leitweg": False, "leitweg_id": "", "email": "rechnung@kommune.example"},
        actor=None,
        expected_version=1,
    )
    invoice = services.issue_share_invoice(member, issued_on=DAY, actor=None)
    assert invoice.number == "2026-0001" and invoice.buyer_reference == "001"
    assert schema_errors(bytes(invoice.xml)) == []


def test_billing_and_seller_data_are_checked(world: World) -> None:
    coop = make_cooperative()
    member = make_member(coop, world.kommune_a, "001", dt.date(2026, 3, 1))
    with pytest.raises(ValidationError) as refused:
        services.save_billing(member, {"leitweg_id": "06433001-0001-00"}, actor=None)
    assert "Prüfziffer" in refused.value.message_dict["leitweg_id"][0]
    saved = services.save_billing(member, {"leitweg_id": " " + LEITWEG_A.lower()}, actor=None)
    assert saved.leitweg_id == LEITWEG_A
    with pytest.raises(ValidationError) as refused:
        services.save_seller_profile(
            coop,
            {"iban": "DE02120300000000202052", "vat_id": "DE12", "tax_number": "", "contact_name": "x"},
            actor=None,
        )
    errors = refused.value.message_dict
    assert "IBAN" in errors["iban"][0] and "DE123456789" in errors["vat_id"][0]
    profile = services.save_seller_profile(
        coop,
        {
            "iban": "de02 1203 0000 0000 2020 51",
            "vat_id": "de 123456789",
            "tax_number": "",
            "contact_name": "Rechnungsstelle",
            "phone": "06441 0000",
            "email": "rechnung@k4k.example",
            "payment_days": 14,
        },
        actor=None,
    )
    assert (profile.iban, profile.vat_id) == ("DE02120300000000202051", "DE123456789")
