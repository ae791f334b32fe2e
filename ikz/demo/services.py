"""Loading the demo: idempotent, through the same services as the application (so it is audited)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from ikz.accounts.models import Role, RoleAssignment, User
from ikz.accounts.services import invite_person
from ikz.audit.services import create_object
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.cooperation.services import create_field, create_task_area
from ikz.demo import (
    citations,
    costs,
    data,
    funding,
    governance,
    interests,
    inventory,
    invoicing,
    knowledge,
    meetings,
    membership,
    onboarding_documents,
    operations,
    partners,
    projects,
    resolutions,
    survey,
    table_imports,
)
from ikz.demo.context import DemoContext, DemoSummary
from ikz.municipalities import rules
from ikz.municipalities.models import ContactPerson, Level, Municipality, PopulationFigure, Region
from ikz.municipalities.rules import SizeClassRule
from ikz.municipalities.services import (
    MemberRow,
    NewRegion,
    SizeClassRow,
    SteeringRow,
    add_contact_person,
    create_organisation,
    create_region_from_register,
    record_population,
    set_region_members,
    set_size_classes,
    set_steering_group,
    update_region,
)

OFFICE_GROUP = "Geschäftsstelle"
OFFICE_APPS = (
    "accounts",
    "audit",
    "municipalities",
    "cooperation",
    "surveys",
    "interests",
    "resolutions",
    "projects",
    "costs",
    "membership",
    "documents",
    "network",
    "portal",
)


def _unit(
    key: str,
    name: str,
    kind: str,
    tk: str,
    parent: Municipality | None,
    summary: DemoSummary,
    **extra: object,
) -> Municipality:
    existing = Municipality.objects.filter(key=key).first()
    if existing:
        return existing
    level = {2: Level.LAND, 3: Level.REGIERUNGSBEZIRK, 5: Level.KREIS, 8: Level.GEMEINDE}[len(key)]
    land = None if level == Level.LAND else (parent.land or parent if parent else None)
    rb = (
        parent
        if parent and parent.level == Level.REGIERUNGSBEZIRK
        else getattr(parent, "regierungsbezirk", None)
    )
    unit = Municipality(
        key=key,
        ars=str(extra.pop("ars", key.ljust(12, "0"))),
        name=name,
        short_name=rules.short_name(name),
        level=level,
        kind=kind,
        textkennzeichen=tk,
        parent=parent,
        land=land,
        regierungsbezirk=rb,
        kreis=parent if parent and parent.level == Level.KREIS else None,
        gebietsstand=data.GEBIETSSTAND,
        **extra,
    )
    create_object(unit, actor=None, message="Demodaten")
    summary.add("Gebietseinheiten")
    return unit


def _figure(
    unit: Municipality, stichtag: dt.date, total: int, source: str, summary: DemoSummary, **kw: object
) -> None:
    if not PopulationFigure.objects.filter(municipality=unit, stichtag=stichtag, source=source).exists():
        record_population(unit, stichtag=stichtag, total=total, source=source, actor=None, **kw)  # type: ignore[arg-type]
        summary.add("Einwohnerzahlen")


def _load_units(summary: DemoSummary) -> dict[str, Municipality]:
    units: dict[str, Municipality] = {}
    for key, name, kind, tk, parent_key, seat in data.HIGHER_UNITS:
        units[key] = _unit(
            key, name, kind, tk, units.get(parent_key) if parent_key else None, summary, seat=seat
        )
    for key, (pop22, pop24, area) in data.KREIS_SUMS.items():
        kreis = units[key]
        if kreis.area_ha is None:
            kreis.area_ha = area
            kreis.area_stichtag = data.STICHTAG_2024
            kreis.save(update_fields=["area_ha", "area_stichtag"])
        _figure(
            kreis,
            data.STICHTAG_2022,
            pop22,
            data.SOURCE_2022 + " (Summe der Gemeinden)",
            summary,
            is_sum=True,
        )
        _figure(
            kreis,
            data.STICHTAG_2024,
            pop24,
            data.SOURCE_2024 + " (Summe der Gemeinden)",
            summary,
            is_sum=True,
        )
    for ags, ars, name, kind, tk, area, pop22, pop24, male24, plz in data.GEMEINDEN:
        kreis = units[ags[:5]]
        unit = _unit(
            ags,
            name,
            kind,
            tk,
            kreis,
            summary,
            ars=ars,
            area_ha=area,
            area_stichtag=data.STICHTAG_2024,
            postal_code=plz,
            city=rules.short_name(name),
        )
        units[ags] = unit
        _figure(unit, data.STICHTAG_2022, pop22, data.SOURCE_2022, summary)
        _figure(unit, data.STICHTAG_2024, pop24, data.SOURCE_2024, summary, male=male24)
    for name, kind, parent_key, share in data.ORGANISATIONS:
        if not Municipality.objects.filter(name=name, level=Level.ORGANISATION).exists():
            create_organisation(
                name=name,
                kind=kind,
                parent=units[parent_key],
                municipal_share=Decimal(share),
                actor=None,  # type: ignore[arg-type]
            )
            summary.add("Organisationen")
    return units


def _load_region(units: dict[str, Municipality], summary: DemoSummary) -> Region:
    """The region of seed 003 as an office founds it from the register (decision 130): the seed's
    members and labels, its size classes with the stated counts; then the office's details."""
    region = Region.objects.filter(slug=data.REGION_SLUG).first()
    if region is None:
        region = create_region_from_register(
            NewRegion(
                data.REGION_NAME,
                data.REGION_SLUG,
                data.PROCESS_START,
                "Kreisweiter IKZ-Prozess seit 2013: 14 Städte und Gemeinden und der Kreis als "
                "„15. Kommune“ (Vortrag „IKZ mit System“, Fachtagung 27.09.2023).",
            ),
            [MemberRow(units[key], label) for key, label in data.REGION_MEMBERS],
            actor=None,
            classes=[SizeClassRule(label, lower, upper) for label, lower, upper, _n in data.SIZE_CLASSES],
            class_source=data.CLASS_SOURCE,
            stated_counts=[stated for _l, _lo, _up, stated in data.SIZE_CLASSES],
        )
        region = update_region(
            region,
            {
                "office_name": "IKZ-Geschäftsstelle c/o Stadt Raunheim",
                "office_host": units["06433010"],
                "office_email": "ikz-geschaeftsstelle@example.org",
                "office_phone": "06142 000-000",
                "stated_population": 280000,
                "stated_area_km2": Decimal("453.04"),
            },
            expected_version=region.version,
            actor=None,  # type: ignore[arg-type]
        )
        summary.add("Regionen")
    elif region.established_on is None:  # a database loaded before the region had a start
        region = update_region(
            region,
            {"established_on": data.PROCESS_START},
            expected_version=region.version,
            actor=None,  # type: ignore[arg-type]
        )
    if not region.members.exists():
        region = set_region_members(
            region,
            [MemberRow(units[key], label) for key, label in data.REGION_MEMBERS],
            expected_version=region.version,
            actor=None,  # type: ignore[arg-type]
        )
    if not region.size_classes.exists():
        region = set_size_classes(
            region,
            [SizeClassRow(label, lower, upper, stated) for label, lower, upper, stated in data.SIZE_CLASSES],
            expected_version=region.version,
            actor=None,  # type: ignore[arg-type]
        )
    if not region.steering_group.exists():
        region = set_steering_group(
            region,
            [
                SteeringRow(name, function, units.get(key) if key else None, is_demo=True)
                for name, function, key in data.STEERING_GROUP
            ],
            expected_version=region.version,
            actor=None,  # type: ignore[arg-type]
        )
    return region


