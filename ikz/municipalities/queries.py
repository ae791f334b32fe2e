"""Read side: assembling what a page shows from the database and the pure rules. No writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ikz.municipalities import rules
from ikz.municipalities.forms import SORTS
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


@dataclass(frozen=True)
class MemberRow:
    member: RegionMember
    figure: PopulationFigure | None
    counted: bool  # False for a member whose area other members already cover (the Kreis)


@dataclass(frozen=True)
class ClassRow:
    config: SizeClass
    result: rules.ClassCount

    @property
    def differs(self) -> bool:
        return self.config.stated_count is not None and self.config.stated_count != self.result.count


@dataclass(frozen=True)
class RegionOverview:
    region: Region
    stichtage: list[dt.date]
    chosen: dt.date | None
    rows: list[MemberRow]
    class_rows: list[ClassRow]
    unclassified: list[tuple[str, int | None]] = field(default_factory=list)

    @property
    def total_population(self) -> int:
        return sum(r.figure.total for r in self.rows if r.counted and r.figure)

    @property
    def total_area_ha(self) -> int:
        return sum(r.member.municipality.area_ha or 0 for r in self.rows if r.counted)

    @property
    def total_area_km2(self) -> float:
        return self.total_area_ha / 100

    @property
    def counted_members(self) -> int:
        return sum(1 for r in self.rows if r.counted)

    @property
    def covering_rows(self) -> list[MemberRow]:
        """Members whose area the others already cover (the Kreis as "15. Kommune"): shown, never summed."""
        return [r for r in self.rows if not r.counted]

    @property
    def classified_members(self) -> int:
        """The members in the size classes (seed 003: the 14 Städte und Gemeinden)."""
        return sum(r.result.count for r in self.class_rows)

    @property
    def stated_members(self) -> int | None:
        """The sum of the source's counts per class, when the source gives every class."""
        stated = [r.config.stated_count for r in self.class_rows]
        return sum(c for c in stated if c is not None) if stated and None not in stated else None

    @property
    def any_difference(self) -> bool:
        return bool(self.unclassified) or any(r.differs for r in self.class_rows)

    @property
    def area_differs_from_source(self) -> bool:
        stated = self.region.stated_area_km2
        return stated is not None and round(stated * 100) != self.total_area_ha


def region_overview(region: Region, stichtag: dt.date | None) -> RegionOverview:
    """Members with their figures at ``stichtag`` (default: the newest one), totals and size classes.

    A constant number of queries, whatever the number of members.
    """
    members = list(
        region.members.select_related("municipality", "municipality__current_population").order_by("position")
    )
    member_ids = [m.municipality_id for m in members]
    stichtage = sorted(
        set(PopulationFigure.objects.filter(municipality__in=member_ids).values_list("stichtag", flat=True)),
        reverse=True,
    )
    chosen = stichtag if stichtag in stichtage else (stichtage[0] if stichtage else None)
    figures: dict[int, PopulationFigure] = {}
    if chosen is not None:
        at_stichtag = PopulationFigure.objects.filter(municipality__in=member_ids, stichtag=chosen)
        for figure in at_stichtag.order_by("id"):
            figures[figure.municipality_id] = figure  # the last recorded wins
    covering = rules.covering_keys([m.municipality.key for m in members if m.municipality.key])
    rows = [
        MemberRow(m, figures.get(m.municipality_id), counted=(m.municipality.key or "") not in covering)
        for m in members
    ]
    classes = list(region.size_classes.order_by("position"))
    counts, unclassified = rules.classify(
        [(r.member.municipality.short_name, r.figure.total if r.figure else None) for r in rows if r.counted],
        [rules.SizeClassRule(c.label, c.lower, c.upper) for c in classes],
    )
    return RegionOverview(
        region=region,
        stichtage=stichtage,
        chosen=chosen,
        rows=rows,
        class_rows=[ClassRow(c, r) for c, r in zip(classes, counts, strict=True)],
        unclassified=unclassified,
    )


# --- small reads of the municipality and region pages ---------------------------------------------


def contact_of(municipality: Municipality, pk: int) -> ContactPerson:
    """A contact person of ``municipality`` (404 for another municipality's)."""
    return get_object_or_404(ContactPerson, pk=pk, municipality=municipality)


def figures_of(municipality: Municipality) -> QuerySet[PopulationFigure]:
    return municipality.population_figures.order_by("-stichtag", "-id")


