"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.network.models import Need, Solution
from ikz.test import ALL as EVERYONE
from ikz.test import OFFICE_ONLY, PERSONAS, PersonaRow, World

# Kommune A's entries: the office and A's contact and member (the test member belongs to A).
OWNER_A = OFFICE_ONLY | {"contact_a": 200, "member": 200}
PUBLISHERS = OWNER_A | {"contact_b": 200}
POST_ONLY = dict.fromkeys(PERSONAS, 405)


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    today = dt.date.today()
    solution = Solution.objects.create(
        title="E-Akte",
        description="Elektronische Akte",
        field=base["field"],  # type: ignore[misc]
        owner=world.kommune_a,
        contact="Erika Beispiel",
        last_confirmed=today,
    )
    need = Need.objects.create(
        title="E-Akte einführen",
        description="Elektronische Akte",
        field=base["field"],  # type: ignore[misc]
        owner=world.kommune_a,
        last_confirmed=today,
    )
    return {"solution": solution, "need": need}


def _s(o: dict[str, Any]) -> list[object]:
    return [o["solution"].pk]


def _n(o: dict[str, Any]) -> list[object]:
    return [o["need"].pk]


ROWS: list[PersonaRow] = [
    ("network:overview", lambda w, o: [], EVERYONE),
    ("network:solution_create", lambda w, o: [], PUBLISHERS),
    ("network:solution_detail", lambda w, o: _s(o), EVERYONE),
    ("network:solution_edit", lambda w, o: _s(o), OWNER_A),
    ("network:solution_confirm", lambda w, o: _s(o), POST_ONLY),
    ("network:interest_create", lambda w, o: _s(o), PUBLISHERS),
    ("network:need_create", lambda w, o: [], PUBLISHERS),
    ("network:need_detail", lambda w, o: _n(o), EVERYONE),
    ("network:need_edit", lambda w, o: _n(o), OWNER_A),
    ("network:need_confirm", lambda w, o: _n(o), POST_ONLY),
]
