"""Personas and a small world for tests: office, steering, contact A, contact B (the outsider),
project lead, member, anonymous. Built once per test through the ``world`` fixture (conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.test import Client

from ikz.accounts.models import Role, RoleAssignment, User
from ikz.municipalities.models import Kind, Level, Municipality, PopulationFigure, Region, RegionMember

PASSWORD = "Test-Passwort-2026!"

# The persona matrix (ikz/tests/test_persona_matrix.py): personas, the usual expectations, a row.
# Expected values: an HTTP status, "login" (redirect to the login page) or "admin-login".
PERSONAS = ["office", "steering", "contact_a", "contact_b", "project_lead", "member", "anonymous"]
ALL = dict.fromkeys(PERSONAS[:-1], 200) | {"anonymous": "login"}
OFFICE_ONLY = {p: 403 for p in PERSONAS[:-1]} | {"office": 200, "anonymous": "login"}
OWN_MUNICIPALITY = OFFICE_ONLY | {"contact_a": 200}
REGION_INSIDERS = OFFICE_ONLY | {"steering": 200}
HISTORY_A = OFFICE_ONLY | {"steering": 200, "contact_a": 200}
PUBLIC = dict.fromkeys(PERSONAS, 200)
NOBODY_BUT_GLOBAL_OFFICE = {p: 403 for p in PERSONAS[:-1]} | {"anonymous": "login"}
# (URL name, its args from the world and the objects, expected per persona)
PersonaRow = tuple[str, Callable[["World", dict[str, Any]], list[object]], dict[str, int | str]]


@dataclass
class World:
    land: Municipality
    rb: Municipality
    kreis: Municipality
    kommune_a: Municipality
    kommune_b: Municipality
    region: Region
    office: User
    steering: User
    contact_a: User
    contact_b: User
    project_lead: User
    member: User

    def users(self) -> dict[str, User | None]:
        return {
            "office": self.office,
            "steering": self.steering,
            "contact_a": self.contact_a,
            "contact_b": self.contact_b,
            "project_lead": self.project_lead,
            "member": self.member,
            "anonymous": None,
        }

    def client_for(self, persona: str) -> Client:
        client = Client()
        user = self.users()[persona]
        if user is not None:
            client.force_login(user)
        return client


def make_unit(
    key: str, name: str, level: str, kind: str, parent: Municipality | None = None, **extra: object
) -> Municipality:
    land = parent.land if parent and parent.land else parent
    unit = Municipality.objects.create(
        key=key,
        ars=extra.pop("ars", key.ljust(12, "0")),  # type: ignore[arg-type]
        name=name,
        short_name=name.split(",")[0],
        level=level,
        kind=kind,
        parent=parent,
        land=land if level != Level.LAND else None,
        regierungsbezirk=(
            parent
            if parent and parent.level == Level.REGIERUNGSBEZIRK
            else getattr(parent, "regierungsbezirk", None)
        ),
        kreis=parent if parent and parent.level == Level.KREIS else None,
        **extra,
    )
    return unit


def add_population(
    unit: Municipality, total: int, stichtag: dt.date = dt.date(2024, 12, 31)
) -> PopulationFigure:
    figure = PopulationFigure.objects.create(
        municipality=unit, stichtag=stichtag, total=total, source="Testquelle"
    )
    unit.current_population = figure
    unit.save(update_fields=["current_population"])
    return figure


def make_user(username: str, role: str | None = None, **target: object) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=username.title())
    if role:
        RoleAssignment.objects.create(user=user, role=role, **target)  # type: ignore[arg-type]
    return user


def build_world() -> World:
    land = make_unit("06", "Hessen", Level.LAND, Kind.LAND)
    rb = make_unit("064", "Reg.-Bez. Darmstadt", Level.REGIERUNGSBEZIRK, Kind.REGIERUNGSBEZIRK, land)
    kreis = make_unit("06433", "Groß-Gerau", Level.KREIS, Kind.LANDKREIS, rb)
    a = make_unit(
        "06433010", "Raunheim, Stadt", Level.GEMEINDE, Kind.STADT, kreis, ars="064330010010", area_ha=1260
    )
    b = make_unit(
        "06433007", "Kelsterbach, Stadt", Level.GEMEINDE, Kind.STADT, kreis, ars="064330007007", area_ha=1541
    )
    add_population(a, 15297)
    add_population(b, 16622)
    region = Region.objects.create(name="IKZ Testregion", slug="ikz-test", office_name="Geschäftsstelle Test")
    RegionMember.objects.create(region=region, municipality=a, position=1, short_label="Raun")
    RegionMember.objects.create(region=region, municipality=b, position=2, short_label="Kelst")
    office = make_user("office", Role.OFFICE, region=region)
    office.is_staff = True
    office.save()
    return World(
        land=land,
        rb=rb,
        kreis=kreis,
        kommune_a=a,
        kommune_b=b,
        region=region,
        office=office,
        steering=make_user("steering", Role.STEERING, region=region),
        contact_a=make_user("contact_a", Role.CONTACT, municipality=a),
        contact_b=make_user("contact_b", Role.CONTACT, municipality=b),
        project_lead=make_user("project_lead", Role.PROJECT_LEAD),
        member=make_user("member", Role.MEMBER, municipality=a),
    )