def children_of(municipality: Municipality) -> QuerySet[Municipality]:
    return Municipality.objects.filter(parent=municipality).order_by("short_name")


def memberships_of(municipality: Municipality) -> QuerySet[RegionMember]:
    return municipality.region_memberships.select_related("region").order_by("region__name")


def steering_of(region: Region) -> QuerySet[SteeringGroupMember]:
    return region.steering_group.select_related("municipality").order_by("position")


def member_rows(region: Region) -> list[dict[str, Any]]:
    """The members as rows of the members form."""
    return [
        {
            "key": m.municipality.key,
            "short_label": m.short_label,
            "joined_on": m.joined_on,
            "left_on": m.left_on,
            "ORDER": m.position,
        }
        for m in region.members.select_related("municipality").order_by("position")
    ]


def steering_rows(region: Region) -> list[dict[str, Any]]:
    return [
        {"name": s.name, "function": s.function, "is_demo": s.is_demo} for s in region.steering_group.all()
    ]


def size_class_rows(region: Region) -> list[dict[str, Any]]:
    return [
        {"label": c.label, "lower": c.lower, "upper": c.upper, "stated_count": c.stated_count}
        for c in region.size_classes.order_by("position")
    ]


# --- the municipality list ------------------------------------------------------------------------


def filter_choices(land_key: str) -> tuple[list[tuple[str | None, str]], list[tuple[str | None, str]]]:
    """The Länder and the (current) Kreise of the filter, the Kreise within ``land_key`` if given."""
    laender = list(
        Municipality.objects.filter(level=Level.LAND).order_by("key").values_list("key", "short_name")
    )
    kreis_query = Municipality.objects.filter(level=Level.KREIS, is_historical=False)
    if land_key:
        kreis_query = kreis_query.filter(key__startswith=land_key)
    kinds = dict(Kind.choices)  # "Landkreis München (09184)" vs "Kreisfreie Stadt München (09162)"
    kreise = [
        (k, rules.choice_label(n, str(kinds.get(kind, "")), Level.KREIS, k))
        for k, n, kind in kreis_query.order_by("short_name", "key").values_list("key", "name", "kind")
    ]
    return laender, kreise


def filtered(
    municipalities: QuerySet[Municipality], data: Mapping[str, Any] | None
) -> QuerySet[Municipality]:
    """``municipalities`` by the list's filter (``data``: the valid filter form's values, or None),
    sorted; historical units only when asked for."""
    query = municipalities.select_related("kreis", "land", "current_population")
    sort = "name"
    if data is not None:
        if data["q"]:
            text = data["q"].strip()
            query = query.filter(
                Q(name__icontains=text) | Q(short_name__icontains=text) | Q(key__startswith=text)
            )
        if data["land"]:
            query = query.filter(_within(data["land"], "land"))
        if data["kreis"]:
            query = query.filter(_within(data["kreis"], "kreis"))
        if data["kind"]:
            query = query.filter(kind=data["kind"])
        if not data["historical"]:
            query = query.filter(is_historical=False)
        sort = data["sort"] or "name"
    else:
        query = query.filter(is_historical=False)
    return query.order_by(*SORTS[sort])


def _within(key: str, level: str) -> Q:
    """The unit ``key`` and everything in it: official keys are hierarchical (06 → 06433 → 06433012);
    organisations have no key and are found through their ``land``/``kreis``. No join, so it stays fast."""
    return Q(key__startswith=key) | Q(**{f"{level}__in": Municipality.objects.filter(key=key).values("pk")})


# --- a new region from the register ----------------------------------------------------------------


def kreis_choices() -> list[tuple[str, str]]:
    """The current Kreise and kreisfreie Städte of the register, named unambiguously."""
    rows = (
        Municipality.objects.filter(level=Level.KREIS, is_historical=False)
        .order_by("short_name", "key")
        .values_list("key", "short_name", "kind")
    )
    kinds = dict(Kind.choices)
    return [(key or "", f"{name} ({kinds.get(kind, kind)}, {key})") for key, name, kind in rows]


@dataclass(frozen=True)
class Proposal:
    """The members a new region would get, with proposed abbreviations, or why not (by line)."""

    members: list[Municipality]
    labels: list[str]
    name: str = ""
    slug: str = ""
    errors: list[str] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """The initial rows of the founding form."""
        return [
            {"key": m.key, "short_label": label, "include": True}
            for m, label in zip(self.members, self.labels, strict=True)
        ]


