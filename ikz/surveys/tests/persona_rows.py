"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py)."""

from __future__ import annotations

from ikz.test import PersonaRow, World


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    """Objects the rows need (Kommune A's where it matters); ``base`` holds area, field, contact."""
    return {}


ROWS: list[PersonaRow] = []
