"""Money as exact cents: parsing, rounding and German formatting ("1.234,56 €").

Amounts are ``Decimal`` with two places; exact intermediate values are ``Fraction``. Nothing here
rounds silently: :func:`cents` refuses an amount with fractions of a cent.
"""

from __future__ import annotations

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
