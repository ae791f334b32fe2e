"""Reads of the reuse network: the lists of the overview, the candidates for a need (the matching
of ikz.network.rules) and what a solution's page shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils import timezone

from ikz.network import access, rules
from ikz.network.models import Match, Need, Solution


def _today() -> dt.date:
    return timezone.localdate()


def is_stale(entry: Solution | Need) -> bool:
    return rules.is_stale(entry.last_confirmed, _today(), settings.IKZ_NETWORK_CONFIRM_DAYS)


def _entry(obj: Solution | Need) -> rules.Entry:
    return rules.Entry(obj.pk, obj.field_id, f"{obj.title}\n{obj.description}", obj.last_confirmed)


def candidates_for(need: Need, *, include_stale: bool = False) -> list[rules.Candidate]:
    solutions = [_entry(s) for s in Solution.objects.filter(field_id=need.field_id)]
    return rules.match(
        _entry(need),
        solutions,
        today=_today(),
        max_age_days=settings.IKZ_NETWORK_CONFIRM_DAYS,
        threshold=settings.IKZ_NETWORK_MATCH_THRESHOLD / 100,
        include_stale=include_stale,
    )


def overview(user: Any) -> tuple[list[Any], list[Any]]:
    """The solutions and needs the person sees, each marked ``stale`` when not confirmed lately."""
    solutions = list(
        access.solutions_for(user)
        .select_related("field", "owner")
        .annotate(n_users=Count("users", distinct=True), n_interests=Count("interests", distinct=True))
    )
    needs = list(access.needs_for(user).select_related("field", "owner").annotate(n_matches=Count("matches")))
    entries: list[Any] = [*solutions, *needs]
    for entry in entries:
        entry.stale = is_stale(entry)
    return solutions, needs


def matches_of(solution: Solution) -> QuerySet[Match]:
    return Match.objects.filter(solution=solution).select_related("need", "need__owner")


def candidate_solutions(need: Need) -> list[tuple[Solution, rules.Candidate]]:
    """The solutions that may serve ``need`` (stale ones too), best first, with their score."""
    candidates = candidates_for(need, include_stale=True)
    solutions = (
        Solution.objects.select_related("owner")
        .annotate(n_users=Count("users"))
        .in_bulk([c.solution_id for c in candidates])
    )
    return [(solutions[c.solution_id], c) for c in candidates]
