"""Pure rules of this app: no database, no request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ikz.lib.stand import Bound, effective_date_errors

DRAFT, OPEN, CLOSED = "draft", "open", "closed"

# Which status a call may move to from which (the office opens, closes and reopens).
TRANSITIONS: dict[str, tuple[str, ...]] = {DRAFT: (OPEN,), OPEN: (CLOSED,), CLOSED: (OPEN,)}


def next_states(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def answer_refusal(status: str, deadline: dt.date, allow_late: bool, today: dt.date) -> str | None:
    """Why a municipality may not answer (German text), or ``None`` when it may."""
    if status == DRAFT:
        return _("Das Interessenbekundungsverfahren ist noch nicht geöffnet.")
    if status == CLOSED:
        return _("Das Interessenbekundungsverfahren ist abgeschlossen; Antworten sind nicht mehr möglich.")
    if today > deadline and not allow_late:
        return _(
            "Die Frist ist am %(date)s abgelaufen. Antworten nach Fristende nimmt das Verfahren "
            "nicht an; bitte wenden Sie sich an die Geschäftsstelle."
        ) % {"date": deadline.strftime("%d.%m.%Y")}
    return None


def answer_error(interested: bool, joins_working_group: bool) -> str | None:
    """An answer that joins the working group without wanting to cooperate is contradictory."""
    if joins_working_group and not interested:
        return _(
            "Die Mitarbeit in der Arbeitsgruppe IKZ setzt voraus, dass Ihre Kommune bei diesem "
            "Thema kooperieren möchte."
        )
    return None


@dataclass(frozen=True)
class TopicCount:
    topic_id: int
    position: int
    label: str
    interested: int
    joining: int


@dataclass(frozen=True)
class RankedTopic:
    rank: int
    topic: TopicCount


def rank_topics(counts: list[TopicCount]) -> list[RankedTopic]:
    """Topics by number of interested municipalities, most first; ties in the office's order.

    Equal counts share a rank (1, 2, 2, 4 …), so the order of tied topics carries no meaning."""
    ordered = sorted(counts, key=lambda c: (-c.interested, c.position, c.topic_id))
    ranked: list[RankedTopic] = []
    for index, count in enumerate(ordered, start=1):
        if ranked and ranked[-1].topic.interested == count.interested:
            ranked.append(RankedTopic(ranked[-1].rank, count))
        else:
            ranked.append(RankedTopic(index, count))
    return ranked


def bar_width(value: int, maximum: int, full: int) -> int:
    """Width of a bar in a chart ``full`` units wide; a positive value is never invisible."""
    if maximum <= 0 or value <= 0:
        return 0
    return max(2, round(full * value / maximum))


def submission_date_errors(
    day: dt.date | None,
    *,
    today: dt.date,
    opened_on: dt.date | None,
    deadline: dt.date,
    allow_late: bool,
) -> dict[str, list[str]]:
    """Why ``day`` cannot be the day a declaration was sent (decision 103): not after today, not
    before the call was opened, and — unless late answers are allowed — not after its deadline."""
    return effective_date_errors(
        day,
        today=today,
        field="submitted_on",
        label=_("Abgesendet am"),
        not_before=[Bound(opened_on, _("der Öffnung des Verfahrens"))],
        not_after=[] if allow_late else [Bound(deadline, _("der Frist"))],
    )
