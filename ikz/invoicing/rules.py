"""Pure rules of the cooperative's e-invoices (XRechnung 3.0, decisions 250–255): the Leitweg-ID
and its check digits, the IBAN, the tax categories, the sums of an invoice, and the XRechnung
business rules that can be checked without Schematron, each with a German message naming the
field. No database, no request."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
SPECIFICATION = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
BUSINESS_PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
INVOICE = "380"  # commercial invoice (UNTDID 1001)
CREDIT_NOTE = "381"  # credit note
SEPA_TRANSFER = "58"  # payment means: SEPA credit transfer (UNTDID 4461)
LEITWEG_SCHEME = "0204"  # electronic address scheme of a Leitweg-ID (BT-49)
EMAIL_SCHEME = "EM"

# Tax categories of a line (UNCL 5305) with their rate; E and O need the reason (BT-120).
STANDARD, EXEMPT, NOT_SUBJECT = "S", "E", "O"
TAX_CATEGORIES = {
    STANDARD: "umsatzsteuerpflichtig",
    EXEMPT: "umsatzsteuerfrei",
    NOT_SUBJECT: "nicht steuerbar",
}
# the offers' VAT treatment (membership.VatTreatment) as category and rate
FROM_OFFER = {
    "standard": (STANDARD, Decimal("19")),
    "reduced": (STANDARD, Decimal("7")),
    "exempt": (EXEMPT, Decimal("0")),
    "not_taxable": (NOT_SUBJECT, Decimal("0")),
}
DEFAULT_REASONS = {
    EXEMPT: "Steuerfrei nach § 4 Nr. 29 UStG (Leistung an Mitglieder eines Zusammenschlusses)",
    NOT_SUBJECT: "Nicht steuerbar: kein Leistungsaustausch",
}
SHARE_REASON = "Nicht steuerbar: Einzahlung auf den Geschäftsanteil (Kapitaleinlage, kein Leistungsaustausch)"

_LEITWEG = re.compile(r"^(?P<coarse>[0-9]{2,12})(?:-(?P<fine>[A-Za-z0-9]{1,30}))?-(?P<check>[0-9]{2})$")


def _mod97(text: str) -> int:
    """ISO 7064 MOD 97-10 over digits and letters (A = 10 … Z = 35), as IBAN and Leitweg-ID use it."""
    digits = "".join(str(int(char, 36)) for char in text.upper())
    return int(digits) % 97


def leitweg_check_digits(coarse: str, fine: str = "") -> str:
    """The two check digits of a Leitweg-ID: 98 − (number · 100 mod 97), the letters of the fine
    address as numbers (Formatspezifikation Leitweg-ID 2.0.2, ISO 7064 MOD 97-10)."""
    return f"{98 - _mod97(coarse + fine + '00'):02d}"


def leitweg_errors(value: str) -> list[str]:
    """Why a Leitweg-ID is not one ([] when it is): its form (Grobadressierung of 2 to 12 digits,
    optional Feinadressierung of up to 30 letters and digits, two check digits, joined by hyphens)
    and its check digits."""
    text = value.strip()
    match = _LEITWEG.match(text)
    if match is None:
        return [
            "Die Leitweg-ID hat nicht die Form „Grobadressierung-Feinadressierung-Prüfziffer“: "
            "2 bis 12 Ziffern, optional bis zu 30 Buchstaben oder Ziffern, dann zwei Prüfziffern, "
            "getrennt durch Bindestriche (z. B. 06433003-0001-27)."
        ]
    expected = leitweg_check_digits(match["coarse"], match["fine"] or "")
    if match["check"] != expected:
        return [
            f"Die Prüfziffer der Leitweg-ID stimmt nicht: für {match['coarse']}"
            f"{'-' + match['fine'] if match['fine'] else ''} wäre sie {expected}, nicht {match['check']}."
        ]
    return []


def with_check_digits(coarse: str, fine: str = "") -> str:
    """A complete Leitweg-ID from its addresses (for the demo and tests)."""
    return "-".join(part for part in (coarse, fine, leitweg_check_digits(coarse, fine)) if part)


def normalize_iban(value: str) -> str:
    return re.sub(r"\s+", "", value).upper()


def iban_errors(value: str) -> list[str]:
    iban = normalize_iban(value)
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", iban):
        return ["Die IBAN hat nicht die Form einer IBAN (Ländercode, zwei Prüfziffern, Kontonummer)."]
    if iban.startswith("DE") and len(iban) != 22:
        return ["Eine deutsche IBAN hat 22 Zeichen."]
    if _mod97(iban[4:] + iban[:4]) != 1:
        return ["Die Prüfziffer der IBAN stimmt nicht: bitte die IBAN prüfen."]
    return []


def format_iban(value: str) -> str:
    iban = normalize_iban(value)
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Party:
    """Seller or buyer as the invoice names them."""

    name: str
    street: str
    postal_code: str
    city: str
    country: str = "DE"
    email: str = ""
    contact_name: str = ""
    phone: str = ""
    vat_id: str = ""
    tax_number: str = ""
    register: str = ""


@dataclass(frozen=True)
class Line:
    position: int
    text: str
    quantity: Decimal
    unit: str  # UN/ECE Recommendation 20 (C62 piece, HUR hour, DAY day, LS lump sum)
    unit_price: Decimal
    category: str
    rate: Decimal
    reason: str = ""

    @property
    def net(self) -> Decimal:
        return money(self.quantity * self.unit_price)


@dataclass(frozen=True)
class TaxGroup:
    category: str
    rate: Decimal
    basis: Decimal
    tax: Decimal
    reason: str


@dataclass(frozen=True)
class Totals:
    net: Decimal
    tax: Decimal
    gross: Decimal
    groups: tuple[TaxGroup, ...]


def totals(lines: Sequence[Line]) -> Totals:
    """Sums per tax category and rate (BG-23), the tax rounded per group, as EN 16931 asks."""
    keys: dict[tuple[str, Decimal], list[Line]] = {}
    for line in lines:
        keys.setdefault((line.category, line.rate), []).append(line)
    groups = []
    for (category, rate), members in keys.items():
        basis = sum((line.net for line in members), ZERO)
        reason = next((line.reason for line in members if line.reason), "")
        groups.append(TaxGroup(category, rate, basis, money(basis * rate / 100), reason))
    net = sum((group.basis for group in groups), ZERO)
    tax = sum((group.tax for group in groups), ZERO)
    return Totals(net, tax, net + tax, tuple(groups))


@dataclass(frozen=True)
class InvoiceData:
    """Everything the XML and the PDF show of one invoice or credit note."""

    number: str
    type_code: str
    issued_on: dt.date
    delivered_on: dt.date
    due_on: dt.date
    buyer_reference: str  # BT-10: the Leitweg-ID (or the member's own reference)
    seller: Party
    buyer: Party
    iban: str
    bic: str
    account_holder: str
    payment_terms: str
    lines: tuple[Line, ...]
    order_reference: str = ""
    preceding_number: str = ""
    preceding_issued_on: dt.date | None = None
    note: str = ""
    buyer_endpoint: str = ""  # BT-49 (the Leitweg-ID, scheme 0204, or an e-mail address)
    currency: str = "EUR"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def totals(self) -> Totals:
        return totals(self.lines)

    @property
    def buyer_endpoint_scheme(self) -> str:
        return EMAIL_SCHEME if "@" in self.buyer_endpoint else LEITWEG_SCHEME

    @property
    def is_credit_note(self) -> bool:
        return self.type_code == CREDIT_NOTE


EMAIL = re.compile(r"^[^@\s.][^@\s]*@[^@\s]+\.[^@\s]*[^@\s.]$")


def leitweg_required_errors(needs_leitweg: bool, leitweg_id: str) -> list[str]:
    """A public body (a municipality, a district, a Zweckverband) receives e-invoices through its
    Leitweg-ID: without one the invoice is refused (ERechV, decision 252)."""
    if needs_leitweg and not leitweg_id.strip():
        return [
            "Das Mitglied ist eine öffentliche Stelle und braucht eine Leitweg-ID (Feld „Leitweg-ID“ "
            "in den Rechnungsdaten des Mitglieds): ohne sie kann die E-Rechnung nicht zugestellt werden."
        ]
    return leitweg_errors(leitweg_id) if leitweg_id.strip() else []


def _party_errors(party: Party, role: str, rules: dict[str, str]) -> list[tuple[str, str]]:
    found = []
    if not party.name.strip():
        found.append(("BR-6" if role == "seller" else "BR-7", "Name"))
    if not party.city.strip():
        found.append((rules["city"], "Ort"))
    if not party.postal_code.strip():
        found.append((rules["postal"], "PLZ"))
    who = "Verkäufers (der Genossenschaft)" if role == "seller" else "Käufers (des Mitglieds)"
    return [(rule, f"{rule}: Feld „{name}“ des {who} fehlt.") for rule, name in found]


def _seller_contact_errors(seller: Party) -> list[tuple[str, str]]:
    errors = []
    if not seller.contact_name.strip():
        errors.append(("BR-DE-5", "BR-DE-5: Feld „Ansprechperson“ der Genossenschaft fehlt."))
    if sum(char.isdigit() for char in seller.phone) < 3:
        errors.append(
            (
                "BR-DE-6",
                "BR-DE-6/27: Feld „Telefon“ der Genossenschaft fehlt oder hat weniger als drei Ziffern.",
            )
        )
    if not EMAIL.match(seller.email.strip()):
        errors.append(
            ("BR-DE-7", "BR-DE-7/28: Feld „E-Mail“ der Genossenschaft fehlt oder ist keine E-Mail-Adresse.")
        )
    return errors


def _tax_errors(data: InvoiceData) -> list[tuple[str, str]]:
    errors = []
    categories = {line.category for line in data.lines}
    if NOT_SUBJECT in categories and len(categories) > 1:
        errors.append(
            (
                "BR-O-11",
                "BR-O-11: Nicht steuerbare Positionen können nicht mit anderen in einer Rechnung stehen.",
            )
        )
    if NOT_SUBJECT not in categories and not (data.seller.vat_id or data.seller.tax_number):
        errors.append(
            (
                "BR-DE-16",
                "BR-DE-16: Feld „Umsatzsteuer-Identifikationsnummer“ oder „Steuernummer“ "
                "der Genossenschaft fehlt.",
            )
        )
    if not (data.seller.vat_id or data.seller.register):
        errors.append(
            ("BR-CO-26", "BR-CO-26: Feld „Registereintrag“ oder „Umsatzsteuer-Identifikationsnummer“ fehlt.")
        )
    for line in data.lines:
        if line.category == STANDARD and line.rate <= 0:
            errors.append(("BR-S-5", f"BR-S-5: Position {line.position}: Steuersatz fehlt."))
        if line.category in (EXEMPT, NOT_SUBJECT) and line.rate != 0:
            errors.append(("BR-E-5", f"BR-E-5: Position {line.position}: steuerfrei mit Steuersatz 0 %."))
        if line.category in (EXEMPT, NOT_SUBJECT) and not line.reason.strip():
            errors.append(("BR-E-10", f"BR-E-10: Position {line.position}: Feld „Befreiungsgrund“ fehlt."))
    return errors


def xrechnung_errors(data: InvoiceData) -> list[tuple[str, str]]:
    """The XRechnung 3.0 rules (CIUS of EN 16931, KoSIT) that need no Schematron, as (rule, German
    message naming the field); checked before an invoice is issued (decision 253)."""
    errors: list[tuple[str, str]] = []
    if not data.buyer_reference.strip():
        errors.append(("BR-DE-15", "BR-DE-15: Feld „Leitweg-ID“ (Käuferreferenz, BT-10) fehlt."))
    if data.type_code not in (INVOICE, CREDIT_NOTE):
        errors.append(("BR-DE-17", "BR-DE-17: Die Art der Rechnung ist nicht zulässig."))
    if not data.iban.strip():
        errors.append(("BR-DE-1", "BR-DE-1: Feld „IBAN“ der Genossenschaft fehlt (Zahlungsanweisungen)."))
    elif iban_errors(data.iban):
        errors.append(("BR-DE-19", "BR-DE-19: " + iban_errors(data.iban)[0]))
    errors += _party_errors(data.seller, "seller", {"city": "BR-DE-3", "postal": "BR-DE-4"})
    errors += _party_errors(data.buyer, "buyer", {"city": "BR-DE-8", "postal": "BR-DE-9"})
    errors += _seller_contact_errors(data.seller)
    if not data.buyer_endpoint.strip():
        errors.append(
            (
                "BR-DE-BT-49",
                "XRechnung 3.0: Feld „Leitweg-ID“ oder „E-Mail für Rechnungen“ des Mitglieds fehlt (BT-49).",
            )
        )
    if not data.lines:
        errors.append(("BR-16", "BR-16: Die Rechnung hat keine Position."))
    if data.due_on < data.issued_on:
        errors.append(("BR-CO-25", "BR-CO-25: Feld „fällig am“ liegt vor dem Rechnungsdatum."))
    if data.is_credit_note and not data.preceding_number:
        errors.append(("BR-DE-26", "BR-DE-26: Die Gutschrift nennt die Rechnung nicht, die sie storniert."))
    return errors + _tax_errors(data)


UNIT_CODES = {
    "stunde": "HUR",
    "stunden": "HUR",
    "std": "HUR",
    "h": "HUR",
    "tag": "DAY",
    "tage": "DAY",
    "personentag": "DAY",
    "monat": "MON",
    "monate": "MON",
    "jahr": "ANN",
    "jahre": "ANN",
    "pauschal": "LS",
    "pauschale": "LS",
}


def unit_code(unit: str) -> str:
    """The UN/ECE Recommendation 20 code of an offer line's unit as people write it ("Stunde",
    "Pauschale", "Monat"); anything else counts pieces (C62, "one")."""
    return UNIT_CODES.get(unit.strip().strip(".").lower(), "C62")


def payment_terms(days: int, due_on: dt.date) -> str:
    return f"Zahlbar innerhalb von {days} Tagen ohne Abzug bis zum {due_on:%d.%m.%Y}."


def invoice_number(year: int, sequence: int) -> str:
    """Gapless per cooperative and year: 2026-0001, 2026-0002, … (decision 251)."""
    return f"{year}-{sequence:04d}"


VAT_ID = re.compile(r"^DE[0-9]{9}$")


UNIT_LABELS = {
    "HUR": "Std.",
    "DAY": "Tage",
    "MON": "Monate",
    "ANN": "Jahre",
    "LS": "pauschal",
    "C62": "Stück",
}


def unit_label(code: str) -> str:
    return UNIT_LABELS.get(code, code)
