"""The ranking with its reasons, without a database."""

from __future__ import annotations

from ikz.partners import rules
from ikz.partners.rules import Activity, Kind, Ties, Unit

HOME = Unit(1, "Groß-Gerau", 25_000, (49.910, 8.475))
NEIGHBOUR = Unit(2, "Mörfelden-Walldorf", 28_000, (49.984, 8.570))
FAR_SMALL = Unit(3, "Kleinstadt", 4_000, (48.137, 11.575))
NEAR_UNKNOWN = Unit(4, "Büttelborn", None, (49.903, 8.523))
ALONE = Unit(5, "Ohne Mittelpunkt", 12_500, None)


def test_neighbour_of_similar_size_cooperating_already_comes_first_with_every_reason() -> None:
    ties = Ties(
        neighbours=frozenset({2}),
        cooperations={2: ["Ordnungsbehördenbezirk"]},
        regions={2: ["Kreis Groß-Gerau"], 3: ["Kreis Groß-Gerau"]},
        cooperatives={3: ["K4K eG"]},
    )
    ranked = rules.rank(
        HOME,
        [
            (FAR_SMALL, [Activity(Kind.NEED, "Bauhof teilen")]),
            (NEIGHBOUR, [Activity(Kind.RUNS, "Standesamt"), Activity(Kind.RUNS, "Bauhof")]),
            (NEAR_UNKNOWN, [Activity(Kind.INTEREST, "Aufruf 2026")]),
            (ALONE, [Activity(Kind.PLANS, "Vollstreckung")]),
        ],
        ties,
    )
    assert [r.unit.name for r in ranked] == [
        "Mörfelden-Walldorf",
        "Büttelborn",
        "Kleinstadt",
        "Ohne Mittelpunkt",
    ]
    first = ranked[0]
    assert first.reasons == (
        "grenzt an Groß-Gerau",
        "ähnliche Größe: 28.000 / 25.000 Einwohner",
        "arbeitet bereits zusammen in: Ordnungsbehördenbezirk",
        "gleiche IKZ-Region: Kreis Groß-Gerau",
    )
    # neighbour 40 + size 20 + cooperating 15 + region 10 + runs 15 (two cooperations count once)
    assert first.score == 100 and first.neighbour
    assert ranked[1].reasons == ("4 km von Groß-Gerau entfernt (Luftlinie)",)
    assert ranked[1].score == 25 + 10
    assert ranked[3].reasons == ("vergleichbare Größe: 12.500 / 25.000 Einwohner",)
    assert ranked[3].score == 10 + 10
    last = ranked[2]
    assert last.reasons == (
        "300 km von Groß-Gerau entfernt (Luftlinie)",
        "gleiche IKZ-Region: Kreis Groß-Gerau",
        "gemeinsam Mitglied: K4K eG",
    )
    assert last.score == 10 + 10 + 10


def test_without_a_point_of_view_only_the_activities_count() -> None:
    ranked = rules.rank(
        None,
        [(FAR_SMALL, [Activity(Kind.NEED, "x")]), (NEIGHBOUR, [Activity(Kind.RUNS, "y")])],
        Ties(neighbours=frozenset({3})),
    )
    assert [(r.unit.name, r.score, r.reasons) for r in ranked] == [
        ("Mörfelden-Walldorf", 15, ()),
        ("Kleinstadt", 10, ()),
    ]
    assert ranked[0].activities[0].label == "betreibt eine Kooperation"


def test_distance_bands_and_size_classes() -> None:
    assert rules.place_reason(HOME, Unit(9, "x", point=(49.91, 8.80)), frozenset())[0] == 15  # ~23 km
    assert rules.place_reason(HOME, Unit(9, "x", point=(49.91, 9.20)), frozenset())[0] == 5  # ~52 km
    assert rules.place_reason(HOME, Unit(9, "x"), frozenset()) == (0, "", None)
    assert rules.size_reason(HOME, Unit(9, "x", 100_000)) is None
    assert rules.in_size_class(20_000, 20_000, 49_999) and not rules.in_size_class(None, 0, None)
    assert rules.in_size_class(150_000, 100_000, None) and not rules.in_size_class(19_999, 20_000, 49_999)
