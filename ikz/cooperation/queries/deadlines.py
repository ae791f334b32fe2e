"""The deadlines of every agreement (decision 97): notice deadlines (fixed terms with renewal and
indefinite agreements with a notice rule), the end of contract or tender periods with their lead
time, the annual report and advisory board meetings — for the calendar feed, the reminders and the
cooperation's page, with a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ikz.cooperation import rules
from ikz.cooperation.models import BoardMeeting, Cooperation, Operation, OperationPeriod
from ikz.lib import dates
from ikz.municipalities.models import RegionMember


@dataclass(frozen=True)
class Deadline:
    """A deadline of an agreement (decision 97): ``kind`` notice / period / report / board, due on
    ``date``, to be reminded of from ``remind_from``; ``advice`` when it is no working day."""

    kind: str
    cooperation: Cooperation
    date: dt.date
    remind_from: dt.date
    text: str
    advice: str = ""
    key: str = ""


NOTICE, PERIOD, REPORT, BOARD = "notice", "period", "report", "board"


def land_of_operations(operations: list[Operation]) -> dict[int, tuple[str, str] | None]:
    """The Land of each operation: of its seat, else of the region's first member — one query."""
    first: dict[int, str] = {}
    for region_id, key in (
        RegionMember.objects.filter(region__in={o.cooperation.region_id for o in operations})
        .order_by("position")
        .values_list("region_id", "municipality__key")
    ):
        if key and region_id not in first:
            first[region_id] = key
    return {
        o.pk: dates.land_of(
            (o.host.key if o.host is not None else None) or first.get(o.cooperation.region_id)
        )
        for o in operations
    }


def _notice_deadline(
    o: Operation, today: dt.date, land: tuple[str, str] | None, lead: int
) -> Deadline | None:
    if o.ended_on is not None or not (o.auto_renewal or o.notice_to):
        return None
    state = rules.term_state(o.term(), today)
    if state.notice_by is None or state.notice_for is None:
        return None
    return Deadline(
        NOTICE,
        o.cooperation,
        state.notice_by,
        state.notice_by - dt.timedelta(days=lead),
        _("„%(title)s“: Kündigung zum %(end)s spätestens am %(date)s")
        % {
            "title": o.cooperation.title,
            "end": f"{state.notice_for:%d.%m.%Y}",
            "date": f"{state.notice_by:%d.%m.%Y}",
        },
        rules.deadline_advice(state.notice_by, land, dates.holiday_name),
        f"notice:{o.cooperation_id}:{state.notice_by:%Y%m%d}",
    )


def _other_deadlines(
    o: Operation,
    periods: list[OperationPeriod],
    meetings: list[BoardMeeting],
    today: dt.date,
    land: tuple[str, str] | None,
    lead: int,
) -> list[Deadline]:
    c, found = o.cooperation, []
    for p in rules.current_periods(
        [(p.label, p.starts_on, p.ends_on, p.lead_months) for p in periods], today
    ):
        found.append(
            Deadline(
                PERIOD,
                c,
                p.ends_on,
                p.prepare_from,
                _(
                    "„%(title)s“: %(label)s %(start)s – %(end)s endet; "
                    "den nächsten Zeitraum vorbereiten (ab %(prepare)s)"
                )
                % {
                    "title": c.title,
                    "label": p.label,
                    "start": f"{p.starts_on:%d.%m.%Y}",
                    "end": f"{p.ends_on:%d.%m.%Y}",
                    "prepare": f"{p.prepare_from:%d.%m.%Y}",
                },
                key=f"period:{c.pk}:{p.ends_on:%Y%m%d}",
            )
        )
    if o.reporting_duty and o.report_due_month and o.report_due_day:
        due = rules.next_report_due(o.report_due_month, o.report_due_day, today)
        found.append(
            Deadline(
                REPORT,
                c,
                due,
                due - dt.timedelta(days=lead),
                _("„%(title)s“: Jahresbericht fällig am %(date)s")
                % {"title": c.title, "date": f"{due:%d.%m.%Y}"},
                rules.deadline_advice(due, land, dates.holiday_name, _("der Jahresbericht")),
                f"report:{c.pk}:{due:%Y%m%d}",
            )
        )
    for m in meetings:
        if m.date >= today:
            found.append(
                Deadline(
                    BOARD,
                    c,
                    m.date,
                    m.date - dt.timedelta(days=lead),
                    _("„%(title)s“: Beiratssitzung am %(date)s")
                    % {"title": c.title, "date": f"{m.date:%d.%m.%Y}"}
                    + (f" ({m.note})" if m.note else ""),
                    key=f"board:{c.pk}:{m.date:%Y%m%d}",
                )
            )
    return found


def agreement_deadlines(
    region_ids: Iterable[int], today: dt.date, within_days: int, *, lead_days: int = 30
) -> list[Deadline]:
    """Every deadline of the operating cooperations of the regions from ``today`` to ``today +
    within_days``, soonest first — four queries (operations, periods, meetings, the regions'
    first members). ``lead_days``: how early to remind of a notice, report or meeting (a period
    brings its own lead time)."""
    operations = list(
        Operation.objects.filter(cooperation__region__in=list(region_ids)).select_related(
            "cooperation__region", "host"
        )
    )
    periods: dict[int, list[OperationPeriod]] = {}
    for p in OperationPeriod.objects.filter(operation__in=operations):
        periods.setdefault(p.operation_id, []).append(p)
    meetings: dict[int, list[BoardMeeting]] = {}
    for m in BoardMeeting.objects.filter(operation__in=operations, date__gte=today):
        meetings.setdefault(m.operation_id, []).append(m)
    lands = land_of_operations(operations) if operations else {}
    found: list[Deadline] = []
    for o in operations:
        notice = _notice_deadline(o, today, lands[o.pk], lead_days)
        found += [notice] if notice is not None else []
        found += _other_deadlines(
            o, periods.get(o.pk, []), meetings.get(o.pk, []), today, lands[o.pk], lead_days
        )
    horizon = today + dt.timedelta(days=within_days)
    return sorted(
        (d for d in found if today <= d.date <= horizon), key=lambda d: (d.date, d.cooperation.title, d.kind)
    )


def deadlines_of(operation: Operation, periods: list[OperationPeriod], today: dt.date) -> list[Deadline]:
    """The coming deadlines of one operation, for its page — two queries (its Land, its meetings)."""
    land = land_of_operations([operation])[operation.pk]
    meetings = list(BoardMeeting.objects.filter(operation=operation, date__gte=today))
    notice = _notice_deadline(operation, today, land, 0)
    found = [notice] if notice is not None else []
    found += _other_deadlines(operation, periods, meetings, today, land, 0)
    return sorted(found, key=lambda d: (d.date, d.kind))


def board_meetings_of(operation: Operation) -> list[BoardMeeting]:
    return list(BoardMeeting.objects.filter(operation=operation))
