"""The demo's two matrices hold exactly the symbols, statuses and leads of seed 003 (2013)."""

from __future__ import annotations

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
EVERYONE = " ".join(["x"] * 15)

# Seed 003, "Zentrale Angelegenheiten" and "Informations- und Kommunikationstechnologie": per field
# the row of the matrix (one cell per member in the seed's order; "" = empty cell).
SEED = {
    "Zentrale Angelegenheiten": {
        "Postverbund": {"Rüss": "■", "MöWa": "■"},
        "Rechtsamt": {"Rüss": "□"},
        "Beschaffungen": {"Rüss": "◇", "Raun": "◇", "Kelst": "◇"},
        "amtliche Bekanntmachungen": {"Bieb": "●", "Stock": "●"},
    },
    "Informationstechnologie": {
        "DV-Leistungen für Kommunen": dict.fromkeys(LABELS, "●"),
        "Softwareschulungen für Systemsoftware": dict.fromkeys(
            ["Rüss", "GiGu", "Bisch", "MöWa", "Bütt"], "■"
        ),
        "Prüfung von EDV-Software": {"Rüss": "□"},
        # the Arbeitskreis DV ("+", exists) and its example, the network idea of 2002 (considered)
        "IT-Projekte": dict.fromkeys(LABELS, "+■"),
    },
}


@pytest.fixture
def demo() -> Region:
    return Region.objects.get(slug=data.REGION_SLUG)


def test_matrices_show_the_seed_symbols_per_municipality(demo: Region) -> None:
    for area_name, rows in SEED.items():
        matrix = queries.matrix_for(demo, TaskArea.objects.get(name=area_name))
        assert [label for _id, label, _n, _k in matrix.columns] == LABELS
        seen = {row.field_name: row for row in matrix.rows}
        for field_name, expected in rows.items():
            got = {
                LABELS[i]: "".join(m.symbol for m in cell)
                for i, cell in enumerate(seen[field_name].cells)
                if cell
            }
            assert got == expected, f"{area_name} / {field_name}"
    # the nine 2013 entries; the eight operating cooperations of seed 003 B (ikz/demo/operations.py) come on top
    assert Cooperation.objects.filter(region=demo, operation__isnull=True).count() == 9


def test_statuses_and_leads_follow_the_footnotes(demo: Region) -> None:
    it = queries.matrix_for(demo, TaskArea.objects.get(name="Informationstechnologie"))
    statuses = {
        row.field_name: {m.status for cell in row.cells for m in cell} for row in it.rows if any(row.cells)
    }
    assert statuses["IT-Projekte"] == {"exists", "considered"}
    assert statuses["DV-Leistungen für Kommunen"] == {"exists"}
    za = queries.matrix_for(demo, TaskArea.objects.get(name="Zentrale Angelegenheiten"))
    in_2013 = SEED["Zentrale Angelegenheiten"]  # not the later Vergabezentrum (seed 003 B)
    leads = [
        (row.field_name, LABELS[i])
        for row in za.rows
        if row.field_name in in_2013
        for i, cell in enumerate(row.cells)
        for m in cell
        if m.is_lead
    ]
    assert leads == [("Rechtsamt", "Rüss")]
    footnotes_2013 = [f for f in za.footnotes if f.field_name in in_2013]
    assert [f.symbol for f in footnotes_2013] == ["■", "□", "◇", "●"]
    assert "Deutschen Post AG" in footnotes_2013[0].description


def test_matrix_page_and_xlsx_show_the_same(demo: Region) -> None:
    client = Client()
    client.force_login(User.objects.get(username="kommune-kelsterbach"))
    area = TaskArea.objects.get(name="Informationstechnologie")
    url = reverse("cooperation:matrix", args=[demo.slug, area.pk])
    page = client.get(url).content.decode()
    assert page.count('ikz-mark ikz-status-considered" title=') == 15  # IT-Projekte, all 15
    assert "ekom21 – Kommunales Gebietsrechenzentrum Hessen" in page
    assert "federführende Kommune" in page  # the legend
    sheet = load_workbook(io.BytesIO(client.get(url + "?format=xlsx").content)).active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in values if r and r[0] == "Kooperationsfeld")
    assert header[1] == "Rüss – Rüsselsheim am Main, Stadt (06433012)"
    row = next(r for r in values if r and r[0] == "IT-Projekte")
    # "+" would start a formula: the export neutralises it with an apostrophe
    assert all(
        str(cell).startswith("'+ (Kooperation existiert)")
        and "■ (erwogen, nicht zustande gekommen)" in str(cell)
        for cell in row[1:16]
    ), row
