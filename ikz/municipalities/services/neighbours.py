"""Neighbours (shared borders) and centres of register units from the VG250 topology.

* Read: the TopoJSON's layers ``gemeinden`` and ``kreise`` (property ``AGS``); two units are
  neighbours when their areas share an arc (``ikz.lib.topology``). The parsed result is kept per
  file content in the process, so founding several regions reads the 3.5 MB file once.
* Written: ``Neighbour`` rows in both directions for the pairs where at least one unit is among
  ``keys`` (all units when ``keys`` is ``None``) and both are in the register; ``Centroid`` rows
  for every unit of the register found in the file. Running the same file again changes nothing;
  a pair the file no longer has is removed. One audit entry per unit whose neighbours changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

from ikz.accounts.models import User
from ikz.audit.models import Action, AuditEntry
from ikz.audit.services import actor_label
from ikz.lib import topology
from ikz.municipalities.models import Centroid, Municipality, Neighbour
from ikz.municipalities.services.boundaries import BoundaryError, decode_arcs

LAYERS = ("gemeinden", "kreise")


@dataclass(frozen=True)
class Topology:
    pairs: frozenset[tuple[str, str]]
    centroids: dict[str, topology.Point]


@dataclass
class NeighbourSummary:
    units: int = 0
    added: int = 0
    removed: int = 0
    centroids: int = 0


_CACHE: dict[str, Topology] = {}


def read_topology(data: bytes) -> Topology:
    """Pairs and centroids of the layers ``gemeinden`` and ``kreise``; German ``BoundaryError``."""
    digest = hashlib.sha256(data).hexdigest()
    if digest in _CACHE:
        return _CACHE[digest]
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BoundaryError("Die Datei ist keine lesbare TopoJSON-Datei (UTF-8, JSON).") from None
    if not isinstance(document, dict) or document.get("type") != "Topology":
        raise BoundaryError("Erwartet wird eine TopoJSON-Topologie (type „Topology“).")
    objects = document.get("objects") or {}
    layers = [objects[name] for name in LAYERS if isinstance(objects.get(name), dict)]
    if not layers:
        raise BoundaryError("Die Topologie hat keine Ebene „gemeinden“ oder „kreise“.")
    arcs = decode_arcs(document)
    pairs: set[tuple[str, str]] = set()
    centroids: dict[str, topology.Point] = {}
    for layer in layers:
        geometries = [g for g in layer.get("geometries") or [] if isinstance(g, dict)]
        pairs |= topology.neighbour_pairs(geometries)
        for geometry in geometries:
            key = str((geometry.get("properties") or {}).get("AGS") or "")
            point = topology.centroid(geometry, arcs) if key else None
            if point is not None:
                centroids[key] = point
    result = Topology(frozenset(pairs), centroids)
    _CACHE.clear()
    _CACHE[digest] = result
    return result


def neighbour_file() -> Path:
    return Path(settings.IKZ_NEIGHBOUR_FILE)


@transaction.atomic
def compute_neighbours(
    data: bytes, *, file_name: str, keys: Iterable[str] | None = None, actor: User | None = None
) -> NeighbourSummary:
    """Store the neighbours of the units with ``keys`` (all when ``None``) and every centre."""
    found = read_topology(data)
    units: dict[str, int] = {
        str(key): pk
        for key, pk in Municipality.objects.filter(key__in=list(found.centroids)).values_list("key", "id")
    }
    wanted = set(units) if keys is None else {k for k in keys if k in units}
    affected = {units[k] for k in wanted}
    desired = {
        (units[a], units[b])
        for pair in found.pairs
        if (pair[0] in wanted or pair[1] in wanted) and pair[0] in units and pair[1] in units
        for a, b in (pair, pair[::-1])
    }
    existing = {
        (row.municipality_id, row.neighbour_id): row.pk
        for row in Neighbour.objects.filter(Q(municipality_id__in=affected) | Q(neighbour_id__in=affected))
    }
    stale = [pk for pair, pk in existing.items() if pair not in desired]
    Neighbour.objects.filter(pk__in=stale).delete()
    added = [p for p in desired if p not in existing]
    Neighbour.objects.bulk_create(
        [Neighbour(municipality_id=a, neighbour_id=b, source_file=file_name) for a, b in added],
        batch_size=1000,
    )
    summary = NeighbourSummary(units=len(affected), added=len(added), removed=len(stale))
    summary.centroids = _store_centroids(found, units, file_name)
    changed = {a for a, _b in added} | {pair[0] for pair in existing if pair not in desired}
    _audit(sorted(changed), file_name, actor)
    return summary


def _store_centroids(found: Topology, units: dict[str, int], file_name: str) -> int:
    current = {c.municipality_id: c for c in Centroid.objects.filter(municipality_id__in=units.values())}
    to_create, to_update = [], []
    for key, unit_id in units.items():
        lat, lon = found.centroids[key]
        row = current.get(unit_id)
        if row is None:
            to_create.append(
                Centroid(municipality_id=unit_id, latitude=lat, longitude=lon, source_file=file_name)
            )
        elif (row.latitude, row.longitude, row.source_file) != (lat, lon, file_name):
            row.latitude, row.longitude, row.source_file = lat, lon, file_name
            to_update.append(row)
    Centroid.objects.bulk_create(to_create, batch_size=1000)
    Centroid.objects.bulk_update(to_update, ["latitude", "longitude", "source_file"], batch_size=1000)
    return len(to_create) + len(to_update)


def _audit(unit_ids: list[int], file_name: str, actor: User | None) -> None:
    if not unit_ids:
        return
    content_type = ContentType.objects.get_for_model(Municipality)
    names = dict(Municipality.objects.filter(pk__in=unit_ids).values_list("id", "name"))
    neighbours: dict[int, list[str]] = {}
    for unit_id, name in Neighbour.objects.filter(municipality_id__in=unit_ids).values_list(
        "municipality_id", "neighbour__name"
    ):
        neighbours.setdefault(unit_id, []).append(name)
    label = actor_label(actor, "Import")
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=actor,
                actor_label=label,
                action=Action.IMPORT,
                content_type=content_type,
                object_id=str(unit_id),
                object_repr=names.get(unit_id, "")[:300],
                changes={"Nachbarn": [None, "; ".join(sorted(neighbours.get(unit_id, [])))]},
                message=f"Nachbarschaften aus {file_name}"[:300],
            )
            for unit_id in unit_ids
        ],
        batch_size=500,
    )


def compute_neighbours_from_file(
    keys: Iterable[str] | None, *, actor: User | None = None, path: Path | None = None
) -> NeighbourSummary | None:
    """The same from the configured file (``IKZ_NEIGHBOUR_FILE``); ``None`` when it is missing
    (the partner search then ranks without neighbourhood)."""
    path = path or neighbour_file()
    if not path.is_file():
        return None
    return compute_neighbours(path.read_bytes(), file_name=path.name, keys=keys, actor=actor)
