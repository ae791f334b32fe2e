"""A new region from the register: the service, the founding page, the member list as one form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import Role, RoleAssignment
from ikz.audit.models import AuditEntry
from ikz.audit.services import ConflictError
from ikz.municipalities.models import Kind, Level, Municipality, Region, RegionMember
from ikz.municipalities.rules import DEFAULT_SIZE_CLASSES
from ikz.municipalities.services import MemberRow, NewRegion, create_region_from_register, set_region_members
from ikz.test import World, make_unit, make_user

URL = reverse("municipalities:region_from_register")


def _wetterau(world: World) -> tuple[Municipality, list[Municipality]]:
    kreis = make_unit("06440", "Wetteraukreis", Level.KREIS, Kind.LANDKREIS, world.rb)
    towns = [
        make_unit("06440001", "Altenstadt", Level.GEMEINDE, Kind.GEMEINDE, kreis, ars="064400001001"),
        make_unit("06440002", "Bad Nauheim, Stadt", Level.GEMEINDE, Kind.STADT, kreis, ars="064400002002"),
        make_unit("06440003", "Bad Vilbel, Stadt", Level.GEMEINDE, Kind.STADT, kreis, ars="064400003003"),
    ]
    make_unit("06440999", "Gemeindefreies Gebiet", Level.GEMEINDE, Kind.GEMEINDEFREI, kreis)
    make_unit("06440098", "Aufgelöst", Level.GEMEINDE, Kind.GEMEINDE, kreis, is_historical=True)
    return kreis, towns


def _platform() -> Client:
    client = Client()
    client.force_login(make_user("plattform", Role.OFFICE))
    return client


@pytest.mark.django_db
def test_the_service_creates_members_classes_and_the_office_in_one_step(world: World) -> None:
    kreis, towns = _wetterau(world)
    founder = world.office  # the office of another region
    region = create_region_from_register(
        NewRegion("IKZ Wetteraukreis", "wetteraukreis", dt.date(2026, 1, 1)),
        [MemberRow(towns[0], "Alte", dt.date(2026, 1, 1)), MemberRow(kreis, "Kreis")],
        actor=founder,
        office=founder,
    )
    members = list(region.members.order_by("position").values_list("short_label", "joined_on"))
    assert members == [("Alte", dt.date(2026, 1, 1)), ("Kreis", None)]
    assert [c.label for c in region.size_classes.order_by("position")] == [
        c.label for c in DEFAULT_SIZE_CLASSES
    ]
    assert RoleAssignment.objects.filter(user=founder, role=Role.OFFICE, region=region).exists()
    history = AuditEntry.objects.filter(object_id=str(region.pk), content_type__model="region")
    assert {e.action for e in history} == {"create", "update"}
    changes = {key for e in history for key in e.changes}
    assert {"Mitglieder", "Größenklassen", "Geschäftsstelle"} <= changes


@pytest.mark.django_db
def test_the_service_writes_nothing_when_a_label_is_twice(world: World) -> None:
    kreis, towns = _wetterau(world)
    with pytest.raises(ValidationError) as refused:
        create_region_from_register(
            NewRegion("IKZ Wetteraukreis", world.region.slug),
            [MemberRow(towns[0], "Alte"), MemberRow(kreis, "Alte")],
            actor=world.office,
            office=world.office,
        )
    assert refused.value.message_dict["slug"] == ["Diese Kurzbezeichnung ist schon vergeben."]
    assert (
        "Jedes Kürzel darf in einer Region nur einmal vorkommen: Alte."
        in refused.value.message_dict["__all__"]
    )
    assert Region.objects.count() == 1
    assert RoleAssignment.objects.filter(region__isnull=False, user=world.office).count() == 1


@pytest.mark.django_db
def test_the_platform_office_founds_the_wetteraukreis_from_the_register(world: World) -> None:
    _wetterau(world)
    client = _platform()
    page = client.get(URL, {"kreis": "06440"}).content.decode()
    assert 'value="IKZ Wetteraukreis"' in page and 'value="wetteraukreis"' in page
    assert "Bad Nauheim, Stadt (06440002)" in page
    assert "Gemeindefreies Gebiet" not in page and "Aufgelöst" not in page  # neither a member
    data = {
        "name": "IKZ Wetteraukreis",
        "slug": "wetteraukreis",
        "established_on": "",
        "m-TOTAL_FORMS": "4",
        "m-INITIAL_FORMS": "4",
        "m-MIN_NUM_FORMS": "0",
        "m-MAX_NUM_FORMS": "2000",
    }
    for i, (key, label) in enumerate(
        [("06440001", "Alte"), ("06440002", "BN"), ("06440003", "BV"), ("06440", "Kreis")]
    ):
        data |= {f"m-{i}-key": key, f"m-{i}-short_label": label, f"m-{i}-include": "on"}
    response = client.post(URL, data)
    region = Region.objects.get(slug="wetteraukreis")
    assert response.status_code == 302
    assert response["Location"] == reverse("municipalities:region_members_edit", args=[region.slug])
    labels = list(
        RegionMember.objects.filter(region=region).order_by("position").values_list("short_label", flat=True)
    )
    assert labels == ["Alte", "BN", "BV", "Kreis"]
    # the platform-wide office is office everywhere already: no role of its own for the region
    assert not RoleAssignment.objects.filter(region=region).exists()
    members_page = client.get(response["Location"]).content.decode()
    assert "Bad Vilbel, Stadt (06440003)" in members_page


@pytest.mark.django_db
def test_a_member_left_out_and_an_empty_label_is_named(world: World) -> None:
    _wetterau(world)
    data = {
        "name": "IKZ Wetterau Süd",
        "slug": "wetterau-sued",
        "m-TOTAL_FORMS": "2",
        "m-INITIAL_FORMS": "2",
        "m-0-key": "06440001",
        "m-0-short_label": "",
        "m-0-include": "on",
        "m-1-key": "06440003",
        "m-1-short_label": "BV",
    }
    page = world.client_for("office").post(URL, data).content.decode()
    assert "Bitte geben Sie ein Kürzel an." in page
    data["m-0-short_label"] = "Alte"
    assert world.client_for("office").post(URL, data).status_code == 302
    region = Region.objects.get(slug="wetterau-sued")
    assert list(region.members.values_list("municipality__key", flat=True)) == ["06440001"]  # BV not taken in
    # the region office that founded it is its office now
    assert RoleAssignment.objects.filter(user=world.office, role=Role.OFFICE, region=region).exists()


@pytest.mark.django_db
def test_a_pasted_list_is_refused_by_line(world: World) -> None:
    _wetterau(world)
    text = "06440001 Altenstadt\n06449999\n06440098\n064400003003 Bad Vilbel (ARS)"
    client = _platform()
    page = client.get(URL, {"keys": text}).content.decode()
    assert "Zeile 2: Zu 06449999 gibt es im Gemeindeverzeichnis keine Kommune." in page
    assert "Zeile 3: Aufgelöst (06440098) gehört nicht mehr zum aktuellen Gebietsstand." in page
    assert 'name="m-TOTAL_FORMS"' not in page  # nothing to save until the list is right
    page = client.get(URL, {"keys": "06440001 Altenstadt\n064400003003 Bad Vilbel (ARS)"}).content.decode()
    assert "Bad Vilbel, Stadt (06440003)" in page and 'value="BaVi"' in page


@pytest.mark.django_db
def test_a_contact_is_told_which_role_founding_needs(world: World) -> None:
    response = world.client_for("contact_a").get(URL)
    assert response.status_code == 403
    reason = str(response.context["exception"])
    assert "Ihnen fehlt die Rolle „Geschäftsstelle“" in reason
    assert "Kontaktpersonen" not in reason  # the old, wrong reason of issue 19


@pytest.mark.django_db
def test_the_office_of_another_region_is_told_it_lacks_the_role_for_this_region(world: World) -> None:
    other = Region.objects.create(name="IKZ Andere", slug="andere")
    response = world.client_for("office").get(
        reverse("municipalities:region_members_edit", args=[other.slug])
    )
    assert response.status_code == 403
    reason = str(response.context["exception"])
    assert "Region „IKZ Andere“" in reason and "für diese Region" in reason


def _member_data(world: World, rows: list[tuple[str, str, str, str]], version: int) -> dict[str, str]:
    data = {
        "version": str(version),
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, (key, label, joined, left) in enumerate(rows):
        data |= {
            f"form-{i}-key": key,
            f"form-{i}-short_label": label,
            f"form-{i}-joined_on": joined,
            f"form-{i}-left_on": left,
            f"form-{i}-ORDER": str(i + 1),
        }
    return data


@pytest.mark.django_db
def test_the_member_list_is_saved_as_one_with_dates_and_more_than_two_new_rows(world: World) -> None:
    url = reverse("municipalities:region_members_edit", args=[world.region.slug])
    client = world.client_for("office")
    more = client.post(
        url,
        _member_data(world, [("06433010", "Raun", "", ""), ("06433007", "Kelst", "", "")], 1)
        | {"add_row": "1"},
    )
    assert 'name="form-2-key"' in more.content.decode()  # one more row, nothing saved
    assert world.region.members.count() == 2
    rows = [
        ("06433010", "Raun", "2013-01-01", ""),
        ("06433007", "Kelst", "2013-01-01", "2024-12-31"),
        ("06433", "Kreis", "2014-01-01", ""),
        ("06", "HE", "", ""),
        ("064", "Bez", "", ""),
    ]
    assert client.post(url, _member_data(world, rows, 1)).status_code == 302
    members = list(
        world.region.members.order_by("position").values_list("short_label", "joined_on", "left_on")
    )
    assert members[1] == ("Kelst", dt.date(2013, 1, 1), dt.date(2024, 12, 31))
    assert len(members) == 5
    region_page = client.get(world.region.get_absolute_url()).content.decode()
    assert "seit 01.01.2013 bis 31.12.2024" in region_page
    # a second person saving the list they opened before: 409, both lists kept apart
    stale = client.post(url, _member_data(world, rows[:2], 1))
    assert stale.status_code == 409
    assert world.region.members.count() == 5


@pytest.mark.django_db
def test_set_region_members_refuses_dates_in_the_wrong_order(world: World) -> None:
    rows = [MemberRow(world.kommune_a, "Raun", dt.date(2020, 1, 1), dt.date(2019, 1, 1))]
    with pytest.raises(ValidationError) as refused:
        set_region_members(world.region, rows, expected_version=world.region.version, actor=world.office)
    assert (
        "Raun: „Mitglied bis“ (01.01.2019) liegt vor „Mitglied seit“ (01.01.2020)." in refused.value.messages
    )
    assert world.region.members.count() == 2
    with pytest.raises(ConflictError):
        set_region_members(
            world.region, rows[:0], expected_version=world.region.version + 1, actor=world.office
        )


@pytest.mark.django_db
def test_a_contact_of_another_municipality_is_told_whose_data_it_is(world: World) -> None:
    url = reverse("municipalities:municipality_edit", args=[world.kommune_a.pk])
    response = world.client_for("contact_b").get(url)
    assert response.status_code == 403
    reason = str(response.context["exception"])
    assert "„Raunheim, Stadt“" in reason and "für diese Kommune" in reason
    steering = world.client_for("steering").get(
        reverse("municipalities:population_add", args=[world.kommune_a.pk])
    )
    assert "Ihnen fehlt die Rolle „Geschäftsstelle“" in str(steering.context["exception"])


@pytest.mark.django_db
def test_the_member_list_and_the_proposal_keep_their_query_count(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ikz.municipalities.rules import propose_labels

    kreis, _towns = _wetterau(world)
    client = world.client_for("office")
    members_url = reverse("municipalities:region_members_edit", args=[world.region.slug])

    def count(url: str, params: dict[str, str] | None = None) -> int:
        client.get(url, params)  # warm caches (sessions, content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        return len(queries)

    few_members, few_proposed = count(members_url), count(URL, {"kreis": "06440"})
    units = [
        make_unit(
            f"06440{i:03d}", f"Ort {i}", Level.GEMEINDE, Kind.GEMEINDE, kreis, ars=f"06440{i:03d}{i:04d}"
        )
        for i in range(100, 140)
    ]
    labels = propose_labels([(u.short_name, False) for u in units])
    RegionMember.objects.bulk_create(
        RegionMember(region=world.region, municipality=u, position=10 + i, short_label=label)
        for i, (u, label) in enumerate(zip(units, labels, strict=True))
    )
    assert count(members_url) == few_members
    assert count(URL, {"kreis": "06440"}) == few_proposed


@pytest.mark.django_db
def test_the_steering_group_gets_a_row_more_without_saving(world: World) -> None:
    url = reverse("municipalities:region_steering_edit", args=[world.region.slug])
    data = {
        "version": "1",
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-0-name": "Anna Steuer",
        "form-0-function": "Vorsitz",
        "add_row": "1",
    }
    page = world.client_for("office").post(url, data).content.decode()
    assert 'name="form-2-name"' in page and 'value="Anna Steuer"' in page
    assert not world.region.steering_group.exists()
