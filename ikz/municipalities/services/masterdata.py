"""Edits of master data, population figures, contact persons and regions made in the application."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.accounts.models import Role, RoleAssignment, User
from ikz.audit.models import Action
from ikz.audit.rules import changed_fields
from ikz.audit.services import ConflictError, create_object, delete_object, record, update_versioned
from ikz.lib.stand import german
from ikz.municipalities import rules
from ikz.municipalities.models import (
    ContactPerson,
    Kind,
    Level,
    Municipality,
    PopulationFigure,
    Region,
    RegionMember,
    SizeClass,
    SteeringGroupMember,
)

CONTACT_EDITABLE = ("street", "postal_code", "city", "website", "email", "phone")
OFFICE_EDITABLE = (*CONTACT_EDITABLE, "short_name", "municipal_share")


def update_master_data(
    municipality: Municipality,
    values: Mapping[str, object],
    *,
    expected_version: int,
    actor: User,
    office: bool,
) -> Municipality:
    """Change the editable master data. Contacts may change address and contact channels only."""
    allowed = OFFICE_EDITABLE if office else CONTACT_EDITABLE
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValidationError(_("Diese Felder dürfen Sie nicht ändern: %s") % ", ".join(sorted(unknown)))
    return update_versioned(
        Municipality, municipality.pk, values, expected_version=expected_version, actor=actor
    )


@transaction.atomic
def create_organisation(
    *,
    name: str,
    kind: str,
    parent: Municipality,
    municipal_share: Decimal,
    actor: User,
    short_name: str = "",
) -> Municipality:
    """A municipal organisation (Jobcenter, Zweckverband, AöR, company): no key, a parent authority."""
    if kind not in {
        k.value for k in (Kind.JOBCENTER, Kind.ZWECKVERBAND, Kind.AOER, Kind.KOMMUNALES_UNTERNEHMEN)
    }:
        raise ValidationError(
            _("Eine kommunale Organisation ist Jobcenter, Zweckverband, AöR oder Unternehmen.")
        )
    organisation = Municipality(
        name=name,
        short_name=short_name or rules.short_name(name),
        level=Level.ORGANISATION,
        kind=kind,
        parent=parent,
        land=parent.land if parent.level != Level.LAND else parent,
        kreis=parent if parent.level == Level.KREIS else parent.kreis,
        regierungsbezirk=parent.regierungsbezirk,
        municipal_share=municipal_share,
    )
    return create_object(organisation, actor=actor)


def refresh_current_population(municipality: Municipality) -> PopulationFigure | None:
    """Point ``current_population`` at the newest figure (ties: the last recorded)."""
    figures = list(municipality.population_figures.all())
    chosen = rules.current_figure([rules.Figure(f.stichtag, f.total, f.pk) for f in figures])
    current = next((f for f in figures if chosen and f.pk == chosen.recorded), None)
    if municipality.current_population_id != (current.pk if current else None):
        municipality.current_population = current
        municipality.save(update_fields=["current_population", "updated_at"])
    return current


@transaction.atomic
def record_population(
    municipality: Municipality,
    *,
    stichtag: dt.date,
    total: int,
    source: str,
    actor: User | None,
    male: int | None = None,
    is_sum: bool = False,
) -> PopulationFigure:
    """Add a population figure. History is kept; the newest reference date becomes the current figure."""
    if not source.strip():
        raise ValidationError({"source": _("Bitte geben Sie die Quelle der Einwohnerzahl an.")})
    if male is not None and male > total:
        raise ValidationError({"male": _("Die Zahl der Männer kann nicht größer sein als die Gesamtzahl.")})
    if PopulationFigure.objects.filter(municipality=municipality, stichtag=stichtag, source=source).exists():
        raise ValidationError(_("Für diesen Stichtag gibt es aus dieser Quelle bereits eine Einwohnerzahl."))
    figure = PopulationFigure.objects.create(
        municipality=municipality,
        stichtag=stichtag,
        total=total,
        male=male,
        source=source,
        is_sum=is_sum,
        created_by=actor,
    )
    previous = municipality.current_population
    current = refresh_current_population(municipality)
    record(
        municipality,
        Action.UPDATE,
        actor=actor,
        changes={
            _("Einwohnerzahl %(date)s") % {"date": f"{stichtag:%d.%m.%Y}"}: [None, f"{total} ({source})"],
            **changed_fields(
                {"current_population": str(previous) if previous else None},
                {"current_population": str(current) if current else None},
            ),
        },
        message=_("Einwohnerzahl erfasst"),
    )
    return figure


def add_contact_person(
    municipality: Municipality, values: Mapping[str, object], *, actor: User
) -> ContactPerson:
    person = ContactPerson(municipality=municipality, **values)
    create_object(person, actor=actor)
    record(municipality, Action.UPDATE, actor=actor, changes={_("Ansprechperson"): [None, person.name]})
    return person


def update_contact_person(
    person: ContactPerson, values: Mapping[str, object], *, expected_version: int, actor: User
) -> ContactPerson:
    return update_versioned(ContactPerson, person.pk, values, expected_version=expected_version, actor=actor)


@transaction.atomic
def remove_contact_person(person: ContactPerson, *, actor: User) -> None:
    record(
        person.municipality, Action.UPDATE, actor=actor, changes={_("Ansprechperson"): [person.name, None]}
    )
    delete_object(person, actor=actor)


# --- regions -------------------------------------------------------------------------------------

REGION_FIELDS = (
    "name",
    "slug",
    "description",
    "office_name",
    "office_host",
    "office_email",
    "office_phone",
    "class_source",
    "established_on",
)


@transaction.atomic
def create_region(
    values: Mapping[str, object], *, actor: User, message: str = "", office: User | None = None
) -> Region:
    """A region without members; ``office``: the person who becomes its office (a region office
    founding a second region)."""
    region = create_object(Region(**values), actor=actor, message=message)
    if office is not None:
        make_office(region, office, actor=actor)
    return region


def make_office(region: Region, office: User, *, actor: User | None) -> None:
    """``office`` becomes office of the new ``region`` (recorded on the role and on the region)."""
    assignment = RoleAssignment(user=office, role=Role.OFFICE, region=region)
    create_object(assignment, actor=actor, message=_("Gründung der Region %(r)s") % {"r": region})
    record(region, Action.UPDATE, actor=actor, changes={_("Geschäftsstelle"): [None, str(office)]})


def update_region(
    region: Region, values: Mapping[str, object], *, expected_version: int, actor: User
) -> Region:
    return update_versioned(Region, region.pk, values, expected_version=expected_version, actor=actor)


@dataclass(frozen=True)
class MemberRow:
    municipality: Municipality
    short_label: str
    joined_on: dt.date | None = None
    left_on: dt.date | None = None

    def describe(self, label: str) -> str:
        """How the member list's history shows the row: "Raun=Raunheim (seit 01.01.2013)"."""
        text = f"{label}={self.municipality}"
        dates = []
        if self.joined_on:
            dates.append(_("seit %(day)s") % {"day": german(self.joined_on)})
        if self.left_on:
            dates.append(_("bis %(day)s") % {"day": german(self.left_on)})
        return f"{text} ({', '.join(dates)})" if dates else text


