"""The public OParl 1.1 export checked against the object definitions of OParl 1.1 (written here as
a compact table from the specification's schema: required properties, types, value lists; no
network at run time), plus stable addresses, ``created``/``modified``, the ``modified_since``
filter, paging as OParl lists, and what stays unpublished (non-public items, results before the
minutes are approved, meetings not yet invited)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from ikz.meetings import services
from ikz.meetings.tests.helpers import meeting_of, setting
from ikz.test import World

URL, DATE, DATETIME = "url", "date", "date-time"
STR, BOOL, INT, OBJ = "string", "boolean", "integer", "object"
LIST_OF = "array"
# OParl 1.1 (schema/*.json of the tag v1.1): property → type; required in REQUIRED
DEFINITIONS: dict[str, dict[str, Any]] = {
    "System": {"oparlVersion": STR, "body": URL, "name": STR, "web": URL, "license": URL},
    "Body": {
        "system": URL,
        "name": STR,
        "shortName": STR,
        "organization": URL,
        "person": URL,
        "meeting": URL,
        "paper": URL,
        "legislativeTerm": (LIST_OF, OBJ),
        "agendaItem": URL,
        "consultation": URL,
        "membership": URL,
        "classification": STR,
        "web": URL,
    },
    "Organization": {
        "body": URL,
        "name": STR,
        "membership": (LIST_OF, URL),
        "meeting": URL,
        "shortName": STR,
        "organizationType": STR,
        "classification": STR,
        "startDate": DATE,
        "endDate": DATE,
    },
    "Person": {"body": URL, "name": STR, "membership": (LIST_OF, OBJ)},
    "Membership": {
        "person": URL,
        "organization": URL,
        "role": STR,
        "votingRight": BOOL,
        "startDate": DATE,
        "endDate": DATE,
    },
    "Meeting": {
        "name": STR,
        "meetingState": STR,
        "cancelled": BOOL,
        "start": DATETIME,
        "end": DATETIME,
        "organization": (LIST_OF, URL),
        "participant": (LIST_OF, URL),
        "agendaItem": (LIST_OF, OBJ),
    },
    "AgendaItem": {
        "meeting": URL,
        "number": STR,
        "order": INT,
        "name": STR,
        "public": BOOL,
        "consultation": URL,
        "result": STR,
        "resolutionText": STR,
    },
    "Paper": {
        "body": URL,
        "name": STR,
        "reference": STR,
        "date": DATE,
        "paperType": STR,
        "consultation": (LIST_OF, OBJ),
    },
    "Consultation": {
        "paper": URL,
        "agendaItem": URL,
        "meeting": URL,
        "organization": (LIST_OF, URL),
        "authoritative": BOOL,
        "role": STR,
    },
}
COMMON = {
    "id": URL,
    "type": STR,
    "created": DATETIME,
    "modified": DATETIME,
    "keyword": (LIST_OF, STR),
    "web": URL,
    "deleted": BOOL,
}
REQUIRED = {
    "System": {"id", "type", "oparlVersion", "body"},
    "Body": {"id", "type", "name", "organization", "person", "meeting", "paper", "legislativeTerm"},
    "AgendaItem": {"id", "type", "order"},
}
VALUE_LISTS = {("Meeting", "meetingState"): {"terminiert", "eingeladen", "durchgeführt"}}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$")


def _fits(value: Any, kind: Any) -> bool:
    if isinstance(kind, tuple):
        return isinstance(value, list) and all(_fits(v, kind[1]) for v in value)
    return {
        URL: lambda v: isinstance(v, str) and v.startswith(("http://", "https://")),
        DATE: lambda v: isinstance(v, str) and bool(ISO_DATE.match(v)),
        DATETIME: lambda v: isinstance(v, str) and bool(ISO_DATETIME.match(v)),
        STR: lambda v: isinstance(v, str),
        BOOL: lambda v: isinstance(v, bool),
        INT: lambda v: isinstance(v, int) and not isinstance(v, bool),
        OBJ: lambda v: isinstance(v, dict),
    }[kind](value)


def check(obj: dict[str, Any], *, embedded: bool = False) -> list[str]:
    """Every violation of the OParl 1.1 definition of ``obj``'s type (recursing into embedded objects)."""
    kind = str(obj.get("type", "")).removeprefix("https://schema.oparl.org/1.1/")
    if kind not in DEFINITIONS:
        return [f"unknown type {obj.get('type')!r}"]
    problems = [f"{kind}: {name} missing" for name in REQUIRED.get(kind, {"id", "type"}) - set(obj)]
    fields = DEFINITIONS[kind] | COMMON
    for name, value in obj.items():
        if ":" in name:  # vendor extension (OParl 1.1: "Herstellerspezifische Erweiterungen")
            continue
        if name not in fields:
            problems.append(f"{kind}: {name} is not an OParl 1.1 property")
        elif not _fits(value, fields[name]):
            problems.append(f"{kind}: {name}={value!r} is not {fields[name]}")
        elif (kind, name) in VALUE_LISTS and value not in VALUE_LISTS[(kind, name)]:
            problems.append(f"{kind}: {name}={value!r} not in the value list")
        if isinstance(value, list):
            problems += [p for v in value if isinstance(v, dict) for p in check(v, embedded=True)]
    return problems


