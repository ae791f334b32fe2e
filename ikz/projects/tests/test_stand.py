"""Views as of a day (decision 92): the portfolio, the dashboard, the participation matrix and the
annual report show what was true on the Stand, name it, and read it with as many queries as today."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ikz.cooperation.models import CooperationField, TaskArea
from ikz.municipalities.models import Kind, Level, RegionMember
from ikz.projects import services
from ikz.projects.models import Participation, Project
from ikz.projects.tests.helpers import make_project
from ikz.test import World, make_unit

pytestmark = pytest.mark.django_db

OFFICE = frozenset({"office"})

# seed 003, part C, "Stand Sept. 2023": the columns in the order the projects began, and SUMME
COLUMNS = [
    ("Feuerwehr", dt.date(2022, 3, 1), 14),
    ("Klimaschutz", dt.date(2022, 6, 1), 15),
    ("Reinigung", dt.date(2022, 9, 1), 8),
    ("Informationssicherheit", dt.date(2023, 1, 10), 15),
    ("Hinweisgeberschutz", dt.date(2023, 3, 1), 13),
    ("Smart Cities", dt.date(2023, 5, 1), 14),
]
SUMME = [n for _t, _d, n in COLUMNS]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _step(project: Project, target: str, **kw: object) -> Project:
    project.refresh_from_db()
    return services.transition(
        project, target, actor=None, roles=OFFICE, expected_version=project.version, **kw
    )


def _members(world: World, total: int) -> list[object]:
    """The region grown to ``total`` members (the test world has two)."""
    start = RegionMember.objects.filter(region=world.region).count()
    for i in range(total - start):
        unit = make_unit(f"064339{i:02d}", f"Gemeinde {i:02d}", Level.GEMEINDE, Kind.GEMEINDE, world.kreis)
        RegionMember.objects.create(
            region=world.region, municipality=unit, position=start + i + 1, short_label=f"G{i}"
        )
    return [m.municipality for m in RegionMember.objects.filter(region=world.region).order_by("position")]


def _seed_like(world: World, copies: range = range(1)) -> None:
    """The six running projects of 2023 (each ``copies`` times), one that ended before September
    2023, one begun after it; every member's cell, participating as SUMME says."""
    units = _members(world, 15)
    for copy in copies:
        suffix = f" {copy}" if copy else ""
        for title, began, n in COLUMNS:
            project = make_project(
                world, title + suffix, status="implementation", effective_on=began, year=began.year
            )
            for i, unit in enumerate(units):
                services.declare_participation(
                    project, unit, "without_staff" if i < n else "none", [], actor=world.office, confirm=True
                )
        ended = make_project(
            world, "Vergabezentrum" + suffix, status="implementation", effective_on=dt.date(2016, 1, 1)
        )
        services.declare_participation(ended, units[0], "without_staff", [], actor=world.office, confirm=True)
        _step(ended, "closed", reason="in Folgeprojekt", effective_on=dt.date(2017, 6, 30))
        later = make_project(
            world,
            "Fördermittelmanagement" + suffix,
            status="implementation",
            effective_on=dt.date(2023, 10, 1),
        )
        services.declare_participation(later, units[0], "without_staff", [], actor=world.office, confirm=True)


def test_the_matrix_as_of_september_2023_reads_the_seeds_columns_and_summe(world: World) -> None:
    _seed_like(world)
    # a municipality that joined Smart Cities after the Stand does not count on that day
    smart = Project.objects.get(title="Smart Cities")
    late = Participation.objects.filter(project=smart, status="none").first()
    assert late is not None
    services.declare_participation(
        smart,
        late.municipality,
        "with_staff",
        ["PG"],
        actor=world.office,
        confirm=True,
        joined_on=dt.date(2023, 11, 1),
    )
    client = world.client_for("steering")
    url = reverse("projects:participation_matrix", args=[world.region.slug])
    html = client.get(url + "?stand=2023-09-30").content.decode()
    heads = re.findall(r'ikz-matrix__col" scope="col"><a[^>]*>([^<]+)</a>', html)
    assert heads == [t for t, _d, _n in COLUMNS]
    assert "Stand: 30.09.2023" in _text(html)
    summe = re.search(r"SUMME(.*?)</tr>", html, re.S)
    assert summe is not None and re.findall(r"<strong>(\d+)</strong>", summe.group(1)) == [
        str(n) for n in SUMME
    ]
    response = client.get(url + "?stand=2023-09-30&format=xlsx")
    assert "-beteiligung-2023-stand-2023-09-30.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert any("Stand: 30.09.2023" in str(r[0]) for r in rows if r and r[0])
    header = next(r for r in rows if r and r[0] == "Kommune")
    assert header[1:7] == [t for t, _d, _n in COLUMNS]
    assert next(r for r in rows if r and r[0] == "SUMME")[1:7] == SUMME
    # the old address of a year's matrix: the Stand 31.12. of that year
    by_year = _text(client.get(url + "?jahr=2023").content.decode())
    assert "Stand: 31.12.2023" in by_year and "Fördermittelmanagement" in by_year
    assert "Vergabezentrum" in _text(client.get(url + "?jahr=2016").content.decode())