@dataclass(frozen=True)
class SteeringRow:
    name: str
    function: str
    municipality: Municipality | None = None
    user: User | None = None
    is_demo: bool = False


@dataclass(frozen=True)
class SizeClassRow:
    label: str
    lower: int
    upper: int | None
    stated_count: int | None = None


def _lock_region(region: Region, expected_version: int, submitted: Mapping[str, object]) -> Region:
    locked = Region.objects.select_for_update().get(pk=region.pk)
    if locked.version != expected_version:
        raise ConflictError(locked, submitted, expected_version=expected_version)
    return locked


def _bump(region: Region) -> None:
    region.version += 1
    region.save(update_fields=["version"])


def member_errors(rows: Sequence[MemberRow], established_on: dt.date | None) -> list[str]:
    """Why a member list cannot be saved: labels missing or twice, a municipality twice, dates
    in the wrong order or before the region's start (each message names the member)."""
    errors: list[str] = []
    labels = [r.short_label.strip() for r in rows]
    if any(not label for label in labels):
        errors.append(_("Jedes Mitglied braucht ein Kürzel."))
    twice = sorted({label for label in labels if label and labels.count(label) > 1})
    if twice:
        errors.append(
            _("Jedes Kürzel darf in einer Region nur einmal vorkommen: %(labels)s.")
            % {"labels": ", ".join(twice)}
        )
    ids = [r.municipality.pk for r in rows]
    doubled = sorted({str(r.municipality) for r in rows if ids.count(r.municipality.pk) > 1})
    if doubled:
        errors.append(
            _("Jede Kommune darf nur einmal Mitglied sein: %(names)s.") % {"names": ", ".join(doubled)}
        )
    for row, label in zip(rows, labels, strict=True):
        errors += rules.member_date_errors(
            label or str(row.municipality), row.joined_on, row.left_on, established_on
        )
    return errors


