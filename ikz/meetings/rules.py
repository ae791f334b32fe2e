"""Pure rules of meetings (no database): the states of a meeting, what each step needs, the open
actions (Beschlusskontrolle), a paper's way through the councils and OParl paging."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

STEERING = "steering"
PLANNED, INVITED, HELD, APPROVED = "planned", "invited", "held", "approved"
ADOPTED, ADOPTED_CHANGED = "adopted", "adopted_changed"
DECIDED = frozenset({ADOPTED, ADOPTED_CHANGED})

# what waits for a decision of the steering group (topic keys of agenda items)
TOPIC_PRIORITISE = "prioritise"
TOPIC_VERDICT = "verdict"
TOPIC_MILESTONE = "milestone"
TOPIC_PAPER = "paper"


def next_number(numbers: Iterable[str]) -> str:
    """The next TOP number after the highest whole number used ("1", "2", … ; "3a" counts as 3)."""
    highest = 0
    for number in numbers:
        digits = "".join(ch for ch in number if ch.isdigit())
        if digits:
            highest = max(highest, int(digits))
    return str(highest + 1)


def invite_errors(state: str, items: int) -> list[str]:
    if state != PLANNED:
        return [_("Zu dieser Sitzung wurde bereits eingeladen.")]
    if items == 0:
        return [_("Die Tagesordnung ist leer: bitte zuerst Tagesordnungspunkte aufnehmen.")]
    return []


def hold_errors(state: str, start: dt.datetime, now: dt.datetime) -> list[str]:
    if state == PLANNED:
        return [_("Zur Sitzung wurde noch nicht eingeladen.")]
    if state == APPROVED:
        return [_("Die Niederschrift ist bereits genehmigt; sie kann nicht mehr geändert werden.")]
    if start > now:
        return [_("Die Sitzung hat noch nicht begonnen (Beginn %(day)s).") % {"day": f"{start:%d.%m.%Y}"}]
    return []


def approve_errors(
    state: str,
    minutes: str,
    open_numbers: Sequence[str],
    approved_on: dt.date | None,
    held_on: dt.date,
    today: dt.date,
) -> dict[str, list[str]]:
    """Minutes are approved once the meeting was held, the minutes are written and every item has
    its result; the day of approval lies between the meeting and today."""
    errors: dict[str, list[str]] = {}
    if state != HELD:
        errors["__all__"] = [
            _("Die Niederschrift ist bereits genehmigt.")
            if state == APPROVED
            else _("Die Sitzung ist noch nicht als durchgeführt erfasst.")
        ]
        return errors
    if not minutes.strip():
        errors["__all__"] = [_("Die Niederschrift ist noch leer.")]
    if open_numbers:
        errors.setdefault("__all__", []).append(
            _("Ohne Ergebnis: TOP %(numbers)s.") % {"numbers": ", ".join(open_numbers)}
        )
    if approved_on is None:
        errors["approved_on"] = [_("Genehmigt am: Bitte das Datum der Genehmigung angeben.")]
    elif approved_on < held_on:
        errors["approved_on"] = [
            _("Genehmigt am: Die Niederschrift kann nicht vor der Sitzung genehmigt werden.")
        ]
    elif approved_on > today:
        errors["approved_on"] = [_("Genehmigt am: Das Datum liegt in der Zukunft.")]
    return errors


def result_errors(
    state: str, result: str, resolution_text: str, due_on: dt.date | None, held_on: dt.date, responsible: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if state != HELD:
        errors["__all__"] = [
            _(
                "Ergebnisse werden erfasst, wenn die Sitzung durchgeführt und die Niederschrift "
                "noch nicht genehmigt ist."
            )
        ]
    if not result:
        errors["result"] = [_("Ergebnis: Bitte das Ergebnis wählen.")]
    if result in DECIDED and not resolution_text.strip():
        errors["resolution_text"] = [_("Beschlusstext: Bitte den Wortlaut des Beschlusses angeben.")]
    if due_on is not None and due_on < held_on:
        errors["due_on"] = [_("Zu erledigen bis: Die Frist kann nicht vor der Sitzung liegen.")]
    if due_on is not None and not responsible.strip():
        errors["responsible"] = [_("Wer handelt: Bitte angeben, wer bis zu dieser Frist handeln muss.")]
    return errors


@dataclass(frozen=True)
class PaperProgress:
    steering: str  # "" not yet consulted, else the result
    councils: int
    decided: int
    adopted: int
    rejected: int

    @property
    def complete(self) -> bool:
        return bool(self.steering) and self.councils > 0 and self.decided == self.councils


def paper_progress(steering_results: Sequence[str], council_outcomes: Sequence[str]) -> PaperProgress:
    """How far a draft resolution got: the steering group's last result and the member councils'
    outcomes (resolutions' ``Outcome`` values: ``pending`` is not decided, ``rejected`` is a no)."""
    decided = [o for o in council_outcomes if o and o != "pending"]
    return PaperProgress(
        steering=steering_results[-1] if steering_results else "",
        councils=len(council_outcomes),
        decided=len(decided),
        adopted=sum(1 for o in decided if o.startswith("adopted") or o == "noted"),
        rejected=sum(1 for o in decided if o == "rejected"),
    )


@dataclass(frozen=True)
class Page:
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.size))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


OPARL_PAGE_SIZE = 100


def oparl_page(raw_page: str | None, raw_limit: str | None, total: int) -> Page:
    """The page of an OParl list (``page`` from 1, ``limit`` at most 100); unreadable → defaults."""
    try:
        size = min(OPARL_PAGE_SIZE, max(1, int(raw_limit or OPARL_PAGE_SIZE)))
    except ValueError:
        size = OPARL_PAGE_SIZE
    try:
        number = max(1, int(raw_page or 1))
    except ValueError:
        number = 1
    return Page(number, size, total)


def parse_since(raw: str | None) -> dt.datetime | None:
    """``modified_since``/``created_since`` of OParl: an ISO 8601 date-time with zone; a value
    without zone is read as UTC. Raises ValueError with a German message when unreadable."""
    if not raw:
        return None
    try:
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00").replace(" ", "+"))
    except ValueError as exc:
        raise ValueError(
            _("Unlesbares Datum „%(raw)s“: erwartet wird ISO 8601, z. B. 2024-01-31T12:00:00+01:00.")
            % {"raw": raw[:40]}
        ) from exc
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
