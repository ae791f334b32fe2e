"""Where a steering decision was taken (decision 231): an app that records decisions elsewhere
(the meetings' agenda items) appends a function here from its ``sources.py``; the project page
shows the link beside the decision. Projects knows no such app (no import cycle)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

# decision ids → {decision id: (label, url)}; one query per function
DecisionLinks = Callable[[list[int]], dict[int, tuple[str, str]]]
DECISION_LINKS: list[DecisionLinks] = []


def decision_links(decision_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    ids = list(decision_ids)
    found: dict[int, tuple[str, str]] = {}
    if not ids:
        return found
    for links in DECISION_LINKS:
        found |= links(ids)
    return found
