"""Cost allocation to the cent (Umlageschlüssel), grant checks, staffing: pure, no database.

The package re-exports every public name, so ``from ikz.costs import rules`` and
``rules.calculate`` keep working: the allocation core and keys in :mod:`.allocation`, grants in
:mod:`.grants`, staffing and the bar chart in :mod:`.staffing`.

:func:`allocate` splits a total into whole cents in proportion to weights: exact shares as
fractions, each floored to the cent, the cents left over given one by one to the largest
remainders (Hare–Niemeyer); ties go to the larger weight, then to the smaller key (AGS), so the
result never depends on the order of the input. The key builders (:func:`build_weights`) turn a
key — equal shares, population, population size class, case numbers, a Sockelbetrag, weighted
combinations — into one weight per municipality; :func:`calculate` deducts income first, applies
caps and exemptions (what a cap cuts off goes to the others in proportion) and explains every
share in words. See ../shared/docs/domain-reference.md § 6.
"""

from __future__ import annotations

from ikz.costs.rules.allocation import (
    CASES,
    EQUAL,
    KIND_LABELS,
    KINDS,
    POPULATION,
    SIZE_CLASS,
    AllocationError,
    Component,
    Income,
    Key,
    Number,
    Party,
    Result,
    Share,
    SizeClass,
    allocate,
    allocate_cents,
    build_weights,
    calculate,
    contiguous_classes,
    describe,
    key_errors,
    kind_label,
    range_label,
)
from ikz.costs.rules.grants import (
    Condition,
    GrantTier,
    grant_amount,
    grant_conditions,
    tier_errors,
)
from ikz.costs.rules.staffing import (
    Bar,
    Chart,
    StaffingResult,
    WorkloadRow,
    bar_chart,
    staffing,
)

__all__ = [
    "CASES",
    "EQUAL",
    "KINDS",
    "KIND_LABELS",
    "POPULATION",
    "SIZE_CLASS",
    "AllocationError",
    "Bar",
    "Chart",
    "Component",
    "Condition",
    "GrantTier",
    "Income",
    "Key",
    "Number",
    "Party",
    "Result",
    "Share",
    "SizeClass",
    "StaffingResult",
    "WorkloadRow",
    "allocate",
    "allocate_cents",
    "bar_chart",
    "build_weights",
    "calculate",
    "contiguous_classes",
    "describe",
    "grant_amount",
    "grant_conditions",
    "key_errors",
    "kind_label",
    "range_label",
    "staffing",
    "tier_errors",
]
