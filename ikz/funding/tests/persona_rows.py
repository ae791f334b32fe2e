"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py).

Programmes and calls: every logged-in persona reads them; the region's office writes. The
application (single, led by Kommune A): the region's office and steering group and Kommune A's
contact read it, the office writes; everybody else does not see it (404)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ikz.funding.models import Application, Call, Deadline, Obligation, Partner, Programme
from ikz.test import ALL, OFFICE_ONLY, PERSONAS, PersonaRow, World

POST_ONLY = dict.fromkeys(PERSONAS[:-1], 405) | {"anonymous": "login"}
READERS = {
    "office": 200,
    "steering": 200,
    "contact_a": 200,
    "contact_b": 404,
    "project_lead": 404,
    "member": 404,
    "anonymous": "login",
}
WRITER = READERS | {"steering": 403, "contact_a": 403}
SEES_KOMMUNE_A = READERS | {"member": 200}


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    programme = Programme.objects.create(
        name=f"IKZ-Förderung {world.region.name}",
        giver="land",
        territories=["06"],
        all_fields=True,
        region=world.region,
    )
    call = Call.objects.create(programme=programme, title="Aufruf 2027", mode="einstufig")
    Deadline.objects.create(call=call, date=dt.date(2027, 3, 31), label="Antrag")
    application = Application.objects.create(
        programme=programme, region=world.region, title="Postverbund", lead=world.kommune_a, status="awarded"
    )
    obligation = Obligation.objects.create(
        application=application,
        kind="draw",
        title="Mittel abrufen",
        due_on=dt.date(2027, 1, 31),
        amount=Decimal(1),
    )
    group = Application.objects.create(
        programme=programme,
        region=world.region,
        title="Gemeinsame Vergabestelle",
        lead=world.kommune_a,
        group=True,
        cooperation=base.get("cooperation"),  # type: ignore[misc]
    )
    for municipality in (world.kommune_a, world.kommune_b):
        Partner.objects.create(application=group, municipality=municipality)
    submitted = Application.objects.create(
        programme=programme,
        region=world.region,
        title="Bauhof",
        lead=world.kommune_a,
        status="submitted",
        submitted_on=dt.date(2026, 1, 5),
        amount_requested=Decimal(1000),
    )
    return {
        "funding_group": group,
        "funding_submitted": submitted,
        "funding_programme": programme,
        "funding_call": call,
        "funding_application": application,
        "funding_obligation": obligation,
    }


def _pk(key: str) -> Any:
    return lambda w, o: [o[key].pk]


ROWS: list[PersonaRow] = [
    ("funding:programme_list", lambda w, o: [], ALL),
    ("funding:programme_create", lambda w, o: [], OFFICE_ONLY),
    ("funding:programme_detail", _pk("funding_programme"), ALL),
    ("funding:programme_edit", _pk("funding_programme"), OFFICE_ONLY),
    ("funding:programme_checked", _pk("funding_programme"), POST_ONLY),
    ("funding:call_create", _pk("funding_programme"), OFFICE_ONLY),
    ("funding:call_edit", _pk("funding_call"), OFFICE_ONLY),
    ("funding:application_create", _pk("funding_programme"), OFFICE_ONLY),
    ("funding:matches", lambda w, o: ["kommune", w.kommune_a.pk], SEES_KOMMUNE_A),
    ("funding:application_list", lambda w, o: [], ALL),
    ("funding:application_detail", _pk("funding_application"), READERS),
    ("funding:partner_add", _pk("funding_group"), POST_ONLY),
    ("funding:shares_from_key", _pk("funding_group"), POST_ONLY),
    ("funding:application_submit", _pk("funding_group"), POST_ONLY),
    ("funding:notice_record", _pk("funding_submitted"), WRITER),
    ("funding:obligation_done", _pk("funding_obligation"), WRITER),
]
