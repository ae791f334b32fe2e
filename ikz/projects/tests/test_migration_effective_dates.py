"""Migration 0004 gives the steps recorded before effective dates existed a date (decision 105)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("projects", "0003_lessons_and_publication")]
AFTER = [("projects", "0004_effective_dates_outcomes_pauses")]


@pytest.mark.django_db(transaction=True)
def test_existing_steps_get_their_recorded_day_and_back_captured_ones_the_projects_dates() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Region = old.get_model("municipalities", "Region")
    Project = old.get_model("projects", "Project")
    Log = old.get_model("projects", "TransitionLog")
    region = Region.objects.create(name="Altregion", slug="altregion", office_name="GS")
    at = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
    live = Project.objects.create(region=region, title="Live", year=2026, verdict="advantageous")
    for source, target in (("", "proposal"), ("proposal", "prioritised"), ("feasibility", "verdict")):
        Log.objects.create(project=live, at=at, actor_label="GS", from_status=source, to_status=target)
    past = Project.objects.create(
        region=region, title="Vergangen", year=2014, status="operating", finished_on=dt.date(2017, 7, 1)
    )
    Log.objects.create(project=past, at=at, actor_label="GS", from_status="", to_status="implementation")
    Log.objects.create(
        project=past, at=at, actor_label="GS", from_status="implementation", to_status="operating"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    NewLog = new.get_model("projects", "TransitionLog")
    assert list(
        NewLog.objects.filter(project__title="Live").order_by("pk").values_list("effective_on", "verdict")
    ) == [(dt.date(2026, 3, 2), ""), (dt.date(2026, 3, 2), ""), (dt.date(2026, 3, 2), "advantageous")]
    assert list(
        NewLog.objects.filter(project__title="Vergangen")
        .order_by("pk")
        .values_list("to_status", "effective_on")
    ) == [("implementation", dt.date(2014, 1, 1)), ("operating", dt.date(2017, 7, 1))]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
