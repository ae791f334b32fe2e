"""The inventory: bad participants are refused before anything is written; the matrix costs the
same number of queries for 15 and 150 members; contacts read, only the office writes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.audit.models import AuditEntry
from ikz.cooperation import rules
from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
from ikz.cooperation.services import ParticipantRow, save_cooperation, set_participant
from ikz.municipalities.models import Kind, Level, RegionMember
from ikz.test import World, make_unit

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def field() -> CooperationField:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten", position=1)
    return CooperationField.objects.create(task_area=area, name="Postverbund", position=1)


def _values(field: CooperationField, **extra: object) -> dict[str, object]:
    return {"field": field, "title": "Postverbund", "description": "Dienstleistungsvertrag", **extra}


def test_bad_participants_get_german_messages_and_nothing_is_written(
    world: World, field: CooperationField
) -> None:
    outsider = make_unit("06433012", "Rüsselsheim am Main, Stadt", Level.GEMEINDE, Kind.STADT, world.kreis)
    cases = [
        ([ParticipantRow(outsider, "exists")], "gehört nicht zur Region"),
        (
            [ParticipantRow(world.kommune_a, "planned", planned_by=dt.date(2026, 1, 1))],
            "in der Vergangenheit",
        ),
        ([ParticipantRow(world.kommune_a, "planned")], "bis wann"),
        ([ParticipantRow(world.kommune_a, "considered", reason="  ")], "warum"),
        (
            [ParticipantRow(world.kommune_a, "considered", reason="zu teuer", is_lead=True)],
            "keine Federführung",
        ),
        ([], "mindestens eine"),
        ([ParticipantRow(world.kommune_a, "exists"), ParticipantRow(world.kommune_a, "exists")], "doppelt"),
    ]
    for rows, text in cases:
        with pytest.raises(ValidationError) as caught:
            save_cooperation(world.region, _values(field), rows, actor=world.office, today=TODAY)
        assert any(text in m for m in caught.value.messages), (text, caught.value.messages)
    assert Cooperation.objects.count() == 0 and AuditEntry.objects.count() == 0


def test_save_picks_a_free_symbol_and_records_participants(world: World, field: CooperationField) -> None:
    first = save_cooperation(
        world.region,
        _values(field),
        [ParticipantRow(world.kommune_a, "exists", is_lead=True)],
        actor=world.office,
    )
    second = save_cooperation(
        world.region,
        _values(field, title="Zweiter Verbund"),
        [ParticipantRow(world.kommune_b, "planned", planned_by=dt.date(2027, 6, 30))],
        actor=world.office,
        today=TODAY,
    )
    assert (first.symbol, second.symbol) == ("■", "□")
    set_participant(first, ParticipantRow(world.kommune_b, "exists"), actor=world.contact_b, today=TODAY)
    first.refresh_from_db()
    assert first.version == 2
    assert sorted(first.participants.values_list("municipality__short_name", "is_lead")) == [
        ("Kelsterbach", False),
        ("Raunheim", True),
    ]
    entry = AuditEntry.objects.filter(object_id=str(first.pk)).order_by("-at", "-id").first()
    assert entry is not None and entry.actor == world.contact_b
    assert "Kelsterbach: Kooperation existiert" in entry.changes["Beteiligte"][1]


def test_matrix_queries_do_not_grow_with_members(world: World, field: CooperationField, client) -> None:  # type: ignore[no-untyped-def]
    save_cooperation(
        world.region, _values(field), [ParticipantRow(world.kommune_a, "exists")], actor=world.office
    )
    client.force_login(world.contact_b)
    url = reverse("cooperation:matrix", args=[world.region.slug, field.task_area_id])
    overview = reverse("cooperation:inventory_overview", args=[world.region.slug])

    def cost() -> tuple[int, int]:
        counts = []
        for address in (url, overview):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(address).status_code == 200
            counts.append(len(queries))
        return counts[0], counts[1]

    small = cost()
    for i in range(150):
        unit = make_unit(f"069{i:05d}", f"Testgemeinde {i}", Level.GEMEINDE, Kind.GEMEINDE, world.kreis)
        RegionMember.objects.create(
            region=world.region, municipality=unit, position=10 + i, short_label=f"T{i}"
        )
        save_cooperation(
            world.region, _values(field, title=f"K{i}"), [ParticipantRow(unit, "exists")], actor=world.office
        )
    assert cost() == small


def test_contact_reads_matrix_but_cannot_write(world: World, field: CooperationField) -> None:
    coop = save_cooperation(
        world.region, _values(field), [ParticipantRow(world.kommune_a, "exists")], actor=world.office
    )
    contact = world.client_for("contact_b")
    assert contact.get(reverse("cooperation:cooperation_detail", args=[coop.pk])).status_code == 200
    response = contact.post(reverse("cooperation:cooperation_edit", args=[coop.pk]), {"title": "Übernommen"})
    assert response.status_code == 403
    coop.refresh_from_db()
    assert coop.title == "Postverbund"


def test_office_edits_participants_through_the_form(world: World, field: CooperationField) -> None:
    coop = save_cooperation(
        world.region, _values(field), [ParticipantRow(world.kommune_a, "exists")], actor=world.office
    )
    office = world.client_for("office")
    url = reverse("cooperation:cooperation_edit", args=[coop.pk])
    data = {
        "field": field.pk, "title": "Postverbund", "description": "", "symbol": "■", "legal_form": "",
        "since_year": "", "external_partners": "", "source": "", "version": coop.version,
        "p-TOTAL_FORMS": 2, "p-INITIAL_FORMS": 2,
        "p-0-municipality_id": world.kommune_a.pk, "p-0-status": "exists", "p-0-is_lead": "on",
        "p-1-municipality_id": world.kommune_b.pk, "p-1-status": "considered", "p-1-reason": "",
    }  # fmt: skip
    refused = office.post(url, data)
    assert (
        refused.status_code == 200
        and "warum die Kooperation nicht zustande gekommen" in refused.content.decode()
    )
    data["p-1-reason"] = "Kosten zu hoch"
    assert office.post(url, data).status_code == 302
    stale = office.post(url, data | {"title": "Anders"})
    assert stale.status_code == 409
    coop.refresh_from_db()
    assert coop.participants.count() == 2 and coop.title == "Postverbund"


def test_cue_is_not_colour_alone() -> None:
    assert {rules.STATUS_CUE[s] for s in ("exists", "planned", "considered")} == {"", "g", "n"}
