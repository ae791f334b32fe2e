"""The inventory as of a day (decisions 92, 95): the pure rules, and the matrix, the overview and the
list of operating cooperations with ``?stand=`` — built like seed 003 (Kreis Groß-Gerau, inventory
"Stand: Juni 2013"; the Vergabezentrum from 1.7.2017 and the Prüfung elektrischer Anlagen of 2015
must not appear as of 30.06.2013)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ikz.cooperation import queries, rules, services
from ikz.cooperation.models import Cooperation, CooperationField, ParticipationSpan, TaskArea
from ikz.cooperation.rules import CooperationDates, Membership
from ikz.cooperation.services import ParticipantRow
from ikz.test import World

D = dt.date
JUNE_2013 = D(2013, 6, 30)


# --- the pure rules ------------------------------------------------------------------------------


def test_status_on_follows_recording_start_joining_leaving_and_end() -> None:
    vergabe = CooperationDates(recorded_on=D(2016, 3, 1), started_on=D(2017, 7, 1))
    member = Membership("exists")
    assert rules.status_on(vergabe, member, JUNE_2013) is None  # not yet in the inventory
    assert rules.status_on(vergabe, member, D(2016, 12, 31)) == "planned"  # recorded, not started: blue
    assert rules.status_on(vergabe, member, D(2017, 7, 1)) == "exists"
    assert not rules.exists_on(vergabe, D(2017, 6, 30)) and rules.exists_on(vergabe, D(2017, 7, 1))
    late = Membership("exists", ((D(2018, 1, 1), D(2020, 12, 31)),))
    assert [rules.status_on(vergabe, late, d) for d in (D(2017, 8, 1), D(2019, 1, 1), D(2021, 1, 1))] == [
        None,
        "exists",
        None,
    ]
    postverbund = CooperationDates(since_year=2012)  # known by its year only: from 1 January
    assert rules.status_on(postverbund, member, D(2011, 12, 31)) is None
    assert rules.status_on(postverbund, member, JUNE_2013) == "exists"
    dissolved = CooperationDates(started_on=D(2014, 1, 1), ended_on=D(2019, 12, 31))
    assert rules.status_on(dissolved, member, D(2020, 1, 1)) is None
    assert not rules.exists_on(dissolved, D(2020, 1, 1))
    network = CooperationDates(recorded_on=D(2002, 1, 1), ended_on=D(2004, 12, 31))  # an idea, given up
    considered = Membership("considered")
    assert rules.status_on(network, considered, D(2001, 1, 1)) is None
    assert rules.status_on(network, considered, JUNE_2013) == "considered"  # still green in 2013
    legacy = CooperationDates()  # nothing known: shown as today
    assert rules.status_on(legacy, member, D(1990, 1, 1)) == "exists"


# --- pages and exports -----------------------------------------------------------------------------


@pytest.fixture
def seed(world: World) -> dict[str, object]:
    """Zentrale Angelegenheiten of a Kreis like Groß-Gerau, entered in 2026 with the seed's dates."""
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    fields = {
        name: CooperationField.objects.create(task_area=area, name=name, position=i)
        for i, name in enumerate(["Beschaffungswesen", "Gebäudemanagement", "Post", "IT"])
    }

    def coop(field: str, title: str, rows: list[ParticipantRow], **dates: object) -> Cooperation:
        return services.save_cooperation(
            world.region, {"field": fields[field], "title": title, **dates}, rows, actor=world.office
        )

    a, b = world.kommune_a, world.kommune_b
    vergabe = coop(
        "Beschaffungswesen",
        "Kommunales Vergabezentrum",
        [ParticipantRow(a, "exists", is_lead=True), ParticipantRow(b, "exists")],
        started_on=D(2017, 7, 1),
        recorded_on=D(2016, 6, 1),
    )
    services.save_operation(
        vergabe, {"start": D(2017, 7, 1), "host": a, "external_host": ""}, actor=world.office
    )
    coop(
        "Gebäudemanagement",
        "Prüfung elektrischer Anlagen",
        [ParticipantRow(a, "exists"), ParticipantRow(b, "exists")],
        since_year=2015,
    )
    coop("Post", "Postverbund", [ParticipantRow(a, "exists")], since_year=2012)
    coop(
        "IT",
        "Gemeinsames Netzwerk",
        [ParticipantRow(a, "considered", reason="2004 nicht weiterverfolgt")],
        recorded_on=D(2002, 1, 1),
        ended_on=D(2004, 12, 31),
        end_reason="nicht weiterverfolgt",
    )
    coop(
        "IT",
        "Arbeitskreis DV",
        [ParticipantRow(a, "exists"), ParticipantRow(b, "planned", planned_by=D(2027, 12, 31))],
        started_on=D(2014, 1, 1),
        recorded_on=D(2013, 6, 1),
    )
    return {"area": area, "vergabe": vergabe}


