"""Inventory and matrix rows of the persona matrix (task areas and fields stay in the base table)."""

from __future__ import annotations

import datetime as dt

from ikz.cooperation.models import Cooperation, Operation, Participant
from ikz.test import ALL, OFFICE_ONLY, PersonaRow, World


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    cooperation = Cooperation.objects.create(
        region=world.region,
        field=base["field"],
        title="Postverbund Raunheim",
        symbol="■",
        started_on=dt.date(2020, 10, 1),
    )
    Participant.objects.create(cooperation=cooperation, municipality=world.kommune_a, status="exists")
    Operation.objects.create(cooperation=cooperation, start=dt.date(2020, 10, 1), host=world.kommune_a)
    return {"cooperation": cooperation}


ROWS: list[PersonaRow] = [
    ("cooperation:inventory_overview", lambda w, o: [w.region.slug], ALL),
    ("cooperation:matrix", lambda w, o: [w.region.slug, o["area"].pk], ALL),
    ("cooperation:cooperation_create", lambda w, o: [w.region.slug], OFFICE_ONLY),
    ("cooperation:cooperation_detail", lambda w, o: [o["cooperation"].pk], ALL),
    ("cooperation:cooperation_edit", lambda w, o: [o["cooperation"].pk], OFFICE_ONLY),
    ("cooperation:cooperation_history", lambda w, o: [o["cooperation"].pk], ALL),
    ("cooperation:cooperation_correct", lambda w, o: [o["cooperation"].pk], OFFICE_ONLY),
    ("cooperation:operation_list", lambda w, o: [w.region.slug], ALL),
    ("cooperation:operation_edit", lambda w, o: [o["cooperation"].pk], OFFICE_ONLY),
    ("cooperation:participation_record", lambda w, o: [o["cooperation"].pk], OFFICE_ONLY),
]
