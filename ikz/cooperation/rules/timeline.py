"""The inventory over time (decision 92, 94): what a cooperation and each participant were on a day,
and the checks of the inventory's effective dates. No database.

A cooperation carries three dates besides ``since_year`` (for entries known only by their year):
``recorded_on`` (since when a planned or considered cooperation stands in the inventory — the survey
of June 2013, or 2002 for an idea), ``started_on`` (the day it began to exist) and ``ended_on``
(dissolved or not pursued, with a reason). A participant has ``joined_on`` (empty: since the start)
and ``left_on`` (its last day); an operating cooperation's spans (``ParticipationSpan``) take
precedence for the municipalities they cover, because they keep those who left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ikz.lib.stand import Bound, effective_date_errors, german

EXISTS, PLANNED, CONSIDERED = "exists", "planned", "considered"


@dataclass(frozen=True)
class CooperationDates:
    """The effective dates of one cooperation of the inventory."""

    recorded_on: dt.date | None = None
    started_on: dt.date | None = None
    ended_on: dt.date | None = None
    since_year: int | None = None

    @property
    def start(self) -> dt.date | None:
        """The start as far as known: the day, else 1 January of ``since_year``."""
        if self.started_on is not None:
            return self.started_on
        return dt.date(self.since_year, 1, 1) if self.since_year else None

    @property
    def known_from(self) -> dt.date | None:
        """The first day the cooperation stands in the inventory: recorded, else started."""
        days = [d for d in (self.recorded_on, self.start) if d is not None]
        return min(days) if days else None


@dataclass(frozen=True)
class Membership:
    """A participant's status today and the spans of its taking part (``None`` = open)."""

    status: str
    spans: tuple[tuple[dt.date | None, dt.date | None], ...] = ((None, None),)


def exists_on(coop: CooperationDates, day: dt.date) -> bool:
    """The cooperation existed (had started and not ended) on ``day``."""
    start = coop.start
    if start is None or day < start:
        return False
    return coop.ended_on is None or day <= coop.ended_on


def _in_span(span: tuple[dt.date | None, dt.date | None], start: dt.date | None, day: dt.date) -> bool:
    joined, left = span
    first = joined or start
    return (first is None or first <= day) and (left is None or day <= left)


def status_on(coop: CooperationDates, member: Membership, day: dt.date) -> str | None:
    """What a participant of ``coop`` was on ``day``: ``exists`` (black), ``planned`` (blue),
    ``considered`` (green) or ``None`` (not shown).

    Nothing is shown before the cooperation entered the inventory (``recorded_on``, else its start).
    A considered cooperation is green from then on, also after it was given up (the seed's legend:
    "in den letzten Jahren Überlegungen …, jedoch nicht zustande gekommen"). Any other is absent
    after its end; before its start it was planned (blue); from its start on a participant exists
    while it took part (joined, not yet left) — and was planned before joining when it is planned
    today."""
    known = coop.known_from
    if known is not None and day < known:
        return None
    if member.status == CONSIDERED:
        return CONSIDERED
    if coop.ended_on is not None and day > coop.ended_on:
        return None
    start = coop.start
    if member.status == PLANNED:
        return PLANNED
    if start is not None and day < start:
        return PLANNED if coop.recorded_on is not None and coop.recorded_on <= day else None
    if any(_in_span(span, start, day) for span in member.spans):
        return EXISTS
    return None


# --- the inventory's effective dates ---------------------------------------------------------


@dataclass(frozen=True)
class DatedParticipant:
    """A participant's dates as the inventory form or a service gives them."""

    label: str
    status: str
    joined_on: dt.date | None = None
    left_on: dt.date | None = None


def cooperation_date_errors(
    coop: CooperationDates,
    participants: Sequence[DatedParticipant],
    *,
    today: dt.date,
    planned: bool,
    end_reason: str = "",
    process_start: dt.date | None = None,
) -> dict[str, list[str]]:
    """German messages per field for the dates of a cooperation and its participants.

    ``planned``: nobody takes part yet (all participants planned or considered) — then the start may
    lie ahead. ``process_start``: the region's ``established_on`` for a cooperation the IKZ process
    produced (decision 94: entries of cooperations older than the process are not bound by it)."""
    errors: dict[str, list[str]] = {}
    region = Bound(process_start, _("dem Beginn des IKZ-Prozesses der Region"))
    if coop.started_on is not None:
        errors |= effective_date_errors(
            coop.started_on,
            today=today,
            field="started_on",
            label=_("Beginn"),
            not_before=[region],
            planned=planned,
        )
    if coop.recorded_on is not None:
        errors |= effective_date_errors(
            coop.recorded_on, today=today, field="recorded_on", label=_("erfasst am / bekannt seit")
        )
    if coop.ended_on is not None:
        errors |= effective_date_errors(
            coop.ended_on,
            today=today,
            field="ended_on",
            label=_("Ende"),
            not_before=[
                Bound(coop.started_on, _("dem Beginn")),
                Bound(coop.recorded_on, _("der Erfassung")),
            ],
        )
        if not end_reason.strip():
            errors.setdefault("end_reason", []).append(
                _("Grund des Endes: Bitte angeben, warum die Kooperation endete (z. B. aufgelöst).")
            )
    messages = participant_date_errors(coop, participants, today=today)
    if messages:
        errors.setdefault("participants", []).extend(messages)
    return errors


def participant_date_errors(
    coop: CooperationDates, participants: Sequence[DatedParticipant], *, today: dt.date
) -> list[str]:
    """Joining not before the cooperation's start nor after today (unless planned), leaving not
    before joining; each message names the municipality and the conflicting date."""
    found: list[str] = []
    for p in participants:
        if p.joined_on is not None:
            for texts in effective_date_errors(
                p.joined_on,
                today=today,
                field="joined_on",
                label=_("%(name)s, beteiligt seit") % {"name": p.label},
                not_before=[Bound(coop.started_on, _("dem Beginn der Kooperation"))],
                not_after=[Bound(coop.ended_on, _("dem Ende der Kooperation"))],
                planned=p.status == PLANNED,
            ).values():
                found.extend(texts)
        if p.left_on is not None:
            for texts in effective_date_errors(
                p.left_on,
                today=today,
                field="left_on",
                label=_("%(name)s, beteiligt bis") % {"name": p.label},
                not_before=[
                    Bound(p.joined_on, _("dem Beitritt")),
                    Bound(coop.started_on, _("dem Beginn der Kooperation")),
                ],
                planned=True,  # a leaving after notice lies ahead
            ).values():
                found.extend(texts)
    return found


def overwritten_dates(
    old: dict[str, dt.date | None], new: dict[str, dt.date | None], labels: dict[str, str], today: dt.date
) -> dict[str, list[str]]:
    """A date that has taken effect (on or before today) is corrected with a reason, not
    overwritten by an edit (decision 92). Planned dates ahead may change freely."""
    errors: dict[str, list[str]] = {}
    for name, before in old.items():
        if name not in new or before is None or before > today or new[name] == before:
            continue
        errors.setdefault(name, []).append(
            _(
                "%(label)s: Der %(day)s ist bereits wirksam; ein falsches Datum bitte mit "
                "„Datum berichtigen“ und einer Begründung korrigieren."
            )
            % {"label": labels[name], "day": german(before)}
        )
    return errors