@pytest.mark.django_db
def test_the_2013_matrix_shows_what_was_true_in_june_2013(world: World, seed: dict[str, object]) -> None:
    area = seed["area"]
    client = world.client_for("steering")
    url = reverse("cooperation:matrix", args=[world.region.slug, area.pk])  # type: ignore[attr-defined]
    today = client.get(url).content.decode()
    assert "Kommunales Vergabezentrum" in today and "Prüfung elektrischer Anlagen" in today
    page = client.get(url, {"stand": "2013-06-30"}).content.decode()
    assert "Stand: 30.06.2013" in page and 'value="2013-06-30"' in page
    assert "?stand=2013-06-30&amp;format=xlsx" in page  # the exports keep the Stand
    assert "Kommunales Vergabezentrum" not in page and "Prüfung elektrischer Anlagen" not in page
    assert "Postverbund" in page and "Gemeinsames Netzwerk" in page
    assert "Arbeitskreis DV: Kooperation geplant" in page  # recorded in June 2013, started 2014: blue
    matrix = queries.matrix_for(world.region, area, JUNE_2013)  # type: ignore[arg-type]
    assert (matrix.count("exists"), matrix.count("planned"), matrix.count("considered")) == (1, 2, 1)
    response = client.get(url, {"stand": "2013-06-30", "format": "xlsx"})
    assert response["Content-Disposition"].endswith(
        f'matrix-{world.region.slug}-{area.pk}-stand-2013-06-30.xlsx"'
    )  # type: ignore[attr-defined]
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any("Stand: 30.06.2013" in c for c in cells)
    assert not any("Vergabezentrum" in c for c in cells)
    future = client.get(url, {"stand": "2099-01-01"}).content.decode()
    assert "liegt in der Zukunft" in future and "Kommunales Vergabezentrum" in future


@pytest.mark.django_db
def test_overview_and_operating_list_as_of_a_day(world: World, seed: dict[str, object]) -> None:
    client = world.client_for("contact_a")
    overview = reverse("cooperation:inventory_overview", args=[world.region.slug])
    rows = queries.overview_for(world.region, JUNE_2013)
    assert [(r.cooperations, r.by_status) for r in rows] == [
        (3, {"exists": 1, "planned": 2, "considered": 1})
    ]
    assert [(r.cooperations, r.by_status["exists"]) for r in queries.overview_for(world.region)] == [(5, 6)]
    response = client.get(overview, {"stand": "2013-06-30", "format": "csv"})
    assert response["Content-Disposition"].endswith('-stand-2013-06-30.csv"')
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert table[1][:3] == ["Zentrale Angelegenheiten", "4", "3"]
    response = client.get(overview, {"stand": "2013-06-30", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert any("Stand: 30.06.2013" in str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    operating = reverse("cooperation:operation_list", args=[world.region.slug])
    assert "Kommunales Vergabezentrum" in client.get(operating).content.decode()
    past = client.get(operating, {"stand": "2016-12-31"}).content.decode()
    assert "Stand: 31.12.2016" in past and "Kommunales Vergabezentrum" not in past
    assert [r.cooperation.title for r in queries.operating_rows(world.region, D(2017, 7, 1))] == [
        "Kommunales Vergabezentrum"
    ]


@pytest.mark.django_db
def test_a_municipality_that_left_is_shown_while_it_took_part(world: World, seed: dict[str, object]) -> None:
    vergabe = seed["vergabe"]
    services.record_leaving(vergabe, world.kommune_b, D(2020, 12, 31), actor=world.office)  # type: ignore[arg-type]
    assert ParticipationSpan.objects.filter(municipality=world.kommune_b, left_on=D(2020, 12, 31)).exists()
    area = seed["area"]
    then = queries.matrix_for(world.region, area, D(2019, 1, 1))  # type: ignore[arg-type]
    now = queries.matrix_for(world.region, area)  # type: ignore[arg-type]
    row = 0  # Beschaffungswesen
    assert [len(c) for c in then.rows[row].cells] == [1, 1]
    assert [len(c) for c in now.rows[row].cells] == [1, 0]


@pytest.mark.django_db
def test_as_of_pages_cost_the_same_queries_as_today_and_for_more_data(
    world: World, seed: dict[str, object]
) -> None:
    client = world.client_for("steering")
    area = seed["area"]
    urls = [
        reverse("cooperation:matrix", args=[world.region.slug, area.pk]),  # type: ignore[attr-defined]
        reverse("cooperation:inventory_overview", args=[world.region.slug]),
        reverse("cooperation:operation_list", args=[world.region.slug]),
    ]

    def counts() -> list[int]:
        found = []
        for url in urls:
            for query in ({}, {"stand": "2013-06-30"}):
                with CaptureQueriesContext(connection) as captured:
                    assert client.get(url, query).status_code == 200
                found.append(len(captured.captured_queries))
        return found

    small = counts()
    assert small[0::2] == small[1::2]  # a past day costs what today costs
    field = CooperationField.objects.filter(task_area=area).first()
    for i in range(30):
        c = services.save_cooperation(
            world.region,
            {"field": field, "title": f"Kooperation {i}", "started_on": D(2010 + i % 15, 1, 1)},
            [
                ParticipantRow(world.kommune_a, "exists"),
                ParticipantRow(world.kommune_b, "planned", planned_by=D(2030, 1, 1)),
            ],
            actor=world.office,
        )
        services.save_operation(
            c,
            {"start": D(2010 + i % 15, 1, 1), "host": world.kommune_a, "external_host": ""},
            actor=world.office,
        )
    assert counts() == small
