"""Lists that would grow with the national data set stay bounded: the start page names the user's
own region among many and links to the paginated region list."""

from __future__ import annotations

import pytest

from ikz.municipalities.models import Region
from ikz.test import World


@pytest.mark.django_db
def test_start_page_shows_the_own_region_among_many_and_links_to_all(world: World) -> None:
    Region.objects.bulk_create([Region(name=f"AAA Region {i:02d}", slug=f"aaa-{i:02d}") for i in range(60)])
    page = world.client_for("contact_a").get("/").content.decode()
    assert world.region.name in page  # sorted last by name, shown because it is hers
    assert "AAA Region 00" not in page
    assert "Alle 61 Regionen" in page
    listing = world.client_for("contact_a").get("/kommunen/regionen/").content.decode()
    assert "AAA Region 00" in listing and "Seite 1 von 2" in listing
    second = world.client_for("contact_a").get("/kommunen/regionen/?seite=2").content.decode()
    assert world.region.name in second


@pytest.mark.django_db
def test_a_platform_wide_role_without_regions_sees_the_first_regions(world: World) -> None:
    Region.objects.bulk_create([Region(name=f"AAA Region {i:02d}", slug=f"aaa-{i:02d}") for i in range(20)])
    page = world.client_for("project_lead").get("/").content.decode()
    assert "AAA Region 00" in page and "AAA Region 11" in page
    assert "AAA Region 12" not in page
    assert "Alle 21 Regionen" in page


@pytest.mark.django_db
def test_member_register_is_paginated_and_counts_all_active_members(world: World) -> None:
    import datetime as dt

    from django.test import Client

    from ikz.membership.models import Cooperative, Member
    from ikz.test import make_user

    cooperative = Cooperative.objects.create(name="Test-eG", short_name="Test-eG", city="Teststadt")
    Member.objects.bulk_create(
        [
            Member(
                cooperative=cooperative,
                municipality=world.kommune_a,
                number=f"M{i:04d}",
                legal_name=f"Mitglied {i:04d}",
                admitted_on=dt.date(2020, 1, 1),
                exit_on=dt.date(2021, 1, 1) if i == 0 else None,
            )
            for i in range(130)
        ]
    )
    client = Client()
    client.force_login(make_user("eg-team", "office"))
    first = client.get("/genossenschaft/mitglieder/").content.decode()
    assert "129 aktive Mitglieder" in first
    assert "Mitglied 0099" in first and "Mitglied 0100" not in first
    assert "Seite 1 von 2" in first
    second = client.get("/genossenschaft/mitglieder/?seite=2").content.decode()
    assert "Mitglied 0129" in second
