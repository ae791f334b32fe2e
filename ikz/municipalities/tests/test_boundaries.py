"""import_boundaries: GeoJSON and TopoJSON keyed by AGS, idempotent, unknown keys counted, bad files refused."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ikz.audit.models import AuditEntry
from ikz.municipalities.models import Boundary
from ikz.municipalities.services.boundaries import BoundaryError, decode_arcs, import_boundaries
from ikz.test import World

pytestmark = pytest.mark.django_db
STAND = dt.date(2025, 1, 1)

SQUARE = [[[8.4, 50.0], [8.5, 50.0], [8.5, 50.1], [8.4, 50.1], [8.4, 50.0]]]


def _geojson(*features: tuple[str, dict[str, object]]) -> bytes:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"AGS": key, "GEN": "x"}, "geometry": geometry}
                for key, geometry in features
            ],
        }
    ).encode()


def _polygon(ring: list[list[float]]) -> dict[str, object]:
    return {"type": "Polygon", "coordinates": [ring]}


RAUNHEIM = _polygon([[8.42, 50.0123456], [8.46, 50.0], [8.46, 50.0], [8.47, 50.03], [8.42, 50.0123456]])
KELSTERBACH = {
    "type": "MultiPolygon",
    "coordinates": [SQUARE, [[[8.6, 50.0], [8.7, 50.0], [8.7, 50.1], [8.6, 50.0]]]],
}

# Two squares sharing the border x=1 (arc 1), quantised: scale 0.1/0.1 around translate (8, 50).
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.1, 0.1], "translate": [8.0, 50.0]},
    "arcs": [
        [[1, 0], [-1, 0], [0, 1], [1, 0]],  # (1,0) → (0,0) → (0,1) → (1,1)
        [[1, 1], [0, -1]],  # (1,1) → (1,0): the shared border
        [[1, 0], [1, 0], [0, 1], [-1, 0]],  # (1,0) → (2,0) → (2,1) → (1,1)
    ],
    "objects": {
        "gemeinden": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"AGS": "06433010"}},
                {"type": "Polygon", "arcs": [[2, -2]], "properties": {"AGS": "06433007"}},
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"AGS": "99999999"}},
            ],
        },
        "kreise": {
            "type": "GeometryCollection",
            "geometries": [{"type": "Polygon", "arcs": [[0, 2]], "properties": {"AGS": "06433"}}],
        },
    },
}


def test_geojson_is_stored_per_key_rounded_and_rerun_changes_nothing(world: World) -> None:
    data = _geojson(("06433010", RAUNHEIM), ("06433007", KELSTERBACH), ("06999999", _polygon(SQUARE[0])))
    summary = import_boundaries(data, file_name="test.geojson", source_date=STAND)
    assert (summary.created, summary.updated, summary.unchanged, summary.unknown) == (2, 0, 0, 1)
    assert summary.unknown_keys == ["06999999"]
    raunheim = Boundary.objects.get(municipality=world.kommune_a)
    assert raunheim.geometry == {
        "type": "Polygon",
        "coordinates": [[[8.42, 50.0123], [8.46, 50.0], [8.47, 50.03], [8.42, 50.0123]]],
    }, "4 Nachkommastellen, doppelter Punkt entfernt"
    assert (raunheim.source_file, raunheim.source_date) == ("test.geojson", STAND)
    kelsterbach = Boundary.objects.get(municipality=world.kommune_b).geometry
    assert kelsterbach["type"] == "MultiPolygon" and len(kelsterbach["coordinates"]) == 2
    assert AuditEntry.objects.filter(action="import", content_type__model="boundary").count() == 2

    again = import_boundaries(data, file_name="test.geojson", source_date=STAND)
    assert (again.created, again.updated, again.unchanged, again.unknown) == (0, 0, 2, 1)
    assert AuditEntry.objects.filter(action="import", content_type__model="boundary").count() == 2

    moved = _geojson(("06433010", _polygon(SQUARE[0])))
    changed = import_boundaries(moved, file_name="neu.geojson", source_date=STAND)
    assert (changed.created, changed.updated) == (0, 1)
    assert Boundary.objects.get(municipality=world.kommune_a).geometry["coordinates"] == SQUARE


def test_level_keeps_only_keys_of_that_length(world: World) -> None:
    data = _geojson(("06433010", RAUNHEIM), ("06433", _polygon(SQUARE[0])))
    summary = import_boundaries(data, file_name="x.geojson", source_date=STAND, level="kreis")
    assert (summary.created, summary.other_level) == (1, 1)
    assert Boundary.objects.get().municipality == world.kreis


def test_topojson_arcs_are_decoded_with_delta_and_transform() -> None:
    arcs = decode_arcs(TOPOLOGY)
    assert [[round(v, 6) for v in p] for p in arcs[0]] == [[8.1, 50.0], [8.0, 50.0], [8.0, 50.1], [8.1, 50.1]]
    assert [[round(v, 6) for v in p] for p in arcs[1]] == [[8.1, 50.1], [8.1, 50.0]]


def test_topojson_layer_by_level_and_reversed_arcs(world: World) -> None:
    data = json.dumps(TOPOLOGY).encode()
    summary = import_boundaries(data, file_name="t.topojson", source_date=STAND, level="gemeinde")
    assert (summary.created, summary.unknown, summary.unknown_keys) == (2, 1, ["99999999"])
    a = Boundary.objects.get(municipality=world.kommune_a).geometry
    assert a["coordinates"] == [[[8.1, 50.0], [8.0, 50.0], [8.0, 50.1], [8.1, 50.1], [8.1, 50.0]]]
    b = Boundary.objects.get(municipality=world.kommune_b).geometry
    # arc 2 forwards, then arc 1 reversed (~1 = -2): (1,1) → (1,0) reversed is (1,0) → (1,1)
    assert b["coordinates"] == [[[8.1, 50.0], [8.2, 50.0], [8.2, 50.1], [8.1, 50.1], [8.1, 50.0]]]
    kreise = import_boundaries(data, file_name="t.topojson", source_date=STAND, level="kreis")
    assert kreise.created == 1 and Boundary.objects.filter(municipality=world.kreis).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{nicht json", "kein gültiges JSON"),
        (b'{"type": "Feature"}', "Unbekannter Dateityp"),
        (_geojson(("06433010", {"type": "Point", "coordinates": [8.4, 50.0]})), "nicht unterstützt"),
        (_geojson(("06433010", _polygon([[8.4, 50.0], [8.5, "x"], [8.5, 50.1]]))), "keine Koordinate"),
        (_geojson(("06433010", _polygon([[845000, 5540000], [8.5, 50], [8.5, 50.1]]))), "WGS84"),
        (
            json.dumps(
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}]}
            ).encode(),
            "„AGS“ fehlt",
        ),
        (
            json.dumps({**TOPOLOGY, "arcs": TOPOLOGY["arcs"][:1]}).encode(),  # type: ignore[index]
            "Bogen 1 gibt es nicht",
        ),
    ],
)
def test_a_malformed_file_writes_nothing(world: World, data: bytes, message: str) -> None:
    with pytest.raises(BoundaryError, match=message):
        import_boundaries(data, file_name="f", source_date=STAND)
    assert not Boundary.objects.exists()


def test_a_bad_feature_after_good_ones_writes_nothing(world: World) -> None:
    data = _geojson(("06433010", RAUNHEIM), ("06433007", {"type": "LineString", "coordinates": []}))
    with pytest.raises(BoundaryError, match="Objekt 2"):
        import_boundaries(data, file_name="f", source_date=STAND)
    assert not Boundary.objects.exists()


def test_command_prints_the_summary_and_refuses_bad_files(world: World, tmp_path: Path) -> None:
    path = tmp_path / "grenzen.geojson"
    path.write_bytes(_geojson(("06433010", RAUNHEIM), ("07111000", _polygon(SQUARE[0]))))
    out = StringIO()
    call_command("import_boundaries", str(path), "--stand", "01.01.2025", stdout=out)
    text = out.getvalue()
    assert "neu: 1, geändert: 0, unverändert: 0, unbekannt: 1" in text
    assert "07111000" in text
    out = StringIO()
    call_command("import_boundaries", str(path), "--stand", "01.01.2025", stdout=out)
    assert "neu: 0, geändert: 0, unverändert: 1, unbekannt: 1" in out.getvalue()
    assert "keine Änderungen" in out.getvalue()
    bad = tmp_path / "kaputt.geojson"
    bad.write_text("[]")
    with pytest.raises(CommandError, match=r"kaputt\.geojson: .*Es wurde nichts importiert"):
        call_command("import_boundaries", str(bad))


@pytest.mark.data
def test_the_hessen_gemeinden_file_finds_raunheim(world: World, shared_data: Path) -> None:
    path = shared_data / "vg250_gemeinden_hessen_simplified.geojson"
    if not path.exists():
        pytest.skip(f"{path.name} fehlt unter {shared_data}")
    summary = import_boundaries(path.read_bytes(), file_name=path.name, source_date=STAND, level="gemeinde")
    assert summary.features == 425
    assert summary.created == 2 and summary.unknown == 423, (
        "nur Raunheim und Kelsterbach sind im Testregister"
    )
    raunheim = Boundary.objects.get(municipality__key="06433010").geometry
    points = [p for ring in raunheim["coordinates"] for p in ring]
    assert len(points) >= 6
    assert all(8.4 < lon < 8.55 and 49.95 < lat < 50.05 for lon, lat in points), "Raunheim liegt am Main"
