"""The API shows the record over time: each step's effective date, the outcome and the chain links
(decisions 92, 93), in the OpenAPI schema, with a constant number of queries per list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikz.api.tests.helpers import api_client
from ikz.projects import services
from ikz.projects.models import Project
from ikz.projects.tests.helpers import make_project
from ikz.test import World

pytestmark = pytest.mark.django_db

OFFICE = frozenset({"office"})


def _chain(world: World, suffix: str = "") -> tuple[Project, Project]:
    first = make_project(
        world,
        "Prüfprojekt Beschaffungswesen" + suffix,
        status="verdict",
        effective_on=dt.date(2014, 3, 1),
        verdict="advantageous",
        verdict_reasons="vorteilhaft",
    )
    services.transition(
        first,
        "followed_up",
        actor=None,
        roles=OFFICE,
        expected_version=first.version,
        effective_on=dt.date(2015, 6, 30),
        outcome=services.Outcome(
            follow_up_title="Beschaffungsgemeinschaften" + suffix, participants=[world.kommune_a]
        ),
    )
    return first, Project.objects.get(title="Beschaffungsgemeinschaften" + suffix)


def test_a_project_in_the_api_has_its_dated_steps_outcome_and_links(world: World) -> None:
    first, second = _chain(world)
    client = api_client(world, "office")
    body = client.get(f"/api/projekte/{first.pk}/").json()
    assert [(s["to_status"], s["effective_on"], s["verdict"]) for s in body["steps"]] == [
        ("verdict", "2014-03-01", "advantageous"),
        ("followed_up", "2015-06-30", ""),
    ]
    assert "recorded_at" in body["steps"][0]
    assert (body["status"], body["finished_on"], body["follow_up_id"], body["predecessor_id"]) == (
        "followed_up",
        "2015-06-30",
        second.pk,
        None,
    )
    assert body["outcome"] == {
        "kind": "followed_up",
        "cooperation_ids": [],
        "body": "",
        "body_unit_id": None,
        "participant_ids": [world.kommune_a.pk],
        "follow_up_id": second.pk,
    }
    after = client.get(f"/api/projekte/{second.pk}/").json()
    assert (after["predecessor_id"], after["outcome"], after["status"]) == (first.pk, None, "proposal")
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert {"steps", "outcome", "predecessor_id", "follow_up_id", "finished_on"} <= set(
        schema["ProjectOut"]["properties"]
    )
    assert "effective_on" in schema["StepOut"]["properties"]
    assert {"joined_on", "left_on"} <= set(schema["ParticipationOut"]["properties"])


def test_the_project_list_takes_the_same_queries_at_two_sizes(world: World) -> None:
    client = api_client(world, "office")
    _chain(world)
    client.get("/api/projekte/")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/projekte/").status_code == 200
        return len(queries)

    small = count()
    for i in range(3):
        _chain(world, f" {i}")
    assert count() == small
