"""Seed 003's projects as of their own dates: the participation matrix as of 30.09.2023 ("Stand
Sept. 2023") on the page and in every export, the Zwischenbericht 2023 with the Feuerwehr project
still in implementation, the chain of the procurement projects and the outcomes of decision 93 on
the project pages, the Corona pauses, and a second load that adds nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from ikz.accounts.models import User
from ikz.demo import data
from ikz.demo.tests.test_demo_projects import COLUMNS, SEED, SUMME
from ikz.projects import queries, rules
from ikz.projects.models import Project, TransitionLog

pytestmark = pytest.mark.django_db
CHAIN = [
    "Beschaffungswesen",
    "IKZ-Beschaffungsgemeinschaften Papier und Büromaterial",
    "Kompetenzzentrum Beschaffungswesen",
]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")


@pytest.fixture
def client() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="lenkungsgruppe"))
    return client


def test_the_participation_matrix_as_of_30_september_2023_everywhere(client: Client) -> None:
    url = reverse("projects:participation_matrix", args=[data.REGION_SLUG]) + "?stand=2023-09-30"
    html = client.get(url).content.decode()
    assert "Stand: 30.09.2023" in _text(html)
    head = re.search(r"<thead.*?</thead>", html, re.S)
    summe = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S)
    assert head and summe
    titles = [
        t.replace("&amp;", "&")
        for t in re.findall(r'class="kern-link" href="/projekte/\d+/">([^<]+)</a>', head.group(0))
    ]
    assert titles == COLUMNS  # the seed's column order: by the day each project began
    assert [int(n) for n in re.findall(r"<strong>(\d+)</strong>", summe.group(1))] == SUMME
    xlsx = client.get(url + "&format=xlsx")
    assert "stand-2023-09-30" in xlsx["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert any("30.09.2023" in str(c) for r in rows[:3] for c in r if c)
    header = next(r for r in rows if r and r[0] == "Kommune")
    assert [h for h in header[1:] if h] == COLUMNS
    assert next(r for r in rows if r and r[0] == "SUMME")[1 : 1 + len(COLUMNS)] == SUMME
    csv_response = client.get(url + "&format=csv")
    assert "stand-2023-09-30" in csv_response["Content-Disposition"]
    table = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert next(r for r in table if r and r[0] == "Kommune")[1:7] == COLUMNS
    assert [int(n) for n in next(r for r in table if r and r[0] == "SUMME")[1:7]] == SUMME
    assert next(r for r in table if r and r[0] == "Landkreis Groß-Gerau")[1:7] == SEED["Kreis Groß-Gerau"]
    pdf = client.get(url + "&format=pdf")
    assert "stand-2023-09-30" in pdf["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "30.09.2023" in text
    assert re.search(r"SUMME\s+14\s+15\s+8\s+15\s+13\s+14", text), text[-600:]


def test_the_zwischenbericht_2023_shows_the_feuerwehr_project_in_implementation(client: Client) -> None:
    feuerwehr = COLUMNS[0]
    page = _text(client.get(reverse("reports:report_detail", args=[data.REGION_SLUG, 2023])).content.decode())
    assert "Zwischenbericht 2023 – Stand: 31.12.2023" in page
    assert re.search(re.escape(feuerwehr) + r" ?: in Umsetzung", page), page[:2000]
    later = _text(
        client.get(reverse("reports:report_detail", args=[data.REGION_SLUG, 2024])).content.decode()
    )
    assert re.search(re.escape(feuerwehr) + r" ?: Kooperation in Betrieb", later)
    project = Project.objects.get(title=feuerwehr)
    steps = queries.steps_by_project(Project.objects.filter(pk=project.pk).values("pk"))[project.pk]
    assert rules.state_on(steps, dt.date(2023, 12, 31)) == "implementation"
    assert (project.status, project.finished_on) == ("operating", dt.date(2024, 1, 1))


def test_the_procurement_chain_shows_on_each_of_its_projects(client: Client) -> None:
    projects = {p.title: p for p in Project.objects.filter(title__in=CHAIN)}
    assert [projects[t].status for t in CHAIN] == ["followed_up", "followed_up", "operating"]
    for title in CHAIN:
        page = _text(client.get(projects[title].get_absolute_url()).content.decode())
        chain = page[page.index("Projektkette") :]
        assert [chain.index(t) for t in CHAIN] == sorted(chain.index(t) for t in CHAIN), title
        assert "Kooperation in Betrieb" in chain and "in Folgeprojekt überführt" in chain
    centre = projects["Kompetenzzentrum Beschaffungswesen"]
    assert centre.cooperation is not None and centre.cooperation.title == "Kommunales Vergabezentrum"
    assert centre.finished_on == dt.date(2017, 7, 1)
    first = _text(client.get(projects["Beschaffungswesen"].get_absolute_url()).content.decode())
    assert "Folgeprojekt IKZ-Beschaffungsgemeinschaften Papier und Büromaterial" in first


def test_the_outcomes_on_the_project_pages(client: Client) -> None:
    projects = {p.title: p for p in Project.objects.all()}
    strom = _text(client.get(projects["Strom- und Gaseinkauf"].get_absolute_url()).content.decode())
    assert "Aufgabe auf bestehenden Träger übertragen" in strom
    assert "Aufgabe übertragen auf Zweckverband Riedwerke" in strom
    assert "Entstandene Kooperationen Strom- und Gaseinkauf" in strom
    pay = _text(client.get(projects["Bezügeabrechnung"].get_absolute_url()).content.decode())
    assert "Aufgabe übertragen auf Versorgungskasse Darmstadt" in pay
    registry = _text(client.get(projects["Standesamtswesen"].get_absolute_url()).content.decode())
    assert "in lokalen Kooperationen umgesetzt" in registry
    assert "Zum Ergebnis" in registry and "Bildung mehrerer lokaler Kooperationen nach Bedarf" in registry
    assert projects["Standesamtswesen"].finished_on == dt.date(2016, 1, 1)
    # the Gaststätten study paused twice for the pandemic and resumed into its study
    bars = projects["Überwachung Gaststättenrecht und Geldspielgeräte"]
    log = list(TransitionLog.objects.filter(project=bars).order_by("pk"))
    paused = [(row.effective_on, row.reason) for row in log if row.to_status == "paused"]
    assert [day.year for day, _r in paused] == [2020, 2020]
    assert all("Corona" in reason for _d, reason in paused)
    steps = queries.steps_by_project(Project.objects.filter(pk=bars.pk).values("pk"))[bars.pk]
    assert rules.state_on(steps, dt.date(2020, 6, 30)) == "paused"
    assert rules.state_on(steps, dt.date(2020, 10, 1)) == "feasibility"
    assert rules.state_on(steps, dt.date(2022, 6, 30)) == "implementation"
    assert (bars.status, bars.finished_on) == ("operating", dt.date(2023, 5, 1))
    # every step of every project lies within the region's process and not after today
    days = list(TransitionLog.objects.values_list("effective_on", flat=True))
    assert min(days) >= dt.date(2013, 1, 1) and max(days) <= dt.date.today()
