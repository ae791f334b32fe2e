"""Network pages: "genutzt von N", stale marks, publishing as contact, constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikz.cooperation.models import CooperationField, TaskArea
from ikz.network.models import Need, Solution
from ikz.test import World


@pytest.fixture
def field(db: None) -> CooperationField:
    area = TaskArea.objects.create(name="Informationstechnologie")
    return CooperationField.objects.create(task_area=area, name="Einführung e-Akte/DMS")


def _solution(world: World, field: CooperationField, title: str, confirmed: dt.date) -> Solution:
    solution = Solution.objects.create(
        title=title,
        description="E-Akte",
        field=field,
        owner=world.kommune_a,
        contact="x",
        last_confirmed=confirmed,
    )
    solution.users.set([world.kommune_a, world.kommune_b])
    return solution


@pytest.mark.django_db
def test_overview_shows_use_count_and_stale_mark(world: World, field: CooperationField) -> None:
    _solution(world, field, "E-Akte Raunheim", dt.date.today())
    _solution(world, field, "Altes DMS", dt.date(2020, 1, 1))
    page = world.client_for("contact_b").get(reverse("network:overview")).content.decode()
    assert page.count("2 Kommunen") == 2
    assert page.count("(veraltet)") == 1
    stale = Solution.objects.get(title="Altes DMS")
    detail = world.client_for("contact_b").get(stale.get_absolute_url()).content.decode()
    assert "zuletzt am 01.01.2020 bestätigt" in detail


@pytest.mark.django_db
def test_contact_publishes_a_need_and_sees_the_matching_solution(
    world: World, field: CooperationField
) -> None:
    _solution(world, field, "E-Akte mit Dokumentenmanagement", dt.date.today())
    client = world.client_for("contact_b")
    response = client.post(
        reverse("network:need_create"),
        {"title": "E-Akte einführen", "description": "Dokumentenmanagement gesucht", "field": field.pk,
         "owner": world.kommune_b.pk},
    )  # fmt: skip
    need = Need.objects.get()
    assert response["Location"] == need.get_absolute_url()
    page = client.get(need.get_absolute_url()).content.decode()
    assert "E-Akte mit Dokumentenmanagement" in page
    refused = client.post(
        reverse("network:need_create"),
        {"title": "x", "description": "y", "field": field.pk, "owner": world.kommune_a.pk},
    )
    assert "owner" in refused.context["form"].errors and Need.objects.count() == 1


@pytest.mark.django_db
def test_confirm_by_post_resets_the_mark(world: World, field: CooperationField) -> None:
    stale = _solution(world, field, "Altes DMS", dt.date(2020, 1, 1))
    response = world.client_for("contact_a").post(
        reverse("network:solution_confirm", args=[stale.pk]), {"version": stale.version}
    )
    assert response.status_code == 302
    stale.refresh_from_db()
    assert stale.last_confirmed == dt.date.today()
    assert (
        world.client_for("contact_b")
        .post(reverse("network:solution_confirm", args=[stale.pk]), {"version": stale.version})
        .status_code
        == 403
    )


@pytest.mark.django_db
def test_overview_queries_do_not_grow(world: World, field: CooperationField) -> None:
    client = world.client_for("member")
    _solution(world, field, "S0", dt.date.today())
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("network:overview"))
    for i in range(1, 30):
        _solution(world, field, f"S{i}", dt.date(2020, 1, 1))
        Need.objects.create(
            title=f"N{i}", description="x", field=field, owner=world.kommune_b, last_confirmed=dt.date.today()
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("network:overview")).content.decode()
    assert "S29" in page and "N29" in page
    assert len(many) == len(few)