def _load_catalogue(summary: DemoSummary) -> None:
    for position, (area_name, fields) in enumerate(data.TASK_AREAS, start=1):
        area = TaskArea.objects.filter(name=area_name).first()
        if area is None:
            area = create_task_area({"name": area_name, "position": position}, actor=None)
            summary.add("Aufgabengebiete")
        for field_position, (field_name, source) in enumerate(fields, start=1):
            if not CooperationField.objects.filter(task_area=area, name=field_name).exists():
                create_field(
                    area, {"name": field_name, "position": field_position, "source": source}, actor=None
                )
                summary.add("Kooperationsfelder")


def _office_group() -> Group:
    group, _ = Group.objects.get_or_create(name=OFFICE_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=OFFICE_APPS))
    return group


def _load_users(units: dict[str, Municipality], region: Region, summary: DemoSummary) -> None:
    group = _office_group()
    for username, first, last, role, with_region, key, staff in data.DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last, is_demo=True, is_staff=staff)
            user.email = f"{username}@demo.example"
            user.set_password(data.DEMO_PASSWORD)
            create_object(user, actor=None, message="Demodaten")
            summary.add("Personen")
        if staff:
            user.groups.add(group)
        target_region = region if with_region else None
        target_municipality = units[key] if key else None
        RoleAssignment.objects.get_or_create(
            user=user, role=role, region=target_region, municipality=target_municipality
        )
    for key, name, function, email, phone in data.CONTACT_PERSONS:
        unit = units[key]
        if not ContactPerson.objects.filter(municipality=unit, name=name).exists():
            add_contact_person(
                unit,
                {"name": name, "function": function, "email": email, "phone": phone, "is_demo": True},
                actor=None,  # type: ignore[arg-type]
            )
            summary.add("Ansprechpersonen")


