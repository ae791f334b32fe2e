"""Pure rules of this app: no database, no request.

* which body fits which kind of member, and what a resolution needs (date, no future date …);
* the map: an equirectangular projection of lon/lat boundaries, x scaled by the cosine of the
  mean latitude, fitted into the SVG viewBox; the style (colour and pattern) of each outcome.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ikz.lib.stand import german

# Subjects, bodies and outcomes (the values of the model choices)
OTHER_SUBJECT = "other"
STVV, MAGISTRAT = "stvv", "magistrat"
GEMEINDEVERTRETUNG, GEMEINDEVORSTAND = "gemeindevertretung", "gemeindevorstand"
KREISTAG, KREISAUSSCHUSS = "kreistag", "kreisausschuss"
ADOPTED_COUNCIL, ADOPTED_EXECUTIVE, NOTED = "adopted_council", "adopted_executive", "noted"
NOT_PLANNED, REJECTED, PENDING = "not_planned", "rejected", "pending"
NO_ENTRY = "none"  # a member without a resolution on the subject (map and table only)

OUTCOMES_WITHOUT_DATE = (PENDING, NOT_PLANNED)
DECIDED = (ADOPTED_COUNCIL, ADOPTED_EXECUTIVE, NOTED, REJECTED)
# The one planned outcome: "noch offen" may carry the day of a session still to come (decision 101).
PLANNED_OUTCOMES = (PENDING,)
PRINCIPLE_SUBJECT = "principle"

# Which kind of member a body belongs to (where that is clear; other bodies fit everyone).
STADT, GEMEINDE, KREIS = "stadt", "gemeinde", "kreis"
BODY_GROUP = {
    STVV: STADT,
    MAGISTRAT: STADT,
    GEMEINDEVERTRETUNG: GEMEINDE,
    GEMEINDEVORSTAND: GEMEINDE,
    KREISTAG: KREIS,
    KREISAUSSCHUSS: KREIS,
}
KIND_GROUP = {
    "stadt": STADT,
    "sonderstatusstadt": STADT,
    "grosse_kreisstadt": STADT,
    "kreisfreie_stadt": STADT,
    "gemeinde": GEMEINDE,
    "landkreis": KREIS,
    "kreis": KREIS,
}
COUNCIL = {STADT: STVV, GEMEINDE: GEMEINDEVERTRETUNG, KREIS: KREISTAG}
EXECUTIVE = {STADT: MAGISTRAT, GEMEINDE: GEMEINDEVORSTAND, KREIS: KREISAUSSCHUSS}
COUNCIL_BODIES = frozenset(COUNCIL.values())
EXECUTIVE_BODIES = frozenset(EXECUTIVE.values())


def bodies_for(kind: str) -> tuple[str, str] | None:
    """(council, executive) of a member of this kind, or ``None`` when the kind does not say."""
    group = KIND_GROUP.get(kind)
    return (COUNCIL[group], EXECUTIVE[group]) if group else None


def resolution_errors(
    *,
    kind: str,
    kind_label: str,
    subject: str,
    subject_text: str,
    body: str,
    body_labels: Mapping[str, str],
    date: dt.date | None,
    outcome: str,
    today: dt.date,
    process_start: dt.date | None = None,
) -> dict[str, str]:
    """German messages per field; empty when the resolution is consistent.

    The date is the day the resolution took effect: not after today unless the outcome is the
    planned one ("noch offen": the day of a session still to come); for the IKZ principle
    resolution not before ``process_start``, the day the region's IKZ process began."""
    errors: dict[str, str] = {}
    body_label = str(body_labels.get(body, body))
    if subject == OTHER_SUBJECT and not subject_text.strip():
        errors["subject_text"] = _("Bitte geben Sie an, worüber beschlossen wurde.")
    if date is None and outcome not in OUTCOMES_WITHOUT_DATE:
        errors["date"] = _(
            "Bitte geben Sie das Sitzungsdatum an (nur bei „noch offen“ oder „nicht vorgesehen“ entbehrlich)."
        )
    if date is not None and outcome not in PLANNED_OUTCOMES and date > today:
        errors["date"] = _(
            "Sitzungsdatum: Ein gefasster oder abschließend festgestellter Beschluss kann nicht in der "
            "Zukunft liegen (%(date)s, heute ist der %(today)s). Steht die Sitzung noch bevor, wählen Sie "
            "„noch offen“."
        ) % {"date": german(date), "today": german(today)}
    elif (
        date is not None
        and subject == PRINCIPLE_SUBJECT
        and process_start is not None
        and date < process_start
    ):
        errors["date"] = _(
            "Sitzungsdatum: Der %(date)s liegt vor dem Beginn des IKZ-Prozesses der Region am %(start)s; "
            "ein IKZ-Grundsatzbeschluss kann nicht früher gefasst sein."
        ) % {"date": german(date), "start": german(process_start)}
    group = KIND_GROUP.get(kind)
    body_group = BODY_GROUP.get(body)
    if group and body_group and group != body_group:
        council, executive = bodies_for(kind) or ("", "")
        errors["body"] = _(
            "„%(body)s“ passt nicht zu einer Kommune der Art „%(kind)s“ – hier beschließen "
            "%(council)s bzw. %(executive)s."
        ) % {
            "body": body_label,
            "kind": kind_label,
            "council": body_labels.get(council, council),
            "executive": body_labels.get(executive, executive),
        }
    elif outcome == ADOPTED_COUNCIL and body in EXECUTIVE_BODIES:
        errors["outcome"] = _(
            "„%s“ ist keine Vertretung; wählen Sie „Beschluss des Magistrats / Verwaltungsorgans“."
        ) % (body_label)
    elif outcome in (ADOPTED_EXECUTIVE, NOTED) and body in COUNCIL_BODIES:
        errors["outcome"] = (
            _(
                "„%s“ ist die Vertretung; dieses Ergebnis gilt für Magistrat, Gemeindevorstand "
                "oder Kreisausschuss."
            )
            % body_label
        )
    return errors