def _labelled(members: list[Municipality], name: str = "", errors: list[str] | None = None) -> Proposal:
    labels = rules.propose_labels([(m.short_name, m.level == Level.KREIS) for m in members])
    return Proposal(members, labels, name, rules.proposed_slug(name) if name else "", errors or [])


def proposal_for_kreis(key: str) -> Proposal:
    """All current Gemeinden of the Kreis (without gemeindefreie Gebiete), by name, and the Kreis
    itself as the last member (decision 104). Two queries."""
    kreis = Municipality.objects.filter(key=key, level=Level.KREIS).first()
    if kreis is None:
        return Proposal([], [], errors=[_("Zu diesem Schlüssel gibt es keinen Kreis.")])
    gemeinden = list(
        Municipality.objects.filter(key__startswith=key, level=Level.GEMEINDE, is_historical=False)
        .exclude(kind=Kind.GEMEINDEFREI)
        .order_by("short_name", "key")
    )
    return _labelled([*gemeinden, kreis], rules.proposed_region_name(kreis.short_name, kreis.kind))


def proposal_for_keys(text: str) -> Proposal:
    """The units of a pasted list of keys (AGS, Kreis or Verband key, or ARS), in its order; every
    line that names no current unit of the register is refused with its number. One query."""
    lines, errors = rules.parse_key_lines(text)
    wanted = [line.key for line in lines]
    found = Municipality.objects.filter(Q(key__in=wanted) | Q(ars__in=[k for k in wanted if len(k) == 12]))
    by_key: dict[str, Municipality] = {}
    for unit in found.exclude(level=Level.ORGANISATION):
        by_key[unit.key or ""] = unit
        if len(unit.ars) == 12 and unit.level == Level.GEMEINDE:
            by_key.setdefault(unit.ars, unit)
    members: list[Municipality] = []
    for line in lines:
        found_unit = by_key.get(line.key)
        if found_unit is None:
            errors.append(
                _("Zeile %(line)s: Zu %(key)s gibt es im Gemeindeverzeichnis keine Kommune.")
                % {"line": line.line, "key": line.key}
            )
        elif found_unit.is_historical:
            errors.append(
                _("Zeile %(line)s: %(name)s (%(key)s) gehört nicht mehr zum aktuellen Gebietsstand.")
                % {"line": line.line, "name": found_unit.name, "key": line.key}
            )
        elif found_unit in members:
            errors.append(
                _("Zeile %(line)s: %(name)s steht schon in einer früheren Zeile.")
                % {"line": line.line, "name": found_unit.name}
            )
        else:
            members.append(found_unit)
    errors.sort(key=_line_number)
    return _labelled(members, errors=errors)


def _line_number(message: str) -> int:
    digits = "".join(ch for ch in message.split(":", 1)[0] if ch.isdigit())
    return int(digits or 0)


def unit_names(keys: list[str]) -> dict[str, str]:
    """Key → "Name (key)" of the units of a member list (one query), for the rows of its form."""
    wanted = [key for key in keys if key]
    return {
        key or "": f"{name} ({key})"
        for key, name in Municipality.objects.filter(key__in=wanted).values_list("key", "name")
    }


def proposal_from(choice: Mapping[str, Any]) -> Proposal:
    """The proposal of the founding page's first step (a valid ``RegisterChoiceForm``)."""
    if choice.get("kreis"):
        return proposal_for_kreis(choice["kreis"])
    return proposal_for_keys(choice.get("keys") or "")


def response_rate(rows: QuerySet[Any], answers: type[Model], to: str, submitted: str) -> QuerySet[Any]:
    """``rows`` (surveys or interest calls, each with a ``region``) annotated with ``members`` (the
    region's members: the rows of the Rücklauf) and ``submitted`` (those members' ``answers`` in
    state ``submitted``, linked to the row by the field ``to``) — in the same query, however many
    regions."""
    members = (
        RegionMember.objects.filter(region=OuterRef("region"))
        .order_by()
        .values("region")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sent = (
        answers._default_manager.filter(
            **{to: OuterRef("pk")},
            status=submitted,
            municipality__region_memberships__region=OuterRef("region"),
        )
        .order_by()
        .values(to)
        .annotate(n=Count("pk"))
        .values("n")
    )
    annotated: QuerySet[Any] = rows.annotate(
        members=Coalesce(Subquery(members), 0), submitted=Coalesce(Subquery(sent), 0)
    )
    return annotated
