"""Neighbours and centroids from a TopoJSON topology (pure Python, no GIS library).

In a topology every border between two areas is stored once, as an *arc*; both areas refer to it
(one as ``i``, the other reversed as ``~i``). Two areas are neighbours when they refer to the same
arc — a shared border, not a shared corner point. The centroid of an area is the area-weighted
centroid of its largest polygon's outer ring (lon/lat; good enough for distances of a few km).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

Point = tuple[float, float]  # (latitude, longitude)

EARTH_RADIUS_KM = 6371.0


def _rings(geometry: Mapping[str, Any]) -> Iterable[list[int]]:
    """Every ring (a list of arc references) of a Polygon or MultiPolygon."""
    arcs = geometry.get("arcs") or []
    if geometry.get("type") == "Polygon":
        yield from arcs
    elif geometry.get("type") == "MultiPolygon":
        for polygon in arcs:
            yield from polygon


def arc_index(reference: int) -> int:
    return reference if reference >= 0 else ~reference


def neighbour_pairs(geometries: Iterable[Mapping[str, Any]], key: str = "AGS") -> set[tuple[str, str]]:
    """The pairs ``(a, b)`` with ``a < b`` of areas (by the property ``key``) sharing an arc."""
    users: dict[int, set[str]] = {}
    for geometry in geometries:
        name = str((geometry.get("properties") or {}).get(key) or "")
        if not name:
            continue
        for ring in _rings(geometry):
            for reference in ring:
                users.setdefault(arc_index(int(reference)), set()).add(name)
    pairs: set[tuple[str, str]] = set()
    for names in users.values():
        if len(names) > 1:
            ordered = sorted(names)
            pairs.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    return pairs


def _ring_points(ring: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    points: list[list[float]] = []
    for reference in ring:
        index = arc_index(int(reference))
        part = arcs[index] if reference >= 0 else arcs[index][::-1]
        points.extend(part[1:] if points else part)
    return points


def ring_centroid(points: list[list[float]]) -> tuple[float, Point] | None:
    """(absolute area, (lat, lon)) of a closed ring by the shoelace formula; ``None`` if empty."""
    if len(points) < 3:
        return None
    area2 = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, [*points[1:], points[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        area2 += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area2 == 0:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return 0.0, (sum(ys) / len(ys), sum(xs) / len(xs))
    return abs(area2) / 2, (cy / (3 * area2), cx / (3 * area2))


def centroid(geometry: Mapping[str, Any], arcs: list[list[list[float]]]) -> Point | None:
    """The centroid of the largest outer ring of a Polygon/MultiPolygon, or ``None``."""
    arc_lists = geometry.get("arcs") or []
    outer = []
    if geometry.get("type") == "Polygon" and arc_lists:
        outer = [arc_lists[0]]
    elif geometry.get("type") == "MultiPolygon":
        outer = [polygon[0] for polygon in arc_lists if polygon]
    best: tuple[float, Point] | None = None
    for ring in outer:
        found = ring_centroid(_ring_points(ring, arcs))
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    return None if best is None else (round(best[1][0], 5), round(best[1][1], 5))


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine) between two (lat, lon) points in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
