"""Candidate lists of onboardings (issue 19, 6): no current members, unambiguous names."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.membership.tests.helpers import coop_office, make_cooperative, make_member, make_onboarding
from ikz.municipalities.models import Kind, Level
from ikz.test import World, make_unit

pytestmark = pytest.mark.django_db


def test_the_candidates_leave_out_members_and_onboardings_and_name_kind_and_key(world: World) -> None:
    cooperative = make_cooperative()
    city = make_unit(
        "06433006", "Groß-Gerau, Stadt", Level.GEMEINDE, Kind.STADT, world.kreis, ars="064330006006"
    )
    make_member(cooperative, world.kommune_a, "1", dt.date(2020, 1, 1))  # Raunheim: a member
    gone = make_member(cooperative, world.kommune_b, "2", dt.date(2020, 1, 1))  # Kelsterbach: has left
    gone.exit_on = dt.date(2024, 12, 31)
    gone.save()
    make_onboarding(cooperative, city)  # Groß-Gerau, Stadt: on its way
    client = Client()
    client.force_login(coop_office())
    page = client.get(reverse("membership:onboarding_create")).content.decode()
    assert "Landkreis Groß-Gerau (06433)</option>" in page
    assert "Kelsterbach, Stadt (06433007)</option>" in page  # left: may join again
    assert "Raunheim" not in page  # a current member
    assert "Groß-Gerau, Stadt" not in page  # an onboarding is under way

    refused = client.post(reverse("membership:onboarding_create"), {"municipality": world.kommune_a.pk})
    assert "Auswahl" in refused.content.decode()  # not offered: Django's German "Bitte eine gültige Auswahl"


def test_the_candidate_list_costs_the_same_queries_with_more_units(world: World) -> None:
    make_cooperative()
    client = Client()
    client.force_login(coop_office())
    url = reverse("membership:onboarding_create")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(30):
        make_unit(f"06433{200 + i:03d}", f"Gemeinde {i}", Level.GEMEINDE, Kind.GEMEINDE, world.kreis,
                  ars=f"06433{200 + i:04d}{200 + i:03d}")  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
