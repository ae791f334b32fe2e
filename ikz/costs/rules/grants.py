"""Grants (Fördermittel): the standard grant of a programme and which conditions a cooperation meets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from django.utils.translation import gettext as _

from ikz.costs.rules.allocation import _pct
from ikz.lib.money import format_eur, format_number

# --- grants (Fördermittel) --------------------------------------------------------------------------


@dataclass(frozen=True)
class GrantTier:
    min_participants: int
    amount: Decimal


@dataclass(frozen=True)
class Condition:
    label: str
    required: str
    actual: str
    met: bool | None  # None: not known yet (no figures)


def grant_amount(tiers: Sequence[GrantTier], participants: int) -> Decimal | None:
    """The standard grant for ``participants`` municipalities (the tier with the largest minimum met)."""
    fitting = [t for t in tiers if participants >= t.min_participants]
    return max(fitting, key=lambda t: t.min_participants).amount if fitting else None


def grant_conditions(
    *,
    min_participants: int,
    min_duration_years: int,
    min_savings_percent: Decimal,
    tiers: Sequence[GrantTier],
    participants: int,
    duration_years: int | None,
    expenditure_before: Decimal | None,
    savings_per_year: Decimal | None,
    requested: Decimal | None,
) -> list[Condition]:
    """Which conditions of a programme a cooperation meets, with the numbers (German labels)."""
    conditions = [
        Condition(
            _("beteiligte Kommunen"),
            _("mindestens %(n)s") % {"n": min_participants},
            str(participants),
            participants >= min_participants,
        ),
        Condition(
            _("Dauer der Zusammenarbeit"),
            _("mindestens %(n)s Jahre") % {"n": min_duration_years},
            _("%(n)s Jahre") % {"n": duration_years} if duration_years is not None else _("nicht angegeben"),
            None if duration_years is None else duration_years >= min_duration_years,
        ),
    ]
    if expenditure_before and savings_per_year is not None:
        rate = savings_per_year / expenditure_before * 100
        conditions.append(
            Condition(
                _("Einsparung je Jahr"),
                _("mindestens %(p)s %% der Personal- und Sachausgaben") % {"p": _pct(min_savings_percent)},
                _("%(p)s %% (%(s)s von %(e)s)")
                % {
                    "p": format_number(rate, 1),
                    "s": format_eur(savings_per_year),
                    "e": format_eur(expenditure_before),
                },
                rate >= min_savings_percent,
            )
        )
    else:
        conditions.append(
            Condition(
                _("Einsparung je Jahr"),
                _("mindestens %(p)s %% der Personal- und Sachausgaben") % {"p": _pct(min_savings_percent)},
                _("keine Angaben zu Ausgaben und Einsparung"),
                None,
            )
        )
    standard = grant_amount(tiers, participants)
    if requested is not None:
        above = standard is not None and requested > standard
        actual = format_eur(requested)
        if above:
            actual += " " + _(
                "(über der Regelzuwendung: nur für weitreichende Kooperationen mit Modellcharakter)"
            )
        conditions.append(
            Condition(
                _("Regelzuwendung"),
                format_eur(standard) if standard is not None else _("keine Stufe erreicht"),
                actual,
                None if standard is None or above else True,
            )
        )
    return conditions


def tier_errors(tiers: Sequence[GrantTier]) -> list[str]:
    """Why a programme's tiers cannot be saved (empty: they can): each number of municipalities
    once, amounts above zero, and a larger group never gets less than a smaller one."""
    errors: list[str] = []
    counts = [t.min_participants for t in tiers]
    for n in sorted({n for n in counts if counts.count(n) > 1}):
        errors.append(_("Die Stufe „ab %(n)s Kommunen“ steht mehrfach in der Liste.") % {"n": n})
    for t in tiers:
        if t.min_participants < 1:
            errors.append(_("Eine Stufe gilt ab mindestens einer Kommune."))
        if t.amount <= 0:
            errors.append(
                _("Die Zuwendung ab %(n)s Kommunen muss über 0 € liegen.") % {"n": t.min_participants}
            )
    ordered = sorted(tiers, key=lambda t: t.min_participants)
    for smaller, larger in pairwise(ordered):
        if smaller.min_participants != larger.min_participants and larger.amount < smaller.amount:
            errors.append(
                _("Ab %(b)s Kommunen (%(bb)s) ist die Zuwendung kleiner als ab %(a)s Kommunen (%(aa)s).")
                % {
                    "b": larger.min_participants,
                    "bb": format_eur(larger.amount),
                    "a": smaller.min_participants,
                    "aa": format_eur(smaller.amount),
                }
            )
    return errors
