"""Pure rules of a new region: abbreviations, the pasted key list, names, membership dates."""

from __future__ import annotations

import datetime as dt
import itertools

from ikz.municipalities import rules

# Seed 003: the 14 Städte und Gemeinden of Kreis Groß-Gerau and the Kreis.
GROSS_GERAU = [
    "Rüsselsheim am Main",
    "Raunheim",
    "Kelsterbach",
    "Ginsheim-Gustavsburg",
    "Bischofsheim",
    "Mörfelden-Walldorf",
    "Groß-Gerau",
    "Büttelborn",
    "Trebur",
    "Nauheim",
    "Riedstadt",
    "Gernsheim",
    "Biebesheim am Rhein",
    "Stockstadt am Rhein",
]


def test_labels_of_one_word_several_parts_and_the_kreis() -> None:
    labels = rules.propose_labels([(n, False) for n in GROSS_GERAU] + [("Groß-Gerau", True)])
    assert labels[:7] == ["Rüss", "Raun", "Kels", "GiGu", "Bisc", "MöWa", "GrGe"]
    assert labels[-1] == "Kreis"
    assert len({label.casefold() for label in labels}) == len(labels)  # unique within the region


def test_colliding_labels_grow_until_they_differ_and_twins_are_numbered() -> None:
    names = [("Nidda", False), ("Niddatal", False), ("Bad Nauheim", False), ("Bad Vilbel", False)]
    assert rules.propose_labels(names) == ["Nidda", "Niddat", "BaNa", "BaVi"]
    twins = rules.propose_labels([("Altenstadt", False), ("Altenstadt", False)])
    assert twins == ["Altenstadt", "Altenstadt2"]  # grown to the whole name, then numbered


def test_words_after_lower_case_or_brackets_are_no_part_of_the_label() -> None:
    names = [("Friedberg (Hessen)", False), ("Rosbach v. d. Höhe", False), ("Ober-Mörlen", False)]
    assert rules.propose_labels(names) == ["Frie", "Rosb", "ObMö"]


def test_every_label_fits_the_column() -> None:
    long_names = [("Sankt Peter-Ording-Nord-Süd", False)] * 30
    assert all(len(label) <= rules.LABEL_LENGTH for label in rules.propose_labels(long_names))


def test_pasted_keys_one_a_line_with_errors_by_line() -> None:
    text = "06440001 Altenstadt\n\n0644x\n06440001;Altenstadt\n064400010010\t Altenstadt (ARS)\n06440"
    keys, errors = rules.parse_key_lines(text)
    assert [(k.line, k.key) for k in keys] == [(1, "06440001"), (5, "064400010010"), (6, "06440")]
    assert errors == [
        "Zeile 3: „0644x“ ist kein amtlicher Schlüssel (Kreis 5 Ziffern, Gemeinde 8, "
        "Gemeindeverband 9, Regionalschlüssel 12).",
        "Zeile 4: 06440001 steht schon in Zeile 1.",
    ]


def test_proposed_names_and_addresses() -> None:
    assert rules.proposed_region_name("Wetteraukreis", "landkreis") == "IKZ Wetteraukreis"
    assert rules.proposed_region_name("Groß-Gerau", "landkreis") == "IKZ Kreis Groß-Gerau"
    assert rules.proposed_region_name("Darmstadt", "kreisfreie_stadt") == "IKZ Darmstadt"
    assert rules.proposed_slug("IKZ Kreis Groß-Gerau") == "kreis-gross-gerau"
    assert rules.proposed_slug("IKZ Main-Kinzig-Kreis") == "main-kinzig-kreis"


def test_membership_dates() -> None:
    start = dt.date(2013, 1, 1)
    assert rules.member_date_errors("Raun", dt.date(2013, 2, 1), None, start) == []
    assert rules.member_date_errors("Raun", dt.date(2014, 1, 1), dt.date(2013, 12, 31), None) == [
        "Raun: „Mitglied bis“ (31.12.2013) liegt vor „Mitglied seit“ (01.01.2014)."
    ]
    assert rules.member_date_errors("Raun", dt.date(2012, 6, 1), None, start) == [
        "Raun: „Mitglied seit“ (01.06.2012) liegt vor dem Beginn der Region (01.01.2013)."
    ]


def test_the_default_size_classes_do_not_overlap_and_cover_every_size() -> None:
    classes = rules.DEFAULT_SIZE_CLASSES
    assert rules.overlapping_classes(classes) == []
    assert classes[0].lower == 0 and classes[-1].upper is None
    assert all(a.upper is not None and a.upper + 1 == b.lower for a, b in itertools.pairwise(classes))
