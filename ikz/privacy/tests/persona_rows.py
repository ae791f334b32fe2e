"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py): office only."""

from __future__ import annotations

from ikz.test import OFFICE_ONLY, PersonaRow, World


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    return {}


ROWS: list[PersonaRow] = [
    ("privacy:overview", lambda w, o: [], OFFICE_ONLY),
    ("privacy:person", lambda w, o: ["konto", w.member.pk], OFFICE_ONLY),
    ("privacy:export", lambda w, o: ["kontakt", o["contact"].pk], OFFICE_ONLY),  # type: ignore[attr-defined]
    ("privacy:erase", lambda w, o: ["konto", w.member.pk], OFFICE_ONLY),
]
