"""German folding, stemming, scoring and snippets (no database)."""

from __future__ import annotations

import pytest

from ikz.search.rules import fold, query_stems, score, similarity, snippet, stems, token_text


def test_inflections_share_a_stem() -> None:
    assert stems("Beschaffung") == stems("Beschaffungen")
    assert stems("Gebühr") == stems("Gebühren")
    assert stems("Kommune") == stems("Kommunen")


def test_umlauts_and_sharp_s_fold_consistently() -> None:
    assert fold("Straße") == fold("Strasse") == "strasse"
    assert stems("Gebühren") == stems("Gebuehren")
    assert stems("Straße") == stems("Strasse")
    assert stems("Größenklasse") == stems("Groessenklasse")


def test_stop_words_are_left_out() -> None:
    assert stems("die und der Charta") == stems("Charta")


def test_score_needs_every_query_stem_and_counts_title_thrice() -> None:
    tokens = token_text("Charta Beschaffung", "Die Beschaffungen der Kommunen")
    assert score(tokens, query_stems("Beschaffung")) == 4.0  # 3 × title + 1 × body
    assert score(tokens, query_stems("Beschaffung Abwasser")) == 0.0


def test_snippet_escapes_and_marks_the_words_as_written() -> None:
    html = snippet("Die <b>Gebühren</b> & Straßen", query_stems("Gebuehr Strasse"))
    assert html == "Die &lt;b&gt;<mark>Gebühren</mark>&lt;/b&gt; &amp; <mark>Straßen</mark>"


def test_snippet_of_a_long_text_is_a_window_around_the_first_hit() -> None:
    text = " ".join(["Wort"] * 50 + ["Vergabezentrum"] + ["Ende"] * 50)
    html = snippet(text, query_stems("Vergabezentrum"), width=10)
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>Vergabezentrum</mark>" in html
    assert html.count("Wort") == 3


def test_snippet_finds_every_spelling_of_a_stem_far_into_the_text() -> None:
    """The first match is found by a pattern of the stems' spellings (umlaut written out or not, ß
    or ss, the "ue" the stemmer keeps in "Feuer"): the window is the same wherever the hit is."""
    filler = " ".join(f"wort{n}" for n in range(3000))
    for written, query in (
        ("Gründung", "Gruendung"),
        ("GRUENDUNG", "Gründung"),
        ("Straßenbau", "Strassenbau"),
        ("Feuerwehren", "Feuerwehr"),
        ("Überwachung", "ueberwachen"),
    ):
        text = f"{filler} {written} danach"
        html = snippet(text, query_stems(query), width=12)
        assert html == f"… wort2996 wort2997 wort2998 wort2999 <mark>{written}</mark> danach", (written, html)
    assert snippet(f"{filler} Gründung", query_stems("Feuerwehr"), width=3) == "wort0 wort1 wort2 …"
    # a word cut by the look back before the hit is not shown as a word
    assert (
        snippet("x" * 900 + " a b c Treffer", query_stems("Treffer"), width=9)
        == "… a b c <mark>Treffer</mark>"
    )


def test_similarity() -> None:
    assert similarity(["a", "b"], ["a", "b"]) == pytest.approx(1.0)
    assert similarity(["a"], ["b"]) == 0.0
    assert similarity([], ["b"]) == 0.0
