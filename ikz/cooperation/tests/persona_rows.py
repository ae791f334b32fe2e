"""Inventory and matrix rows of the persona matrix (task areas and fields stay in the base table)."""

from __future__ import annotations

from ikz.test import PersonaRow, World


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    return {}


ROWS: list[PersonaRow] = []
