"""Import of boundaries for maps (BKG VG250, generalised): GeoJSON or TopoJSON keyed by AGS.

* The whole file is read and checked first; a malformed file stops the import with a German
  message and nothing is written.
* Features are matched to register units by their key (property ``AGS``: 8 digits for a Gemeinde,
  5 for a Kreis, 2 for a Land). Keys the register does not know are counted and reported.
* TopoJSON is decoded here (arcs, delta encoding and the quantisation ``transform``); no GIS
  library is needed. Several features with the same key become one MultiPolygon.
* Stored per unit: the geometry as GeoJSON Polygon/MultiPolygon in lon/lat with 4 decimals
  (about 10 m; consecutive duplicate points dropped), the file name and the file's date.
  Running the same file again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from ikz.accounts.models import User
from ikz.audit.models import Action, AuditEntry
from ikz.audit.services import actor_label
from ikz.municipalities.models import Boundary, Municipality
from ikz.pagecache.services import bump as bump_generation

LEVEL_KEY_LENGTH = {"gemeinde": 8, "kreis": 5, "land": 2}
# Names of the TopoJSON objects per level (our shared file: gemeinden, kreise, laender)
TOPO_LAYER_NAMES = {
    "gemeinde": ("gemeinden", "gemeinde", "vg250_gem"),
    "kreis": ("kreise", "kreis", "vg250_krs"),
    "land": ("laender", "länder", "land", "vg250_lan"),
}
KEY_PROPERTIES = ("AGS", "ags")
DECIMALS = 4

Ring = list[list[float]]
PolygonCoords = list[Ring]


class BoundaryError(ValueError):
    """The file cannot be read as boundaries; the message is German and names the place."""


@dataclass
class BoundarySummary:
    features: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unknown: int = 0
    other_level: int = 0
    empty: int = 0
    unknown_keys: list[str] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)


# --- reading ---------------------------------------------------------------------------------------


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BoundaryError(f"{where}: „{value}“ ist keine Koordinate.")
    return float(value)


def _point(value: Any, where: str) -> list[float]:
    if not isinstance(value, list | tuple) or len(value) < 2:
        raise BoundaryError(f"{where}: ein Punkt braucht Länge und Breite.")
    lon, lat = _number(value[0], where), _number(value[1], where)
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise BoundaryError(
            f"{where}: ({lon}, {lat}) liegt außerhalb von Länge/Breite – erwartet wird WGS84 (EPSG:4326)."
        )
    return [round(lon, DECIMALS), round(lat, DECIMALS)]


def _ring(points: Iterable[Any], where: str) -> Ring | None:
    """Rounded, consecutive duplicates dropped, closed; ``None`` if fewer than 3 distinct points."""
    ring: Ring = []
    for raw in points:
        point = _point(raw, where)
        if not ring or ring[-1] != point:
            ring.append(point)
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    if len(ring) < 3:
        return None
    return [*ring, ring[0]]


def _polygon(rings: Any, where: str) -> PolygonCoords | None:
    if not isinstance(rings, list):
        raise BoundaryError(f"{where}: die Koordinaten eines Polygons müssen eine Liste von Ringen sein.")
    result: PolygonCoords = []
    for index, raw in enumerate(rings):
        if not isinstance(raw, list):
            raise BoundaryError(f"{where}: Ring {index + 1} ist keine Liste von Punkten.")
        ring = _ring(raw, where)
        if ring is None:
            if index == 0:
                return None  # the outer ring vanished: the polygon is too small to show
            continue
        result.append(ring)
    return result or None


def _polygons_of_geojson(geometry: Any, where: str) -> list[PolygonCoords]:
    if geometry is None:
        return []
    if not isinstance(geometry, dict):
        raise BoundaryError(f"{where}: die Geometrie ist kein Objekt.")
    kind = geometry.get("type")
    if kind == "Polygon":
        polygon = _polygon(geometry.get("coordinates"), where)
        return [polygon] if polygon else []
    if kind == "MultiPolygon":
        parts = geometry.get("coordinates")
        if not isinstance(parts, list):
            raise BoundaryError(f"{where}: MultiPolygon ohne Liste von Polygonen.")
        return [p for part in parts if (p := _polygon(part, where))]
    if kind == "GeometryCollection":
        return [p for g in geometry.get("geometries") or [] for p in _polygons_of_geojson(g, where)]
    raise BoundaryError(f"{where}: Geometrietyp „{kind}“ wird nicht unterstützt (nur Flächen).")


def _key_of(properties: Any, where: str) -> str:
    if not isinstance(properties, dict):
        raise BoundaryError(f"{where}: keine Eigenschaften (properties) mit dem AGS.")
    for name in KEY_PROPERTIES:
        value = properties.get(name)
        if value not in (None, ""):
            key = str(value).strip()
            if not key.isdigit():
                raise BoundaryError(f"{where}: der AGS „{key}“ besteht nicht nur aus Ziffern.")
            return key
    raise BoundaryError(f"{where}: die Eigenschaft „AGS“ fehlt.")


def _read_geojson(document: dict[str, Any]) -> list[tuple[str, list[PolygonCoords]]]:
    features = document.get("features")
    if not isinstance(features, list):
        raise BoundaryError("Die FeatureCollection enthält keine Liste „features“.")
    result = []
    for index, feature in enumerate(features, start=1):
        where = f"Objekt {index}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise BoundaryError(f"{where} ist kein GeoJSON-Feature.")
        key = _key_of(feature.get("properties"), where)
        result.append((key, _polygons_of_geojson(feature.get("geometry"), f"{where} (AGS {key})")))
    return result


def decode_arcs(topology: dict[str, Any]) -> list[list[list[float]]]:
    """The arcs of a topology as absolute lon/lat points (delta and quantisation undone)."""
    arcs = topology.get("arcs")
    if not isinstance(arcs, list):
        raise BoundaryError("Die Topologie enthält keine Liste „arcs“.")
    transform = topology.get("transform")
    scale, translate = (1.0, 1.0), (0.0, 0.0)
    if transform is not None:
        try:
            scale = (float(transform["scale"][0]), float(transform["scale"][1]))
            translate = (float(transform["translate"][0]), float(transform["translate"][1]))
        except (KeyError, IndexError, TypeError, ValueError):
            raise BoundaryError("„transform“ braucht „scale“ und „translate“ mit je zwei Zahlen.") from None
    decoded = []
    for index, arc in enumerate(arcs):
        where = f"Bogen {index}"
        if not isinstance(arc, list):
            raise BoundaryError(f"{where} ist keine Liste von Punkten.")
        points = []
        x = y = 0.0
        for raw in arc:
            if not isinstance(raw, list) or len(raw) < 2:
                raise BoundaryError(f"{where}: ein Punkt braucht zwei Zahlen.")
            if transform is not None:
                x += _number(raw[0], where)
                y += _number(raw[1], where)
                points.append([x * scale[0] + translate[0], y * scale[1] + translate[1]])
            else:
                points.append([_number(raw[0], where), _number(raw[1], where)])
        decoded.append(points)
    return decoded


def _stitch(indexes: Any, arcs: list[list[list[float]]], where: str) -> list[list[float]]:
    """One ring from arc indexes; a negative index ``~i`` is arc ``i`` reversed."""
    if not isinstance(indexes, list):
        raise BoundaryError(f"{where}: ein Ring muss eine Liste von Bogennummern sein.")
    ring: list[list[float]] = []
    for raw in indexes:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise BoundaryError(f"{where}: „{raw}“ ist keine Bogennummer.")
        index = raw if raw >= 0 else ~raw
        if index >= len(arcs):
            raise BoundaryError(f"{where}: Bogen {index} gibt es nicht (nur {len(arcs)}).")
        points = arcs[index] if raw >= 0 else arcs[index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def _topo_polygons(geometry: Any, arcs: list[list[list[float]]], where: str) -> list[PolygonCoords]:
    if not isinstance(geometry, dict):
        raise BoundaryError(f"{where}: die Geometrie ist kein Objekt.")
    kind = geometry.get("type")
    if kind is None:
        return []
    if kind == "Polygon":
        rings = [_stitch(r, arcs, where) for r in geometry.get("arcs") or []]
        polygon = _polygon(rings, where)
        return [polygon] if polygon else []
    if kind == "MultiPolygon":
        result = []
        for part in geometry.get("arcs") or []:
            if not isinstance(part, list):
                raise BoundaryError(f"{where}: MultiPolygon ohne Liste von Polygonen.")
            polygon = _polygon([_stitch(r, arcs, where) for r in part], where)
            if polygon:
                result.append(polygon)
        return result
    raise BoundaryError(f"{where}: Geometrietyp „{kind}“ wird nicht unterstützt (nur Flächen).")


def _topo_layers(document: dict[str, Any], level: str | None) -> list[tuple[str, dict[str, Any]]]:
    objects = document.get("objects")
    if not isinstance(objects, dict) or not objects:
        raise BoundaryError("Die Topologie enthält keine Objekte („objects“).")
    layers = [(name, obj) for name, obj in objects.items() if isinstance(obj, dict)]
    if level is None or len(layers) == 1:
        return layers
    wanted = TOPO_LAYER_NAMES[level]
    chosen = [(n, o) for n, o in layers if n.lower() in wanted]
    if not chosen:
        names = ", ".join(n for n, _o in layers)
        raise BoundaryError(f"Die Topologie hat keine Ebene „{level}“ (vorhanden: {names}).")
    return chosen


def _read_topojson(document: dict[str, Any], level: str | None) -> list[tuple[str, list[PolygonCoords]]]:
    arcs = decode_arcs(document)
    result = []
    for name, layer in _topo_layers(document, level):
        geometries = layer.get("geometries") if layer.get("type") == "GeometryCollection" else [layer]
        if not isinstance(geometries, list):
            raise BoundaryError(f"Ebene „{name}“: „geometries“ ist keine Liste.")
        for index, geometry in enumerate(geometries, start=1):
            where = f"Ebene „{name}“, Objekt {index}"
            if not isinstance(geometry, dict):
                raise BoundaryError(f"{where} ist kein Objekt.")
            key = _key_of(geometry.get("properties"), where)
            result.append((key, _topo_polygons(geometry, arcs, f"{where} (AGS {key})")))
    return result


def read_boundaries(data: bytes, *, level: str | None = None) -> dict[str, dict[str, Any]]:
    """Per key a GeoJSON Polygon or MultiPolygon; keys of another level than ``level`` are left out
    by the caller. Raises :class:`BoundaryError` for anything that is not GeoJSON/TopoJSON."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BoundaryError("Die Datei ist nicht UTF-8-kodiert.") from None
    except json.JSONDecodeError as exc:
        raise BoundaryError(
            f"Die Datei ist kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno})."
        ) from None
    if not isinstance(document, dict):
        raise BoundaryError("Erwartet wird eine GeoJSON-FeatureCollection oder eine TopoJSON-Topologie.")
    if document.get("type") == "FeatureCollection":
        features = _read_geojson(document)
    elif document.get("type") == "Topology":
        features = _read_topojson(document, level)
    else:
        raise BoundaryError(
            f"Unbekannter Dateityp „{document.get('type')}“ – erwartet wird eine GeoJSON-FeatureCollection "
            "oder eine TopoJSON-Topologie."
        )
    merged: dict[str, list[PolygonCoords]] = {}
    for key, polygons in features:
        merged.setdefault(key, []).extend(polygons)
    return {key: _geometry(polygons) for key, polygons in merged.items()}


