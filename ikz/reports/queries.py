"""What the annual report (Zwischenbericht) of a region and year holds, from a constant number of
queries: the projects and their state, the new cooperations, the participation (confirmed only) and
the savings recorded for that year (an amount over several years counts evenly per year)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q

from ikz.cooperation.models import Cooperation
from ikz.costs.queries import region_savings, savings_by_year
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
    projects: list[Project]
    new_cooperations: list[Cooperation]
    matrix: project_queries.Matrix
    savings: list[SavingLine]

    @property
    def savings_total(self) -> Decimal:
        return sum((line.amount for line in self.savings), Decimal(0))


def annual_report(user: Any, region: Region, year: int) -> AnnualReport:
    candidates = list(
        Project.objects.filter(region=region)
        .select_related("field", "lead_municipality", "cooperation")
        .order_by("title", "pk")
    )
    projects = [p for p in candidates if rules.in_report(year, p.year, p.finished_on)]
    new_cooperations = list(
        Cooperation.objects.filter(
            Q(since_year=year) | Q(projects__status=rules.OPERATING, projects__finished_on__year=year),
            region=region,
        )
        .select_related("field")
        .distinct()
        .order_by("title", "pk")
    )
    columns = project_queries.matrix_projects(Project.objects.filter(region=region), year)
    matrix = project_queries.matrix(user, region, columns, confirmed_only=True)
    savings = [
        SavingLine(entry.cooperation, entry.period, entry.get_kind_display(), amount, entry.illustrative)
        for entry in region_savings(region)
        if entry.year_from <= year <= entry.year_to
        and (amount := savings_by_year([entry]).get(year, Decimal(0)))
    ]
    return AnnualReport(region, year, projects, new_cooperations, matrix, savings)
