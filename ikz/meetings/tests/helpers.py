"""The small world of the meeting tests: a steering group of the test region with three members
(the steering persona has an account), a third member municipality, a project and a milestone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from ikz.meetings import services
from ikz.meetings.models import Meeting, Organization
from ikz.municipalities.models import Kind, Level, Municipality, RegionMember
from ikz.projects import services as project_services
from ikz.projects.models import Milestone, Project
from ikz.test import World, add_population, make_unit


@dataclass
class Setting:
    steering_group: Organization
    project: Project
    milestone: Milestone
    third: Municipality


def third_member(world: World) -> Municipality:
    unit = make_unit(
        "06433012", "Rüsselsheim am Main, Stadt", Level.GEMEINDE, Kind.STADT, world.kreis, ars="064330012012"
    )
    add_population(unit, 66000)
    RegionMember.objects.create(region=world.region, municipality=unit, position=3, short_label="Rüss")
    return unit


def setting(world: World) -> Setting:
    group = services.create_organization(
        world.region,
        {"name": "IKZ-Lenkungsgruppe", "kind": "steering", "start_date": dt.date(2013, 1, 1)},
        actor=world.office,
    )
    services.add_member(
        group,
        {"name": "Lars Lenker", "municipality": world.kommune_a, "user": world.steering, "role": "Vorsitz"},
        actor=world.office,
    )
    services.add_member(group, {"name": "Kai Kelster", "municipality": world.kommune_b}, actor=world.office)
    services.add_member(
        group, {"name": "Gisela Stelle", "role": "Geschäftsstelle", "voting_right": False}, actor=world.office
    )
    project = project_services.create_project(
        world.region,
        {"title": "Vergabezentrum", "year": 2026, "lead": world.project_lead},
        actor=world.office,
    )
    milestone = project_services.add_milestone(
        project,
        {"title": "IST-Analyse", "planned": timezone.localdate() + dt.timedelta(days=20)},
        actor=world.office,
    )
    return Setting(group, project, milestone, third_member(world))


def meeting_of(group: Organization, world: World, *, hours_ago: int = 2) -> Meeting:
    start = timezone.now().replace(microsecond=0) - dt.timedelta(hours=hours_ago)
    return services.create_meeting(
        group, {"name": "12. Sitzung", "start": start, "location": "Rathaus Raunheim"}, actor=world.office
    )
