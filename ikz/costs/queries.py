"""Read side of the money pages: grant checks per programme, savings per year and region (no writes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ikz.cooperation.models import Cooperation
from ikz.costs import rules, services
from ikz.costs.models import GrantApplication, GrantProgramme, SavingsEntry
from ikz.costs.rules import bar_chart
from ikz.municipalities.models import Region

__all__ = ["GrantCheck", "bar_chart", "grant_checks", "region_savings", "savings_by_year"]


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
    participants = len(services.participants_of(cooperation))
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
