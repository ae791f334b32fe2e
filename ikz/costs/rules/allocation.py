"""Cost allocation to the cent (Umlageschlüssel): pure, no database.

:func:`allocate` splits a total into whole cents in proportion to weights: exact shares as
fractions, each floored to the cent, the cents left over given one by one to the largest
remainders (Hare–Niemeyer); ties go to the larger weight, then to the smaller key (AGS), so the
result never depends on the order of the input. The key builders (:func:`build_weights`) turn a
key — equal shares, population, population size class, case numbers, a Sockelbetrag, weighted
combinations — into one weight per municipality; :func:`calculate` deducts income first, applies
caps and exemptions (what a cap cuts off goes to the others in proportion) and explains every
share in words. See ../shared/docs/domain-reference.md § 6.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from math import lcm

from django.utils.translation import gettext as _

from ikz.lib.money import cents, format_eur, format_number, fraction_to_decimal

Number = Decimal | int | Fraction

EQUAL, POPULATION, SIZE_CLASS, CASES = "equal", "population", "size_class", "cases"
KINDS = (EQUAL, POPULATION, SIZE_CLASS, CASES)


class AllocationError(ValueError):
    """Input that cannot be allocated; ``messages`` are German and say what to correct."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


# --- the core: whole cents that sum to the total ---------------------------------------------------


