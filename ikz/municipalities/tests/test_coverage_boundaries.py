"""Boundary files as they come from elsewhere: every kind of broken file is refused with a German
message naming the place, and the odd but valid ones (collections, holes that vanish, plain TopoJSON
without quantisation, several layers) are read as a person looking at the map would expect."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest

from ikz.municipalities import services
from ikz.municipalities.models import Boundary
from ikz.test import World

STAND = dt.date(2025, 1, 1)
SQUARE = [[8.4, 50.0], [8.5, 50.0], [8.5, 50.1], [8.4, 50.1], [8.4, 50.0]]


def feature(key: Any, geometry: Any, **extra: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"AGS": key}, "geometry": geometry, **extra}


def collection(*features: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def topology(objects: Any, arcs: Any, **extra: Any) -> dict[str, Any]:
    return {"type": "Topology", "arcs": arcs, "objects": objects, **extra}


def load(document: Any, **kwargs: Any) -> services.BoundarySummary:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    return services.import_boundaries(data, file_name="grenzen.json", source_date=STAND, **kwargs)


ARC = [[[8.4, 50.0], [8.5, 50.0], [8.5, 50.1], [8.4, 50.1], [8.4, 50.0]]]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"\xff\xfe{", "nicht UTF-8"),
        (b'{"type": ', "kein gültiges JSON (Zeile 1"),
        ([1, 2], "Erwartet wird eine GeoJSON-FeatureCollection"),
        ({"type": "Feature"}, "Unbekannter Dateityp „Feature“"),
        ({"type": "FeatureCollection"}, "keine Liste „features“"),
        (collection({"type": "Punkt"}), "Objekt 1 ist kein GeoJSON-Feature"),
        (collection({"type": "Feature", "properties": None}), "keine Eigenschaften"),
        (collection(feature("", None)), "„AGS“ fehlt"),
        (collection(feature("06-433", None)), "nicht nur aus Ziffern"),
        (collection(feature("06433010", "Fläche")), "die Geometrie ist kein Objekt"),
        (collection(feature("06433010", {"type": "Point", "coordinates": [8, 50]})), "„Point“"),
        (collection(feature("06433010", {"type": "Polygon", "coordinates": "x"})), "Liste von Ringen"),
        (collection(feature("06433010", {"type": "Polygon", "coordinates": ["x"]})), "Ring 1 ist keine"),
        (collection(feature("06433010", {"type": "Polygon", "coordinates": [[[8.4]]]})), "Länge und Breite"),
        (
            collection(feature("06433010", {"type": "Polygon", "coordinates": [[[8.4, "50"]]]})),
            "keine Koordinate",
        ),
        (
            collection(feature("06433010", {"type": "Polygon", "coordinates": [[[8.4, True]]]})),
            "keine Koordinate",
        ),
        (collection(feature("06433010", {"type": "Polygon", "coordinates": [[[3e6, 5e6]]]})), "WGS84"),
        (collection(feature("06433010", {"type": "MultiPolygon", "coordinates": 5})), "MultiPolygon ohne"),
        ({"type": "Topology", "objects": {}}, "keine Liste „arcs“"),
        (topology({"g": {}}, [], transform={"scale": [1]}), "„transform“ braucht"),
        (topology({"g": {}}, ["x"]), "Bogen 0 ist keine Liste"),
        (topology({"g": {}}, [[[1]]]), "Bogen 0: ein Punkt braucht zwei Zahlen"),
        (topology({}, []), "keine Objekte"),
        (
            topology({"g": {"type": "GeometryCollection", "geometries": 3}}, []),
            "„geometries“ ist keine Liste",
        ),
        (topology({"g": {"type": "GeometryCollection", "geometries": [7]}}, []), "Objekt 1 ist kein Objekt"),
        (
            topology({"g": {"type": "Polygon", "arcs": "0", "properties": {"AGS": "06433010"}}}, ARC),
            "Liste von Bogennummern",
        ),
        (
            topology({"g": {"type": "Polygon", "arcs": [["0"]], "properties": {"AGS": "06433010"}}}, ARC),
            "„0“ ist keine Bogennummer",
        ),
        (
            topology({"g": {"type": "Polygon", "arcs": [[3]], "properties": {"AGS": "06433010"}}}, ARC),
            "Bogen 3 gibt es nicht (nur 1)",
        ),
        (
            topology({"g": {"type": "MultiPolygon", "arcs": [0], "properties": {"AGS": "06433010"}}}, ARC),
            "MultiPolygon ohne Liste",
        ),
        (
            topology({"g": {"type": "LineString", "arcs": [0], "properties": {"AGS": "06433010"}}}, ARC),
            "„LineString“ wird nicht unterstützt",
        ),
    ],
)
@pytest.mark.django_db
def test_broken_files_are_refused_with_the_place_and_nothing_is_stored(
    world: World, document: Any, message: str
) -> None:
    with pytest.raises(services.BoundaryError, match=re.escape(message)):
        load(document)
    assert not Boundary.objects.exists()


@pytest.mark.django_db
def test_an_unknown_level_is_refused(world: World) -> None:
    with pytest.raises(services.BoundaryError, match="Unbekannte Ebene „bezirk“"):
        load(collection(), level="bezirk")


@pytest.mark.django_db
def test_collections_vanishing_holes_and_too_small_areas(world: World) -> None:
    key_a, key_b = world.kommune_a.key, world.kommune_b.key
    hole_too_small = [[8.45, 50.05], [8.45, 50.05], [8.45, 50.05]]
    tiny = [[8.4, 50.0], [8.40001, 50.0], [8.4, 50.0]]
    summary = load(
        collection(
            feature(
                key_a,
                {
                    "type": "GeometryCollection",
                    "geometries": [
                        {"type": "Polygon", "coordinates": [SQUARE, hole_too_small]},
                        {"type": "MultiPolygon", "coordinates": [[tiny]]},
                    ],
                },
            ),
            feature(key_b, {"type": "Polygon", "coordinates": [tiny]}),
            feature("06999999", None),
        )
    )
    assert (summary.features, summary.created, summary.empty) == (3, 1, 2)
    stored = Boundary.objects.get(municipality=world.kommune_a).geometry
    assert stored["type"] == "Polygon" and len(stored["coordinates"]) == 1  # the hole is gone
    assert not Boundary.objects.filter(municipality=world.kommune_b).exists()


@pytest.mark.django_db
def test_plain_topojson_with_layers_reads_only_the_layer_of_the_level(world: World) -> None:
    square = [[8.4, 50.0], [8.5, 50.0], [8.5, 50.1], [8.4, 50.1], [8.4, 50.0]]
    document = topology(
        {
            "kreise": {
                "type": "GeometryCollection",
                "geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"AGS": "06433"}}],
            },
            "gemeinden": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "MultiPolygon",
                        "arcs": [[[0]], [[~0]]],
                        "properties": {"ags": world.kommune_a.key},
                    },
                    {"type": None, "properties": {"AGS": world.kommune_b.key}},
                ],
            },
        },
        [square],
    )
    summary = load(document, level="gemeinde")
    assert (summary.features, summary.created, summary.empty) == (2, 1, 1)
    geometry = Boundary.objects.get(municipality=world.kommune_a).geometry
    assert geometry["type"] == "MultiPolygon" and geometry["coordinates"][0][0][0] == [8.4, 50.0]
    with pytest.raises(services.BoundaryError, match="keine Ebene „land“ \\(vorhanden: kreise, gemeinden\\)"):
        load(document, level="land")
