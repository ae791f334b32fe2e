"""Read side of the money pages: participants, figures and cases of a key, grant checks per programme,
savings per year and region, the staffing sheet, the small reads of the views (no writes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, QuerySet

from ikz.cooperation.models import Cooperation, ParticipantStatus
from ikz.costs import rules
from ikz.costs.models import (
    Allocation,
    AllocationKey,
    AllocationShare,
    CaseCount,
    GrantApplication,
    GrantProgramme,
    SavingsEntry,
    StaffingStudy,
)
from ikz.costs.rules import bar_chart
from ikz.municipalities.models import Municipality, PopulationFigure, Region


@dataclass
class GrantCheck:
    programme: GrantProgramme
    application: GrantApplication | None
    conditions: list[rules.Condition]
    standard_amount: Decimal | None

    @property
    def all_met(self) -> bool:
        return all(c.met for c in self.conditions)


def _tiers(programme: GrantProgramme) -> list[rules.GrantTier]:
    return [rules.GrantTier(int(t["min_participants"]), Decimal(str(t["amount"]))) for t in programme.tiers]


def grant_checks(
    cooperation: Cooperation, programmes: list[GrantProgramme], applications: list[GrantApplication]
) -> list[GrantCheck]:
    """One check per application, and one per programme the cooperation has not applied to."""
    participants = len(participants_of(cooperation))
    checks = []
    applied = {a.programme_id for a in applications}
    pairs: list[tuple[GrantProgramme, GrantApplication | None]] = [(a.programme, a) for a in applications]
    pairs += [(p, None) for p in programmes if p.pk not in applied]
    for programme, application in pairs:
        app: Any = application
        conditions = rules.grant_conditions(
            min_participants=programme.min_participants,
            min_duration_years=programme.min_duration_years,
            min_savings_percent=programme.min_savings_percent,
            tiers=_tiers(programme),
            participants=participants,
            duration_years=app.duration_years if app else None,
            expenditure_before=app.expenditure_before if app else None,
            savings_per_year=app.savings_per_year if app else None,
            requested=(app.amount_requested or app.amount_awarded) if app else None,
        )
        checks.append(
            GrantCheck(
                programme, application, conditions, rules.grant_amount(_tiers(programme), participants)
            )
        )
    return checks


def savings_by_year(entries: Sequence[SavingsEntry]) -> dict[int, Decimal]:
    """Totals per year; an amount over several years is split evenly to the cent."""
    totals: dict[int, Decimal] = {}
    for entry in entries:
        years = list(range(entry.year_from, entry.year_to + 1))
        for year, amount in rules.allocate(entry.amount, {str(y): 1 for y in years}).items():
            totals[int(year)] = totals.get(int(year), Decimal(0)) + amount
    return dict(sorted(totals.items()))


def region_savings(region: Region) -> list[SavingsEntry]:
    return list(
        SavingsEntry.objects.filter(cooperation__region=region)
        .select_related("cooperation")
        .order_by("year_from", "cooperation__title")
    )


# --- reading the key ------------------------------------------------------------------------------


def participants_of(cooperation: Cooperation) -> list[Municipality]:
    """The municipalities that take part today (status "exists"), by AGS."""
    return [
        p.municipality
        for p in cooperation.participants.filter(status=ParticipantStatus.EXISTS)
        .select_related("municipality")
        .order_by("municipality__key")
    ]


def populations_at(municipalities: Sequence[Municipality], stichtag: dt.date | None) -> dict[int, int]:
    """Population per municipality id at exactly ``stichtag`` (the last recorded figure of that date)."""
    if stichtag is None:
        return {}
    figures: dict[int, int] = {}
    for municipality_id, total in (
        PopulationFigure.objects.filter(municipality__in=municipalities, stichtag=stichtag)
        .order_by("municipality_id", "id")
        .values_list("municipality_id", "total")
    ):
        figures[municipality_id] = total
    return figures


def cases_of(cooperation: Cooperation) -> dict[int, dict[int, Decimal]]:
    result: dict[int, dict[int, Decimal]] = {}
    for municipality_id, year, cases in CaseCount.objects.filter(cooperation=cooperation).values_list(
        "municipality_id", "year", "cases"
    ):
        result.setdefault(municipality_id, {})[year] = cases
    return result


def staffing_result(study: StaffingStudy) -> rules.StaffingResult:
    rows = [
        rules.WorkloadRow(
            r.municipality.key or "",
            r.municipality.name,
            r.cases,
            r.minutes_per_case,
            r.current_fte,
            r.current_grade.full_cost,
        )
        for r in study.rows.select_related("municipality", "current_grade").order_by("municipality__key")
    ]
    try:
        return rules.staffing(
            rows,
            net_minutes_per_fte=study.net_hours_per_fte * 60,
            pooled_cost_per_fte=study.pooled_grade.full_cost,
            overhead=study.overhead,
            fte_step=study.fte_step,
        )
    except rules.AllocationError as exc:
        raise ValidationError(exc.messages) from exc


# --- small reads of the pages ---------------------------------------------------------------------


def case_counts(cooperation: Cooperation) -> list[CaseCount]:
    """The cooperation's case numbers by AGS and year, with their municipality (one query)."""
    return list(
        CaseCount.objects.filter(cooperation=cooperation)
        .select_related("municipality")
        .order_by("municipality__key", "year")
    )


