"""Pure rules: what a resolution needs, which body fits which kind, and the map projection."""

from __future__ import annotations

import datetime as dt
import math

from ikz.resolutions import rules

TODAY = dt.date(2026, 11, 23)
LABELS = {
    "stvv": "Stadtverordnetenversammlung",
    "gemeindevertretung": "Gemeindevertretung",
    "magistrat": "Magistrat",
}


def _errors(**changes: object) -> dict[str, str]:
    values: dict[str, object] = {
        "kind": "stadt",
        "kind_label": "Stadt",
        "subject": "principle",
        "subject_text": "",
        "body": "stvv",
        "body_labels": LABELS,
        "date": dt.date(2013, 10, 24),
        "outcome": "adopted_council",
        "today": TODAY,
    } | changes
    return rules.resolution_errors(**values)  # type: ignore[arg-type]


def test_a_consistent_resolution_has_no_errors() -> None:
    assert _errors() == {}
    assert _errors(body="magistrat", outcome="adopted_executive") == {}
    assert _errors(outcome="pending", date=None) == {}
    assert _errors(outcome="not_planned", date=None) == {}
    assert _errors(outcome="pending", date=TODAY + dt.timedelta(days=30)) == {}, "geplante Sitzung"


def test_date_is_required_unless_pending_or_not_planned() -> None:
    for outcome in ("adopted_council", "rejected"):
        assert "Sitzungsdatum" in _errors(outcome=outcome, date=None)["date"]


def test_an_adopted_resolution_cannot_lie_in_the_future() -> None:
    message = _errors(date=TODAY + dt.timedelta(days=1))["date"]
    assert "Zukunft" in message and "24.11.2026" in message
    assert _errors(date=TODAY) == {}


def test_the_body_must_fit_the_kind() -> None:
    message = _errors(body="gemeindevertretung")["body"]
    assert "passt nicht" in message and "Stadtverordnetenversammlung bzw. Magistrat" in message
    assert "body" in _errors(kind="gemeinde", kind_label="Gemeinde", body="stvv")
    assert "body" in _errors(kind="landkreis", kind_label="Landkreis", body="magistrat")
    assert _errors(kind="landkreis", body="kreistag") == {}
    assert _errors(kind="zweckverband", body="stvv") == {}, "Art sagt nichts: keine Prüfung"
    assert _errors(body="other") == {}


def test_outcome_must_fit_council_or_executive() -> None:
    assert "keine Vertretung" in _errors(body="magistrat", outcome="adopted_council")["outcome"]
    assert "outcome" in _errors(body="stvv", outcome="noted")


def test_other_subject_needs_a_text() -> None:
    assert "worüber" in _errors(subject="other", subject_text=" ")["subject_text"]
    assert _errors(subject="other", subject_text="Beitritt Zweckverband") == {}


def test_bodies_for_kinds() -> None:
    assert rules.bodies_for("sonderstatusstadt") == ("stvv", "magistrat")
    assert rules.bodies_for("gemeinde") == ("gemeindevertretung", "gemeindevorstand")
    assert rules.bodies_for("landkreis") == ("kreistag", "kreisausschuss")
    assert rules.bodies_for("aoer") is None


def _square(lon: float, lat: float, size: float = 0.1) -> dict[str, object]:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _numbers(path: str) -> list[tuple[float, float]]:
    pairs = path.replace("M", " ").replace("L", " ").replace("Z", " ").split()
    return [(float(p.split(",")[0]), float(p.split(",")[1])) for p in pairs]


def test_projection_scales_longitude_by_cos_of_mean_latitude_and_fits_the_viewbox() -> None:
    layout = rules.project({"a": _square(8.0, 50.0, 1.0)}, width=640, max_height=2000, padding=20)
    points = _numbers(layout.shapes["a"].path)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    assert (min(xs), max(xs)) == (20, 620), "füllt die Breite bis auf den Rand"
    ratio = (max(ys) - min(ys)) / (max(xs) - min(xs))
    assert math.isclose(ratio, 1 / math.cos(math.radians(50.5)), rel_tol=1e-3)
    assert layout.height == math.ceil(max(ys) + 20)
    north = [p for p in points if p[1] == min(ys)]
    assert len(north) == 2, "Norden oben: die beiden Punkte mit 51° Breite haben das kleinste y"
    label = layout.shapes["a"]
    assert math.isclose(label.label_x, 320, abs_tol=0.2) and math.isclose(
        label.label_y, (min(ys) + max(ys)) / 2, abs_tol=0.2
    )


def test_projection_limits_the_height_and_centres_horizontally() -> None:
    layout = rules.project({"a": _square(8.0, 50.0, 1.0)}, width=640, max_height=300, padding=10)
    xs = [p[0] for p in _numbers(layout.shapes["a"].path)]
    assert layout.height <= 300
    assert math.isclose(min(xs) + max(xs), 640, abs_tol=0.2)


def test_projection_of_several_shapes_keeps_their_relative_position() -> None:
    layout = rules.project(
        {"west": _square(8.0, 50.0), "east": _square(8.2, 50.0), "north": _square(8.0, 50.2)}
    )
    west, east, north = (_numbers(layout.shapes[k].path) for k in ("west", "east", "north"))
    assert max(x for x, _ in west) < min(x for x, _ in east)
    assert max(y for _, y in north) < min(y for _, y in west)


def test_multipolygon_with_hole_and_empty_input() -> None:
    outer = [[8.0, 50.0], [9.0, 50.0], [9.0, 51.0], [8.0, 51.0], [8.0, 50.0]]
    hole = [[8.4, 50.4], [8.6, 50.4], [8.6, 50.6], [8.4, 50.6], [8.4, 50.4]]
    island = [[9.5, 50.0], [9.6, 50.0], [9.6, 50.1], [9.5, 50.0]]
    layout = rules.project({"m": {"type": "MultiPolygon", "coordinates": [[outer, hole], [island]]}})
    assert layout.shapes["m"].path.count("M") == 3 and layout.shapes["m"].path.count("Z") == 3
    assert layout.shapes["m"].label_x < 640 * 0.7, "Beschriftung in der größten Fläche, nicht auf der Insel"
    assert rules.project({}).shapes == {} and rules.project({}).height == 0


def test_every_outcome_has_a_second_cue_besides_colour() -> None:
    styles = list(rules.OUTCOME_STYLES.values())
    assert len({s.fill for s in styles}) == len(styles)
    assert len({s.symbol for s in styles}) == len(styles), "jedes Ergebnis hat ein eigenes Zeichen"
    assert len({s.pattern for s in styles if s.fill != "#eeeeee"}) == len(styles) - 1
