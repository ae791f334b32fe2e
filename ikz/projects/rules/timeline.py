"""The record of a project over time (decision 92): every step carries the day it took effect.

A project's steps are given in the order they were recorded (their effective dates never go
backwards: each step is checked against the previous one). From them follow the state and the
verdict as of any day, the day the project began and ended, whether it belongs to a matrix or a
report of a Stand, and the chain of follow-up projects (decision 93).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ikz.projects.rules.lifecycle import FINAL_STATES, PAUSED


@dataclass(frozen=True)
class Step:
    """One row of the log as the rules need it."""

    effective_on: dt.date
    source: str
    target: str
    verdict: str = ""


def steps_until(steps: Sequence[Step], day: dt.date) -> list[Step]:
    """The steps that had taken effect on ``day`` (recorded order)."""
    return [s for s in steps if s.effective_on <= day]


def state_on(steps: Sequence[Step], day: dt.date) -> str | None:
    """The state of the project on ``day``; ``None`` when it did not exist yet."""
    done = steps_until(steps, day)
    return done[-1].target if done else None


def verdict_on(steps: Sequence[Step], day: dt.date) -> str:
    """The verdict of the study as known on ``day`` ("" before it was recorded)."""
    verdicts = [s.verdict for s in steps_until(steps, day) if s.verdict]
    return verdicts[-1] if verdicts else ""


def began_on(steps: Sequence[Step]) -> dt.date | None:
    """The effective date of the first step (the project was proposed, or back-captured)."""
    return steps[0].effective_on if steps else None


def ended_on(steps: Sequence[Step], day: dt.date | None = None) -> dt.date | None:
    """The effective date of the final step, when the project had reached a final state on ``day``
    (``None``: as of its last step)."""
    done = list(steps) if day is None else steps_until(steps, day)
    if done and done[-1].target in FINAL_STATES:
        return done[-1].effective_on
    return None


def running_on(steps: Sequence[Step], day: dt.date) -> bool:
    """Begun and not yet in a final state on ``day`` (a paused project is still running)."""
    state = state_on(steps, day)
    return state is not None and state not in FINAL_STATES


def in_report_on(steps: Sequence[Step], year: int, day: dt.date) -> bool:
    """A project belongs in the report of ``year`` as of ``day`` when it existed on that day and had
    not ended before that year."""
    state = state_on(steps, day)
    if state is None:
        return False
    ended = ended_on(steps, day)
    return ended is None or ended.year >= year


def paused_from(steps: Sequence[Step]) -> str:
    """The state before the current pause ("" when the project is not paused)."""
    if not steps or steps[-1].target != PAUSED:
        return ""
    return steps[-1].source


def neighbours(steps: Sequence[Step], index: int) -> tuple[dt.date | None, dt.date | None]:
    """The effective dates a step's date must lie between: the previous and the next step's."""
    before = steps[index - 1].effective_on if index > 0 else None
    after = steps[index + 1].effective_on if index + 1 < len(steps) else None
    return before, after


# --- the chain of follow-up projects -------------------------------------------------------------------


def chain(pk: int, follow_ups: Mapping[int, int]) -> list[int]:
    """The projects linked with ``pk`` by "in Folgeprojekt überführt", first to last.

    ``follow_ups`` maps a project to its follow-up project. A project without links is a chain of
    one. The walk stops at a project seen before (a cycle cannot be recorded, but stay safe)."""
    back = {after: before for before, after in follow_ups.items()}
    first, seen = pk, {pk}
    while first in back and back[first] not in seen:
        first = back[first]
        seen.add(first)
    order, seen = [first], {first}
    while order[-1] in follow_ups and follow_ups[order[-1]] not in seen:
        order.append(follow_ups[order[-1]])
        seen.add(order[-1])
    return order


def closes_a_cycle(pk: int, follow_up: int, follow_ups: Mapping[int, int]) -> bool:
    """Would "``pk`` is followed up by ``follow_up``" make the chain run in a circle?"""
    return follow_up == pk or pk in chain(follow_up, follow_ups)


def order_by_start(items: Iterable[tuple[dt.date | None, str, int]]) -> list[int]:
    """Projects in the order in which they began (effective date of the first step), then title."""
    return [pk for _began, _title, pk in sorted(items, key=lambda t: (t[0] or dt.date.max, t[1], t[2]))]