def key_of(cooperation: Cooperation) -> AllocationKey | None:
    return AllocationKey.objects.filter(cooperation=cooperation).first()


def allocation_years(
    allocations: QuerySet[Allocation], shares: QuerySet[AllocationShare]
) -> list[tuple[int, list[Allocation]]]:
    """The visible allocations with their visible shares (by AGS), grouped by year, newest first."""
    rows = list(
        allocations.select_related("released_by")
        .prefetch_related(Prefetch("shares", queryset=shares.order_by("ags")))
        .order_by("-year", "-number")
    )
    years: dict[int, list[Allocation]] = {}
    for allocation in rows:
        years.setdefault(allocation.year, []).append(allocation)
    return sorted(years.items(), reverse=True)


def other_versions(allocations: QuerySet[Allocation], allocation: Allocation) -> QuerySet[Allocation]:
    """The other visible Fassungen of the same year, newest first."""
    return allocations.filter(year=allocation.year).exclude(pk=allocation.pk).order_by("-number")


def shares_by_ags(allocation: Allocation) -> list[AllocationShare]:
    return list(allocation.shares.order_by("ags"))


def share_sum(shares: Sequence[AllocationShare]) -> Decimal:
    return sum((s.amount for s in shares), Decimal(0))


def programme_rows(programmes: QuerySet[GrantProgramme]) -> list[GrantProgramme]:
    """The programme list: offered ones first, each with its number of applications (one query)."""
    rows = programmes.annotate(application_count=Count("applications")).order_by("retired_on", "name")
    return sorted(rows, key=lambda p: (p.retired_on is not None, p.name.lower()))


def grant_page(cooperation: Cooperation) -> list[GrantCheck]:
    """The checks of the grant page: the cooperation's applications and every programme still
    offered (a retired one appears only where the cooperation applied for it)."""
    applications = list(
        GrantApplication.objects.filter(cooperation=cooperation)
        .select_related("programme")
        .order_by("programme__name")
    )
    return grant_checks(
        cooperation, list(GrantProgramme.objects.filter(retired_on__isnull=True)), applications
    )


def savings_of(cooperation: Cooperation) -> list[SavingsEntry]:
    return list(cooperation.savings.order_by("year_from", "kind"))


def savings_summary(entries: list[SavingsEntry]) -> dict[str, Any]:
    """Entries, totals per year, the sum and the bar chart of a savings page."""
    by_year = savings_by_year(entries)
    return {
        "entries": entries,
        "by_year": list(by_year.items()),
        "total": sum((e.amount for e in entries), Decimal(0)),
        "chart": bar_chart(list(by_year.items())),
    }


def savings_per_cooperation(entries: Sequence[SavingsEntry]) -> list[tuple[Cooperation, Decimal]]:
    per_cooperation: dict[Cooperation, Decimal] = {}
    for entry in entries:
        per_cooperation[entry.cooperation] = per_cooperation.get(entry.cooperation, Decimal(0)) + entry.amount
    return list(per_cooperation.items())


def staffing_study_of(cooperation: Cooperation) -> StaffingStudy | None:
    return cooperation.staffing_study if hasattr(cooperation, "staffing_study") else None
