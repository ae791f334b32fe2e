"""The read side of the partner search: candidates anywhere, their ties to one municipality, ranked
by ``ikz.partners.rules``. A constant number of queries, whatever the number of candidates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from ikz.cooperation.models import CooperationField, Participant, ParticipantStatus
from ikz.interests.models import DeclarationStatus
from ikz.lib.topology import Point
from ikz.municipalities.models import Centroid, Municipality, Neighbour, RegionMember
from ikz.municipalities.rules import DEFAULT_SIZE_CLASSES, SizeClassRule
from ikz.network.models import ReuseInterest
from ikz.partners import access, rules

SIZE_CLASSES: tuple[SizeClassRule, ...] = DEFAULT_SIZE_CLASSES


@dataclass
class Row:
    ranked: rules.Ranked
    municipality: Municipality

    @property
    def land(self) -> str:
        return self.municipality.land.name if self.municipality.land else ""

    @property
    def kreis(self) -> str:
        return self.municipality.kreis.name if self.municipality.kreis else ""


@dataclass
class PartnerSearch:
    field: CooperationField
    home: Municipality | None
    rows: list[Row]
    active: int  # candidates before the filters
    home_has_neighbours: bool = False
    filtered_out: int = 0


def _activities(user: Any, field_id: int) -> dict[int, list[rules.Activity]]:
    found: dict[int, list[rules.Activity]] = {}
    participants = Participant.objects.filter(
        cooperation__in=access.visible_cooperations(user).filter(field_id=field_id),
        status__in=[ParticipantStatus.EXISTS, ParticipantStatus.PLANNED],
        left_on__isnull=True,
    ).values_list("municipality_id", "status", "cooperation_id", "cooperation__title")
    for unit_id, status, coop_id, title in participants.order_by("cooperation__title"):
        kind = rules.Kind.RUNS if status == ParticipantStatus.EXISTS else rules.Kind.PLANS
        url = reverse("cooperation:cooperation_detail", args=[coop_id])
        found.setdefault(unit_id, []).append(rules.Activity(kind, title, url))
    needs = access.visible_needs(user).filter(field_id=field_id).values_list("owner_id", "pk", "title")
    for unit_id, pk, title in needs.order_by("title"):
        url = reverse("network:need_detail", args=[pk])
        found.setdefault(unit_id, []).append(rules.Activity(rules.Kind.NEED, title, url))
    solutions = access.visible_solutions(user).filter(field_id=field_id)
    for unit_id, pk, title in solutions.values_list("owner_id", "pk", "title").order_by("title"):
        url = reverse("network:solution_detail", args=[pk])
        found.setdefault(unit_id, []).append(rules.Activity(rules.Kind.OFFERS, title, url))
    reuse = ReuseInterest.objects.filter(solution__in=solutions).values_list(
        "municipality_id", "solution_id", "solution__title"
    )
    for unit_id, pk, title in reuse.order_by("solution__title"):
        url = reverse("network:solution_detail", args=[pk])
        found.setdefault(unit_id, []).append(rules.Activity(rules.Kind.REUSE, title, url))
    declarations = (
        access.visible_declarations(user)
        .filter(
            status=DeclarationStatus.SUBMITTED, answers__topic__field_id=field_id, answers__interested=True
        )
        .values_list("municipality_id", "call_id", "call__title")
        .distinct()
    )
    for unit_id, call_id, title in declarations.order_by("call__title"):
        url = reverse("interests:call_detail", args=[call_id])
        found.setdefault(unit_id, []).append(rules.Activity(rules.Kind.INTEREST, title, url))
    return found


def _grouped(pairs: Sequence[tuple[int, str]] | Any) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for unit_id, name in pairs:
        names = grouped.setdefault(unit_id, [])
        if name not in names:
            names.append(name)
    return grouped


def _ties(user: Any, home: Municipality, ids: list[int]) -> rules.Ties:
    neighbours = frozenset(Neighbour.objects.filter(municipality=home).values_list("neighbour_id", flat=True))
    shared = access.visible_cooperations(user).filter(
        participants__municipality=home, participants__status=ParticipantStatus.EXISTS
    )
    cooperations = Participant.objects.filter(
        cooperation__in=shared, municipality_id__in=ids, status=ParticipantStatus.EXISTS
    ).values_list("municipality_id", "cooperation__title")
    regions = RegionMember.objects.filter(
        region__members__municipality=home,
        region__members__left_on__isnull=True,
        municipality_id__in=ids,
        left_on__isnull=True,
    ).values_list("municipality_id", "region__name")
    members = access.visible_members(user)
    cooperatives = members.filter(
        cooperative__members__in=members.filter(municipality=home, exit_on__isnull=True),
        municipality_id__in=ids,
        exit_on__isnull=True,
    ).values_list("municipality_id", "cooperative__name")
    return rules.Ties(
        neighbours,
        _grouped(cooperations.order_by("cooperation__title")),
        _grouped(regions.order_by("region__name")),
        _grouped(cooperatives.order_by("cooperative__name")),
    )


def _unit(m: Municipality, points: dict[int, Point]) -> rules.Unit:
    population = m.current_population.total if m.current_population else None
    return rules.Unit(m.pk, m.name, population, points.get(m.pk))


def partner_search(
    user: Any,
    field: CooperationField,
    home: Municipality | None,
    *,
    land: Municipality | None = None,
    kreis: Municipality | None = None,
    size: SizeClassRule | None = None,
) -> PartnerSearch:
    """Who is active in ``field`` anywhere, ranked from ``home``'s point of view (if given)."""
    activities = _activities(user, field.pk)
    if home is not None:
        activities.pop(home.pk, None)
    units = Municipality.objects.filter(pk__in=list(activities)).select_related(
        "land", "kreis", "current_population"
    )
    if land is not None:
        units = units.filter(land=land)
    if kreis is not None:
        units = units.filter(kreis=kreis)
    chosen = [
        m
        for m in units
        if size is None or rules.in_size_class(_unit(m, {}).population, size.lower, size.upper)
    ]
    ids = [m.pk for m in chosen]
    centre_ids = [*ids, home.pk] if home is not None else ids
    points = {
        unit_id: (lat, lon)
        for unit_id, lat, lon in Centroid.objects.filter(municipality_id__in=centre_ids).values_list(
            "municipality_id", "latitude", "longitude"
        )
    }
    ties = _ties(user, home, ids) if home is not None else rules.Ties()
    by_id = {m.pk: m for m in chosen}
    home_unit = _unit(home, points) if home is not None else None
    ranked = rules.rank(home_unit, [(_unit(m, points), activities[m.pk]) for m in chosen], ties)
    return PartnerSearch(
        field=field,
        home=home,
        rows=[Row(r, by_id[r.unit.pk]) for r in ranked],
        active=len(activities),
        home_has_neighbours=bool(ties.neighbours),
        filtered_out=len(activities) - len(chosen),
    )
