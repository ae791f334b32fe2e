"""The pure rules: Leitweg-ID check digits, IBAN, sums per tax category and the XRechnung rules
checked before an invoice is issued."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal as D

from ikz.invoicing import rules

SELLER = rules.Party(
    "K4K eG",
    "Laufdorfer Weg 4",
    "35578",
    "Wetzlar",
    email="rechnung@k4k.example",
    contact_name="Rechnungsstelle",
    phone="06441 0000",
    vat_id="DE123456789",
    register="Genossenschaftsregister GnR 1, Amtsgericht Wetzlar",
)
BUYER = rules.Party("Stadt Kelsterbach", "Mörfelder Straße 33", "65451", "Kelsterbach")
LEITWEG = "06433009-0001-59"


def invoice(*lines: rules.Line, **changes: object) -> rules.InvoiceData:
    data = rules.InvoiceData(
        number="2026-0001",
        type_code=rules.INVOICE,
        issued_on=dt.date(2026, 12, 6),
        delivered_on=dt.date(2026, 11, 30),
        due_on=dt.date(2027, 1, 5),
        buyer_reference=LEITWEG,
        seller=SELLER,
        buyer=BUYER,
        iban="DE02120300000000202051",
        bic="BYLADEM1001",
        account_holder="K4K eG",
        payment_terms="Zahlbar innerhalb von 30 Tagen.",
        lines=lines or (rules.Line(1, "Datenschutz", D("2.5"), "HUR", D("95.00"), rules.STANDARD, D("19")),),
        buyer_endpoint=LEITWEG,
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def test_leitweg_check_digits_of_published_ids_and_refusals():
    # the Leitweg-IDs of the KoSIT test suite and of the format specification's example
    assert rules.leitweg_errors("991-33333TEST-33") == []
    assert rules.leitweg_errors("04011000-1234512345-06") == []
    assert rules.leitweg_errors("04011000-1234512345-07")[0].startswith(
        "Die Prüfziffer der Leitweg-ID stimmt nicht: für 04011000-1234512345 wäre sie 06, nicht 07."
    )
    assert "Form" in rules.leitweg_errors("Kelsterbach")[0]
    assert "Form" in rules.leitweg_errors("0643300-")[0]
    assert rules.leitweg_errors(rules.with_check_digits("06433009", "0001")) == []
    assert rules.with_check_digits("06433009") == "06433009-" + rules.leitweg_check_digits("06433009")
    # lower-case letters of the fine address count like upper-case ones
    assert rules.leitweg_errors("991-33333test-33") == []


def test_leitweg_required_for_a_public_body():
    assert "Leitweg-ID" in rules.leitweg_required_errors(True, " ")[0]
    assert rules.leitweg_required_errors(False, "") == []
    assert rules.leitweg_required_errors(True, LEITWEG) == []
    assert "Prüfziffer" in rules.leitweg_required_errors(False, "06433009-0001-46")[0]


def test_iban():
    assert rules.iban_errors("DE02 1203 0000 0000 2020 51") == []
    assert "Prüfziffer" in rules.iban_errors("DE02120300000000202052")[0]
    assert "22 Zeichen" in rules.iban_errors("DE0212030000000020205")[0]
    assert "Form" in rules.iban_errors("12345")[0]
    assert rules.format_iban("de02120300000000202051") == "DE02 1203 0000 0000 2020 51"


def test_totals_per_tax_category_and_units():
    data = invoice(
        rules.Line(1, "Beratung", D("2.5"), "HUR", D("95.00"), rules.STANDARD, D("19")),
        rules.Line(2, "Schulung", D("1"), "LS", D("100.00"), rules.STANDARD, D("19")),
        rules.Line(
            3, "Einkaufsgemeinschaft", D("3"), "C62", D("33.33"), rules.EXEMPT, D("0"), "§ 4 Nr. 29 UStG"
        ),
    )
    totals = data.totals
    assert (totals.net, totals.tax, totals.gross) == (D("437.49"), D("64.13"), D("501.62"))
    assert [(g.category, g.basis, g.tax, g.reason) for g in totals.groups] == [
        ("S", D("337.50"), D("64.13"), ""),
        ("E", D("99.99"), D("0.00"), "§ 4 Nr. 29 UStG"),
    ]
    assert [rules.unit_code(u) for u in ("Stunde", "Std.", "Pauschale", "Monat", "Lizenz")] == [
        "HUR",
        "HUR",
        "LS",
        "MON",
        "C62",
    ]
    assert rules.invoice_number(2026, 7) == "2026-0007"


def test_xrechnung_rules_name_the_missing_field():
    assert rules.xrechnung_errors(invoice()) == []
    bare = rules.Party("K4K eG", "", "", "")
    found = dict(
        rules.xrechnung_errors(
            invoice(buyer_reference="", iban="DE02120300000000202052", seller=bare, buyer_endpoint="")
        )
    )
    assert "Leitweg-ID" in found["BR-DE-15"]
    assert "IBAN" in found["BR-DE-19"]
    assert "Ort" in found["BR-DE-3"] and "PLZ" in found["BR-DE-4"]
    assert (
        "Ansprechperson" in found["BR-DE-5"]
        and "Telefon" in found["BR-DE-6"]
        and "E-Mail" in found["BR-DE-7"]
    )
    assert "Steuernummer" in found["BR-DE-16"]
    assert "Registereintrag" in found["BR-CO-26"]
    assert "BT-49" in found["BR-DE-BT-49"]
    assert dict(rules.xrechnung_errors(invoice(iban="")))["BR-DE-1"].startswith("BR-DE-1: Feld „IBAN“")


def test_tax_rules_and_credit_note():
    share = rules.Line(
        1, "Geschäftsanteil", D("1"), "C62", D("500"), rules.NOT_SUBJECT, D("0"), rules.SHARE_REASON
    )
    service = rules.Line(2, "Beratung", D("1"), "HUR", D("95"), rules.STANDARD, D("19"))
    assert rules.xrechnung_errors(invoice(share)) == []
    assert "BR-O-11" in dict(rules.xrechnung_errors(invoice(share, service)))
    no_reason = rules.Line(1, "Leistung", D("1"), "C62", D("10"), rules.EXEMPT, D("0"))
    assert "Befreiungsgrund" in dict(rules.xrechnung_errors(invoice(no_reason)))["BR-E-10"]
    no_rate = rules.Line(1, "Leistung", D("1"), "C62", D("10"), rules.STANDARD, D("0"))
    assert "BR-S-5" in dict(rules.xrechnung_errors(invoice(no_rate)))
    credit = invoice(type_code=rules.CREDIT_NOTE)
    assert "BR-DE-26" in dict(rules.xrechnung_errors(credit))
    assert rules.xrechnung_errors(dataclasses.replace(credit, preceding_number="2026-0001")) == []
    late = invoice(due_on=dt.date(2026, 12, 1))
    assert "fällig am" in dict(rules.xrechnung_errors(late))["BR-CO-25"]
    assert "BR-DE-17" in dict(rules.xrechnung_errors(invoice(type_code="999")))
    assert "BR-16" in dict(rules.xrechnung_errors(dataclasses.replace(invoice(), lines=())))
