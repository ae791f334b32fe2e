"""Where a steering decision was taken (decision 231): an app that records decisions elsewhere
(the meetings' agenda items) appends a function here from its ``sources.py``; the project page
shows the link beside the decision. Projects knows no such app (no import cycle)."""

from __future__ import annotations

from collections.abc import Callable

# project id → {decision id: (label, url)}; one query per function, whatever the number of decisions
DecisionLinks = Callable[[int], dict[int, tuple[str, str]]]
DECISION_LINKS: list[DecisionLinks] = []


def decision_links(project_id: int) -> dict[int, tuple[str, str]]:
    found: dict[int, tuple[str, str]] = {}
    for links in DECISION_LINKS:
        found |= links(project_id)
    return found