def _geometry(polygons: list[PolygonCoords]) -> dict[str, Any]:
    if not polygons:
        return {}
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


# --- writing ---------------------------------------------------------------------------------------


@transaction.atomic
def import_boundaries(
    data: bytes,
    *,
    file_name: str,
    source_date: dt.date,
    level: str | None = None,
    keys: Iterable[str] | None = None,
    actor: User | None = None,
) -> BoundarySummary:
    """Store the boundaries of ``data`` for the register units with these keys.

    ``level`` (gemeinde, kreis, land) keeps only keys of that length; ``keys`` (e.g. a region's
    members) keeps only those. Unknown keys are counted, not errors."""
    if level is not None and level not in LEVEL_KEY_LENGTH:
        raise BoundaryError(f"Unbekannte Ebene „{level}“ – erlaubt: gemeinde, kreis, land.")
    geometries = read_boundaries(data, level=level)
    summary = BoundarySummary(features=len(geometries))
    wanted = set(keys) if keys is not None else None
    chosen: dict[str, dict[str, Any]] = {}
    for key, geometry in geometries.items():
        other_level = level is not None and len(key) != LEVEL_KEY_LENGTH[level]
        if other_level or (wanted is not None and key not in wanted):
            summary.other_level += 1
        elif not geometry:
            summary.empty += 1
        else:
            chosen[key] = geometry
    units: dict[str, int] = {
        str(key): pk for key, pk in Municipality.objects.filter(key__in=list(chosen)).values_list("key", "id")
    }
    summary.unknown_keys = sorted(k for k in chosen if k not in units)
    summary.unknown = len(summary.unknown_keys)
    existing = {b.municipality_id: b for b in Boundary.objects.filter(municipality_id__in=units.values())}
    to_create: list[Boundary] = []
    to_update: list[Boundary] = []
    for unit_key, unit_id in units.items():
        geometry = chosen[unit_key]
        boundary = existing.get(unit_id)
        if boundary is None:
            to_create.append(
                Boundary(
                    municipality_id=unit_id, geometry=geometry, source_file=file_name, source_date=source_date
                )
            )
        elif (boundary.geometry, boundary.source_file, boundary.source_date) == (
            geometry,
            file_name,
            source_date,
        ):
            summary.unchanged += 1
        else:
            boundary.geometry, boundary.source_file, boundary.source_date = geometry, file_name, source_date
            to_update.append(boundary)
    Boundary.objects.bulk_create(to_create, batch_size=500)
    now = timezone.now()
    for boundary in to_update:
        boundary.imported_at = now
    Boundary.objects.bulk_update(to_update, ["geometry", "source_file", "source_date", "imported_at"], 500)
    summary.created, summary.updated = len(to_create), len(to_update)
    _audit(to_create, to_update, file_name, source_date, actor)
    return summary


def _audit(
    created: list[Boundary], updated: list[Boundary], file_name: str, source_date: dt.date, actor: User | None
) -> None:
    if not created and not updated:
        return
    content_type = ContentType.objects.get_for_model(Boundary)
    ids = [b.municipality_id for b in [*created, *updated]]
    saved = {b.municipality_id: b.pk for b in Boundary.objects.filter(municipality_id__in=ids)}
    names = dict(Municipality.objects.filter(pk__in=ids).values_list("id", "short_name"))
    label = actor_label(actor, "Import")
    message = f"Gebietsgrenze aus {file_name} (Stand {source_date:%d.%m.%Y})"
    bump_generation()  # the audit entries bypass record(): cached pages end here too (decision 205)
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=actor,
                actor_label=label,
                action=Action.IMPORT,
                content_type=content_type,
                object_id=str(saved[b.municipality_id]),
                object_repr=f"{names.get(b.municipality_id, '')} ({file_name})"[:300],
                changes={},
                message=message if is_new else message + " aktualisiert",
            )
            for b, is_new in [*((b, True) for b in created), *((b, False) for b in updated)]
        ],
        batch_size=500,
    )
