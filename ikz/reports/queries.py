"""What the annual report (Zwischenbericht) of a region and year holds, from a constant number of
queries: the projects and their state, the new cooperations, the participation (confirmed only) and
the savings recorded for that year (an amount over several years counts evenly per year)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from ikz.cooperation.models import Cooperation
from ikz.costs.queries import region_savings, savings_by_year
from ikz.lib.stand import Stand, year_end_stand
from ikz.municipalities.models import Region
from ikz.projects import queries as project_queries
from ikz.projects import rules
from ikz.projects.models import Project


@dataclass(frozen=True)
class SavingLine:
    cooperation: Cooperation
    period: str  # of the whole entry, e.g. "2016–2017"
    kind: str
    amount: Decimal  # the part of the entry that falls on the report's year
    illustrative: bool


@dataclass
class AnnualReport:
    region: Region
    year: int
    projects: list[Project]  # each with its state as of the Stand
    new_cooperations: list[Cooperation]
    matrix: project_queries.Matrix
    savings: list[SavingLine]
    stand: Stand

    @property
    def savings_total(self) -> Decimal:
        return sum((line.amount for line in self.savings), Decimal(0))


def annual_report(user: Any, region: Region, year: int, stand: Stand | None = None) -> AnnualReport:
    """The report of ``year`` as of ``stand`` (default: 31.12. of that year, today within it;
    decision 92): the projects that existed on that day and had not ended before the year, with
    their state on that day; the matrix of that day (confirmed cells only)."""
    stand = stand or year_end_stand(year, timezone.localdate())
    day = stand.day
    candidates = list(
        Project.objects.filter(region=region)
        .select_related("field", "lead_municipality", "cooperation")
        .order_by("title", "pk")
    )
    steps = project_queries.steps_by_project(Project.objects.filter(region=region).values("pk"))
    projects = [
        p
        for p in project_queries.as_of(candidates, day, steps)
        if (
            rules.in_report_on(steps[p.pk], year, day)
            if steps.get(p.pk)
            else rules.in_report(year, p.year, p.finished_on)
        )
    ]
    new_cooperations = list(
        Cooperation.objects.filter(
            Q(since_year=year)
            | Q(
                projects__status=rules.OPERATING,
                projects__finished_on__year=year,
                projects__finished_on__lte=day,
            ),
            region=region,
        )
        .select_related("field")
        .distinct()
        .order_by("title", "pk")
    )
    columns = project_queries.matrix_columns(Project.objects.filter(region=region), day)
    matrix = project_queries.matrix(user, region, columns, confirmed_only=True, day=day)
    savings = [
        SavingLine(entry.cooperation, entry.period, entry.get_kind_display(), amount, entry.illustrative)
        for entry in region_savings(region)
        if entry.year_from <= year <= entry.year_to
        and (amount := savings_by_year([entry]).get(year, Decimal(0)))
    ]
    return AnnualReport(region, year, projects, new_cooperations, matrix, savings, stand)
