"""The cooperation matrix import (ikz/cooperation/imports.py): cells, preview, apply, round trip."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from ikz.audit.models import AuditEntry
from ikz.cooperation import services as coop_services
from ikz.cooperation.imports import Mark, parse_cell
from ikz.cooperation.models import Cooperation, CooperationField, ParticipantStatus, TaskArea
from ikz.imports.models import Status
from ikz.imports.tests.helpers import confirm, upload
from ikz.test import World

KIND = "kooperationsmatrix"
NEXT_YEAR = dt.date.today().year + 1


def xlsx(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_cells_as_offices_write_them_and_as_the_export_writes_them() -> None:
    assert parse_cell("■f; □g (bis 31.12.2030)") == (
        [Mark("■", lead=True), Mark("□", ParticipantStatus.PLANNED, planned_by=dt.date(2030, 12, 31))],
        [],
    )
    assert parse_cell("■ (Kooperation existiert, federführend); ◇ (erwogen, nicht zustande gekommen)")[0] == [
        Mark("■", lead=True),
        Mark("◇", ParticipantStatus.CONSIDERED),
    ]
    assert parse_cell("+■")[0] == [Mark("+"), Mark("■")]
    assert parse_cell("◇n (Grund: zu teuer, zu weit)")[0] == [
        Mark("◇", ParticipantStatus.CONSIDERED, reason="zu teuer, zu weit")
    ]
    assert parse_cell("■ (seit 01.03.2024)")[0] == [Mark("■", joined_on=dt.date(2024, 3, 1))]
    assert parse_cell("")[0] == []
    assert parse_cell("ja")[1] == [
        "„ja“ ist kein Symbol der Matrix (z. B. ■, □g für geplant, ◇n für erwogen, ■f für federführend)."
    ]
    assert parse_cell("■ (bis 31.02.2030)")[1] == ["„31.02.2030“ ist kein Datum (TT.MM.JJJJ)."]
    assert parse_cell("■ (vielleicht)")[1] == ["„vielleicht“ ist keine bekannte Angabe."]
    assert parse_cell("■; ■")[1] == ["Das Symbol „■“ steht doppelt in der Zelle."]


@pytest.fixture
def field(db: None) -> CooperationField:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    return CooperationField.objects.create(task_area=area, name="Vergabe", position=1)


HEAD = ["Kooperationsfeld", "Raun – Raunheim, Stadt (06433010)", "Kelsterbach, Stadt"]


@pytest.mark.django_db
def test_a_matrix_creates_cooperations_after_its_one_error_is_fixed(
    world: World, field: CooperationField
) -> None:
    client = world.client_for("office")
    bad = [HEAD, ["Vergabe", "■f", "□g"], [], ["■ = Gemeinsame Vergabestelle (Vergabe)"], ["□ = Bauhof"]]
    run = upload(client, KIND, world.region.pk, "matrix.xlsx", xlsx(bad))
    assert run.status == Status.FAILED
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Zeile 2, Spalte „Kelsterbach, Stadt“: Bei „geplant“ bitte angeben, bis wann" in page
    good = [HEAD, ["Vergabe", "■f", f"■; □g (bis 31.12.{NEXT_YEAR})"], [], *bad[3:]]
    run = upload(client, KIND, world.region.pk, "matrix.xlsx", xlsx(good))
    page = client.get(run.get_absolute_url()).content.decode()
    assert "2 neu, 0 geändert, 0 unverändert" in page
    assert "Vergabe ■ „Gemeinsame Vergabestelle“: Raun neu: Kooperation existiert, federführend" in page
    confirm(client, run)
    vergabe = Cooperation.objects.get(symbol="■")
    assert vergabe.title == "Gemeinsame Vergabestelle"
    parts = {p.municipality_id: (p.status, p.is_lead) for p in vergabe.participants.all()}
    assert parts == {world.kommune_a.pk: ("exists", True), world.kommune_b.pk: ("exists", False)}
    bauhof = Cooperation.objects.get(symbol="□")
    assert (bauhof.title, bauhof.participants.get().planned_by) == ("Bauhof", dt.date(NEXT_YEAR, 12, 31))
    assert AuditEntry.objects.filter(
        object_repr__contains="Gemeinsame Vergabestelle", actor=world.office
    ).exists()
    detail = client.get(run.get_absolute_url()).content.decode()
    assert reverse("cooperation:cooperation_detail", args=[vergabe.pk]) in detail


def _existing(world: World, field: CooperationField) -> Cooperation:
    rows = [
        coop_services.ParticipantRow(world.kommune_a, "exists", is_lead=True),
        coop_services.ParticipantRow(world.kommune_b, "exists"),
    ]
    values = {"field": field, "title": "Vergabestelle", "symbol": "■"}
    return coop_services.save_cooperation(world.region, values, rows, actor=world.office)


@pytest.mark.django_db
def test_changes_of_participation_and_unknown_columns_and_fields(
    world: World, field: CooperationField
) -> None:
    coop = _existing(world, field)
    client = world.client_for("office")
    rows = [
        [*HEAD, "Mainz"],
        ["Vergabe", "■", "■n (Grund: zu teuer)", ""],
        ["Winterdienst", "▲", "", ""],
        ["Vergabe ", "", "◆", ""],
        ["◆ = " + "x" * 201],
    ]
    run = upload(client, KIND, world.region.pk, "m.csv", xlsx(rows))
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Spalte „Mainz“: Diese Spalte ist keine Kommune der Region" in page
    assert (
        "Zeile 3, Spalte „Kooperationsfeld“: „Winterdienst“ ist kein Kooperationsfeld des Katalogs." in page
    )
    run = upload(client, KIND, world.region.pk, "m.xlsx", xlsx([HEAD, rows[1][:3]]))
    assert "0 neu, 1 geändert, 0 unverändert" in client.get(run.get_absolute_url()).content.decode()
    confirm(client, run)
    parts = {p.municipality_id: (p.status, p.is_lead, p.reason) for p in coop.participants.all()}
    assert parts == {
        world.kommune_a.pk: ("exists", False, ""),
        world.kommune_b.pk: ("considered", False, "zu teuer"),
    }


@pytest.mark.django_db
def test_an_edit_since_the_preview_refuses_the_import(world: World, field: CooperationField) -> None:
    coop = _existing(world, field)
    client = world.client_for("office")
    run = upload(client, KIND, world.region.pk, "m.xlsx", xlsx([HEAD, ["Vergabe", "■", "■f"]]))
    assert run.status == Status.READY
    rows = [coop_services.ParticipantRow(world.kommune_a, "exists")]
    coop_services.save_cooperation(
        world.region, {}, rows, cooperation=coop, expected_version=coop.version, actor=world.steering
    )
    page = confirm(client, run)
    assert (
        "„Vergabe ■ „Vergabestelle“: Raun: Kooperation existiert, federführend → Kooperation existiert; "
        in page
    )
    assert "wurde seit der Vorschau von Steering geändert" in page
    assert not coop.participants.filter(is_lead=True).exists()


@pytest.mark.django_db
def test_the_matrix_export_imports_back_without_change(world: World, field: CooperationField) -> None:
    coop = _existing(world, field)
    coop_services.save_cooperation(
        world.region,
        {"field": field, "title": "Bauhof", "symbol": "□"},
        [coop_services.ParticipantRow(world.kommune_b, "planned", planned_by=dt.date(NEXT_YEAR, 6, 30))],
        actor=world.office,
    )
    client = world.client_for("office")
    area_export = reverse("cooperation:matrix", args=[world.region.slug, field.task_area_id]) + "?format=xlsx"
    own = reverse("imports:current_export", args=[KIND, world.region.pk, "csv"])
    before = client.get(own).content
    for name, data in (
        ("bereich.xlsx", client.get(area_export).content),
        ("alle.csv", before),
        (
            "alle.xlsx",
            client.get(reverse("imports:current_export", args=[KIND, world.region.pk, "xlsx"])).content,
        ),
    ):
        run = upload(client, KIND, world.region.pk, name, data)
        page = client.get(run.get_absolute_url()).content.decode()
        assert "0 neu, 0 geändert, 2 unverändert" in page, name
        confirm(client, run)
    assert client.get(own).content == before
    coop.refresh_from_db()
    assert coop.version == 1
