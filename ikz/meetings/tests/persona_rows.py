"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py).

The region's office prepares and records meetings; the steering group and the contacts of member
municipalities read them; the contact of Kommune A records the council result of Kommune A on a
paper; the project lead (no role in the region) and the member see nothing (404). The OParl export
is public."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ikz.meetings import services
from ikz.test import ALL, PERSONAS, PUBLIC, PersonaRow, World

SEES = {p: 200 for p in PERSONAS[:-1]} | {"project_lead": 404, "member": 404, "anonymous": "login"}
MANAGE = SEES | {"steering": 403, "contact_a": 403, "contact_b": 403}
COUNCIL_A = MANAGE | {"contact_a": 200}
POST_ONLY = dict.fromkeys(PERSONAS, 405)


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    office = world.office
    group = services.create_organization(
        world.region, {"name": "Lenkungsgruppe", "kind": "steering"}, actor=office
    )
    member = services.add_member(group, {"name": "Lars Lenker", "user": world.steering}, actor=office)
    meeting = services.create_meeting(
        group, {"start": timezone.now() - dt.timedelta(hours=1), "location": "Rathaus"}, actor=office
    )
    item = services.add_agenda_item(meeting, {"name": "Bericht der Geschäftsstelle"}, actor=office)
    paper = services.create_paper(
        world.region,
        {
            "reference": "LG-1",
            "name": "Vereinbarung Vergabezentrum",
            "date": dt.date(2026, 1, 5),
            "subject": "agreement",
            "text": "Die Vertretung beschließt …",
        },
        actor=office,
    )
    council = services.add_councils(paper, [world.kommune_a.pk], actor=office)[0]
    return {
        "body": group,
        "membership": member,
        "meeting": meeting,
        "item": item,
        "paper": paper,
        "council": council,
    }


def _pk(o: dict[str, Any], key: str) -> int:
    return int(o[key].pk)


ROWS: list[PersonaRow] = [
    ("meetings:index", lambda w, o: [], ALL),
    ("meetings:region_detail", lambda w, o: [w.region.slug], SEES),
    ("meetings:organization_create", lambda w, o: [w.region.slug], MANAGE),
    ("meetings:paper_create", lambda w, o: [w.region.slug], MANAGE),
    ("meetings:actions", lambda w, o: [w.region.slug], SEES),
    ("meetings:action_done", lambda w, o: [w.region.slug, "top", _pk(o, "item")], POST_ONLY),
    ("meetings:organization_detail", lambda w, o: [_pk(o, "body")], SEES),
    ("meetings:member_add", lambda w, o: [_pk(o, "body")], MANAGE),
    ("meetings:member_end", lambda w, o: [_pk(o, "body"), _pk(o, "membership")], MANAGE),
    ("meetings:meeting_create", lambda w, o: [_pk(o, "body")], MANAGE),
    ("meetings:meeting_detail", lambda w, o: [_pk(o, "meeting")], SEES),
    ("meetings:agenda_add", lambda w, o: [_pk(o, "meeting")], MANAGE),
    ("meetings:meeting_invite", lambda w, o: [_pk(o, "meeting")], POST_ONLY),
    ("meetings:meeting_ics", lambda w, o: [_pk(o, "meeting")], SEES),
    ("meetings:attendance", lambda w, o: [_pk(o, "meeting")], MANAGE),
    ("meetings:minutes", lambda w, o: [_pk(o, "meeting")], MANAGE),
    ("meetings:approve", lambda w, o: [_pk(o, "meeting")], MANAGE),
    ("meetings:item_result", lambda w, o: [_pk(o, "item")], MANAGE),
    ("meetings:paper_detail", lambda w, o: [_pk(o, "paper")], SEES),
    ("meetings:paper_councils", lambda w, o: [_pk(o, "paper")], MANAGE),
    ("meetings:paper_agenda", lambda w, o: [_pk(o, "paper")], MANAGE),
    ("meetings:council_result", lambda w, o: [_pk(o, "paper"), _pk(o, "council")], COUNCIL_A),
    ("oparl:system", lambda w, o: [], PUBLIC),
    ("oparl:bodies", lambda w, o: [], PUBLIC),
    ("oparl:body", lambda w, o: [w.region.pk], PUBLIC),
    ("oparl:body_list", lambda w, o: [w.region.pk, "meeting"], PUBLIC),
    ("oparl:object", lambda w, o: ["organization", _pk(o, "body")], PUBLIC),
]
