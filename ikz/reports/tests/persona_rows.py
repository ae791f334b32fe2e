"""This app's rows of the persona matrix: the annual report of the world's region."""

from __future__ import annotations

from ikz.test import PERSONAS, PersonaRow, World

REPORT = {p: 200 for p in PERSONAS[:-1]} | {"project_lead": 404, "member": 404, "anonymous": "login"}


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    return {}


ROWS: list[PersonaRow] = [
    ("reports:report_detail", lambda w, o: [w.region.slug, 2014], REPORT),
    ("reports:report_store", lambda w, o: [w.region.slug, 2014], dict.fromkeys(PERSONAS, 405)),
    ("reports:cover_draft", lambda w, o: [w.region.slug, 2014, w.kommune_a.pk], REPORT | {"contact_b": 403}),
]
