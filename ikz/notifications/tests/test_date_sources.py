"""The date sources of the other apps: project milestones (ikz/projects/sources.py), notice
deadlines of operating cooperations and the earliest execution of a membership after the notice
to the supervisory authority (ikz/notifications/sources.py). Each date appears in the person's
calendar feed (parsed with ``icalendar``) and as a reminder in the inbox of the right people."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from ikz.accounts.models import User
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.cooperation.services import ParticipantRow, save_cooperation, save_operation
from ikz.cooperation.tests.test_operations import _values as operation_values
from ikz.membership.tests.helpers import coop_office, make_cooperative, make_onboarding
from ikz.notifications import services
from ikz.notifications.models import Kind, Notification
from ikz.projects import services as project_services
from ikz.projects.tests.helpers import make_project
from ikz.test import World

pytestmark = pytest.mark.django_db
D = dt.date


def _feed(world: World, user: User) -> dict[str, dt.date]:
    token = services.renew_calendar_token(user, actor=user)
    response = world.client_for("anonymous").get(reverse("calendar_feed", args=[token]))
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]): e.decoded("DTSTART") for e in calendar.walk("VEVENT")}


def _reminded(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_milestones_reach_lead_office_and_steering(world: World) -> None:
    project = make_project(world, "Fördermittelmanagement")
    project_services.add_milestone(
        project,
        {"title": "Realisierungsvorschlag", "planned": D(2026, 12, 4), "forecast": D(2026, 12, 10)},
        actor=world.office,
        today=D(2026, 12, 1),
    )
    summary = "Meilenstein: Realisierungsvorschlag (Fördermittelmanagement)"
    for user in (world.project_lead, world.office, world.steering):
        assert _feed(world, user).get(summary) == D(2026, 12, 10), user
    assert summary not in _feed(world, world.contact_a)
    services.send_due(D(2026, 12, 1))  # the forecast (10.12.) is 9 days ahead: outside the 7 days
    assert _reminded(Kind.MILESTONE) == set()
    services.send_due(D(2026, 12, 3))
    assert _reminded(Kind.MILESTONE) == {"project_lead", "office", "steering"}


def _operating(world: World, start: dt.date) -> None:
    field = CooperationField.objects.create(
        task_area=TaskArea.objects.create(name="Beschaffung"), name="Vergabe"
    )
    cooperation = save_cooperation(
        world.region,
        {"field": field, "title": "Kommunales Vergabezentrum"},
        [ParticipantRow(world.kommune_a, "exists", is_lead=True)],
        actor=world.office,
    )
    save_operation(
        cooperation,
        operation_values(
            world,
            start=start,
            initial_months=36,
            renewal_months=12,
            notice_months=3,
            staff_positions=Decimal("2.00"),
        ),
        actor=world.office,
    )


def test_notice_deadlines_reach_the_regions_office(world: World) -> None:
    year = timezone.localdate().year
    # three years from 1 January of last year: the term ends 31.12. of next year, notice by 30.9.
    _operating(world, D(year - 1, 1, 1))
    summary = "Kündigungsfrist: Kommunales Vergabezentrum"
    assert _feed(world, world.office).get(summary) == D(year + 1, 9, 30)
    assert summary not in _feed(world, world.steering)
    services.send_due(D(year + 1, 9, 25))
    assert _reminded(Kind.NOTICE_DEADLINE) == {"office"}
    text = Notification.objects.get(kind=Kind.NOTICE_DEADLINE).text
    assert f"Kündigung zum 31.12.{year + 1} spätestens am 30.09.{year + 1}" in text


def test_the_earliest_execution_reaches_the_cooperatives_office(world: World) -> None:
    office = coop_office()
    # Hesse: six weeks from the receipt of the notice (the rule in ikz/membership/rules.py)
    make_onboarding(
        make_cooperative(),
        world.kommune_a,
        notice_sent_on=D(2026, 3, 2),
        notice_received_on=D(2026, 3, 4),
    )
    summary = "Frühester Vollzug Beitritt Raunheim, Stadt"
    assert _feed(world, office).get(summary) == D(2026, 4, 15)
    assert summary not in _feed(world, world.office)  # a region's office is not the cooperative's
    services.send_due(D(2026, 4, 10))
    assert _reminded(Kind.SUPERVISION_DEADLINE) == {"genossenschaft"}
