"""Pure rules: no database."""

import datetime as dt

import pytest

from ikz.lib import ags
from ikz.municipalities import rules


def test_short_name_drops_register_suffixes() -> None:
    assert rules.short_name("Rüsselsheim am Main, Stadt") == "Rüsselsheim am Main"
    assert rules.short_name("Gernsheim, Schöfferstadt") == "Gernsheim"
    assert rules.short_name("Nauheim") == "Nauheim"


def test_current_figure_is_newest_stichtag_then_last_recorded() -> None:
    old = rules.Figure(dt.date(2022, 12, 31), 17375, recorded=5)
    new = rules.Figure(dt.date(2024, 12, 31), 16622, recorded=1)
    correction = rules.Figure(dt.date(2024, 12, 31), 16630, recorded=9)
    assert rules.current_figure([old, new]) == new
    assert rules.current_figure([new, old, correction]) == correction
    assert rules.current_figure([]) is None


SEED_CLASSES = [
    rules.SizeClassRule("6.000 – 8.000", 6000, 8000),
    rules.SizeClassRule("10.000 – 15.000", 10000, 15000),
    rules.SizeClassRule("15.001 – 17.000", 15001, 17000),
    rules.SizeClassRule("24.000 – 27.000", 24000, 27000),
    rules.SizeClassRule("35.000", 34000, 36000),
    rules.SizeClassRule("67.000", 66000, 68000),
]

# Population of the 14 Städte und Gemeinden of Kreis Groß-Gerau on 31.12.2022 (Destatis GV100AD).
GROSS_GERAU_2022 = [
    ("Biebesheim", 6675), ("Bischofsheim", 13176), ("Büttelborn", 14992), ("Gernsheim", 11024),
    ("Ginsheim-Gustavsburg", 16960), ("Groß-Gerau", 26418), ("Kelsterbach", 17375),
    ("Mörfelden-Walldorf", 35291), ("Nauheim", 10840), ("Raunheim", 16542), ("Riedstadt", 24209),
    ("Rüsselsheim", 67277), ("Stockstadt", 6333), ("Trebur", 13196),
]  # fmt: skip


def test_classify_reproduces_seed_table_except_kelsterbach() -> None:
    counts, unclassified = rules.classify(GROSS_GERAU_2022, SEED_CLASSES)
    assert [c.count for c in counts] == [2, 5, 2, 2, 1, 1]
    assert unclassified == [("Kelsterbach", 17375)]
    assert sum(p for _, p in GROSS_GERAU_2022) == 280308  # "EW gesamt: rd. 280.000"


def test_classify_bounds_are_inclusive_and_missing_figures_are_reported() -> None:
    classes = [rules.SizeClassRule("a", 10, 20), rules.SizeClassRule("b", 21, None)]
    counts, unclassified = rules.classify([("x", 10), ("y", 20), ("z", 21), ("w", None), ("v", 9)], classes)
    assert [c.members for c in counts] == [("x", "y"), ("z",)]
    assert unclassified == [("w", None), ("v", 9)]


def test_overlapping_classes_are_found() -> None:
    assert rules.overlapping_classes(SEED_CLASSES) == []
    assert rules.overlapping_classes(
        [rules.SizeClassRule("a", 0, 100), rules.SizeClassRule("b", 100, None)]
    ) == [("a", "b")]


def test_covering_keys_finds_the_kreis_among_its_gemeinden() -> None:
    assert rules.covering_keys(["06433012", "06433010", "06433"]) == {"06433"}
    assert rules.covering_keys(["06433012", "06413000"]) == set()


def test_sonderstatusstadt_is_applied_only_to_the_seven_towns() -> None:
    assert rules.register_kind("06433012", "stadt") == "sonderstatusstadt"
    assert rules.register_kind("06433010", "stadt") == "stadt"
    assert len(rules.SONDERSTATUSSTAEDTE) == 7


@pytest.mark.parametrize(
    "level,key,message",
    [
        ("gemeinde", "0643301", "hat 7 Stellen, erwartet sind 8"),
        ("gemeinde", "0643301X", "nur Ziffern"),
        ("kreis", "99433", "Landesnummer"),
        ("kreis", "064330", "hat 6 Stellen, erwartet sind 5"),
    ],
)
def test_invalid_keys_have_german_reasons(level: str, key: str, message: str) -> None:
    with pytest.raises(ags.InvalidKey, match=message):
        ags.check_key(level, key)


def test_valid_keys_and_ars_consistency() -> None:
    ags.check_key("gemeinde", "06433012")
    ags.check_key("land", "06")
    ags.check_ars("064330012012", "06433012")
    with pytest.raises(ags.InvalidKey, match="passt nicht"):
        ags.check_ars("064330012013", "06433012")
    with pytest.raises(ags.InvalidKey, match="12 Ziffern"):
        ags.check_ars("06433001201", "06433012")
    ags.check_parent("06433012", "06433")
    with pytest.raises(ags.InvalidKey, match="übergeordneten"):
        ags.check_parent("06433012", "06434")
    assert ags.ars_for("kreis", "06433") == "064330000000"
