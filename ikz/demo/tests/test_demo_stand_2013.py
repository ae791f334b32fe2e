"""Seed 003's 2013 tables as of their own date: the two matrices of the Bestandsaufnahme
("Stand: Juni 2013", signed 30.6.2013) on the page `?stand=2013-06-30` and in its XLSX — no
Vergabezentrum, no Prüfung elektrischer Anlagen, IT-Projekte as the Arbeitskreis DV ("+", all 15)
beside the network idea of 2002 given up in 2004 — while today's views show today."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from ikz.accounts.models import User
from ikz.cooperation import queries
from ikz.cooperation.models import Cooperation, TaskArea
from ikz.demo import data
from ikz.municipalities.models import Region

pytestmark = pytest.mark.django_db

LABELS = [label for _key, label in data.REGION_MEMBERS]
JUNE_2013 = dt.date(2013, 6, 30)

# Seed 003, the two overviews "Stand: Juni 2013": per field, member → symbol (black = exists).
ZA_2013 = {
    "Postverbund": {"Rüss": "■", "MöWa": "■"},
    "Rechtsamt": {"Rüss": "□"},
    "Beschaffungen": {"Rüss": "◇", "Raun": "◇", "Kelst": "◇"},
    "amtliche Bekanntmachungen": {"Bieb": "●", "Stock": "●"},
}
IT_2013 = {
    "DV-Leistungen für Kommunen": dict.fromkeys(LABELS, "●"),
    "Softwareschulungen für Systemsoftware": dict.fromkeys(["Rüss", "GiGu", "Bisch", "MöWa", "Bütt"], "■"),
    "Prüfung von EDV-Software": {"Rüss": "□"},
}


@pytest.fixture
def demo() -> Region:
    return Region.objects.get(slug=data.REGION_SLUG)


def _cells(matrix: queries.rules.Matrix) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """field → member label → [(symbol, status)] of the non-empty cells."""
    return {
        row.field_name: {
            LABELS[i]: [(m.symbol, m.status) for m in cell] for i, cell in enumerate(row.cells) if cell
        }
        for row in matrix.rows
    }


def test_the_region_starts_on_1_january_2013(demo: Region) -> None:
    assert demo.established_on == dt.date(2013, 1, 1)


def test_the_2013_matrices_as_of_30_june_2013_are_the_seeds(demo: Region) -> None:
    za = _cells(queries.matrix_for(demo, TaskArea.objects.get(name="Zentrale Angelegenheiten"), JUNE_2013))
    assert {
        f: {k: "".join(s for s, _ in v) for k, v in cells.items()} for f, cells in za.items() if cells
    } == ZA_2013
    assert all(
        status == "exists" for cells in za.values() for marks in cells.values() for _s, status in marks
    )
    it = _cells(queries.matrix_for(demo, TaskArea.objects.get(name="Informationstechnologie"), JUNE_2013))
    for field_name, expected in IT_2013.items():
        assert {k: "".join(s for s, _ in v) for k, v in it[field_name].items()} == expected, field_name
    # IT-Projekte: the Arbeitskreis DV exists for all 15 ("+"), the network idea (2002, given up
    # 2004) is green for all 15 — the legend's "Überlegungen …, nicht zustande gekommen"
    it_projects = it["IT-Projekte"]
    assert list(it_projects) == LABELS
    for marks in it_projects.values():
        assert ("+", "exists") in marks and len(marks) == 2
        assert [status for _s, status in marks if _s != "+"] == ["considered"]
    # nothing of what came later: the fields of the cooperations of 2015 and 2017 are empty in 2013
    assert not za.get("Vergabezentrum") and not za.get("Prüfung elektrischer Anlagen")
    today = _cells(queries.matrix_for(demo, TaskArea.objects.get(name="Zentrale Angelegenheiten")))
    assert today.get("Vergabezentrum") and today.get("Prüfung elektrischer Anlagen")


def test_the_network_idea_and_the_arbeitskreis_are_recorded_as_such(demo: Region) -> None:
    network = Cooperation.objects.get(region=demo, title="Idee eines gemeinsamen Netzwerks")
    assert (network.recorded_on, network.ended_on) == (dt.date(2002, 1, 1), dt.date(2004, 12, 31))
    assert "nicht weiterverfolgt" in network.end_reason
    assert set(network.participants.values_list("status", flat=True)) == {"considered"}
    arbeitskreis = Cooperation.objects.get(region=demo, title="IT-Projekte (Arbeitskreis DV)")
    assert (arbeitskreis.symbol, arbeitskreis.recorded_on) == ("+", JUNE_2013)
    assert arbeitskreis.participants.filter(status="exists").count() == 15
    postverbund = Cooperation.objects.get(region=demo, title="Postverbund")
    assert (postverbund.since_year, postverbund.recorded_on) == (2012, JUNE_2013)
    # before the survey's result was recorded, the 2013 entries are not shown yet (only the idea)
    may = queries.matrix_for(
        demo, TaskArea.objects.get(name="Zentrale Angelegenheiten"), dt.date(2013, 5, 31)
    )
    assert [row.field_name for row in may.rows if any(row.cells)] == ["Postverbund"]  # "seit 2012"


def test_the_matrix_page_and_xlsx_as_of_30_june_2013(demo: Region) -> None:
    client = Client()
    client.force_login(User.objects.get(username="kommune-kelsterbach"))
    za = TaskArea.objects.get(name="Zentrale Angelegenheiten")
    url = reverse("cooperation:matrix", args=[demo.slug, za.pk])
    page = client.get(url + "?stand=2013-06-30").content.decode()
    assert "Stand: 30.06.2013" in page
    assert "Deutschen Post AG" in page
    assert "Kommunales Vergabezentrum" not in page and "Prüfung elektrischer Anlagen (" not in page
    today = client.get(url).content.decode()
    assert "Kommunales Vergabezentrum" in today  # today shows today
    sheet = load_workbook(io.BytesIO(client.get(url + "?stand=2013-06-30&format=xlsx").content)).active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert any("30.06.2013" in str(cell) for row in values[:3] for cell in row if cell)
    header = next(r for r in values if r and r[0] == "Kooperationsfeld")
    column = {label: i for i, label in enumerate(header)}
    rows = {r[0]: r for r in values if r and r[0] in ZA_2013}
    for field_name, expected in ZA_2013.items():
        got = {
            label: rows[field_name][i]
            for label, i in ((h.split(" – ")[0], i) for h, i in column.items() if h and " – " in str(h))
            if rows[field_name][i]
        }
        lead = ", federführend" if field_name == "Rechtsamt" else ""  # the underlined symbol
        assert got == {k: f"{v} (Kooperation existiert{lead})" for k, v in expected.items()}, field_name
    later = ("Vergabezentrum", "Prüfung elektrischer Anlagen")
    assert not any(r and r[0] in later and any(r[1:16]) for r in values)
    it = TaskArea.objects.get(name="Informationstechnologie")
    it_url = reverse("cooperation:matrix", args=[demo.slug, it.pk])
    it_page = client.get(it_url + "?stand=2013-06-30").content.decode()
    assert it_page.count('ikz-mark ikz-status-considered" title=') == 15  # the network idea, all 15
    assert "Idee des Aufbaus eines gemeinsamen Netzwerks seit 2002" in it_page
    xlsx = client.get(it_url + "?stand=2013-06-30&format=xlsx")
    assert "stand-2013-06-30" in xlsx["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    row = next(list(r) for r in sheet.iter_rows(values_only=True) if r and r[0] == "IT-Projekte")
    assert all(str(cell).startswith("'+") and "erwogen" in str(cell) for cell in row[1:16]), row
