"""The ranking of the partner search (decision 262): pure, no database.

A candidate is a municipality active in the cooperation field (it runs or plans a cooperation in
it, offers a solution of the reuse network, posted a need, declared interest in a call or in
reusing a solution). From the point of view of one municipality (``home``) it
earns points for neighbourhood (a shared border, else the distance between the centres), similar
size (population) and existing ties (cooperating already, same IKZ region, members of the same
cooperative). Every point comes with the sentence the user reads; nothing is ranked silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ikz.lib.money import format_number
from ikz.lib.topology import Point, distance_km

# points per reason; the order of the table is the order of the reasons shown
POINTS = {
    "neighbour": 40,
    "near": 25,  # ≤ NEAR_KM
    "region_near": 15,  # ≤ REGION_KM
    "far": 5,  # ≤ FAR_KM
    "similar_size": 20,  # smaller / larger ≥ SIMILAR
    "comparable_size": 10,  # ≥ COMPARABLE
    "cooperating": 15,
    "same_region": 10,
    "same_cooperative": 10,
    "runs": 15,
    "offers": 15,
    "plans": 10,
    "need": 10,
    "interest": 10,
    "reuse": 10,
}
NEAR_KM, REGION_KM, FAR_KM = 15.0, 30.0, 60.0
SIMILAR, COMPARABLE = 2 / 3, 1 / 2


class Kind:
    RUNS = "runs"
    OFFERS = "offers"
    PLANS = "plans"
    NEED = "need"
    INTEREST = "interest"
    REUSE = "reuse"


@dataclass(frozen=True)
class Activity:
    """What a candidate does in the field, as far as the user may see it."""

    kind: str
    title: str
    url: str = ""

    @property
    def label(self) -> str:
        labels = {
            Kind.RUNS: _("betreibt eine Kooperation"),
            Kind.OFFERS: _("bietet eine Lösung zur Nachnutzung an"),
            Kind.PLANS: _("plant eine Kooperation"),
            Kind.NEED: _("hat einen Bedarf gemeldet"),
            Kind.INTEREST: _("hat Interesse bekundet"),
            Kind.REUSE: _("möchte eine Lösung nachnutzen"),
        }
        return labels[self.kind]


@dataclass(frozen=True)
class Unit:
    pk: int
    name: str
    population: int | None = None
    point: Point | None = None


@dataclass(frozen=True)
class Ties:
    """What links candidates to the home municipality, by candidate id."""

    neighbours: frozenset[int] = frozenset()
    cooperations: Mapping[int, Sequence[str]] = field(default_factory=dict)
    regions: Mapping[int, Sequence[str]] = field(default_factory=dict)
    cooperatives: Mapping[int, Sequence[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Ranked:
    unit: Unit
    score: int
    reasons: tuple[str, ...]
    activities: tuple[Activity, ...]
    neighbour: bool = False
    distance: float | None = None


def _population(value: int) -> str:
    return format_number(value, 0)


def size_reason(home: Unit, candidate: Unit) -> tuple[int, str] | None:
    """Points and sentence for similar size, or ``None`` when sizes differ a lot or are unknown."""
    if not home.population or not candidate.population:
        return None
    ratio = min(home.population, candidate.population) / max(home.population, candidate.population)
    figures = f"{_population(candidate.population)} / {_population(home.population)}"
    if ratio >= SIMILAR:
        return POINTS["similar_size"], _("ähnliche Größe: %(figures)s Einwohner") % {"figures": figures}
    if ratio >= COMPARABLE:
        return POINTS["comparable_size"], _("vergleichbare Größe: %(figures)s Einwohner") % {
            "figures": figures
        }
    return None


def place_reason(home: Unit, candidate: Unit, neighbours: frozenset[int]) -> tuple[int, str, float | None]:
    """Shared border first; otherwise the distance between the centres (when both are known)."""
    distance = distance_km(home.point, candidate.point) if home.point and candidate.point else None
    if candidate.pk in neighbours:
        return POINTS["neighbour"], _("grenzt an %(home)s") % {"home": home.name}, distance
    if distance is None:
        return 0, "", None
    text = _("%(km)s km von %(home)s entfernt (Luftlinie)") % {
        "km": format_number(distance, 0),
        "home": home.name,
    }
    for limit, key in ((NEAR_KM, "near"), (REGION_KM, "region_near"), (FAR_KM, "far")):
        if distance <= limit:
            return POINTS[key], text, distance
    return 0, text, distance


def _ties(candidate: Unit, ties: Ties) -> Iterable[tuple[int, str]]:
    if names := ties.cooperations.get(candidate.pk):
        yield (
            POINTS["cooperating"],
            _("arbeitet bereits zusammen in: %(names)s") % {"names": ", ".join(names)},
        )
    if names := ties.regions.get(candidate.pk):
        yield POINTS["same_region"], _("gleiche IKZ-Region: %(names)s") % {"names": ", ".join(names)}
    if names := ties.cooperatives.get(candidate.pk):
        yield POINTS["same_cooperative"], _("gemeinsam Mitglied: %(names)s") % {"names": ", ".join(names)}


def activity_points(activities: Iterable[Activity]) -> int:
    """Each kind of activity counts once (three needs are no stronger signal than one)."""
    return sum(POINTS[kind] for kind in {a.kind for a in activities})


def rank(
    home: Unit | None, candidates: Sequence[tuple[Unit, Sequence[Activity]]], ties: Ties
) -> list[Ranked]:
    """Best first: points, then nearer, then name. Without ``home`` only the activities count."""
    ranked = []
    for unit, activities in candidates:
        score = activity_points(activities)
        reasons: list[str] = []
        neighbour, distance = False, None
        if home is not None and unit.pk != home.pk:
            points, text, distance = place_reason(home, unit, ties.neighbours)
            neighbour = unit.pk in ties.neighbours
            score += points
            reasons += [text] if text else []
            size = size_reason(home, unit)
            if size:
                score += size[0]
                reasons.append(size[1])
            for points, text in _ties(unit, ties):
                score += points
                reasons.append(text)
        ranked.append(Ranked(unit, score, tuple(reasons), tuple(activities), neighbour, distance))
    far = float("inf")
    ranked.sort(key=lambda r: (-r.score, r.distance if r.distance is not None else far, r.unit.name))
    return ranked


def in_size_class(population: int | None, lower: int, upper: int | None) -> bool:
    """Whether a population lies in a size class (unknown population: in none)."""
    if population is None:
        return False
    return population >= lower and (upper is None or population <= upper)
