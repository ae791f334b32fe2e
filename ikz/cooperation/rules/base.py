"""Pure rules of the inventory: participants' validity, matrix symbols and the matrix itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ikz.cooperation.rules import deadlines
from ikz.lib import dates

# Symbols handed out in this order to the cooperations of one field (seed 003 uses the first five).
SYMBOLS = ["■", "□", "◇", "●", "+", "▲", "◆", "○", "★", "◎", "▼", "✚"]

EXISTS, PLANNED, CONSIDERED = "exists", "planned", "considered"
# The second cue besides colour (WCAG 1.4.1): a letter after the symbol. "exists" has none.
STATUS_CUE = {EXISTS: "", PLANNED: "g", CONSIDERED: "n"}
STATUS_CLASS = {
    EXISTS: "ikz-status-exists",
    PLANNED: "ikz-status-planned",
    CONSIDERED: "ikz-status-considered",
}


class ParticipantLike(Protocol):
    municipality_id: int
    status: str
    planned_by: dt.date | None
    reason: str
    is_lead: bool


@dataclass(frozen=True)
class Row:
    """A participant as the rules see it (no database)."""

    municipality_id: int
    label: str
    status: str
    planned_by: dt.date | None = None
    reason: str = ""
    is_lead: bool = False


def participant_errors(rows: Sequence[Row], member_ids: set[int], today: dt.date) -> list[str]:
    """German messages for every problem of a participant list; empty when it is valid."""
    errors: list[str] = []
    if not rows:
        errors.append(_("Eine Kooperation braucht mindestens eine beteiligte Kommune."))
    seen: set[int] = set()
    for row in rows:
        if row.municipality_id not in member_ids:
            errors.append(
                _(
                    "%(name)s gehört nicht zur Region; externe Partner bitte unter "
                    "„externe Partner“ eintragen."
                )
                % {"name": row.label}
            )
        if row.municipality_id in seen:
            errors.append(_("%(name)s ist doppelt aufgeführt.") % {"name": row.label})
        seen.add(row.municipality_id)
        if row.status == PLANNED:
            if row.planned_by is None:
                errors.append(
                    _(
                        "%(name)s: Bei einer geplanten Kooperation bitte angeben, bis wann sie "
                        "voraussichtlich zustande kommt."
                    )
                    % {"name": row.label}
                )
            elif row.planned_by < today:
                errors.append(
                    _("%(name)s: Das Datum „voraussichtlich bis“ (%(date)s) liegt in der Vergangenheit.")
                    % {"name": row.label, "date": row.planned_by.strftime("%d.%m.%Y")}
                )
        if row.status == CONSIDERED:
            if not row.reason.strip():
                errors.append(
                    _("%(name)s: Bitte angeben, warum die Kooperation nicht zustande gekommen ist.")
                    % {"name": row.label}
                )
            if row.is_lead:
                errors.append(
                    _("%(name)s: Eine nicht zustande gekommene Kooperation hat keine Federführung.")
                    % {"name": row.label}
                )
    return errors


def next_symbol(used: Iterable[str]) -> str:
    """The first symbol not yet used in the field (so every cooperation of a row is distinguishable)."""
    taken = set(used)
    for symbol in SYMBOLS:
        if symbol not in taken:
            return symbol
    return SYMBOLS[len(taken) % len(SYMBOLS)]


# --- the matrix ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """One symbol in one cell."""

    symbol: str
    status: str
    is_lead: bool
    title: str

    @property
    def cue(self) -> str:
        return STATUS_CUE[self.status]

    @property
    def css(self) -> str:
        return STATUS_CLASS[self.status]


@dataclass
class MatrixRow:
    field_id: int
    field_name: str
    cells: list[list[Mark]] = field(default_factory=list)


@dataclass
class Footnote:
    symbol: str
    title: str
    description: str
    field_name: str


@dataclass
class Matrix:
    columns: list[tuple[int, str, str, str]]  # municipality id, short label, name, AGS
    rows: list[MatrixRow]
    footnotes: list[Footnote]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows for cell in row.cells for mark in cell if mark.status == status)


@dataclass(frozen=True)
class CooperationView:
    """What the matrix needs of a cooperation."""

    field_id: int
    symbol: str
    title: str
    description: str
    participants: tuple[tuple[int, str, bool], ...]  # municipality id, status, lead


def build_matrix(
    fields: Sequence[tuple[int, str]],
    columns: Sequence[tuple[int, str, str, str]],
    cooperations: Sequence[CooperationView],
    status_labels: dict[str, str],
) -> Matrix:
    """Rows = fields, columns = members; each cell lists the symbols of the cooperations of that
    field in which the member takes part, in the order of the cooperations."""
    position = {municipality_id: i for i, (municipality_id, *_rest) in enumerate(columns)}
    rows = {field_id: MatrixRow(field_id, name, [[] for _ in columns]) for field_id, name in fields}
    names = dict(fields)
    footnotes = []
    for coop in cooperations:
        row = rows.get(coop.field_id)
        if row is None:
            continue
        shown = False
        for municipality_id, status, lead in coop.participants:
            index = position.get(municipality_id)
            if index is None:
                continue
            title = f"{coop.title}: {status_labels[status]}" + (_(", federführend") if lead else "")
            row.cells[index].append(Mark(coop.symbol, status, lead, title))
            shown = True
        if shown:
            footnotes.append(Footnote(coop.symbol, coop.title, coop.description, names[coop.field_id]))
    return Matrix(list(columns), [rows[field_id] for field_id, _name in fields], footnotes)


def cell_text(cell: Sequence[Mark], status_labels: dict[str, str]) -> str:
    """A cell for exports: "■ (existiert, federführend)"."""
    parts = []
    for mark in cell:
        details = [status_labels[mark.status]] + ([_("federführend")] if mark.is_lead else [])
        parts.append(f"{mark.symbol} ({', '.join(details)})")
    return "; ".join(parts)


# --- operating cooperations: terms, renewals and notice deadlines -------------------------------

RUNNING, FIXED, EXPIRED, ENDING, ENDED, INDEFINITE = (
    "running",  # renews automatically unless notice is given
    "fixed",  # ends at the end of its term, no renewal
    "expired",  # a fixed term that has run out
    "ending",  # terminated or set to end on a date still ahead
    "ended",  # the end date has passed
    "indefinite",  # no term agreed
)


@dataclass(frozen=True)
class Term:
    """What an agreement says about its duration (months; ``None`` = not agreed)."""

    start: dt.date
    initial_months: int | None = None
    auto_renewal: bool = False
    renewal_months: int | None = None  # None with auto renewal: by the initial term again
    notice_months: int | None = None
    ended_on: dt.date | None = None  # the last day, once the agreement is terminated or has ended
    notice_to: str = ""  # without a fixed term: "zum Jahresende" etc. (rules.deadlines)


@dataclass(frozen=True)
class TermState:
    """Where an agreement stands on ``today``.

    ``term_end`` is the last day of the term running today (or the end date). For an agreement that
    renews, ``notice_by`` is the last day on which notice can still be given and ``notice_for`` the
    term end that notice leaves at; ``renewed_until`` is where the agreement runs without notice.
    """

    status: str
    term_start: dt.date | None = None
    term_end: dt.date | None = None
    notice_by: dt.date | None = None
    notice_for: dt.date | None = None
    renewed_until: dt.date | None = None
    renewals: int = 0  # renewals up to the term running today

    def days_left(self, today: dt.date) -> int | None:
        return (self.notice_by - today).days if self.notice_by else None


def _renewal(term: Term) -> int:
    return term.renewal_months or term.initial_months or 0


def term_ends(term: Term) -> Iterator[tuple[dt.date, dt.date]]:
    """(first day, last day) of the initial term and, with automatic renewal, of each renewal."""
    if not term.initial_months:
        return
    start = term.start
    end = dates.period_end(start, term.initial_months)
    yield start, end
    if not term.auto_renewal:
        return
    while True:
        start = end + dates.ONE_DAY
        end = dates.period_end(start, _renewal(term))
        yield start, end


def notice_deadline(term_end: dt.date, notice_months: int) -> dt.date:
    """The last day on which notice leaves the agreement at the end of ``term_end``."""
    return dates.latest_notice_day(term_end, notice_months)


def term_state(term: Term, today: dt.date) -> TermState:
    """The term running on ``today``, and for a renewing agreement the next notice deadline."""
    if term.ended_on is not None:
        return TermState(ENDED if term.ended_on < today else ENDING, term.start, term.ended_on)
    if not term.initial_months:
        if term.notice_months and term.notice_to:
            found = deadlines.indefinite_notice(term.notice_months, term.notice_to, today, term.start)
            return TermState(INDEFINITE, term.start, notice_by=found.notice_by, notice_for=found.ends_on)
        return TermState(INDEFINITE, term.start)
    current: tuple[int, dt.date, dt.date] | None = None
    for number, (start, end) in enumerate(term_ends(term)):
        if current is None and end >= today:
            current = (number, start, end)
        if not term.auto_renewal:
            break
        if current is None:
            continue
        if not term.notice_months:
            return TermState(RUNNING, current[1], current[2], renewals=current[0])
        deadline = notice_deadline(end, term.notice_months)
        if deadline >= today:
            return TermState(
                RUNNING,
                current[1],
                current[2],
                notice_by=deadline,
                notice_for=end,
                renewed_until=dates.period_end(end + dates.ONE_DAY, _renewal(term)),
                renewals=current[0],
            )
    start, end = next(term_ends(term))
    if end < today:
        return TermState(EXPIRED, start, end)
    return TermState(FIXED, start, end)


def exit_date(term: Term, given_on: dt.date) -> dt.date | None:
    """The day a participant leaves when its notice is received on ``given_on``: the end of the first
    term whose deadline it meets; without a term, ``notice_months`` from the day after receipt;
    ``None`` when the agreement says nothing about notice (then the office enters the date)."""
    if term.ended_on is not None:
        return term.ended_on
    if not term.initial_months:
        if not term.notice_months:
            return None
        if term.notice_to:
            return deadlines.indefinite_notice(term.notice_months, term.notice_to, given_on).ends_on
        return dates.period_end(given_on + dates.ONE_DAY, term.notice_months)
    for _start, end in term_ends(term):
        if not term.auto_renewal:
            return end
        if not term.notice_months:
            if end >= given_on:
                return end
            continue
        if notice_deadline(end, term.notice_months) >= given_on:
            return end
    return None  # pragma: no cover - term_ends() is endless with auto renewal


@dataclass(frozen=True)
class OperationInput:
    """The operating details as the form gives them, checked before anything is written."""

    start: dt.date | None
    initial_months: int | None
    auto_renewal: bool
    renewal_months: int | None
    notice_months: int | None
    ended_on: dt.date | None
    staff_positions: Decimal | None
    host_id: int | None
    external_host: str
    participant_ids: frozenset[int]
    notice_to: str = ""
    report_due_day: int | None = None
    report_due_month: int | None = None


def operation_errors(values: OperationInput) -> dict[str, list[str]]:
    """German messages per field for every problem of the operating details; empty when valid."""
    errors: dict[str, list[str]] = {}

    def add(field_name: str, message: str) -> None:
        errors.setdefault(field_name, []).append(message)

    if values.start is None:
        add("start", _("Bitte den Arbeitsstart (Beginn der Vereinbarung) angeben."))
    elif values.ended_on is not None and values.ended_on < values.start:
        add(
            "ended_on",
            _("Das Ende (%(end)s) liegt vor dem Arbeitsstart (%(start)s).")
            % {"end": values.ended_on.strftime("%d.%m.%Y"), "start": values.start.strftime("%d.%m.%Y")},
        )
    for name, value in (
        ("initial_months", values.initial_months),
        ("renewal_months", values.renewal_months),
        ("notice_months", values.notice_months),
    ):
        if value is not None and value <= 0:
            add(name, _("Bitte eine Zahl von Monaten größer als null angeben."))
    if values.auto_renewal and not values.initial_months:
        add(
            "auto_renewal",
            _("Eine automatische Verlängerung setzt eine Laufzeit voraus; bitte die Laufzeit angeben."),
        )
    if values.renewal_months and not values.auto_renewal:
        add(
            "renewal_months",
            _("Eine Verlängerungsdauer gilt nur mit automatischer Verlängerung; bitte diese ankreuzen."),
        )
    if values.notice_months and values.notice_months > 0:
        shortest = min(
            (m for m in (values.initial_months, values.renewal_months) if m and m > 0), default=None
        )
        if shortest is not None and values.notice_months > shortest:
            add(
                "notice_months",
                _(
                    "Die Kündigungsfrist (%(notice)s Monate) ist länger als die Laufzeit "
                    "(%(term)s Monate); so könnte nie rechtzeitig gekündigt werden."
                )
                % {"notice": values.notice_months, "term": shortest},
            )
    if values.notice_to and not values.notice_months:
        add("notice_to", _("Kündigung zum: Bitte auch die Kündigungsfrist in Monaten angeben."))
    if values.notice_to and values.initial_months:
        add(
            "notice_to",
            _(
                "Kündigung zum: gilt nur für unbefristete Vereinbarungen; mit Laufzeit wird zum Ende "
                "der Laufzeit gekündigt."
            ),
        )
    for name, texts in deadlines.report_day_errors(values.report_due_month, values.report_due_day).items():
        for text in texts:
            add(name, text)
    if values.staff_positions is not None and values.staff_positions < 0:
        add("staff_positions", _("Die Zahl der Planstellen kann nicht negativ sein."))
    if values.host_id is not None and values.host_id not in values.participant_ids:
        add(
            "host",
            _(
                "Die Sitzkommune muss an der Kooperation beteiligt sein; eine Stelle außerhalb "
                "bitte unter „Sitz außerhalb der Region“ eintragen."
            ),
        )
    if values.host_id is not None and values.external_host.strip():
        add(
            "external_host",
            _("Bitte entweder eine Sitzkommune wählen oder einen Sitz außerhalb eintragen, nicht beides."),
        )
    return errors


def term_text(months: int | None) -> str:
    """ "5 Jahre", "1 Jahr", "18 Monate", "–"."""
    if not months:
        return "–"
    number, unit = dates.months_text(months)
    if unit == "years":
        return ngettext("%(n)s Jahr", "%(n)s Jahre", number) % {"n": number}
    return ngettext("%(n)s Monat", "%(n)s Monate", number) % {"n": number}


def notice_sentence(state: TermState) -> str:
    """The next notice date in words, as the detail page and the e-mails say it."""
    if state.status in (RUNNING, INDEFINITE) and state.notice_by and state.notice_for:
        return _("Kündigung bis spätestens %(by)s zum %(end)s") % {
            "by": state.notice_by.strftime("%d.%m.%Y"),
            "end": state.notice_for.strftime("%d.%m.%Y"),
        }
    if state.status == RUNNING:
        return _("verlängert sich automatisch; keine Kündigungsfrist erfasst")
    if state.status == FIXED and state.term_end:
        return _("endet am %(end)s ohne Verlängerung; keine Kündigung nötig") % {
            "end": state.term_end.strftime("%d.%m.%Y")
        }
    if state.status == EXPIRED and state.term_end:
        return _("Laufzeit am %(end)s abgelaufen") % {"end": state.term_end.strftime("%d.%m.%Y")}
    if state.status == ENDING and state.term_end:
        return _("endet am %(end)s") % {"end": state.term_end.strftime("%d.%m.%Y")}
    if state.status == ENDED and state.term_end:
        return _("beendet am %(end)s") % {"end": state.term_end.strftime("%d.%m.%Y")}
    return _("unbefristet")


@dataclass(frozen=True)
class Span:
    """One municipality's participation: joined on, left after (the last day), if at all."""

    municipality_id: int
    joined_on: dt.date
    left_on: dt.date | None = None

    def active_on(self, day: dt.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on >= day)


def participants_on(spans: Iterable[Span], day: dt.date) -> int:
    """How many municipalities took part on ``day`` ("11 zum Start, heute 13")."""
    return len({s.municipality_id for s in spans if s.active_on(day)})


def positions_text(positions: Decimal | None) -> str:
    """Planstellen as the seed writes them: 1,0 · 1,5 · 2,75."""
    if positions is None:
        return "–"
    text = f"{positions.quantize(Decimal('0.01')):f}".rstrip("0")
    if text.endswith("."):
        text += "0"
    return text.replace(".", ",")
