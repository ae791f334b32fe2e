"""The readable PDF of an invoice (tagged PDF/UA-1 and PDF/A-2u, ikz.lib.pdfdoc): the same facts as
the XRechnung XML, which is the invoice of record (decision 250)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from fpdf.fonts import FontFace

from ikz.invoicing import rules
from ikz.lib.money import format_eur
from ikz.lib.pdfdoc import FONT, TaggedPDF, new_pdf


def _p(pdf: TaggedPDF, text: str, size: float = 10, style: str = "", height: float = 5) -> None:
    pdf.set_font(FONT, style, size)
    with pdf.tagged("P"):
        pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def _rate(line: rules.Line) -> str:
    if line.category == rules.STANDARD:
        return f"{line.rate.normalize():f} %"
    return rules.TAX_CATEGORIES[line.category]


def _quantity(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def invoice_pdf(data: rules.InvoiceData) -> bytes:
    title = ("Gutschrift" if data.is_credit_note else "Rechnung") + f" {data.number}"
    pdf = new_pdf(title, archival=True)
    pdf.add_page()
    seller = data.seller
    _p(pdf, f"{seller.name} · {seller.street} · {seller.postal_code} {seller.city}", size=8)
    pdf.ln(2)
    buyer = data.buyer
    address = [buyer.name, buyer.contact_name, buyer.street, f"{buyer.postal_code} {buyer.city}"]
    _p(pdf, "\n".join(part for part in address if part))
    pdf.ln(4)
    pdf.set_font(FONT, "B", 15)
    with pdf.tagged("H1"):
        pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    facts = [
        ("Rechnungsnummer", data.number),
        ("Rechnungsdatum", f"{data.issued_on:%d.%m.%Y}"),
        ("Leistungsdatum", f"{data.delivered_on:%d.%m.%Y}"),
        ("Leitweg-ID / Ihre Referenz", data.buyer_reference),
    ]
    if data.order_reference:
        facts.append(("Auftrag", data.order_reference))
    if data.preceding_number:
        facts.append(("Storniert Rechnung", data.preceding_number))
    _table(pdf, [("Angabe", "Wert"), *facts], (60, pdf.epw - 60), row_headings=True)
    pdf.ln(3)
    if data.note:
        _p(pdf, data.note)
    _lines_and_sums(pdf, data)
    pdf.ln(4)
    if data.is_credit_note:
        _p(pdf, "Der Betrag wird Ihnen erstattet oder mit offenen Forderungen verrechnet.")
    else:
        _p(pdf, f"{data.payment_terms} Verwendungszweck: {data.number}.")
    _p(
        pdf,
        f"Bankverbindung: {data.account_holder}, IBAN {rules.format_iban(data.iban)}"
        + (f", BIC {data.bic}" if data.bic else ""),
    )
    tax_ids = ", ".join(
        text
        for text in (
            f"USt-IdNr. {seller.vat_id}" if seller.vat_id else "",
            f"Steuernummer {seller.tax_number}" if seller.tax_number else "",
            seller.register,
        )
        if text
    )
    _p(
        pdf,
        f"{seller.name}, {tax_ids}. Kontakt: {seller.contact_name}, {seller.phone}, {seller.email}",
        size=8,
        height=4,
    )
    _p(
        pdf,
        "Diese Rechnung wurde zusätzlich als E-Rechnung (XRechnung 3.0, CII) ausgestellt; "
        "maßgeblich ist die XML-Datei.",
        size=8,
        height=4,
    )
    return bytes(pdf.output())


def _lines_and_sums(pdf: TaggedPDF, data: rules.InvoiceData) -> None:
    rows = [("Pos.", "Leistung", "Menge", "Einzelpreis", "Umsatzsteuer", "Netto")]
    for line in data.lines:
        rows.append(
            (
                str(line.position),
                line.text,
                f"{_quantity(line.quantity)} {rules.unit_label(line.unit)}",
                format_eur(line.unit_price),
                _rate(line),
                format_eur(line.net),
            )
        )
    _table(pdf, rows, (12, pdf.epw - 132, 25, 30, 35, 30))
    pdf.ln(3)
    totals = data.totals
    sums = [("Summe", "Betrag"), ("Summe netto", format_eur(totals.net))]
    for group in totals.groups:
        label = (
            f"Umsatzsteuer {group.rate.normalize():f} %" if group.category == rules.STANDARD else group.reason
        )
        sums.append((label, format_eur(group.tax)))
    sums.append(
        ("Gesamtbetrag" if not data.is_credit_note else "Gutschriftsbetrag", format_eur(totals.gross))
    )
    _table(pdf, sums, (pdf.epw - 45, 45), row_headings=True)


def _table(
    pdf: TaggedPDF, rows: Sequence[Sequence[str]], widths: tuple[float, ...], *, row_headings: bool = False
) -> None:
    pdf.set_font(FONT, "", 9)
    with pdf.table(
        col_widths=widths,
        width=pdf.epw,
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
        line_height=5,
        text_align="LEFT",
        first_row_as_headings=True,
    ) as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)
