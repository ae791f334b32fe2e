"""Two clients PATCH the same milestone with the same version at the same moment (PostgreSQL,
real connections, two threads): exactly one succeeds, the other gets 409; the history records
the successful change and the refused attempt."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection, connections

from ikz.api.tests.helpers import api_client
from ikz.audit.models import AuditEntry
from ikz.projects.models import Milestone, Project
from ikz.test import build_world


@pytest.mark.django_db(transaction=True)
def test_two_parallel_writes_with_the_same_version_one_wins_one_gets_409() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Braucht PostgreSQL (echte parallele Verbindungen und Zeilensperren); SQLite sperrt die "
            "ganze Datei. CI führt diesen Test im PostgreSQL-Lauf aus (DATABASE_URL=postgres://…)."
        )
    world = build_world()
    project = Project.objects.create(region=world.region, title="Parallel", lead=world.project_lead)
    milestone = Milestone.objects.create(project=project, title="Start", planned=dt.date(2026, 1, 1))
    clients = {"office": api_client(world, "office"), "project_lead": api_client(world, "project_lead")}
    barrier = threading.Barrier(len(clients))
    results: dict[str, Any] = {}

    def write(persona: str) -> None:
        try:
            barrier.wait(timeout=10)
            answer = clients[persona].patch(
                f"/api/meilensteine/{milestone.pk}/", {"version": milestone.version, "note": f"von {persona}"}
            )
            results[persona] = (answer.status_code, answer.json())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(persona,)) for persona in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    statuses = sorted(status for status, _body in results.values())
    assert statuses == [200, 409], results
    winner = next(p for p, (status, _b) in results.items() if status == 200)
    loser = next(p for p, (status, _b) in results.items() if status == 409)
    milestone.refresh_from_db()
    assert milestone.note == f"von {winner}" and milestone.version == 2
    assert results[loser][1]["current_version"] == 2
    history = AuditEntry.objects.filter(object_id=str(milestone.pk)).exclude(action="create")
    assert {(e.action, e.actor.username) for e in history} == {("update", winner), ("conflict", loser)}
    refused = history.get(action="conflict")
    assert refused.changes == {"note": [f"von {winner}", f"von {loser}"]}