def _get(client: Client, url: str) -> Any:
    path = url.removeprefix(settings.IKZ_BASE_URL)
    response = client.get(path)
    assert response.status_code == 200, (path, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_public_part_as_oparl_1_1(world: World) -> None:
    s = setting(world)
    office = world.office
    meeting = meeting_of(s.steering_group, world)
    public = services.add_agenda_item(meeting, {"name": "Priorisierung", "project": s.project}, actor=office)
    services.add_agenda_item(meeting, {"name": "Personalangelegenheit", "public": False}, actor=office)
    planned = services.create_meeting(
        s.steering_group, {"start": timezone.now() + dt.timedelta(days=9)}, actor=office
    )
    paper = services.create_paper(
        world.region,
        {
            "reference": "LG-1",
            "name": "Grundsatzbeschluss",
            "date": timezone.localdate(),
            "subject": "principle",
            "text": "Die Vertretung beschließt …",
        },
        actor=office,
    )
    services.add_councils(paper, [world.kommune_a.pk], actor=office)
    services.add_agenda_item(planned, {"name": "LG-1"}, actor=office, paper=paper)  # not announced yet
    meeting.refresh_from_db()
    meeting = services.invite(meeting, expected_version=meeting.version, actor=office)
    meeting = services.hold_meeting(meeting, "Niederschrift", expected_version=meeting.version, actor=office)
    for item in meeting.agenda_items.all():
        services.record_result(
            item,
            {"result": "adopted", "resolution_text": "Geheim bis zur Genehmigung"},
            expected_version=item.version,
            actor=office,
        )

    client = Client()  # anonymous: the export is public
    system = _get(client, "/oparl/v1/")
    assert check(system) == [] and system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    bodies = _get(client, system["body"])
    assert [b["name"] for b in bodies["data"]] == ["IKZ Testregion"]
    body = bodies["data"][0]
    assert check(body) == [] and body == _get(client, body["id"])  # a stable address
    objects: dict[str, list[dict[str, Any]]] = {}
    for name in ("organization", "person", "meeting", "paper", "agendaItem", "consultation", "membership"):
        page = _get(client, body[name])
        assert set(page) == {"data", "pagination", "links"}
        objects[name] = page["data"]
        for obj in page["data"]:
            assert check(obj) == [], obj
            assert _get(client, obj["id"]) == obj  # every object under its own stable URL
    assert len(objects["person"]) == 3 and len(objects["membership"]) == 3
    assert len(objects["meeting"]) == 1  # the planned meeting is not published
    shown = objects["meeting"][0]
    assert shown["meetingState"] == "eingeladen"
    assert [i["name"] for i in shown["agendaItem"]] == ["Priorisierung"]  # the non-public item is left out
    assert "result" not in shown["agendaItem"][0] and "resolutionText" not in shown["agendaItem"][0]
    consulted = objects["paper"][0]["consultation"]
    assert [c.get("ikz:municipality") for c in consulted] == ["Raunheim, Stadt", None]
    assert "meeting" not in consulted[1] and "agendaItem" not in consulted[1]  # the planned meeting
    assert client.get(f"/oparl/v1/agendaitem/{public.pk + 1}/").status_code == 404

    # approving the minutes publishes the results; modified_since finds exactly what changed
    before = timezone.now().replace(microsecond=0)
    meeting = services.approve_minutes(
        meeting, timezone.localdate(), expected_version=meeting.version, actor=office
    )
    since = quote((before - dt.timedelta(seconds=1)).isoformat())
    changed = _get(client, f"{body['meeting']}?modified_since={since}")["data"]
    assert [m["id"] for m in changed] == [shown["id"]]
    assert changed[0]["meetingState"] == "durchgeführt"
    assert changed[0]["agendaItem"][0]["result"] == "beschlossen"
    assert changed[0]["modified"] >= changed[0]["created"]
    later = quote((timezone.now() + dt.timedelta(hours=1)).isoformat())
    assert _get(client, f"{body['paper']}?modified_since={later}")["data"] == []
    refused = client.get(body["paper"].removeprefix(settings.IKZ_BASE_URL) + "?modified_since=gestern")
    assert refused.status_code == 400 and "ISO 8601" in refused.json()["message"]

    # paging: one person per page, the links keep the filter
    first = _get(client, f"{body['person']}?limit=1")
    assert first["pagination"] == {
        "totalElements": 3,
        "elementsPerPage": 1,
        "currentPage": 1,
        "totalPages": 3,
    }
    second = _get(client, first["links"]["next"])
    assert second["pagination"]["currentPage"] == 2 and "limit=1" in second["links"]["next"]
    assert second["data"][0]["id"] != first["data"][0]["id"]
    assert "next" not in _get(client, first["links"]["last"])["links"]


@pytest.mark.parametrize("path", ["/oparl/v1/body/999/", "/oparl/v1/body/1/unbekannt/", "/oparl/v1/file/1/"])
def test_unknown_addresses_answer_404(world: World, path: str) -> None:
    assert Client().get(path).status_code == 404


def test_the_definition_check_finds_what_is_wrong() -> None:
    wrong = {
        "id": "/meeting/1",
        "type": "https://schema.oparl.org/1.1/Meeting",
        "start": "2024-01-01",
        "meetingState": "vertagt",
        "fax": "0",
        "agendaItem": [{"id": "https://x/agendaitem/1", "type": "https://schema.oparl.org/1.1/AgendaItem"}],
    }
    assert sorted(check(wrong)) == [
        "AgendaItem: order missing",
        "Meeting: fax is not an OParl 1.1 property",
        "Meeting: id='/meeting/1' is not url",
        "Meeting: meetingState='vertagt' not in the value list",
        "Meeting: start='2024-01-01' is not date-time",
    ]
