"""Neighbours by shared arcs, centroids and distances on a small hand-made topology."""

from __future__ import annotations

import pytest

from ikz.lib import topology

# Three unit squares in a row: A [0,1], B [1,2], C [2,3]; D touches C only at the corner (3, 1).
ARCS = [
    [[1, 0], [1, 1]],  # 0: border A|B
    [[1, 1], [0, 1], [0, 0], [1, 0]],  # 1: rest of A
    [[2, 0], [2, 1]],  # 2: border B|C
    [[1, 0], [2, 0]],  # 3: bottom of B
    [[2, 1], [1, 1]],  # 4: top of B
    [[2, 0], [3, 0], [3, 1], [2, 1]],  # 5: rest of C
    [[3, 1], [4, 1], [4, 2], [3, 2], [3, 1]],  # 6: D
]
GEOMETRIES = [
    {"type": "Polygon", "arcs": [[0, 1]], "properties": {"AGS": "A"}},
    {"type": "Polygon", "arcs": [[~0, 3, 2, 4]], "properties": {"AGS": "B"}},
    {"type": "MultiPolygon", "arcs": [[[~2, 5]]], "properties": {"AGS": "C"}},
    {"type": "Polygon", "arcs": [[6]], "properties": {"AGS": "D"}},
    {"type": None, "properties": {"AGS": "E"}},
]


def test_units_sharing_an_arc_are_neighbours_a_shared_corner_is_not() -> None:
    assert topology.neighbour_pairs(GEOMETRIES) == {("A", "B"), ("B", "C")}


def test_centroid_of_a_square_and_of_nothing() -> None:
    assert topology.centroid(GEOMETRIES[0], ARCS) == pytest.approx((0.5, 0.5))
    assert topology.centroid(GEOMETRIES[2], ARCS) == pytest.approx((0.5, 2.5))
    assert topology.centroid(GEOMETRIES[4], ARCS) is None
    assert topology.ring_centroid([[0, 0], [1, 1]]) is None


def test_distance_between_frankfurt_and_darmstadt_is_about_25_km() -> None:
    frankfurt, darmstadt = (50.1109, 8.6821), (49.8728, 8.6512)
    assert topology.distance_km(frankfurt, darmstadt) == pytest.approx(26.6, abs=0.5)
    assert topology.distance_km(frankfurt, frankfurt) == 0
