"""A cooperation of the persona world with a key, a released and a draft allocation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ikz.cooperation.models import Cooperation, CooperationField, Participant, ParticipantStatus
from ikz.costs import services
from ikz.costs.models import Allocation, GrantProgramme
from ikz.test import World


def cooperation(world: World, field: CooperationField, title: str = "Vergabestelle") -> Cooperation:
    coop = Cooperation.objects.create(region=world.region, field=field, title=title, symbol="■")
    for unit in (world.kommune_a, world.kommune_b):
        Participant.objects.create(cooperation=coop, municipality=unit, status=ParticipantStatus.EXISTS)
    return coop


def by_population(world: World, coop: Cooperation, base: int = 10) -> None:
    services.save_key(
        coop,
        {"kind": "population", "base_percent": Decimal(base), "stichtag": dt.date(2024, 12, 31)},
        actor=world.office,
    )


def released(world: World, coop: Cooperation, year: int = 2024, total: str = "80000.00") -> Allocation:
    allocation = services.create_allocation(coop, year, {"total": Decimal(total)}, actor=world.office)
    return services.release(allocation, expected_version=allocation.version, actor=world.office)


def draft(world: World, coop: Cooperation, year: int = 2025, total: str = "90000.00") -> Allocation:
    return services.create_allocation(coop, year, {"total": Decimal(total)}, actor=world.office)


def hessen_programme() -> GrantProgramme:
    return GrantProgramme.objects.create(
        name="Hessen IKZ (Test)",
        giver="Land Hessen",
        min_participants=3,
        min_duration_years=5,
        min_savings_percent=Decimal(15),
        tiers=[
            {"min_participants": 2, "amount": "50000"},
            {"min_participants": 3, "amount": "75000"},
            {"min_participants": 4, "amount": "100000"},
        ],
        source="Test",
    )
