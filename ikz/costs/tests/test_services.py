"""Services: allocations are stored to the cent, versioned, released and audited; bad input writes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ikz.audit.models import AuditEntry
from ikz.audit.services import ConflictError
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.costs import queries, services
from ikz.costs.models import Allocation, AllocationKey, AllocationStatus, CaseCount
from ikz.costs.tests import factories

D = Decimal


@pytest.fixture
def coop(world):
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    field = CooperationField.objects.create(task_area=area, name="Vergabe", position=1)
    return factories.cooperation(world, field)


def test_allocation_by_population_is_stored_to_the_cent_and_audited(world, coop):
    factories.by_population(world, coop, base=10)
    allocation = services.create_allocation(coop, 2024, {"total": D("80000.00")}, actor=world.office)
    shares = {s.ags: s for s in allocation.shares.all()}
    # Raunheim 15,297 and Kelsterbach 16,622 inhabitants (31.12.2024, the world's figures):
    # 4,000 base each + 72,000 × 15,297 / 31,919 = 34,505.5923… → 38,505.59 (remainder 0.23 ct);
    # Kelsterbach 4,000 + 37,494.4077… → 41,494.40 plus the one cent left over (remainder 0.77 ct)
    assert shares["06433010"].amount == D("38505.59")
    assert shares["06433007"].amount == D("41494.41")
    assert sum(s.amount for s in shares.values()) == D("80000.00")
    assert allocation.status == AllocationStatus.DRAFT
    assert allocation.stichtag == dt.date(2024, 12, 31)
    assert AuditEntry.objects.filter(object_id=str(allocation.pk), action="create").exists()


def test_missing_population_for_the_stichtag_is_refused_and_nothing_is_stored(world, coop):
    with pytest.raises(ValidationError) as exc:
        services.save_key(
            coop,
            {"kind": "population", "base_percent": D(0), "stichtag": dt.date(2022, 12, 31)},
            actor=world.office,
        )
    assert (
        "Für Kelsterbach, Stadt (06433007) fehlt die Einwohnerzahl zum gewählten Stichtag."
        in exc.value.messages
    )
    assert not AllocationKey.objects.exists()


def test_a_released_allocation_is_never_overwritten(world, coop):
    factories.by_population(world, coop)
    first = factories.released(world, coop, 2024, "80000.00")
    amounts = sorted(first.shares.values_list("amount", flat=True))
    services.save_key(
        coop,
        {"kind": "equal", "base_percent": D(0)},
        expected_version=coop.cost_key.version,
        actor=world.office,
    )
    second = services.recalculate(
        first, {"total": D("80000.00")}, expected_version=first.version, actor=world.office
    )
    assert second.pk != first.pk and second.number == 2 and second.status == AllocationStatus.DRAFT
    first.refresh_from_db()
    assert first.status == AllocationStatus.RELEASED
    assert sorted(first.shares.values_list("amount", flat=True)) == amounts
    assert sorted(second.shares.values_list("amount", flat=True)) == [D("40000.00"), D("40000.00")]
    services.release(second, expected_version=second.version, actor=world.office)
    first.refresh_from_db()
    assert first.status == AllocationStatus.SUPERSEDED
    assert Allocation.objects.filter(cooperation=coop, year=2024).count() == 2


def test_recalculating_a_draft_replaces_its_shares_and_records_it(world, coop):
    factories.by_population(world, coop)
    allocation = factories.draft(world, coop, 2025, "1000.00")
    updated = services.recalculate(
        allocation, {"total": D("2000.00")}, expected_version=allocation.version, actor=world.office
    )
    assert updated.pk == allocation.pk and updated.version == allocation.version + 1
    assert sum(updated.shares.values_list("amount", flat=True)) == D("2000.00")
    assert AuditEntry.objects.filter(object_id=str(allocation.pk), action="update").exists()
    with pytest.raises(ConflictError):
        services.recalculate(
            allocation, {"total": D("3000.00")}, expected_version=allocation.version, actor=world.office
        )


def test_second_draft_of_a_year_and_release_of_a_release_are_refused(world, coop):
    factories.by_population(world, coop)
    draft = factories.draft(world, coop, 2025)
    with pytest.raises(ValidationError, match="schon einen Entwurf"):
        factories.draft(world, coop, 2025)
    released = services.release(draft, expected_version=draft.version, actor=world.office)
    with pytest.raises(ValidationError, match="Nur ein Entwurf"):
        services.release(released, expected_version=released.version, actor=world.office)
    with pytest.raises(ConflictError):
        services.release(draft, expected_version=draft.version, actor=world.office)


def test_income_above_costs_writes_nothing(world, coop):
    factories.by_population(world, coop)
    with pytest.raises(ValidationError, match="übersteigen die Kosten"):
        services.create_allocation(
            coop, 2024, {"total": D("100.00"), "fees": D("200.00")}, actor=world.office
        )
    assert not Allocation.objects.exists()


def test_cases_key_replaces_case_numbers(world, coop):
    rows = [
        services.CaseRow(world.kommune_a, 2024, D(30)),
        services.CaseRow(world.kommune_b, 2024, D(10)),
    ]
    services.save_key(
        coop, {"kind": "cases", "base_percent": D(0), "case_years": [2024]}, cases=rows, actor=world.office
    )
    assert CaseCount.objects.filter(cooperation=coop).count() == 2
    allocation = services.create_allocation(coop, 2024, {"total": D("4000.00")}, actor=world.office)
    assert {s.ags: s.amount for s in allocation.shares.all()} == {
        "06433010": D("3000.00"),
        "06433007": D("1000.00"),
    }
    with pytest.raises(ValidationError, match="fehlen die Fallzahlen"):
        services.save_key(
            coop,
            {"kind": "cases", "base_percent": D(0), "case_years": [2023, 2024]},
            cases=rows,
            actor=world.office,
        )


def test_savings_over_two_years_are_split_evenly_to_the_cent(world, coop):
    entry = services.add_savings(
        coop,
        {"year_from": 2016, "year_to": 2017, "amount": D("4482000.01"), "kind": "prices"},
        actor=world.office,
    )
    assert queries.savings_by_year([entry]) == {2016: D("2241000.01"), 2017: D("2241000.00")}
