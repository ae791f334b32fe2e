"""Money as exact cents: parsing, rounding and German formatting ("1.234,56 €").

Amounts are ``Decimal`` with two places; exact intermediate values are ``Fraction``. Nothing here
rounds silently: :func:`cents` refuses an amount with fractions of a cent.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

CENT = Decimal("0.01")


def to_decimal(value: object) -> Decimal:
    """``value`` (Decimal, int, str with a German or English decimal mark) as a Decimal."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    text = str(value).strip().replace("€", "").replace("\u202f", "").replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"keine Zahl: {value!r}") from exc


_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+")  # 100.000 or 1.234.567: dots between thousands
_PLAIN = re.compile(r"\d+")
_DOT_DECIMAL = re.compile(r"\d+\.\d{1,2}")  # 1234.5 or 100.00: what a program or a spreadsheet sends
AMOUNT_HINT = (
    "bitte z. B. 100.000,00 oder 100000 eingeben: ein Komma vor den Cent, Punkte nur zwischen Tausendern"
)


def parse_euro(text: str) -> Decimal:
    """An amount in euros as typed in Germany: "100.000,00", "100000", "100.000", "1.234,5",
    "100.000,00 €"; also "1234.50" (a decimal point with one or two places, as programs write it).
    A dot followed by three digits groups thousands ("1.500" is 1500). Anything else, e.g. "1,2,3",
    "1.23.4" or "1e5", raises ``ValueError`` with a German message."""
    raw = str(text)
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", raw).removesuffix("EUR")
    sign = ""
    if cleaned[:1] in "+-" and cleaned:
        sign, cleaned = ("-" if cleaned[0] == "-" else ""), cleaned[1:]
    whole, comma, fraction = cleaned.partition(",")
    if comma:
        ok = bool(_PLAIN.fullmatch(fraction)) and bool(_PLAIN.fullmatch(whole) or _GROUPED.fullmatch(whole))
        number = f"{whole.replace('.', '')}.{fraction}"
    elif _GROUPED.fullmatch(whole):
        ok, number = True, whole.replace(".", "")
    else:
        ok, number = bool(_PLAIN.fullmatch(whole) or _DOT_DECIMAL.fullmatch(whole)), whole
    if not ok:
        raise ValueError(f"„{raw.strip()[:40]}“ ist kein Betrag; {AMOUNT_HINT}.")
    return Decimal(sign + number)


def cents(amount: Decimal | int | str) -> int:
    """An amount in euros as whole cents; an amount with fractions of a cent is refused."""
    value = to_decimal(amount)
    scaled = value * 100
    if scaled != scaled.to_integral_value():
        raise ValueError(f"Betrag mit Bruchteilen eines Cents: {amount}")
    return int(scaled)


def euros(amount_cents: int) -> Decimal:
    """Whole cents as a Decimal amount in euros with two places."""
    return (Decimal(amount_cents) / 100).quantize(CENT)


def fraction_to_decimal(value: Fraction, places: int = 4) -> Decimal:
    """An exact value rounded half-up to ``places`` decimals (for display of exact shares)."""
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: Decimal | int | float, places: int = 2) -> str:
    """German grouping and decimal mark: 1234.5 → "1.234,50"."""
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    quantum = Decimal(1).scaleb(-places) if places else Decimal(1)
    text = f"{number.quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_eur(value: Decimal | int, places: int = 2) -> str:
    """ "1.234,56 €" (a narrow no-break space before the sign, as DIN 5008 suggests)."""
    return f"{format_number(value, places)}\u00a0€"