def write_member_rows(region: Region, rows: Sequence[MemberRow]) -> list[str]:
    """Write the member rows of a locked region (the old ones are gone); what the history shows."""
    RegionMember.objects.bulk_create(
        RegionMember(
            region=region,
            municipality=r.municipality,
            position=i,
            short_label=r.short_label.strip(),
            joined_on=r.joined_on,
            left_on=r.left_on,
        )
        for i, r in enumerate(rows, start=1)
    )
    return [r.describe(r.short_label.strip()) for r in rows]


@transaction.atomic
def set_region_members(
    region: Region, rows: Sequence[MemberRow], *, expected_version: int, actor: User
) -> Region:
    """Replace the ordered member list as a whole (order = position in ``rows``), against the
    region's version: a list saved meanwhile by someone else raises ``ConflictError``."""
    locked = _lock_region(region, expected_version, {})
    errors = member_errors(rows, locked.established_on)
    if errors:
        raise ValidationError(errors)
    before = [
        MemberRow(m.municipality, m.short_label, m.joined_on, m.left_on).describe(m.short_label)
        for m in locked.members.select_related("municipality")
    ]
    locked.members.all().delete()
    after = write_member_rows(locked, rows)
    if before != after:
        _bump(locked)
        record(
            locked,
            Action.UPDATE,
            actor=actor,
            changes={_("Mitglieder"): ["; ".join(before), "; ".join(after)]},
        )
    return locked


@transaction.atomic
def set_steering_group(
    region: Region, rows: Sequence[SteeringRow], *, expected_version: int, actor: User
) -> Region:
    locked = _lock_region(region, expected_version, {})
    before = [f"{m.name} ({m.function})" for m in locked.steering_group.all()]
    locked.steering_group.all().delete()
    SteeringGroupMember.objects.bulk_create(
        SteeringGroupMember(
            region=locked,
            name=r.name,
            function=r.function,
            municipality=r.municipality,
            user=r.user,
            is_demo=r.is_demo,
            position=i,
        )
        for i, r in enumerate(rows, start=1)
    )
    after = [f"{r.name} ({r.function})" for r in rows]
    if before != after:
        _bump(locked)
        record(
            locked,
            Action.UPDATE,
            actor=actor,
            changes={_("Lenkungsgruppe"): ["; ".join(before), "; ".join(after)]},
        )
    return locked


@transaction.atomic
def set_size_classes(
    region: Region, rows: Sequence[SizeClassRow], *, expected_version: int, actor: User
) -> Region:
    """Replace the population size classes; bounds must be ordered and must not overlap."""
    locked = _lock_region(region, expected_version, {})
    rule_rows = [rules.SizeClassRule(r.label, r.lower, r.upper) for r in rows]
    for r in rows:
        if r.upper is not None and r.upper < r.lower:
            raise ValidationError(
                _("In der Klasse „%(label)s“ ist die Obergrenze kleiner als die Untergrenze.")
                % {"label": r.label}
            )
    overlaps = rules.overlapping_classes(rule_rows)
    if overlaps:
        a, b = overlaps[0]
        raise ValidationError(_("Die Klassen „%(a)s“ und „%(b)s“ überschneiden sich.") % {"a": a, "b": b})
    before = [f"{c.label}: {c.lower}–{c.upper or ''}" for c in locked.size_classes.all()]
    locked.size_classes.all().delete()
    SizeClass.objects.bulk_create(
        SizeClass(
            region=locked,
            position=i,
            label=r.label,
            lower=r.lower,
            upper=r.upper,
            stated_count=r.stated_count,
        )
        for i, r in enumerate(rows, start=1)
    )
    after = [f"{r.label}: {r.lower}–{r.upper or ''}" for r in rows]
    if before != after:
        _bump(locked)
        record(
            locked,
            Action.UPDATE,
            actor=actor,
            changes={_("Größenklassen"): ["; ".join(before), "; ".join(after)]},
        )
    return locked
