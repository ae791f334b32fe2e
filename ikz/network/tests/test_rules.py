"""Matching needs to solutions (no database)."""

from __future__ import annotations

import datetime as dt

from ikz.network.rules import Entry, is_stale, match

TODAY = dt.date(2026, 12, 1)
FRESH = dt.date(2026, 6, 1)
OLD = dt.date(2024, 1, 1)
NEED = Entry(
    1, 10, "Wir möchten ein interkommunales Vergabezentrum für gemeinsame Beschaffungen aufbauen", FRESH
)


def _match(solutions: list[Entry], **kw: object) -> list[tuple[int, bool]]:
    found = match(NEED, solutions, today=TODAY, max_age_days=365, threshold=0.15, **kw)  # type: ignore[arg-type]
    return [(c.solution_id, c.stale) for c in found]


def test_no_match_in_another_field_or_without_shared_words() -> None:
    other_field = Entry(2, 11, "Interkommunales Vergabezentrum für Beschaffungen", FRESH)
    unrelated = Entry(3, 10, "Gemeinsamer Bauhof mit Winterdienst", FRESH)
    assert _match([other_field, unrelated]) == []


def test_several_matches_are_ranked_by_similarity() -> None:
    close = Entry(4, 10, "Interkommunales Vergabezentrum: gemeinsame Beschaffung der Kommunen", FRESH)
    loose = Entry(5, 10, "Beratung zu Beschaffungen und Ausschreibungen, Vergabe von Aufträgen", FRESH)
    found = match(NEED, [loose, close], today=TODAY, max_age_days=365, threshold=0.15)
    assert [c.solution_id for c in found] == [4, 5]
    assert found[0].score > found[1].score >= 0.15


def test_stale_solutions_are_left_out_or_marked() -> None:
    stale = Entry(6, 10, "Interkommunales Vergabezentrum für gemeinsame Beschaffungen", OLD)
    assert _match([stale]) == []
    assert _match([stale], include_stale=True) == [(6, True)]


def test_threshold_cuts_weak_matches() -> None:
    weak = Entry(7, 10, "Beschaffungen", FRESH)
    assert match(NEED, [weak], today=TODAY, max_age_days=365, threshold=0.9) == []
    assert match(NEED, [weak], today=TODAY, max_age_days=365, threshold=0.1)[0].solution_id == 7


def test_is_stale_after_the_configured_days() -> None:
    assert not is_stale(dt.date(2025, 12, 1), TODAY, 365)
    assert is_stale(dt.date(2025, 11, 30), TODAY, 365)
