"""The case-number import of a cost key through the pages: preview, apply, stale refusal, round trip."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from ikz.audit.models import Action, AuditEntry
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.costs import services as cost_services
from ikz.costs.models import CaseCount
from ikz.costs.tests import factories
from ikz.imports.models import ImportRun, Status
from ikz.imports.tests.helpers import confirm, upload
from ikz.test import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def coop(world: World):  # type: ignore[no-untyped-def]
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten")
    field = CooperationField.objects.create(task_area=area, name="Vergabe")
    return factories.cooperation(world, field)


def _csv(*lines: str) -> bytes:
    return ("\ufeffAGS;Kommune;Jahr;Fälle\r\n" + "".join(line + "\r\n" for line in lines)).encode("utf-8")


def test_preview_names_every_error_and_writes_nothing(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    client = world.client_for("office")
    run = upload(
        client,
        "fallzahlen",
        coop.pk,
        "fallzahlen.csv",
        _csv(
            "06433010;Raunheim;2023;1.250",
            "06433099;Fremd;2023;5",
            "06433007;Kelsterbach;20x3;-4",
            "06433010;;2023;3",
        ),
    )
    assert run.status == Status.FAILED
    page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert "Zeile 3, Spalte „AGS“: „06433099“ ist keine an der Kooperation beteiligte Kommune." in page
    assert "Zeile 4, Spalte „Jahr“: „20x3“ ist kein Jahr (1990–2100)." in page
    assert "Zeile 4, Spalte „Fälle“: Bitte eine Zahl ab 0 mit höchstens zwei Nachkommastellen." in page
    assert "Zeile 5: Dieselbe Angabe steht bereits in Zeile 2 (06433010/2023)." in page
    assert "Import übernehmen" not in page
    assert (
        client.post(reverse("imports:run_apply", args=[run.pk]), {"version": run.version}).status_code == 302
    )
    assert not CaseCount.objects.exists()


def test_apply_creates_and_changes_keeps_the_rest_and_records_who(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    cost_services.import_case_counts(
        coop,
        [
            cost_services.CaseRow(world.kommune_a, 2022, Decimal(100)),
            cost_services.CaseRow(world.kommune_b, 2022, Decimal(80)),
        ],
        actor=world.office,
    )
    client = world.client_for("office")
    run = upload(
        client,
        "fallzahlen",
        coop.pk,
        "f.csv",
        _csv("06433010;;2022;120", "06433007;;2022;80", "06433010;;2023;12,5"),
    )
    assert run.status == Status.READY
    page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    assert "1 neu, 1 geändert, 1 unverändert" in page
    assert "Raunheim, Stadt (06433010) 2022: 100,00 → 120,00 Fälle" in page
    page = confirm(client, run)
    assert "Der Import wurde übernommen." in page
    stored = {(c.municipality_id, c.year): c.cases for c in CaseCount.objects.all()}
    assert stored == {
        (world.kommune_a.pk, 2022): Decimal(120),
        (world.kommune_b.pk, 2022): Decimal(80),
        (world.kommune_a.pk, 2023): Decimal("12.5"),
    }
    run.refresh_from_db()
    assert (run.status, run.applied_by) == (Status.APPLIED, world.office)
    entry = AuditEntry.objects.filter(action=Action.IMPORT).latest("pk")
    assert entry.actor == world.office
    assert "06433010" not in entry.changes["Fallzahlen"][0] and "2022: 100" in entry.changes["Fallzahlen"][0]
    assert (
        client.post(reverse("imports:run_apply", args=[run.pk]), {"version": run.version}).status_code == 302
    )
    assert CaseCount.objects.count() == 3  # a second confirm does nothing


def test_a_change_since_the_preview_refuses_the_whole_import(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    client = world.client_for("office")
    run = upload(client, "fallzahlen", coop.pk, "f.csv", _csv("06433010;;2022;120", "06433007;;2022;80"))
    assert run.status == Status.READY
    world.office.first_name, world.office.last_name = "Olga", "Office"
    world.office.save()
    cost_services.import_case_counts(
        coop, [cost_services.CaseRow(world.kommune_b, 2022, Decimal(81))], actor=world.office
    )
    page = confirm(client, run)
    assert (
        "„Kelsterbach, Stadt (06433007) 2022: 80,00 Fälle“ (Zeile 3) wurde seit der Vorschau von Olga Office "
        "geändert; der Import wurde nicht übernommen. Bitte laden Sie die Datei erneut hoch."
    ) in page
    assert not CaseCount.objects.filter(municipality=world.kommune_a).exists()
    run.refresh_from_db()
    assert run.status == Status.REJECTED


def test_export_imports_back_unchanged_and_exports_the_same_file(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    cost_services.import_case_counts(
        coop,
        [
            cost_services.CaseRow(world.kommune_a, 2022, Decimal("1250")),
            cost_services.CaseRow(world.kommune_b, 2023, Decimal("12.5")),
        ],
        actor=world.office,
    )
    client = world.client_for("office")
    for fmt in ("csv", "xlsx"):
        first = client.get(reverse("imports:current_export", args=["fallzahlen", coop.pk, fmt])).content
        run = upload(client, "fallzahlen", coop.pk, f"export.{fmt}", first)
        page = client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
        assert "0 neu, 0 geändert, 2 unverändert" in page, fmt
        confirm(client, run)
        again = client.get(reverse("imports:current_export", args=["fallzahlen", coop.pk, "csv"])).content
        assert (
            again
            == client.get(reverse("imports:current_export", args=["fallzahlen", coop.pk, "csv"])).content
        )
    csv_before = client.get(reverse("imports:current_export", args=["fallzahlen", coop.pk, "csv"])).content
    assert b"06433010;Raunheim, Stadt;2022;1250" in csv_before
    assert b"06433007;Kelsterbach, Stadt;2023;12,5" in csv_before


def test_the_file_itself_is_refused_at_the_file_field(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = world.client_for("office")
    url = reverse("imports:run_create", args=["fallzahlen", coop.pk])
    page = client.post(url, {"file": SimpleUploadedFile("a.xlsx", b"PK\x03\x04x")}).content.decode()
    assert "Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx)." in page
    page = client.post(
        url, {"file": SimpleUploadedFile("a.csv", b"AGS;Jahr;F\xc3\xa4lle\r\n")}
    ).content.decode()
    assert "keine Zeilen" in page
    run = upload(client, "fallzahlen", coop.pk, "b.csv", b"AGS;Jahr\r\n06433010;2023\r\n")
    assert run.status == Status.FAILED
    assert "Spalte „Fälle“: Diese Pflichtspalte fehlt" in client.get(run.get_absolute_url()).content.decode()
    assert ImportRun.objects.count() == 1


def test_the_check_runs_in_chunks_with_a_progress_bar(world: World, coop, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("ikz.imports.rules.CHUNK", 2)
    client = world.client_for("office")
    url = reverse("imports:run_create", args=["fallzahlen", coop.pk])
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = _csv(*(f"06433010;;{year};1" for year in range(2000, 2005)))
    client.post(url, {"file": SimpleUploadedFile("f.csv", data)})
    run = ImportRun.objects.get()
    page = client.get(run.get_absolute_url()).content.decode()
    assert '<progress id="import-progress" max="5" value="0">' in page
    assert "Weiter prüfen" in page and "ikz/progress.js" in page
    client.post(reverse("imports:run_check", args=[run.pk]))
    page = client.get(run.get_absolute_url()).content.decode()
    assert "2 von 5 Zeilen geprüft" in page


def test_the_template_names_the_columns_and_reads_back_as_one_example_row(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    from ikz.imports.registry import get
    from ikz.lib.tables_in import read_table, records

    client = world.client_for("office")
    response = client.get(reverse("imports:template_download", args=["fallzahlen", coop.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="vorlage-fallzahlen.xlsx"'
    found = records(read_table("v.xlsx", response.content), get("fallzahlen").columns)
    assert found.rows == [{"AGS": "06433010", "Kommune": "Raunheim, Stadt", "Jahr": "2023", "Fälle": "1.250"}]
    assert (found.missing, found.unknown) == ([], [])


def test_the_import_pages_keep_their_query_count(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client_for("office")
    counts = []
    for years in (range(2001, 2003), range(1991, 2091)):
        data = _csv(*(f"{ags};;{year};{year % 7}" for year in years for ags in ("06433010", "06433007")))
        run = upload(client, "fallzahlen", coop.pk, "f.csv", data)
        with CaptureQueriesContext(connection) as detail:
            assert client.get(run.get_absolute_url()).status_code == 200
        with CaptureQueriesContext(connection) as start:
            assert client.get(reverse("imports:run_create", args=["fallzahlen", coop.pk])).status_code == 200
        counts.append((len(detail), len(start)))
    assert counts[0] == counts[1]


def test_a_refusal_of_the_service_at_apply_writes_nothing_at_all(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    client = world.client_for("office")
    run = upload(client, "fallzahlen", coop.pk, "f.csv", _csv("06433010;;2022;120", "06433007;;2022;80"))
    assert run.status == Status.READY
    coop.participants.filter(municipality=world.kommune_b).update(status="planned")  # no longer takes part
    page = confirm(client, run)
    assert (
        "Der Import wurde nicht übernommen, nichts wurde gespeichert: Nicht an der Kooperation beteiligt: 06433007"
        in page
    )
    assert not CaseCount.objects.exists()
    run.refresh_from_db()
    assert run.status == Status.READY  # may be applied once the participation is corrected


def test_a_run_is_rejected_once_and_then_cannot_be_applied(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    client = world.client_for("office")
    run = upload(client, "fallzahlen", coop.pk, "f.csv", _csv("06433010;;2022;120"))
    page = client.post(reverse("imports:run_reject", args=[run.pk]), follow=True).content.decode()
    assert "Der Import wurde verworfen; es wurde nichts übernommen." in page
    run.refresh_from_db()
    assert (run.status, run.note) == (Status.REJECTED, "verworfen")
    page = client.post(
        reverse("imports:run_apply", args=[run.pk]), {"version": run.version}, follow=True
    ).content.decode()
    assert "Dieser Import ist nicht (mehr) bereit zur Übernahme (Status: abgelehnt)." in page
    assert not CaseCount.objects.exists()
    assert AuditEntry.objects.filter(object_id=str(run.pk), changes__Status=["bereit", "abgelehnt"]).exists()


def test_an_applied_run_cannot_be_rejected_and_others_cannot_touch_it(world: World, coop) -> None:  # type: ignore[no-untyped-def]
    client = world.client_for("office")
    run = upload(client, "fallzahlen", coop.pk, "f.csv", _csv("06433010;;2022;120"))
    confirm(client, run)
    page = client.post(reverse("imports:run_reject", args=[run.pk]), follow=True).content.decode()
    assert "Ein übernommener Import kann nicht mehr verworfen werden." in page
    assert world.client_for("contact_a").post(reverse("imports:run_reject", args=[run.pk])).status_code == 403
    assert world.client_for("member").get(run.get_absolute_url()).status_code == 404
    assert (
        world.client_for("office").get(reverse("imports:run_create", args=["gibt-es-nicht", 1])).status_code
        == 404
    )
