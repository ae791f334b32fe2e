"""Offers, the in-house share (§ 108 GWB) and amounts of money as text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
VAT_RATES = {
    "standard": Decimal("19"),
    "reduced": Decimal("7"),
    "exempt": Decimal("0"),
    "not_taxable": Decimal("0"),
}


@dataclass(frozen=True)
class OfferTotals:
    net: Decimal
    vat: Decimal
    gross: Decimal


def line_total(quantity: Decimal, unit_price: Decimal) -> Decimal:
    return (quantity * unit_price).quantize(CENT, rounding=ROUND_HALF_UP)


def offer_totals(lines: Sequence[tuple[Decimal, Decimal]], vat_treatment: str) -> OfferTotals:
    net = sum((line_total(q, p) for q, p in lines), Decimal("0.00"))
    vat = (net * VAT_RATES[vat_treatment] / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return OfferTotals(net, vat, net + vat)


INHOUSE_THRESHOLD = Decimal("80")
WARNING_THRESHOLD = Decimal("85")


@dataclass(frozen=True)
class TurnoverRow:
    year: int
    members: Decimal
    others: Decimal
    share: Decimal | None  # members' share in %, None without turnover
    average3: Decimal | None  # the mean of the shares over this and the two years before (§ 108 Abs. 7)
    status: str  # ok | warning | failed | none


def _percent(part: Decimal, total: Decimal) -> Decimal | None:
    if total <= 0:
        return None
    return (part * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def inhouse_report(turnover: Mapping[int, tuple[Decimal, Decimal]]) -> list[TurnoverRow]:
    """Per year: turnover with members and with others, the members' share, and the three-year
    average of total turnover (§ 108 Abs. 7 GWB); more than 80 % is needed, below 85 % warns."""
    rows = []
    for year in sorted(turnover):
        members, others = turnover[year]
        window = [turnover.get(y, (Decimal(0), Decimal(0))) for y in range(year - 2, year + 1)]
        average = _percent(
            sum((m for m, _o in window), Decimal(0)), sum((m + o for m, o in window), Decimal(0))
        )
        status = "none"
        if average is not None:
            status = (
                "failed"
                if average <= INHOUSE_THRESHOLD
                else "warning"
                if average < WARNING_THRESHOLD
                else "ok"
            )
        rows.append(TurnoverRow(year, members, others, _percent(members, members + others), average, status))
    return rows
