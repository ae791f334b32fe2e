"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py).

The partner search is open to everyone logged in; what its results show comes from the owning
apps' access functions (tested in test_search.py)."""

from __future__ import annotations

from ikz.test import ALL, PersonaRow, World


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    return {}


ROWS: list[PersonaRow] = [
    ("partners:search", lambda w, o: [], ALL),
]
