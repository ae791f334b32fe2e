"""The demo's money against seed 003: keys, allocations that sum to their totals, grants, savings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ikz.costs.models import Allocation, AllocationStatus, GrantApplication, SavingsEntry, StaffingStudy
from ikz.costs.services import staffing_result

pytestmark = pytest.mark.django_db


def test_demo_money_follows_the_seed() -> None:
    allocations = {a.cooperation.title: a for a in Allocation.objects.select_related("cooperation")}
    assert set(allocations) == {"Fördermittelmanagement", "Kommunales Vergabezentrum", "Umsetzung ProstSchG"}
    for allocation in allocations.values():
        assert allocation.status == AllocationStatus.RELEASED
        assert (
            sum(s.amount for s in allocation.shares.all())
            == allocation.net
            == allocation.total - allocation.income_total
        )
    funding = allocations["Fördermittelmanagement"]
    assert funding.shares.count() == 13
    assert funding.key_description == "10 % Sockelbetrag (zu gleichen Teilen) + 90 % nach EW-Größenklasse"
    assert funding.key_snapshot["stichtag"] == "2024-12-31"
    prost = allocations["Umsetzung ProstSchG"]
    assert prost.fees > 0 and prost.fines > 0 and prost.net == prost.total - prost.fees - prost.fines
    vergabe = allocations["Kommunales Vergabezentrum"]
    assert vergabe.key_description == "100 % nach Einwohnern"
    assert vergabe.shares.get(ags="06433").amount == Decimal("0.00")  # the Kreis hosts, the towns pay

    grants = {
        g.cooperation.title: g.amount_awarded for g in GrantApplication.objects.select_related("cooperation")
    }
    assert grants == {
        "Kommunales Vergabezentrum": Decimal("100000.00"),
        "Umsetzung ProstSchG": Decimal("100000.00"),
        "Fördermittelmanagement": Decimal("150000.00"),
    }
    energy = SavingsEntry.objects.get(cooperation__title="Strom- und Gaseinkauf")
    assert (energy.year_from, energy.year_to, energy.amount) == (2016, 2017, Decimal("4482000.00"))
    assert not energy.illustrative

    study = StaffingStudy.objects.get(cooperation__title="Kommunales Vergabezentrum")
    assert staffing_result(study).pooled_fte == Decimal("2.75")  # seed: "2,75 Stellen"
