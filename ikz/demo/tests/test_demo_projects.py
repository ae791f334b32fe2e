"""The demo's projects against seed 003: the 2023 participation matrix cell by cell, SUMME
14 / 15 / 8 / 15 / 13 / 14 counted by the code, the operating projects linked to the inventory."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import User
from ikz.municipalities.models import Region
from ikz.projects import queries
from ikz.projects.models import Project

pytestmark = pytest.mark.django_db

# Seed 003, C) "Beteiligung an IKZ-Projekten und –Umsetzungsmaßnahmen 2023 (Stand Sept. 2023)",
# typed from the seed: municipality (seed's spelling) → the six cells in the seed's column order.
COLUMNS = [
    "Beschaffung Feuerwehrbedarf, Organisation Instandhaltung",
    "Klimaschutz",
    "Organisation der Reinigung kommunaler Liegenschaften",
    "Informationssicherheit / IT-Sicherheit",
    "Umsetzung Hinweisgeberschutzgesetz",
    "Smart Cities / Smart Region",
]
SEED = {
    "Biebesheim": ["X (PG)", "X (PG)", "X (PG)", "X (PG)", "", ""],
    "Bischofsheim": ["X (PG)", "X", "", "X (PG)", "X (PG)", "X (PG)"],
    "Büttelborn": ["X (PG)", "X (PG)", "", "X (PL)", "X (PG)", "X (PG)"],
    "Gernsheim": ["X (PG)", "X (PG)", "X (PG)", "X (PG)", "X (PG)", "X (PG)"],
    "Ginsheim-Gustavsburg": ["X (PG)", "X", "", "X (PG)", "X (PG)", "X (PG)"],
    "Groß-Gerau": ["", "X (PG)", "", "X (PG)", "X (PG)", "X (PG)"],
    "Kelsterbach": ["X (PG)", "X", "", "X (PG)", "X (PG)", "X (PG)"],
    "Mörfelden-Walldorf": ["X (PG)", "X (PL)", "", "X (PG)", "X (PL)", "X (PG)"],
    "Nauheim": ["X (PG)", "X (PG)", "X (PG)", "X (PG)", "X (PG)", "X (PG)"],
    "Raunheim": ["X (PG, LKG)", "X (PG, LKG)", "X (PG, LKG)", "X (PL, LKG)", "X (PG, LKG)", "X (PG, LKG)"],
    "Riedstadt": ["X (PL)", "X (PG)", "X (PG)", "X (PG)", "X (PG)", "X (PG)"],
    "Rüsselsheim": ["X (PG)", "X (PG)", "", "X (PG)", "X (PL)", "X (PG)"],
    "Stockstadt": ["X", "X", "X", "X (PG)", "", "X (PG)"],
    "Trebur": ["X (PG)", "X", "X", "X (PG)", "X", "X (PG)"],
    "Kreis Groß-Gerau": ["X (PL)", "X (PL)", "X (PL)", "X (PG)", "X (PG)", "X (PL)"],
}
SUMME = [14, 15, 8, 15, 13, 14]


def _seed_name(short_name: str, level: str) -> str:
    return (
        "Kreis Groß-Gerau"
        if level == "kreis"
        else short_name.removesuffix(" am Rhein").removesuffix(" am Main")
    )


def _office() -> User:
    return User.objects.get(username="geschaeftsstelle")


def test_the_2023_matrix_equals_the_seed_cell_by_cell() -> None:
    region = Region.objects.get(slug="kreis-gross-gerau")
    projects = queries.matrix_projects(Project.objects.filter(region=region), 2023)
    assert sorted(p.title for p in projects) == sorted(COLUMNS)
    by_title = {p.title: p for p in projects}
    matrix = queries.matrix(_office(), region, [by_title[t] for t in COLUMNS])
    got = {
        _seed_name(row.member.municipality.short_name, row.member.municipality.level): [
            c.text for c in row.cells
        ]
        for row in matrix.rows
    }
    assert got == SEED
    assert matrix.sums == SUMME
    # blanks are "keine Projektbeteiligung" (decision 29), every cell is confirmed
    blanks = {c.status for row in matrix.rows for c in row.cells if not c.text}
    assert blanks == {"none"}
    assert all(c.participation and c.participation.confirmed for row in matrix.rows for c in row.cells)


def test_the_matrix_page_shows_the_summe_row_and_the_legend() -> None:
    client = Client()
    client.force_login(User.objects.get(username="kommune-kelsterbach"))
    # as of the seed's day ("Stand Sept. 2023"): today's matrix also has the demo's proposal made
    # from the ranking of the interest procedure (issue 19)
    url = reverse("projects:participation_matrix", args=["kreis-gross-gerau"])
    html = client.get(url, {"stand": "2023-09-30"}).content.decode()
    head = re.search(r"<thead.*?</thead>", html, re.S)
    summe = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S)
    assert head and summe
    titles = [
        t.replace("&amp;", "&")
        for t in re.findall(r'class="kern-link" href="/projekte/\d+/">([^<]+)</a>', head.group(0))
    ]
    sums = [int(n) for n in re.findall(r"<strong>(\d+)</strong>", summe.group(1))]
    assert dict(zip(titles, sums, strict=True)) == dict(zip(COLUMNS, SUMME, strict=True))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert (
        "X Projektbeteiligung der Kommune UND personelle Vertretung in der Projektgruppe / Arbeitsgruppe:"
        in text
    )
    assert "(PL) = Projektleitung" in text and "(LKG) = Lenkungsgruppe" in text
    assert "X Projektbeteiligung der Kommune OHNE personelle Vertretung" in text
    assert "keine Projektbeteiligung" in text and "keine Aufgabenzuständigkeit" in text


def test_operating_projects_link_the_inventory_and_the_seeds_verdicts() -> None:
    projects = {p.title: p for p in Project.objects.select_related("cooperation", "outcome")}
    strom = projects["Strom- und Gaseinkauf"]
    # transferred to the existing Zweckverband Riedwerke, still showing its cooperation (decision 93)
    assert (strom.status, strom.verdict, strom.year) == ("transferred", "advantageous", 2014)
    assert strom.outcome.body == "Zweckverband Riedwerke"
    assert [c.title for c in strom.outcome.cooperations.all()] == ["Strom- und Gaseinkauf"]
    assert projects["Kompetenzzentrum Beschaffungswesen"].cooperation.title == "Kommunales Vergabezentrum"  # type: ignore[union-attr]
    gast = projects["Überwachung Gaststättenrecht und Geldspielgeräte"]
    assert gast.cooperation.title == "Verwaltungsbehördenbezirk Gaststätten und Spielhallen"  # type: ignore[union-attr]
    assert str(gast.finished_on) == "2023-05-01"
    bezuege = projects["Bezügeabrechnung"]
    assert (bezuege.status, bezuege.verdict, bezuege.outcome.body) == (
        "transferred",
        "advantageous",
        "Versorgungskasse Darmstadt",
    )
    assert "aus individuellen örtlichen Gründen keine kreisweite IKZ-Umsetzung" in bezuege.outcome.note
    charter = projects["Beschaffungswesen"]
    assert charter.charter_missing == []
    assert (
        "Variante B) Bildung einer zentralen Stelle als Interkommunales Kompetenzzentrum" in charter.variants
    )
    it = projects["Informationssicherheit / IT-Sicherheit"]
    assert it.lead is not None and it.lead.username == "projektleitung" and it.status == "feasibility"
    assert it.milestones.filter(reached__isnull=True, forecast__year=2025).count() == 1, (
        "one overdue milestone"
    )
    # the operating details are one link away for the office, not for a contact
    centre = projects["Kompetenzzentrum Beschaffungswesen"]
    edit = reverse("cooperation:operation_edit", args=[centre.cooperation.pk])  # type: ignore[union-attr]
    for username, sees in [("geschaeftsstelle", True), ("kommune-raunheim", False)]:
        client = Client()
        client.force_login(User.objects.get(username=username))
        page = client.get(centre.get_absolute_url()).content.decode()
        assert (f'href="{edit}"' in page) is sees, username


def test_the_matrix_downloads_hold_the_seeds_cells_and_summe() -> None:
    import csv
    import io

    from openpyxl import load_workbook

    client = Client()
    client.force_login(User.objects.get(username="lenkungsgruppe"))
    url = reverse("projects:participation_matrix", args=["kreis-gross-gerau"]) + "?jahr=2023&format="
    sheet = load_workbook(io.BytesIO(client.get(url + "xlsx").content)).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "Kommune")
    column = {title: i for i, title in enumerate(header)}
    summe = next(r for r in rows if r and r[0] == "SUMME")
    assert [summe[column[t]] for t in COLUMNS] == SUMME
    raunheim = next(r for r in rows if r and r[0] == "Raunheim")
    assert raunheim[column["Informationssicherheit / IT-Sicherheit"]] == "X (PL, LKG)"
    text = client.get(url + "csv").content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    kreis = next(r for r in table if r and r[0] == "Landkreis Groß-Gerau")
    assert [kreis[column[t]] for t in COLUMNS] == SEED["Kreis Groß-Gerau"]
    assert client.get(url + "pdf")["Content-Type"] == "application/pdf"