def _as_fraction(value: Number) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def allocate_cents(total_cents: int, weights: Mapping[str, Number]) -> dict[str, int]:
    """``total_cents`` split in proportion to ``weights`` (non-negative, not all zero), in cents.

    Integer arithmetic only: the weights are brought to a common denominator, so each exact share
    is ``total × w_i / W`` as an integer quotient and remainder. The cents left after flooring go to
    the largest remainders; on equal remainders to the larger weight, then to the smaller key."""
    if total_cents < 0:
        raise AllocationError([_("Der zu verteilende Betrag darf nicht negativ sein.")])
    keys = list(weights)
    values: list[int]
    raw = list(weights.values())
    if type(sum(raw)) is int:  # only whole numbers (the usual case: inhabitants, cases)
        values = raw  # type: ignore[assignment]
    else:
        fractions = [_as_fraction(value) for value in raw]
        denominator = lcm(*(value.denominator for value in fractions)) if fractions else 1
        values = [value.numerator * (denominator // value.denominator) for value in fractions]
    if values and min(values) < 0:
        raise AllocationError([_("Ein Gewicht darf nicht negativ sein.")])
    total_weight = sum(values)
    if total_weight == 0:
        raise AllocationError([_("Die Gewichte ergeben zusammen null; so lässt sich nichts verteilen.")])
    products = [total_cents * value for value in values]
    floors = [product // total_weight for product in products]
    left = total_cents - sum(floors)
    if left:
        remainders = [product % total_weight for product in products]
        threshold = sorted(remainders)[len(remainders) - left]  # the smallest remainder that gets a cent
        floors = [
            floor + (remainder > threshold) for floor, remainder in zip(floors, remainders, strict=True)
        ]
        left = total_cents - sum(floors)  # the cents for the remainders equal to the threshold
        tied = [i for i, remainder in enumerate(remainders) if remainder == threshold]
        tied.sort(key=lambda i: (-values[i], keys[i]))
        for i in tied[:left]:
            floors[i] += 1
    return dict(zip(keys, floors, strict=True))


def allocate(total: Decimal | int | str, weights: Mapping[str, Number]) -> dict[str, Decimal]:
    """``total`` (euros, whole cents) in proportion to ``weights``: amounts that sum to ``total``."""
    return {key: Decimal(value).scaleb(-2) for key, value in allocate_cents(cents(total), weights).items()}


# --- keys ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SizeClass:
    label: str
    lower: int
    upper: int | None
    weight: Decimal

    def contains(self, population: int) -> bool:
        return population >= self.lower and (self.upper is None or population <= self.upper)


def contiguous_classes(rows: Sequence[tuple[str, int]]) -> tuple[SizeClass, ...]:
    """A region's size classes ``(label, lower bound)``, ordered by lower bound, made contiguous:
    the first from 0, each up to the next one's lower bound − 1, the last open; weights 1, 2, …"""
    return tuple(
        SizeClass(
            label,
            0 if index == 0 else lower,
            rows[index + 1][1] - 1 if index + 1 < len(rows) else None,
            Decimal(index + 1),
        )
        for index, (label, lower) in enumerate(rows)
    )


def range_label(lower: int, upper: int | None) -> str:
    """A size class named by its bounds: „0 – 9.999“, „ab 10.000“."""
    if upper is None:
        return f"ab {format_number(lower, 0)}"
    return f"{format_number(lower, 0)} – {format_number(upper, 0)}"


@dataclass(frozen=True)
class Component:
    """One part of the key after the Sockelbetrag: its kind and its weight in the combination."""

    kind: str
    weight: Decimal = Decimal(100)


@dataclass(frozen=True)
class Key:
    """An Umlageschlüssel: Sockelbetrag in per cent (split equally), then weighted components."""

    components: tuple[Component, ...]
    base_percent: Decimal = Decimal(0)
    classes: tuple[SizeClass, ...] = ()
    case_years: tuple[int, ...] = ()  # the years whose case numbers are averaged


@dataclass(frozen=True)
class Party:
    """A participating municipality with what the key needs of it."""

    ags: str
    name: str
    population: int | None = None
    cases: Mapping[int, Decimal] = field(default_factory=dict)  # year → case number
    cap: Decimal | None = None  # Höchstbetrag in euros; 0 = exempt (befreit)


@dataclass(frozen=True)
class Income:
    fees: Decimal = Decimal(0)  # Gebühren
    fines: Decimal = Decimal(0)  # Verwarnungs- und Bußgelder
    grants: Decimal = Decimal(0)  # Fördermittel, Zuschüsse
    other: Decimal = Decimal(0)

    @property
    def total(self) -> Decimal:
        return self.fees + self.fines + self.grants + self.other


@dataclass(frozen=True)
class Share:
    ags: str
    name: str
    key_value: str  # what the key counted for this municipality, in words
    percent: Decimal  # of the net amount, 4 places
    exact: Fraction  # euros
    amount: Decimal  # euros, whole cents
    formula: str
    capped: bool = False

    @property
    def exact_display(self) -> Decimal:
        return fraction_to_decimal(self.exact, 4)

    @property
    def adjustment(self) -> Decimal:
        """Rounded minus exact amount (4 places): what the rounding to cents added or took."""
        return fraction_to_decimal(Fraction(self.amount) - self.exact, 4)


@dataclass(frozen=True)
class Result:
    total: Decimal
    income: Income
    net: Decimal
    shares: list[Share]
    description: str  # the key in words

    @property
    def sum(self) -> Decimal:
        return sum((s.amount for s in self.shares), Decimal(0))


KIND_LABELS = {
    EQUAL: "zu gleichen Teilen",
    POPULATION: "nach Einwohnern",
    SIZE_CLASS: "nach EW-Größenklasse",
    CASES: "nach Fallzahlen",
}


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind])


def describe(key: Key) -> str:
    """The key in words, e.g. "10 % Sockelbetrag + 90 % nach EW-Größenklasse"."""
    parts = []
    rest = Decimal(100) - key.base_percent
    if key.base_percent:
        parts.append(_("%(p)s %% Sockelbetrag (zu gleichen Teilen)") % {"p": _pct(key.base_percent)})
    total_weight = sum((c.weight for c in key.components), Decimal(0))
    for component in key.components:
        share = rest * component.weight / total_weight if total_weight else Decimal(0)
        label = kind_label(component.kind)
        if component.kind == CASES and len(key.case_years) > 1:
            label = _("nach Fallzahlen (Durchschnitt %(years)s)") % {
                "years": ", ".join(str(y) for y in sorted(key.case_years))
            }
        elif component.kind == CASES and key.case_years and key.case_years[0]:  # 0: a year not named
            label = _("nach Fallzahlen %(year)s") % {"year": key.case_years[0]}
        parts.append(f"{_pct(share)} % {label}")
    return " + ".join(parts)


def _pct(value: Decimal) -> str:
    return format_number(value, 2).rstrip("0").rstrip(",")


def key_errors(key: Key, parties: Sequence[Party]) -> list[str]:
    """Everything wrong with the key and the participants, in German (empty when fine)."""
    errors: list[str] = []
    if key.base_percent < 0 or key.base_percent > 100:
        errors.append(_("Der Sockelbetrag muss zwischen 0 und 100 Prozent liegen."))
    if key.base_percent < 100 and not key.components:
        errors.append(_("Bitte wählen Sie, wonach der Betrag nach dem Sockelbetrag verteilt wird."))
    if any(c.weight < 0 for c in key.components):
        errors.append(_("Die Anteile der Bestandteile dürfen nicht negativ sein."))
    elif key.components and sum((c.weight for c in key.components), Decimal(0)) == 0:
        errors.append(_("Die Anteile der Bestandteile ergeben zusammen null."))
    if not parties:
        errors.append(_("Die Kooperation hat keine beteiligten Kommunen."))
    seen: set[str] = set()
    for party in parties:
        if party.ags in seen:
            errors.append(_("Der AGS %(ags)s ist doppelt angegeben.") % {"ags": party.ags})
        seen.add(party.ags)
        if party.cap is not None and party.cap < 0:
            errors.append(_("Der Höchstbetrag für %(name)s darf nicht negativ sein.") % {"name": party.name})
    kinds = {c.kind for c in key.components if c.weight}
    for kind in kinds - set(KINDS):
        errors.append(_("Unbekannte Schlüsselart: %(kind)s") % {"kind": kind})
    if kinds & {POPULATION, SIZE_CLASS}:
        for party in parties:
            if party.population is None:
                errors.append(
                    _("Für %(name)s (%(ags)s) fehlt die Einwohnerzahl zum gewählten Stichtag.")
                    % {"name": party.name, "ags": party.ags}
                )
    if SIZE_CLASS in kinds:
        if not key.classes:
            errors.append(_("Für den Schlüssel nach Größenklassen fehlen die Klassen."))
        if any(c.weight < 0 for c in key.classes):
            errors.append(_("Das Gewicht einer Größenklasse darf nicht negativ sein."))
        for party in parties:
            if party.population is not None and _class_of(key.classes, party.population) is None:
                errors.append(
                    _("%(name)s (%(n)s Einwohner) liegt in keiner Größenklasse.")
                    % {"name": party.name, "n": format_number(party.population, 0)}
                )
    if CASES in kinds:
        if not key.case_years:
            errors.append(_("Für den Schlüssel nach Fallzahlen fehlen die Jahre."))
        for party in parties:
            missing = [y for y in key.case_years if y not in party.cases]
            if missing:
                errors.append(
                    _("Für %(name)s fehlen die Fallzahlen für %(years)s.")
                    % {"name": party.name, "years": ", ".join(str(y) for y in missing)}
                )
            if any(v < 0 for v in party.cases.values()):
                errors.append(
                    _("Die Fallzahlen von %(name)s dürfen nicht negativ sein.") % {"name": party.name}
                )
    return errors


def _class_of(classes: Sequence[SizeClass], population: int) -> SizeClass | None:
    return next((c for c in classes if c.contains(population)), None)


def _component_values(kind: str, key: Key, parties: Sequence[Party]) -> dict[str, Fraction]:
    if kind == EQUAL:
        return {p.ags: Fraction(1) for p in parties}
    if kind == POPULATION:
        return {p.ags: Fraction(p.population or 0) for p in parties}
    if kind == SIZE_CLASS:
        values = {}
        for p in parties:
            size_class = _class_of(key.classes, p.population or 0)
            values[p.ags] = Fraction(size_class.weight) if size_class else Fraction(0)
        return values
    years = key.case_years or (0,)
    return {
        p.ags: sum((Fraction(p.cases.get(y, 0)) for y in years), Fraction(0)) / len(years) for p in parties
    }


@dataclass(frozen=True)
class _Part:
    kind: str
    fraction: Fraction  # of the net amount
    values: dict[str, Fraction]
    total: Fraction


def _parts(key: Key, parties: Sequence[Party]) -> list[_Part]:
    parts: list[_Part] = []
    base = Fraction(key.base_percent) / 100
    if base:
        values = _component_values(EQUAL, key, parties)
        parts.append(_Part("base", base, values, sum(values.values(), Fraction(0))))
    total_weight = sum((Fraction(c.weight) for c in key.components), Fraction(0))
    for component in key.components:
        if not component.weight:
            continue
        values = _component_values(component.kind, key, parties)
        total = sum(values.values(), Fraction(0))
        if total == 0:
            raise AllocationError(
                [
                    _("Die Schlüsselwerte „%(kind)s“ ergeben zusammen null.")
                    % {"kind": kind_label(component.kind)}
                ]
            )
        parts.append(
            _Part(component.kind, (1 - base) * Fraction(component.weight) / total_weight, values, total)
        )
    return parts


def build_weights(key: Key, parties: Sequence[Party]) -> dict[str, Fraction]:
    """One weight per municipality, so that its share of the net amount is ``w_i / Σw`` (Σw = 1)."""
    errors = key_errors(key, parties)
    if errors:
        raise AllocationError(errors)
    weights = {p.ags: Fraction(0) for p in parties}
    for part in _parts(key, parties):
        for ags, value in part.values.items():
            weights[ags] += part.fraction * value / part.total
    return weights


def _key_value_text(key: Key, party: Party) -> str:
    texts = []
    kinds = [c.kind for c in key.components if c.weight]
    if POPULATION in kinds or SIZE_CLASS in kinds:
        texts.append(_("%(n)s Einwohner") % {"n": format_number(party.population or 0, 0)})
    if SIZE_CLASS in kinds:
        size_class = _class_of(key.classes, party.population or 0)
        if size_class is not None:
            texts.append(
                _("Klasse %(label)s, Gewicht %(w)s")
                % {"label": size_class.label, "w": _pct(size_class.weight)}
            )
    if CASES in kinds:
        values = _component_values(CASES, key, [party])[party.ags]
        texts.append(_("%(n)s Fälle") % {"n": _pct(fraction_to_decimal(values, 2))})
    if not texts:
        texts.append(_("1 Anteil"))
    return "; ".join(texts)


@dataclass(frozen=True)
class _Step:
    """One part of the key prepared once per calculation: its amount and the sentence to fill in."""

    part: _Part
    amount: Fraction  # the part's share of the net amount
    template: str
    fixed: dict[str, str]


def _steps(parts: Sequence[_Part], net: Decimal) -> list[_Step]:
    labels = {POPULATION: _("Einwohner"), SIZE_CLASS: _("Klassengewicht"), CASES: _("Fälle")}
    steps = []
    for part in parts:
        amount = Fraction(net) * part.fraction
        fixed = {"part": _eur4(amount)}
        if part.kind == "base":
            template = _("Sockelbetrag %(part)s ÷ %(n)s Kommunen = %(amount)s")
            fixed["n"] = str(int(part.total))
        elif part.kind == EQUAL:
            template = _("%(part)s zu gleichen Teilen ÷ %(n)s = %(amount)s")
            fixed["n"] = str(int(part.total))
        else:
            template = _("%(part)s × %(value)s ÷ %(total)s %(label)s = %(amount)s")
            fixed |= {"total": _pct(fraction_to_decimal(part.total, 4)), "label": labels[part.kind]}
        steps.append(_Step(part, amount, template, fixed))
    return steps


def _formula(steps: Sequence[_Step], party: Party) -> list[str]:
    texts = []
    for step in steps:
        value = step.part.values[party.ags]
        amount = step.amount * value / step.part.total
        texts.append(
            step.template
            % (step.fixed | {"value": _pct(fraction_to_decimal(value, 4)), "amount": _eur4(amount)})
        )
    return texts


def _eur4(value: Fraction) -> str:
    decimal = fraction_to_decimal(value, 4)
    if decimal == decimal.quantize(Decimal("0.01")):
        return format_eur(decimal)
    return format_eur(decimal, 4)


def _apply_caps(
    net: Fraction, weights: Mapping[str, Fraction], parties: Sequence[Party]
) -> dict[str, Fraction]:
    """Exact shares with caps: a capped municipality pays its cap; the rest goes to the others."""
    caps = {p.ags: Fraction(p.cap) for p in parties if p.cap is not None}
    fixed: dict[str, Fraction] = {}
    active = dict(weights)
    while True:
        remaining = net - sum(fixed.values(), Fraction(0))
        total = sum(active.values(), Fraction(0))
        if not active or total == 0:
            if remaining > 0:
                raise AllocationError(
                    [_("Die Höchstbeträge und Befreiungen lassen einen Rest, den niemand trägt.")]
                )
            return fixed | dict.fromkeys(active, Fraction(0))
        over = [k for k, w in active.items() if k in caps and remaining * w / total > caps[k]]
        if not over:
            return fixed | {k: remaining * w / total for k, w in active.items()}
        for k in over:
            fixed[k] = caps[k]
            del active[k]


def _input_errors(
    total: Decimal, key: Key, parties: Sequence[Party], active: Sequence[Party], income: Income
) -> list[str]:
    """What is wrong with the amounts and the key (German), in the order the page shows them."""
    errors = []
    if total < 0:
        errors.append(_("Die Gesamtkosten dürfen nicht negativ sein."))
    for label, value in (
        (_("Gebühren"), income.fees),
        (_("Bußgelder"), income.fines),
        (_("Fördermittel"), income.grants),
        (_("sonstige Einnahmen"), income.other),
    ):
        if value < 0:
            errors.append(_("%(what)s dürfen nicht negativ sein.") % {"what": label})
    for value in (total, income.fees, income.fines, income.grants, income.other):
        if value != value.quantize(Decimal("0.01")):
            errors.append(_("Beträge bitte in Euro mit höchstens zwei Nachkommastellen angeben."))
            break
    errors += key_errors(key, active)
    errors += [e for e in key_errors(Key((Component(EQUAL),)), parties) if e not in errors]
    if not errors and total - income.total < 0:
        errors.append(
            _("Die Einnahmen (%(income)s) übersteigen die Kosten (%(total)s); es bleibt nichts zu verteilen.")
            % {"income": format_eur(income.total), "total": format_eur(total)}
        )
    if not active:
        errors.append(_("Alle Kommunen sind befreit; niemand trägt die Kosten."))
    return errors


def calculate(total: Decimal, key: Key, parties: Sequence[Party], income: Income | None = None) -> Result:
    """The allocation of ``total`` minus ``income`` by ``key``, explained per municipality."""
    income = income or Income()
    # An exempt municipality (cap 0) is outside the key: it counts neither for the Sockelbetrag nor
    # for the sum of the key values; a cap above 0 is applied afterwards (the excess redistributed).
    exempt = {p.ags for p in parties if p.cap is not None and p.cap == 0}
    active = [p for p in parties if p.ags not in exempt]
    errors = _input_errors(total, key, parties, active, income)
    net = total - income.total
    if errors:
        raise AllocationError(list(dict.fromkeys(errors)))
    weights = build_weights(key, active)
    capped = any(p.cap is not None for p in active)
    exact = (
        _apply_caps(Fraction(net), weights, active)
        if capped
        else {k: Fraction(net) * w for k, w in weights.items()}
    )
    exact |= dict.fromkeys(exempt, Fraction(0))
    amounts = _round(net, exact)
    steps_of_key = _steps(_parts(key, active), net)
    shares = []
    for party in sorted(parties, key=lambda p: p.ags):
        ags = party.ags
        if ags in exempt:
            shares.append(
                Share(
                    ags=ags,
                    name=party.name,
                    key_value=_key_value_text(key, party),
                    percent=Decimal("0.0000"),
                    exact=Fraction(0),
                    amount=amounts[ags],
                    formula=_("befreit: trägt keinen Anteil und zählt im Schlüssel nicht mit"),
                    capped=True,
                )
            )
            continue
        steps = _formula(steps_of_key, party)
        is_capped = capped and party.cap is not None and exact[ags] == Fraction(party.cap)
        uncapped = Fraction(net) * weights[ags]
        if is_capped:
            steps.append(_("gedeckelt auf den Höchstbetrag %(cap)s") % {"cap": format_eur(party.cap or 0)})
        elif capped and exact[ags] != uncapped:
            steps.append(
                _("zuzüglich Umverteilung aus Höchstbeträgen: %(extra)s")
                % {"extra": _eur4(exact[ags] - uncapped)}
            )
        rounding = Fraction(amounts[ags]) - exact[ags]
        if rounding > 0:
            steps.append(
                _("auf volle Cent aufgerundet (größter Rest): %(a)s") % {"a": format_eur(amounts[ags])}
            )
        elif rounding < 0:
            steps.append(_("auf volle Cent abgerundet: %(a)s") % {"a": format_eur(amounts[ags])})
        percent = fraction_to_decimal(exact[ags] / Fraction(net) * 100, 4) if net else Decimal(0)
        shares.append(
            Share(
                ags=ags,
                name=party.name,
                key_value=_key_value_text(key, party),
                percent=percent,
                exact=exact[ags],
                amount=amounts[ags],
                formula="; ".join(steps),
                capped=is_capped,
            )
        )
    return Result(total=total, income=income, net=net, shares=shares, description=describe(key))


def _round(net: Decimal, exact: Mapping[str, Fraction]) -> dict[str, Decimal]:
    """Exact euro amounts (summing to ``net``) to whole cents by largest remainder."""
    if net == 0:
        return dict.fromkeys(exact, Decimal("0.00"))
    return allocate(net, exact)
