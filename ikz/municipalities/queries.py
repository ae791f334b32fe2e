"""Read side: assembling what a page shows from the database and the pure rules. No writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ikz.municipalities import rules
from ikz.municipalities.models import PopulationFigure, Region, RegionMember, SizeClass


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
