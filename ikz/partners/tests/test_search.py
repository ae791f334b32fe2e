"""The page "Partner finden": candidates from every region, ranked from the user's municipality
with the reasons, only what the user may see, filters, German refusals of bad input, and a
constant number of queries. Neighbours come from the real VG250 topology of ../shared/data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.accounts.models import Role
from ikz.cooperation.models import Cooperation, CooperationField, Participant, ParticipantStatus, TaskArea
from ikz.interests.models import Answer, CallStatus, Declaration, DeclarationStatus, InterestCall, Topic
from ikz.municipalities import services as municipality_services
from ikz.municipalities.models import Kind, Level, Municipality, Region, RegionMember
from ikz.network.models import Need
from ikz.test import World, add_population, make_unit, make_user

FILE = "vg250_gemeinden_kreise_laender_simplified.topojson"
TODAY = dt.date(2026, 12, 6)


def _need(owner: Municipality, field: CooperationField, title: str) -> Need:
    return Need.objects.create(title=title, description="-", field=field, owner=owner, last_confirmed=TODAY)


def _scene(world: World, shared_data: Path) -> dict[str, object]:
    area = TaskArea.objects.create(name="Bürgerdienste", position=1)
    field = CooperationField.objects.create(task_area=area, name="Standesamt", position=1)
    other = CooperationField.objects.create(task_area=area, name="Ordnungsamt", position=2)
    frankfurt = make_unit("06412000", "Frankfurt am Main, Stadt", Level.GEMEINDE, Kind.STADT, world.rb)
    moerfelden = make_unit("06433008", "Mörfelden-Walldorf, Stadt", Level.GEMEINDE, Kind.STADT, world.kreis)
    bayern = make_unit("09", "Bayern", Level.LAND, Kind.LAND)
    muenchen = make_unit("09162000", "München, Landeshauptstadt", Level.GEMEINDE, Kind.STADT, bayern)
    add_population(frankfurt, 775_790)
    add_population(moerfelden, 34_828)
    add_population(muenchen, 1_510_378)
    # Kelsterbach runs a Standesamt cooperation; Raunheim and Kelsterbach already share an Ordnungsamt
    standesamt = Cooperation.objects.create(region=world.region, field=field, title="Standesamtsbezirk Nord")
    Participant.objects.create(
        cooperation=standesamt, municipality=world.kommune_b, status=ParticipantStatus.EXISTS
    )
    ordnung = Cooperation.objects.create(region=world.region, field=other, title="Ordnungsbehördenbezirk")
    for unit in (world.kommune_a, world.kommune_b):
        Participant.objects.create(cooperation=ordnung, municipality=unit, status=ParticipantStatus.EXISTS)
    _need(frankfurt, field, "Standesamt digital")
    _need(muenchen, field, "Eheschließungen am Wochenende")
    _need(muenchen, other, "nicht in diesem Feld")
    # Mörfelden-Walldorf declared interest in another region's call: only that region's office sees it
    elsewhere = Region.objects.create(name="IKZ Südhessen", slug="suedhessen")
    RegionMember.objects.create(region=elsewhere, municipality=moerfelden, position=1, short_label="MöWa")
    call = InterestCall.objects.create(
        region=elsewhere, title="Aufruf Südhessen 2026", deadline=TODAY, status=CallStatus.CLOSED
    )
    topic = Topic.objects.create(call=call, label="Standesamt", task_area=area, field=field)
    declaration = Declaration.objects.create(
        call=call, municipality=moerfelden, status=DeclarationStatus.SUBMITTED
    )
    Answer.objects.create(declaration=declaration, topic=topic, interested=True)
    path = shared_data / FILE
    if not path.is_file():
        pytest.skip(f"{FILE} fehlt unter {shared_data}.")
    municipality_services.compute_neighbours(path.read_bytes(), file_name=FILE)
    return {"field": field, "muenchen": muenchen, "moerfelden": moerfelden, "bayern": bayern}


def _rows(response: object) -> list[tuple[str, int]]:
    return [(r.municipality.short_name, r.ranked.score) for r in response.context["result"].rows]  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_a_contact_finds_partners_anywhere_ranked_from_their_municipality(
    world: World, shared_data: Path
) -> None:
    scene = _scene(world, shared_data)
    field = scene["field"]
    client = world.client_for("contact_a")  # contact of Raunheim
    url = reverse("partners:search")
    assert client.get(url).status_code == 200  # the empty form
    response = client.get(url, {"feld": field.pk})  # type: ignore[attr-defined]
    assert response.status_code == 200
    result = response.context["result"]
    assert result.home == world.kommune_a and result.home_has_neighbours
    # Kelsterbach: neighbour, similar size, cooperating already, same region, runs one; Frankfurt:
    # neighbour with a need; München: far away with a need. Mörfelden's interest is not visible.
    assert [name for name, _score in _rows(response)] == ["Kelsterbach", "Frankfurt am Main", "München"]
    kelsterbach = result.rows[0].ranked
    assert kelsterbach.reasons == (
        "grenzt an Raunheim, Stadt",
        "ähnliche Größe: 16.622 / 15.297 Einwohner",
        "arbeitet bereits zusammen in: Ordnungsbehördenbezirk",
        "gleiche IKZ-Region: IKZ Testregion",
    )
    page = response.content.decode()
    assert "grenzt an Raunheim, Stadt" in page and "Standesamtsbezirk Nord" in page
    assert "Eheschließungen am Wochenende" in page and "nicht in diesem Feld" not in page
    assert "Mörfelden" not in page.split('id="ergebnis"')[1]
    assert reverse("municipalities:municipality_detail", args=[world.kommune_b.pk]) in page

    # filters: Land Hessen leaves München out; size class 100.000 und mehr keeps Frankfurt only
    response = client.get(url, {"feld": field.pk, "land": world.land.pk})  # type: ignore[attr-defined]
    assert [name for name, _s in _rows(response)] == ["Kelsterbach", "Frankfurt am Main"]
    assert response.context["result"].filtered_out == 1
    response = client.get(url, {"feld": field.pk, "groesse": 5})  # type: ignore[attr-defined]
    assert [name for name, _s in _rows(response)] == ["Frankfurt am Main", "München"]
    # no point of view: only the activities rank
    response = client.get(url, {"feld": field.pk, "kommune": ""})  # type: ignore[attr-defined]
    assert all(not r.ranked.reasons for r in response.context["result"].rows)


@pytest.mark.django_db
def test_the_office_of_the_other_region_sees_the_declared_interest(world: World, shared_data: Path) -> None:
    scene = _scene(world, shared_data)
    office = make_user("suedhessen", Role.OFFICE, region=Region.objects.get(slug="suedhessen"))
    client = world.client_for("contact_a")
    client.force_login(office)
    response = client.get(
        reverse("partners:search"),
        {"feld": scene["field"].pk, "kommune": world.kommune_a.pk},  # type: ignore[attr-defined]
    )
    # Raunheim is no member of Südhessen: the office may not rank from its point of view
    assert response.status_code == 200 and response.context["result"] is None
    assert "Aus Sicht dieser Kommune können Sie nicht suchen." in response.content.decode()
    response = client.get(reverse("partners:search"), {"feld": scene["field"].pk})  # type: ignore[attr-defined]
    rows = response.context["result"].rows
    moerfelden = next(r for r in rows if r.municipality == scene["moerfelden"])
    assert [(a.label, a.title) for a in moerfelden.ranked.activities] == [
        ("hat Interesse bekundet", "Aufruf Südhessen 2026")
    ]


@pytest.mark.django_db
def test_bad_input_is_named_in_german(world: World) -> None:
    client = world.client_for("contact_a")
    response = client.get(reverse("partners:search"), {"feld": "999999", "groesse": "17", "land": "x"})
    page = response.content.decode()
    assert response.context["result"] is None
    for message in [
        "Kooperationsfeld: Dieses Kooperationsfeld gibt es nicht.",
        "Größenklasse (Einwohner): Diese Größenklasse gibt es nicht.",
        "Land: Dieses Land gibt es nicht.",
    ]:
        assert message in page


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_candidates(world: World, shared_data: Path) -> None:
    scene = _scene(world, shared_data)
    client = world.client_for("contact_a")
    url, params = reverse("partners:search"), {"feld": scene["field"].pk}  # type: ignore[attr-defined]
    client.get(url, params)
    with CaptureQueriesContext(connection) as before:
        client.get(url, params)
    for index in range(5):
        unit = make_unit(f"0918{index}000", f"Stadt {index}", Level.GEMEINDE, Kind.STADT, scene["bayern"])  # type: ignore[arg-type]
        add_population(unit, 10_000 + index)
        _need(unit, scene["field"], f"Bedarf {index}")  # type: ignore[arg-type]
    with CaptureQueriesContext(connection) as after:
        response = client.get(url, params)
    assert len(response.context["result"].rows) == 8
    assert len(after.captured_queries) == len(before.captured_queries)
