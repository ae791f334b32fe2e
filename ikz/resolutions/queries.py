"""Read side of the resolutions: the overview of a region (table and map) and one resolution's page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ikz.municipalities.models import Boundary, Municipality, Region, RegionMember
from ikz.resolutions import rules
from ikz.resolutions.models import Outcome, Resolution, Subject


def outcome_label(outcome: str) -> str:
    if outcome == rules.NO_ENTRY:
        return _("kein Eintrag")
    return str(Outcome(outcome).label)


@dataclass
class OverviewRow:
    """A member and its resolution; ``day``: the Stand (None: today), ``shown``: the resolution as
    far as it had taken effect by then (None before its date)."""

    member: RegionMember
    resolution: Resolution | None
    day: dt.date | None = None

    @property
    def municipality(self) -> Municipality:
        return self.member.municipality

    @property
    def outcome(self) -> str:
        if self.resolution is None:
            return rules.NO_ENTRY
        if self.day is None:
            return self.resolution.outcome
        return rules.outcome_on(self.resolution.outcome, self.resolution.date, self.day)

    @property
    def shown(self) -> Resolution | None:
        return self.resolution if self.outcome != rules.NO_ENTRY else None

    @property
    def style(self) -> rules.OutcomeStyle:
        return rules.OUTCOME_STYLES[self.outcome]


def overview_rows(
    region: Region, subject: str = Subject.PRINCIPLE, day: dt.date | None = None
) -> list[OverviewRow]:
    """Every member in the region's order with its resolution on ``subject`` as of ``day`` (None:
    as it is recorded now); two queries whatever the day."""
    members = list(
        RegionMember.objects.filter(region=region).select_related("municipality").order_by("position")
    )
    resolutions = {
        r.municipality_id: r
        for r in Resolution.objects.filter(
            municipality_id__in=[m.municipality_id for m in members], subject=subject
        ).exclude(subject=Subject.OTHER)
    }
    return [OverviewRow(m, resolutions.get(m.municipality_id), day) for m in members]


OPEN_OUTCOMES = frozenset({rules.NO_ENTRY, Outcome.PENDING})  # a principle resolution still to record


def open_rows(rows: list[OverviewRow], editable: set[int]) -> list[OverviewRow]:
    """``?offen=1``: the rows whose principle resolution is still to be recorded (none yet, or
    "noch offen") by the person (``editable``: the municipalities they may record for)."""
    return [r for r in rows if r.outcome in OPEN_OUTCOMES and r.municipality.pk in editable]


def to_record(municipality_ids: frozenset[int], day: dt.date) -> list[RegionMember]:
    """The memberships of ``municipality_ids`` whose principle resolution is still to be recorded
    on ``day``, read as :func:`overview_rows` reads it (two queries; the contact's start page)."""
    members = list(
        RegionMember.objects.filter(municipality_id__in=municipality_ids)
        .select_related("region", "municipality")
        .order_by("region__name", "position")
    )
    resolutions = {
        r.municipality_id: r
        for r in Resolution.objects.filter(municipality_id__in=municipality_ids, subject=Subject.PRINCIPLE)
    }
    return [
        m for m in members if OverviewRow(m, resolutions.get(m.municipality_id), day).outcome in OPEN_OUTCOMES
    ]


def boundaries_of(municipality_ids: list[int]) -> dict[int, Boundary]:
    return {b.municipality_id: b for b in Boundary.objects.filter(municipality_id__in=municipality_ids)}


def outline_kreis(rows: list[OverviewRow], boundaries: Mapping[int, Boundary]) -> Municipality | None:
    """The Kreis among the members (drawn as an outline, not as a filled area), if it has a boundary."""
    for row in rows:
        if row.municipality.level == "kreis" and row.municipality.pk in boundaries:
            return row.municipality
    return None


@dataclass
class OverviewMap:
    """The map of the overview: filled members, the Kreis outline, legend, members without boundary."""

    layout: Any  # rules.project(...) or None when no member has a boundary
    shapes: list[tuple[OverviewRow, Any]]
    kreis: Municipality | None
    kreis_shape: Any
    legend: list[tuple[str, str, rules.OutcomeStyle, int]]  # outcome, label, style, count
    without: list[OverviewRow]
    sources: list[tuple[str, Any]]


def overview_map(rows: list[OverviewRow]) -> OverviewMap:
    """The map of ``rows`` (one query for the boundaries)."""
    boundaries = boundaries_of([r.municipality.pk for r in rows])
    kreis = outline_kreis(rows, boundaries)
    filled = [r for r in rows if r.municipality.pk in boundaries and r.municipality != kreis]
    geometries = {str(r.municipality.pk): boundaries[r.municipality.pk].geometry for r in filled}
    if kreis is not None and filled:
        geometries["kreis"] = boundaries[kreis.pk].geometry
    layout = rules.project(geometries) if filled else None
    shapes = []
    if layout is not None:
        for row in filled:
            shape = layout.shapes.get(str(row.municipality.pk))
            if shape is not None:
                shapes.append((row, shape))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.outcome] = counts.get(row.outcome, 0) + 1
    legend = [
        (outcome, outcome_label(outcome), style, counts.get(outcome, 0))
        for outcome, style in rules.OUTCOME_STYLES.items()
        if outcome != rules.NO_ENTRY or counts.get(outcome)
    ]
    without = [r for r in rows if r.municipality.pk not in boundaries and r.municipality != kreis]
    return OverviewMap(
        layout=layout,
        shapes=shapes,
        kreis=kreis,
        kreis_shape=layout.shapes.get("kreis") if layout and kreis else None,
        legend=legend,
        without=[r for r in without if layout is not None],
        sources=sorted({(b.source_file, b.source_date) for b in boundaries.values()}),
    )


def regions_of(municipality_id: int) -> list[Region]:
    """The regions the municipality is a member of."""
    members = RegionMember.objects.filter(municipality_id=municipality_id).select_related("region")
    return [m.region for m in members]


def principle_resolution(municipality: Municipality) -> Resolution | None:
    """The municipality's IKZ resolution in principle (Grundsatzbeschluss), if recorded."""
    return Resolution.objects.filter(municipality=municipality, subject=Subject.PRINCIPLE).first()


def member_count(region: Region) -> int:
    return RegionMember.objects.filter(region=region).count()
