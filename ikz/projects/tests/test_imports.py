"""The projects import through the pages: one row per past project with a date per stage and a
column per member; the back-capture's refusals at their row and column at the preview; the same
projects, logs and matrix cells as the back-capture page; the round trip of the kind's export."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from ikz.cooperation.models import CooperationField, TaskArea
from ikz.imports.models import Status
from ikz.imports.registry import get
from ikz.imports.tests.helpers import confirm, upload
from ikz.lib.tables_in import read_table
from ikz.projects import services
from ikz.projects.models import Participation, Project, TransitionLog
from ikz.projects.rules.history_rows import cell_mark, parse_cell
from ikz.test import World

pytestmark = pytest.mark.django_db

HEAD = (
    "Titel;Kooperationsfeld;Projektjahr;Projektleitung (Kommune);Vorschlag am;priorisiert am;beauftragt am;"
    "Prüfung begonnen am;Prüfergebnis am;Umsetzung beschlossen am;Prüfergebnis;Gründe für das Ergebnis;"
    "Ergebnis des Projekts;beendet am;Grund für den Abschluss ohne Umsetzung;Träger oder Folgeprojekt;"
    "Raunheim;Kelsterbach"
)
ELECTRIC = (
    "Prüfung elektrischer Anlagen;Prüfung elektrischer Anlagen;2014;Raunheim;15.01.2014;01.02.2014;"
    "01.03.2014;15.03.2014;30.06.2015;01.09.2015;IKZ vorteilhaft;Mengeneffekte;Kooperation in Betrieb;"
    "01.01.2016;;;X (PL, PG);X ab 01.06.2014"
)
STUDY = (
    "Gaststättenrecht;;2019;;01.03.2019;;;;;;;;abgeschlossen ohne Umsetzung;31.12.2020;"
    "Kein Bedarf nach der Umfrage;;X;–"
)


def _csv(*lines: str, head: str = HEAD) -> bytes:
    return ("\ufeff" + head + "\r\n" + "".join(line + "\r\n" for line in lines)).encode("utf-8")


@pytest.fixture(autouse=True)
def _field() -> CooperationField:
    area = TaskArea.objects.create(name="Sicherheit und Ordnung", position=1)
    return CooperationField.objects.create(task_area=area, name="Prüfung elektrischer Anlagen", position=1)


def test_cells_read_as_the_matrix_writes_them() -> None:
    assert parse_cell("X (PG, LKG) ab 01.06.2014") == ("with_staff", ("PG", "LKG"), "2014-06-01")
    assert parse_cell("x") == ("without_staff", (), "")
    assert parse_cell("∅") == ("not_responsible", (), "")
    assert parse_cell("X (PX)") is None and parse_cell("ja") is None
    assert cell_mark(("with_staff", ("PL", "PG"), "2014-06-01")) == "X (PL, PG) ab 01.06.2014"


def test_preview_shows_the_back_captures_refusals_by_row_and_column(world: World) -> None:
    client = world.client_for("office")
    run = upload(
        client,
        "projekte",
        world.region.pk,
        "p.csv",
        _csv(
            ELECTRIC.replace("30.06.2015", "01.03.2014"),
            "Ohne Datum;Unbekanntes Feld;20x4;Mainz;;;;;;;vielleicht;;;01.01.2016;;;X (QQ);",
            STUDY.replace("X;–", "X ab 01.01.2019;"),
        ),
    )
    assert run.status == Status.FAILED
    page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert (
        "Zeile 2, Spalte „Prüfergebnis am“: Wirksam am: Der 01.03.2014 liegt vor dem vorigen Schritt "
        "„Prüfung läuft“ am 15.03.2014."
    ) in page
    assert "Zeile 3, Spalte „Kooperationsfeld“: „Unbekanntes Feld“ ist kein Kooperationsfeld" in page
    assert "Zeile 3, Spalte „Projektjahr“: „20x4“ ist kein Jahr (1990–2100)." in page
    assert "Zeile 3, Spalte „Projektleitung (Kommune)“: „Mainz“ ist kein Mitglied der Region." in page
    assert "Zeile 3, Spalte „Vorschlag am“: Bitte das Datum des Projektvorschlags angeben." in page
    assert "Zeile 3, Spalte „Prüfergebnis“: „vielleicht“ ist keiner von" in page
    assert "Zeile 3, Spalte „Ergebnis des Projekts“: Bitte das Ergebnis des Projekts wählen." in page
    assert "Zeile 3, Spalte „Raunheim“: „X (QQ)“: bitte „X (PL, PG)“" in page
    assert "Zeile 4, Spalte „Raunheim“: beteiligt seit: Der 01.01.2019 liegt vor dem ersten Schritt" in page
    assert not Project.objects.exists() and not TransitionLog.objects.exists()


def test_apply_enters_the_projects_as_the_back_capture_does(world: World) -> None:
    client = world.client_for("office")
    run = upload(client, "projekte", world.region.pk, "p.csv", _csv(ELECTRIC, STUDY))
    assert run.status == Status.READY, run.problems
    page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert "2 neu, 0 geändert, 0 unverändert" in page
    assert (
        "Prüfung elektrischer Anlagen: Vorschlag 15.01.2014, priorisiert 01.02.2014, beauftragt 01.03.2014, "
        "Prüfung begonnen 15.03.2014, Prüfergebnis 30.06.2015, Umsetzung beschlossen 01.09.2015, "
        "Kooperation in Betrieb 01.01.2016; 2 Beteiligte"
    ) in page
    assert "Der Import wurde übernommen." in confirm(client, run)
    project = Project.objects.get(title="Prüfung elektrischer Anlagen")
    assert (project.status, project.verdict, project.finished_on, project.lead_municipality) == (
        "operating",
        "advantageous",
        dt.date(2016, 1, 1),
        world.kommune_a,
    )
    logs = list(
        TransitionLog.objects.filter(project=project).values_list("to_status", "effective_on", "actor_label")
    )
    assert logs[0] == ("proposal", dt.date(2014, 1, 15), "Office") and logs[-1][:2] == (
        "operating",
        dt.date(2016, 1, 1),
    )
    cells = {p.municipality_id: (p.cell, p.joined_on) for p in Participation.objects.filter(project=project)}
    assert cells == {world.kommune_a.pk: ("X (PL, PG)", None), world.kommune_b.pk: ("X", dt.date(2014, 6, 1))}
    study = Project.objects.get(title="Gaststättenrecht")
    assert (study.status, study.closing_reason) == ("closed", "Kein Bedarf nach der Umfrage")


def test_a_project_entered_since_the_preview_refuses_the_whole_import(world: World) -> None:
    client = world.client_for("office")
    run = upload(client, "projekte", world.region.pk, "p.csv", _csv(ELECTRIC, STUDY))
    assert run.status == Status.READY
    services.record_history(
        world.region,
        {"title": "Gaststättenrecht"},
        steps=[services.HistoryStep("proposal", dt.date(2019, 3, 1))],
        actor=world.office,
    )
    page = confirm(client, run)
    assert "(Zeile 3) wurde seit der Vorschau von Office geändert" in page
    assert not Project.objects.filter(title="Prüfung elektrischer Anlagen").exists()


def test_the_export_imports_back_unchanged_and_a_different_history_is_refused(world: World) -> None:
    client = world.client_for("office")
    confirm(client, upload(client, "projekte", world.region.pk, "p.csv", _csv(ELECTRIC, STUDY)))
    url = reverse("imports:current_export", args=["projekte", world.region.pk, "csv"])
    first = client.get(url).content.decode()
    assert "Raunheim;Kelsterbach" in first.splitlines()[0]
    assert "Kooperation in Betrieb;2016-01-01;;;X (PL, PG);X ab 01.06.2014" in first
    for fmt in ("csv", "xlsx"):
        data = client.get(reverse("imports:current_export", args=["projekte", world.region.pk, fmt])).content
        run = upload(client, "projekte", world.region.pk, f"export.{fmt}", data)
        page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
        assert "0 neu, 0 geändert, 2 unverändert" in page, (fmt, run.problems)
        confirm(client, run)
    assert client.get(url).content.decode() == first
    run = upload(
        client, "projekte", world.region.pk, "p.csv", _csv(ELECTRIC.replace("30.06.2015", "01.07.2015"))
    )
    page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert (
        "Zeile 2, Spalte „Prüfergebnis am“: Das Projekt „Prüfung elektrischer Anlagen“ ist schon erfasst, "
        "hier mit „30.06.2015“."
    ) in page


def test_only_the_regions_office_imports_projects(world: World) -> None:
    kind = get("projekte")
    assert kind.scope(world.office, world.region.pk, write=True).obj == world.region
    for user in (world.steering, world.contact_a):
        with pytest.raises(PermissionDenied):
            kind.scope(user, world.region.pk, write=True)
    for user in (world.member, world.project_lead):  # who sees nothing of the region
        with pytest.raises(Http404):
            kind.scope(user, world.region.pk, write=True)


def test_a_field_name_of_two_task_areas_is_written_and_read_with_its_area(world: World) -> None:
    other = TaskArea.objects.create(name="Technik", position=2)
    twin = CooperationField.objects.create(task_area=other, name="Prüfung elektrischer Anlagen", position=1)
    client = world.client_for("office")
    run = upload(client, "projekte", world.region.pk, "p.csv", _csv(ELECTRIC))
    assert "Zeile 2, Spalte „Kooperationsfeld“: „Prüfung elektrischer Anlagen“ gibt es in mehreren" in (
        client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    )
    run = upload(
        client,
        "projekte",
        world.region.pk,
        "p.csv",
        _csv(ELECTRIC.replace(";Prüfung", ";Technik: Prüfung", 1)),
    )
    confirm(client, run)
    assert Project.objects.get().field == twin
    csv = client.get(reverse("imports:current_export", args=["projekte", world.region.pk, "csv"])).content
    assert "Prüfung elektrischer Anlagen;Technik: Prüfung elektrischer Anlagen;2014".encode() in csv
    run = upload(client, "projekte", world.region.pk, "export.csv", csv)
    assert (
        "0 neu, 0 geändert, 1 unverändert"
        in client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    )


def test_the_template_has_the_members_columns_and_imports_as_one_new_project(world: World) -> None:
    client = world.client_for("office")
    template = client.get(reverse("imports:template_download", args=["projekte", world.region.pk])).content
    found = read_table("vorlage.xlsx", template)
    header = next(cells for _n, cells in found.rows if cells and cells[0] == "Titel")
    assert header[-2:] == ["Raunheim", "Kelsterbach"]
    run = upload(client, "projekte", world.region.pk, "vorlage.xlsx", template)
    assert run.status == Status.READY, run.problems
    page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert "1 neu, 0 geändert, 0 unverändert" in page and "; 2 Beteiligte" in page


def test_a_chain_in_one_file_links_the_follow_up_projects(world: World) -> None:
    steps = "01.02.{y};01.03.{y};15.03.{y};30.06.{y};;IKZ vorteilhaft;Bündelung;in Folgeprojekt überführt"
    first = f"Prüfprojekt Beschaffung;;2014;;15.01.2014;{steps.format(y=2014)};01.07.2014;;Kompetenzzentrum;;"
    second = f"Kompetenzzentrum;;2015;;15.01.2015;{steps.format(y=2015)};01.07.2017;;Vergabezentrum;;"
    third = "Vergabezentrum;;2017;;01.07.2017;;;;;;;;;;;;;"
    client = world.client_for("office")
    run = upload(client, "projekte", world.region.pk, "kette.csv", _csv(first, second, third))
    assert run.status == Status.READY, run.problems
    confirm(client, run)
    projects = {p.title: p for p in Project.objects.select_related("outcome__follow_up")}
    assert len(projects) == 3
    assert projects["Prüfprojekt Beschaffung"].outcome.follow_up == projects["Kompetenzzentrum"]
    assert projects["Kompetenzzentrum"].outcome.follow_up == projects["Vergabezentrum"]
    csv = client.get(reverse("imports:current_export", args=["projekte", world.region.pk, "csv"])).content
    run = upload(client, "projekte", world.region.pk, "export.csv", csv)
    assert (
        "0 neu, 0 geändert, 3 unverändert"
        in client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    )