def process_start_of(established: list[dt.date | None]) -> dt.date | None:
    """The bound of a principle resolution of a member of regions established on ``established``:
    the earliest start (the resolution may belong to the oldest process); none when one of the
    regions has no start or the member is in no region."""
    days = [day for day in established if day is not None]
    if not established or len(days) < len(established):
        return None
    return min(days)


def outcome_on(outcome: str, date: dt.date | None, day: dt.date) -> str:
    """What the overview shows of a resolution as of ``day`` (decision 101): a dated resolution
    from its date on (before it: nothing recorded yet); "noch offen" is shown as it is, whatever
    the day of its session; an undated statement ("nicht vorgesehen") in every Stand."""
    if outcome in PLANNED_OUTCOMES or date is None:
        return outcome
    return outcome if date <= day else NO_ENTRY


def date_change_errors(
    *, old_outcome: str, new_outcome: str, old_date: dt.date | None, new_date: dt.date | None
) -> dict[str, str]:
    """A decided resolution's date is corrected with a reason, not edited: changing only the date
    of a resolution that was decided on a recorded day is refused by the edit form."""
    if (
        old_outcome in DECIDED
        and new_outcome == old_outcome
        and old_date is not None
        and new_date != old_date
    ):
        return {
            "date": _(
                "Sitzungsdatum: Das Datum eines gefassten Beschlusses (%(date)s) wird über „Datum "
                "berichtigen“ mit einer Begründung korrigiert."
            )
            % {"date": german(old_date)}
        }
    return {}


# --- map -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeStyle:
    fill: str
    pattern: str  # "" (plain), "hatch", "dots", "cross", "grid", "dash"
    symbol: str  # printed after the short label on the map, so colour is never the only cue


OUTCOME_STYLES: dict[str, OutcomeStyle] = {
    ADOPTED_COUNCIL: OutcomeStyle("#2e7d32", "", "●"),
    ADOPTED_EXECUTIVE: OutcomeStyle("#9ccc65", "hatch", "◆"),
    NOTED: OutcomeStyle("#ffd54f", "dots", "▲"),
    NOT_PLANNED: OutcomeStyle("#90a4ae", "cross", "○"),
    REJECTED: OutcomeStyle("#e57373", "grid", "✕"),
    PENDING: OutcomeStyle("#ffffff", "dash", "…"),
    NO_ENTRY: OutcomeStyle("#eeeeee", "", "–"),
}


@dataclass(frozen=True)
class MapShape:
    key: str
    path: str  # SVG path data, rings closed with Z (fill-rule evenodd for holes)
    label_x: float
    label_y: float


@dataclass(frozen=True)
class MapLayout:
    width: int
    height: int
    shapes: dict[str, MapShape]


def _polygons(geometry: Mapping[str, Any]) -> list[list[list[list[float]]]]:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["coordinates"]]
    if kind == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _points(geometry: Mapping[str, Any]) -> Iterator[tuple[float, float]]:
    for polygon in _polygons(geometry):
        for ring in polygon:
            for lon, lat, *_rest in ring:
                yield lon, lat


def _area_and_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Shoelace: |area| and centroid of a closed ring (falls back to the mean for a flat ring)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        n = len(ring) or 1
        return 0.0, sum(p[0] for p in ring) / n, sum(p[1] for p in ring) / n
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def project(
    geometries: Mapping[str, Mapping[str, Any]],
    *,
    width: int = 640,
    max_height: int = 560,
    padding: int = 16,
) -> MapLayout:
    """Fit lon/lat boundaries into a ``width`` wide viewBox (height from the shape, at most
    ``max_height``). Equirectangular: x = lon · cos(mean latitude), y = −lat; north is up and
    distances east–west are not stretched. Empty input gives an empty layout."""
    points = [p for g in geometries.values() for p in _points(g)]
    if not points:
        return MapLayout(width, 0, {})
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    min_lon, max_lon, min_lat, max_lat = min(lons), max(lons), min(lats), max(lats)
    k = math.cos(math.radians((min_lat + max_lat) / 2))
    extent_x = max((max_lon - min_lon) * k, 1e-9)
    extent_y = max(max_lat - min_lat, 1e-9)
    scale = (width - 2 * padding) / extent_x
    if extent_y * scale + 2 * padding > max_height:
        scale = (max_height - 2 * padding) / extent_y
    height = math.ceil(extent_y * scale + 2 * padding)
    offset_x = (width - extent_x * scale) / 2

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round(offset_x + (lon - min_lon) * k * scale, 1), round(padding + (max_lat - lat) * scale, 1)

    shapes = {}
    for key, geometry in geometries.items():
        parts: list[str] = []
        best = (-1.0, 0.0, 0.0)
        for polygon in _polygons(geometry):
            for index, ring in enumerate(polygon):
                projected = [xy(lon, lat) for lon, lat, *_rest in ring]
                if projected and projected[0] == projected[-1]:
                    projected = projected[:-1]
                if len(projected) < 3:
                    continue
                parts.append("M" + " L".join(f"{x:g},{y:g}" for x, y in projected) + " Z")
                if index == 0:
                    area, cx, cy = _area_and_centroid(projected)
                    if area > best[0]:
                        best = (area, cx, cy)
        if parts:
            shapes[key] = MapShape(key, " ".join(parts), round(best[1], 1), round(best[2], 1))
    return MapLayout(width, height, shapes)
