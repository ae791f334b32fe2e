"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.municipalities.models import Boundary
from ikz.resolutions.models import Body, Outcome, Resolution, Subject
from ikz.test import ALL, HISTORY_A, OFFICE_ONLY, OWN_MUNICIPALITY, PERSONAS, PersonaRow, World

POST_ONLY = dict.fromkeys(PERSONAS[:-1], 405) | {"anonymous": "login"}
SQUARE_A = [[[8.42, 49.99], [8.52, 49.99], [8.52, 50.04], [8.42, 50.04], [8.42, 49.99]]]
SQUARE_B = [[[8.47, 50.04], [8.57, 50.04], [8.57, 50.09], [8.47, 50.09], [8.47, 50.04]]]


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    """Kommune A's principle resolution; boundaries of both members, so the overview shows the map."""
    resolution = Resolution.objects.create(
        municipality=world.kommune_a,
        subject=Subject.PRINCIPLE,
        body=Body.STADTVERORDNETENVERSAMMLUNG,
        date=dt.date(2013, 10, 24),
        outcome=Outcome.ADOPTED_COUNCIL,
        source="Test",
    )
    for unit, square in ((world.kommune_a, SQUARE_A), (world.kommune_b, SQUARE_B)):
        Boundary.objects.create(
            municipality=unit,
            geometry={"type": "Polygon", "coordinates": square},
            source_file="test.geojson",
            source_date=dt.date(2025, 1, 1),
        )
    return {"resolution": resolution}


def _resolution(o: dict[str, Any]) -> int:
    return int(o["resolution"].pk)


ROWS: list[PersonaRow] = [
    ("resolutions:overview", lambda w, o: [w.region.slug], ALL),
    ("resolutions:resolution_create", lambda w, o: [w.region.slug, w.kommune_a.pk], OWN_MUNICIPALITY),
    ("resolutions:council_draft", lambda w, o: [w.region.slug, w.kommune_a.pk], HISTORY_A),
    ("resolutions:resolution_detail", lambda w, o: [_resolution(o)], ALL),
    ("resolutions:resolution_edit", lambda w, o: [_resolution(o)], OWN_MUNICIPALITY),
    ("resolutions:resolution_history", lambda w, o: [_resolution(o)], HISTORY_A),
    ("resolutions:resolution_correct", lambda w, o: [_resolution(o)], POST_ONLY),
    ("resolutions:council_drafts_all", lambda w, o: [w.region.slug], OFFICE_ONLY),
]
