"""What the project tests share: a complete charter (the procurement charter of seed 003, shortened)
and a project of the test world led by the ``project_lead`` persona."""

from __future__ import annotations

import datetime as dt

from ikz.projects import services
from ikz.projects.models import Project, Status
from ikz.test import World

CHARTER: dict[str, object] = {
    "goals": "leistungsfähige und wirtschaftliche Organisation des Beschaffungswesens",
    "deliverables": "Projektplan\nIST-Analyse",
    "start": dt.date(2014, 3, 1),
    "end": dt.date(2015, 6, 30),
    "costs": "keine externen Kosten",
    "project_group": "Projektgruppe Beschaffungswesen (interkommunal)",
    "information_management": "Bürgermeister-Dienstversammlung",
    "variants": "Variante A) Beschaffungsgemeinschaften\nVariante B) Kompetenzzentrum für Vergabewesen",
}


def make_project(
    world: World,
    title: str = "Beschaffungswesen",
    *,
    status: str = Status.PROPOSAL,
    effective_on: dt.date | None = None,
    **values: object,
) -> Project:
    base: dict[str, object] = {"title": title, "year": 2014, "lead": world.project_lead}
    return services.create_project(
        world.region, base | values, actor=world.office, status=status, effective_on=effective_on
    )


# the steps of seed 003's Beschaffungswesen, with illustrative days within "2014/15"
STUDY_DATES = {
    "proposal": dt.date(2014, 1, 15),
    "prioritised": dt.date(2014, 2, 1),
    "commissioned": dt.date(2014, 3, 1),
    "feasibility": dt.date(2014, 3, 15),
    "verdict": dt.date(2015, 6, 30),
    "implementation": dt.date(2015, 9, 1),
}
