"""Matching needs to solutions: same field, similar text (stemmed tokens), fresh entries. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ikz.search.rules import similarity, stem, stems

# Words that nearly every entry of the network contains; they say nothing about the subject.
GENERIC = frozenset(
    stem(w)
    for w in [
        "gemeinsam",
        "interkommunal",
        "Kommune",
        "Kooperation",
        "Zusammenarbeit",
        "möchten",
        "wollen",
        "umsetzen",
        "einführen",
        "aufbauen",
        "Lösung",
        "Projekt",
    ]
)


def subject_stems(text: str) -> list[str]:
    return [s for s in stems(text) if s not in GENERIC]


@dataclass(frozen=True)
class Entry:
    """A solution or need as the matcher sees it."""

    id: int
    field_id: int
    text: str
    last_confirmed: dt.date


@dataclass(frozen=True)
class Candidate:
    solution_id: int
    score: float  # 0 … 1
    stale: bool


def is_stale(last_confirmed: dt.date, today: dt.date, max_age_days: int) -> bool:
    """Not confirmed for longer than ``max_age_days``."""
    return (today - last_confirmed).days > max_age_days


def match(
    need: Entry,
    solutions: list[Entry],
    *,
    today: dt.date,
    max_age_days: int,
    threshold: float,
    include_stale: bool = False,
) -> list[Candidate]:
    """Solutions of the need's field whose text similarity reaches ``threshold``, best first
    (ties by id). Stale solutions are left out unless ``include_stale`` (then marked)."""
    wanted = subject_stems(need.text)
    found = []
    for solution in solutions:
        if solution.field_id != need.field_id:
            continue
        stale = is_stale(solution.last_confirmed, today, max_age_days)
        if stale and not include_stale:
            continue
        score = similarity(wanted, subject_stems(solution.text))
        if score >= threshold:
            found.append(Candidate(solution.id, round(score, 4), stale))
    return sorted(found, key=lambda c: (-c.score, c.solution_id))
