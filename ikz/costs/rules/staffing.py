"""Staffing and viability (Personalbemessung, Wirtschaftlichkeit) and the bar chart of the cost page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from ikz.costs.rules.allocation import AllocationError
from ikz.lib.money import format_eur

# --- staffing and viability (Personalbemessung, Wirtschaftlichkeit) ---------------------------------


@dataclass(frozen=True)
class WorkloadRow:
    ags: str
    name: str
    cases: Decimal
    minutes_per_case: Decimal
    current_fte: Decimal  # today's split positions (Splitterressourcen)
    cost_per_fte: Decimal  # full cost of a position of today's pay grade


@dataclass(frozen=True)
class StaffingResult:
    rows: list[tuple[WorkloadRow, Decimal]]  # with the required FTE of the municipality
    total_minutes: Decimal
    required_fte: Decimal  # pooled, exact to 4 places
    pooled_fte: Decimal  # rounded up to the step of a position
    current_fte: Decimal
    current_cost: Decimal
    pooled_cost: Decimal
    saving: Decimal
    saving_percent: Decimal | None


def _q4(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def _ceil_to(value: Decimal, step: Decimal) -> Decimal:
    units = (value / step).to_integral_value(rounding="ROUND_CEILING")
    return (units * step).quantize(Decimal("0.01"))


def staffing(
    rows: Sequence[WorkloadRow],
    *,
    net_minutes_per_fte: Decimal,
    pooled_cost_per_fte: Decimal,
    overhead: Decimal = Decimal(0),
    fte_step: Decimal = Decimal("0.25"),
) -> StaffingResult:
    """Required positions from case numbers × minutes ÷ net annual working time; pooled vs. split.

    ``overhead``: extra annual cost of the pooled unit (coordination, travel). The pooled unit's
    positions are rounded up to ``fte_step`` (positions come in quarters)."""
    if net_minutes_per_fte <= 0:
        raise AllocationError([_("Die Netto-Jahresarbeitszeit muss größer als null sein.")])
    if any(r.cases < 0 or r.minutes_per_case < 0 or r.current_fte < 0 for r in rows):
        raise AllocationError([_("Fallzahlen, Minuten und Stellen dürfen nicht negativ sein.")])
    per_row = [(r, _q4(r.cases * r.minutes_per_case / net_minutes_per_fte)) for r in rows]
    total_minutes = sum((r.cases * r.minutes_per_case for r in rows), Decimal(0))
    required = _q4(total_minutes / net_minutes_per_fte)
    pooled = _ceil_to(required, fte_step) if required else Decimal("0.00")
    current = sum((r.current_fte for r in rows), Decimal(0))
    current_cost = sum((r.current_fte * r.cost_per_fte for r in rows), Decimal(0)).quantize(Decimal("0.01"))
    pooled_cost = (pooled * pooled_cost_per_fte + overhead).quantize(Decimal("0.01"))
    saving = current_cost - pooled_cost
    percent = (saving / current_cost * 100).quantize(Decimal("0.1")) if current_cost else None
    return StaffingResult(
        per_row, total_minutes, required, pooled, current, current_cost, pooled_cost, saving, percent
    )


# --- chart (SVG bars, drawn by the template) -------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    x: int
    y: int
    width: int
    height: int
    text: str  # the value in German format, for the label above the bar


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: int
    bars: list[Bar]


def bar_chart(
    series: Sequence[tuple[object, Decimal]], *, width: int = 640, height: int = 240
) -> Chart | None:
    """Bars for ``(label, value)`` pairs scaled to the largest value; None without values."""
    if not series:
        return None
    top, bottom, gap = 24, 28, 12
    largest = max((v for _label, v in series), default=Decimal(0)) or Decimal(1)
    slot = (width - gap) // len(series)
    bar_width = min(max(slot - gap, 4), 120)
    area = height - top - bottom
    bars = []
    for index, (label, value) in enumerate(series):
        bar_height = int(area * value / largest)
        bars.append(
            Bar(
                label=str(label),
                value=value,
                x=gap + index * slot,
                y=top + area - bar_height,
                width=bar_width,
                height=bar_height,
                text=format_eur(value.quantize(Decimal(1)), 0),
            )
        )
    return Chart(width=width, height=height, baseline=top + area, bars=bars)
