"""Publishing, matching with notifications to all three sides, interest, confirmation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ikz.cooperation.models import CooperationField, TaskArea
from ikz.network import services
from ikz.network.models import Match, Solution
from ikz.notifications.models import Kind, Notification
from ikz.test import World


@pytest.fixture
def field(db: None) -> CooperationField:
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten")
    return CooperationField.objects.create(task_area=area, name="Beschaffung")


def _solution(world: World, field: CooperationField, **extra: object) -> Solution:
    values = {
        "title": "Interkommunales Vergabezentrum",
        "description": "Gemeinsame Beschaffung und Vergabe für mehrere Kommunen",
        "field": field,
        "owner": world.kommune_a,
        "contact": "Vergabestelle Raunheim",
    } | extra
    return services.publish_solution(values, [world.kommune_a], [], actor=world.contact_a)


def test_a_need_finds_the_solution_and_all_three_sides_are_told(
    world: World, field: CooperationField
) -> None:
    solution = _solution(world, field)
    services.declare_interest(solution, world.kommune_a, "", actor=world.office)
    need = services.publish_need(
        {
            "title": "Vergabezentrum aufbauen",
            "description": "Wir möchten Beschaffung und Vergabe bündeln",
            "field": field,
            "owner": world.kommune_b,
        },
        actor=world.contact_b,
    )
    match = Match.objects.get()
    assert (match.need, match.solution) == (need, solution)
    told = {
        n.user.username: n.text for n in Notification.objects.filter(kind=Kind.MATCH).select_related("user")
    }
    # need owner (B's contact), solution owner (A's contact and member), interested party (A)
    assert set(told) == {"contact_b", "contact_a", "member"}
    assert "Für Ihren Bedarf „Vergabezentrum aufbauen“ gibt es eine Lösung" in told["contact_b"]
    # publishing the need again does not notify twice
    services.update_need(
        need, {"description": need.description + " jetzt"}, expected_version=1, actor=world.contact_b
    )
    assert Notification.objects.filter(kind=Kind.MATCH).count() == 3


def test_no_match_in_another_field(world: World, field: CooperationField) -> None:
    _solution(world, field)
    other = CooperationField.objects.create(task_area=field.task_area, name="Gebäudemanagement")
    services.publish_need(
        {"title": "Vergabezentrum", "description": "Beschaffung", "field": other, "owner": world.kommune_b},
        actor=world.contact_b,
    )
    assert not Match.objects.exists()


def test_stale_solutions_do_not_match(world: World, field: CooperationField) -> None:
    solution = _solution(world, field)
    Solution.objects.filter(pk=solution.pk).update(last_confirmed=dt.date(2020, 1, 1))
    services.publish_need(
        {
            "title": "Vergabezentrum",
            "description": "Beschaffung und Vergabe",
            "field": field,
            "owner": world.kommune_b,
        },
        actor=world.contact_b,
    )
    assert not Match.objects.exists()


def test_contacts_publish_only_for_their_own_municipality(world: World, field: CooperationField) -> None:
    with pytest.raises(ValidationError) as exc:
        services.publish_need(
            {"title": "x", "description": "y", "field": field, "owner": world.kommune_a},
            actor=world.contact_b,
            allowed_owners=[world.kommune_b.pk],
        )
    assert "eigene Kommune" in exc.value.message_dict["owner"][0]


def test_interest_is_declared_once_and_the_owner_is_told(world: World, field: CooperationField) -> None:
    solution = _solution(world, field)
    services.declare_interest(solution, world.kommune_b, "Wir möchten nachnutzen", actor=world.contact_b)
    with pytest.raises(ValidationError):
        services.declare_interest(solution, world.kommune_b, "", actor=world.contact_b)
    told = Notification.objects.filter(kind=Kind.REUSE_INTEREST).values_list("user__username", flat=True)
    assert set(told) == {"contact_a", "member"}


def test_confirming_resets_the_stale_mark(world: World, field: CooperationField) -> None:
    solution = _solution(world, field)
    Solution.objects.filter(pk=solution.pk).update(last_confirmed=dt.date(2020, 1, 1))
    solution.refresh_from_db()
    services.confirm(solution, expected_version=solution.version, actor=world.contact_a)
    solution.refresh_from_db()
    assert solution.last_confirmed > dt.date(2026, 1, 1) and solution.version == 2
