"""A small cooperative for the governance tests: four members, one who left, a board and a
supervisory board."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ikz.governance.models import Organ, OrganSeat
from ikz.membership.models import Cooperative, Member
from ikz.membership.tests.helpers import make_cooperative, make_member
from ikz.test import World


@dataclass
class Coop:
    cooperative: Cooperative
    members: list[Member]  # Hessen, Kreis, Raunheim, Kelsterbach
    gone: Member  # the Regierungsbezirk, left on 31.12.2025
    board: OrganSeat
    supervisory: OrganSeat


def make_coop(world: World) -> Coop:
    coop = make_cooperative()
    members = [
        make_member(coop, unit, f"00{n}", dt.date(2020, 1, 1))
        for n, unit in enumerate([world.land, world.kreis, world.kommune_a, world.kommune_b], start=1)
    ]
    gone = make_member(coop, world.rb, "005", dt.date(2020, 1, 1))
    Member.objects.filter(pk=gone.pk).update(exit_on=dt.date(2025, 12, 31))
    board = OrganSeat.objects.create(
        cooperative=coop,
        organ=Organ.BOARD,
        person="Vorstand Eins",
        member=members[2],
        started_on=dt.date(2020, 1, 1),
    )
    supervisory = OrganSeat.objects.create(
        cooperative=coop,
        organ=Organ.SUPERVISORY,
        person="Aufsicht Eins",
        function="Vorsitz",
        member=members[1],
        started_on=dt.date(2020, 1, 1),
    )
    return Coop(coop, members, gone, board, supervisory)