def test_the_portfolio_and_dashboard_show_the_state_of_the_day(world: World) -> None:
    project = make_project(
        world, "Beschaffungswesen", status="feasibility", effective_on=dt.date(2014, 3, 15)
    )
    _step(project, "closed", reason="nicht vorteilhaft", effective_on=dt.date(2015, 12, 31))
    make_project(world, "Smart Cities", effective_on=dt.date(2023, 5, 1))
    client = world.client_for("office")
    url = reverse("projects:project_list", args=[world.region.slug])
    today = _text(client.get(url).content.decode())
    assert "abgeschlossen ohne Umsetzung" in today and "Smart Cities" in today
    then = _text(client.get(url + "?stand=2014-12-31").content.decode())
    assert "IKZ-Projekte – Stand: 31.12.2014" in then
    assert "Beschaffungswesen" in then and "Prüfung läuft" in then
    assert (
        "Smart Cities" not in then
        and "abgeschlossen ohne Umsetzung" not in then.split("Stand (Datum)")[-1].split("Projektleitung")[-1]
    )
    filtered = _text(client.get(url + "?stand=2014-12-31&status=feasibility").content.decode())
    assert "1 Projekt " in filtered
    board = _text(
        client.get(
            reverse("projects:dashboard", args=[world.region.slug]) + "?stand=2014-12-31"
        ).content.decode()
    )
    assert "Projekte nach Stand (1 insgesamt)" in board and "Stand: 31.12.2014" in board
    refused = client.get(url + "?stand=2099-01-01").content.decode()
    assert "liegt in der Zukunft" in refused


def test_the_2023_report_shows_feuerwehr_still_in_implementation(world: World) -> None:
    area = TaskArea.objects.create(name="Sicherheit und Ordnung", position=1)
    field = CooperationField.objects.create(task_area=area, name="Feuerwehr", position=1)
    project = make_project(
        world, "Feuerwehr", status="implementation", effective_on=dt.date(2022, 3, 1), field=field
    )
    services.declare_participation(
        project, world.kommune_a, "without_staff", [], actor=world.office, confirm=True
    )
    _step(project, "operating", effective_on=dt.date(2024, 1, 1))
    client = world.client_for("steering")
    url = reverse("reports:report_detail", args=[world.region.slug, 2023])
    page = _text(client.get(url).content.decode())
    assert "Zwischenbericht 2023 – Stand: 31.12.2023" in page
    assert "Feuerwehr : in Umsetzung" in page
    assert "Feuerwehr : Kooperation in Betrieb" in _text(
        client.get(reverse("reports:report_detail", args=[world.region.slug, 2024])).content.decode()
    )
    pdf = client.get(url + "?dokument=pdf")
    assert 'filename="zwischenbericht-ikz-testregion-2023-stand-2023-12-31.pdf"' in pdf["Content-Disposition"]
    june = _text(client.get(url + "?stand=2023-06-30").content.decode())
    assert "Zwischenbericht 2023 – Stand: 30.06.2023" in june


@pytest.mark.parametrize(
    "name,query",
    [
        ("projects:participation_matrix", "?stand=2023-09-30"),
        ("projects:project_list", "?stand=2023-09-30"),
        ("projects:dashboard", "?stand=2023-09-30"),
    ],
)
def test_a_past_stand_reads_as_many_queries_as_today_whatever_the_data(
    world: World, name: str, query: str
) -> None:
    url = reverse(name, args=[world.region.slug])
    client = world.client_for("office")
    _seed_like(world)
    client.get(url)
    with CaptureQueriesContext(connection) as today:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as once:
        assert client.get(url + query).status_code == 200
    _seed_like(world, range(1, 3))  # three times the data
    with CaptureQueriesContext(connection) as thrice:
        assert client.get(url + query).status_code == 200
    assert len(once) == len(today) == len(thrice), [q["sql"] for q in thrice.captured_queries]


def test_the_report_reads_as_many_queries_as_of_any_day(world: World) -> None:
    url = reverse("reports:report_detail", args=[world.region.slug, 2023])
    client = world.client_for("office")
    _seed_like(world)
    client.get(url)
    with CaptureQueriesContext(connection) as once:
        assert client.get(url + "?stand=2023-09-30").status_code == 200
    _seed_like(world, range(1, 3))  # three times the data
    with CaptureQueriesContext(connection) as thrice:
        assert client.get(url + "?stand=2023-09-30").status_code == 200
    assert len(once) == len(thrice)