def _load_invitation(office: User, units: dict[str, Municipality], summary: DemoSummary) -> None:
    """The open invitation of a contact person, sent by the region's office (issue 19)."""
    email, first, last, function, key = data.DEMO_INVITATION
    if User.objects.filter(email__iexact=email).exists():
        return
    values: dict[str, object] = {"email": email, "first_name": first, "last_name": last}
    values |= {"function": function, "role": Role.CONTACT, "region": None}
    values |= {"municipality": units[key], "is_demo": True}
    invite_person(values, actor=office)
    summary.add("Einladungen")


@transaction.atomic
def load_demo(progress: Callable[[str], None] | None = None) -> DemoSummary:
    """Create the demo data that is missing; running it again changes nothing."""
    summary = DemoSummary()
    say = progress or (lambda _text: None)
    say("Gebietseinheiten und Einwohnerzahlen …")
    units = _load_units(summary)
    say("Region IKZ Kreis Groß-Gerau …")
    region = _load_region(units, summary)
    say("Aufgabengebiete und Kooperationsfelder …")
    _load_catalogue(summary)
    say("Demo-Personen und Rollen …")
    _load_users(units, region, summary)
    users = {u.username: u for u in User.objects.filter(username__in=[row[0] for row in data.DEMO_USERS])}
    _load_invitation(users["geschaeftsstelle"], units, summary)
    context = DemoContext(region=region, units=units, users=users, summary=summary)
    say("Bestand der Kooperationen 2013 …")
    inventory.load(context)
    say("Bestandsaufnahme 2013 …")
    survey.load(context)
    say("Interessenbekundungsverfahren 2013 …")
    interests.load(context)
    say("Grundsatzbeschlüsse …")
    resolutions.load(context)
    # After the 2013 steps, so that the 2013 survey is not pre-filled with cooperations of 2015–2024.
    say("Laufende Kooperationen (Betrieb, Laufzeiten, Beteiligte) …")
    operations.load(context)
    say("IKZ-Projekte und Beteiligung 2023 …")
    projects.load(context)
    say("Kosten, Fördermittel und Einsparungen …")
    costs.load(context)
    say("Genossenschaft K4K eG: Mitglieder, Leistungen, Beitritte …")
    membership.load(context)
    say("Dokumente, Wiederverwendungsnetz, Portal …")
    knowledge.load(context)  # late: it publishes the operating cooperations of the other parts
    say("Import der Kooperationsmatrix (Rundreise Export → Import) …")
    table_imports.load(context)
    say("Nachbarschaften für die Partnersuche …")
    partners.load(context)
    say(f"Beschlussvorlagen der Beitritte ({citations.GUIDE}) …")
    onboarding_documents.load(context)
    say("E-Rechnungen der Genossenschaft (Geschäftsanteile) …")
    invoicing.load(context)
    say("Genossenschaft K4K eG: Organe, Absichtserklärungen, Generalversammlung …")
    governance.load(context)
    say("Sitzungen der Lenkungsgruppe und der Bürgermeister-Dienstversammlung …")
    meetings.load(context)
    funding.load(context)
    return summary


def demo_logins() -> list[tuple[str, str, str]]:
    """(role label, username, what the login shows) for the printout of ``make demo``."""
    labels = dict(Role.choices)
    rows = []
    for username, first, last, role, _region, key, _staff in data.DEMO_USERS:
        target = ""
        if key:
            target = next((rules.short_name(n) for a, _s, n, *_ in data.GEMEINDEN if a == key), key)
        rows.append((str(labels[role]), username, f"{first} {last}" + (f" – {target}" if target else "")))
    return rows
