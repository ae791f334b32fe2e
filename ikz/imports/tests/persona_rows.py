"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py).

Who may import is the kind's decision through its app's access.py: the case numbers of a cost key
are imported by the region's office; the contacts, who see the cooperation's costs, get 403; the
rest do not see the cooperation (404). A run's pages follow its kind and scope.
"""

from __future__ import annotations

from typing import Any

from ikz.imports import services
from ikz.imports.models import ImportRun
from ikz.imports.registry import get
from ikz.test import PERSONAS, PersonaRow, World

WRITE_CONTACTS_SEE = {"office": 200, "steering": 403, "contact_a": 403, "contact_b": 403} | {
    "project_lead": 404,
    "member": 404,
    "anonymous": "login",
}
# every logged-in user sees a region's inventory; only its office imports into it
OFFICE_OF_REGION = dict.fromkeys(PERSONAS[:-1], 403) | {"office": 200, "anonymous": "login"}
POST_ONLY = dict.fromkeys(PERSONAS[:-1], 405) | {"anonymous": "login"}
CASES_CSV = "AGS;Kommune;Jahr;Fälle\r\n{a};;2023;10\r\n{b};;2023;20\r\n"


def ready_run(world: World, cooperation: Any) -> ImportRun:
    """A checked case-number import of the cooperation, ready to be applied."""
    kind = get("fallzahlen")
    scope = kind.scope(world.office, cooperation.pk, write=True)
    data = CASES_CSV.format(a=world.kommune_a.key, b=world.kommune_b.key).encode("utf-8")
    run = services.start_run(kind, scope, "fallzahlen.csv", data, actor=world.office)
    return services.check_next(run.pk, kind, scope, actor=world.office)


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    return {"import_run": ready_run(world, base["costs_coop"])}


def _coop(o: dict[str, Any]) -> list[object]:
    return ["fallzahlen", o["costs_coop"].pk]


def _run(o: dict[str, Any]) -> list[object]:
    return [o["import_run"].pk]


ROWS: list[PersonaRow] = [
    ("imports:run_create", lambda w, o: _coop(o), WRITE_CONTACTS_SEE),
    ("imports:run_create", lambda w, o: ["kooperationsmatrix", w.region.pk], OFFICE_OF_REGION),
    ("imports:template_download", lambda w, o: _coop(o), WRITE_CONTACTS_SEE),
    ("imports:template_download", lambda w, o: ["kooperationsmatrix", w.region.pk], OFFICE_OF_REGION),
    ("imports:current_export", lambda w, o: [*_coop(o), "csv"], WRITE_CONTACTS_SEE),
    ("imports:run_detail", lambda w, o: _run(o), WRITE_CONTACTS_SEE),
    ("imports:run_check", lambda w, o: _run(o), POST_ONLY),
    ("imports:run_apply", lambda w, o: _run(o), POST_ONLY),
    ("imports:run_reject", lambda w, o: _run(o), POST_ONLY),
]
