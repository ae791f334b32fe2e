"""The deadlines of every agreement (decision 97), without any Django model.

* an agreement without a fixed term and a notice rule ("zwölf Monate zum Jahresende"): the latest
  day notice can be given for the next possible end (:func:`indefinite_notice`);
* the end of a contract or tender period with a lead time to prepare the next one
  (:func:`period_deadline`: Strom/Gas 1.1.24–31.12.26, prepare from nine months before);
* the annual report due on a day of the year (:func:`next_report_due`) and the dated meetings of
  the advisory board;
* the advice on a deadline that falls on a weekend or a public holiday of the Land
  (:func:`deadline_advice`): a notice must *arrive* by the deadline, so the advice is the working
  day before; § 193 BGB does not move a notice deadline (decision 97).

Fixed terms with and without renewal are in ``base`` (``term_state``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ikz.lib import dates

# "zum …": the days an indefinite agreement can end on
ANY_DAY, MONTH_END, QUARTER_END, HALF_YEAR_END, YEAR_END = (
    "day",
    "month_end",
    "quarter_end",
    "half_year_end",
    "year_end",
)
_END_MONTHS = {
    MONTH_END: range(1, 13),
    QUARTER_END: (3, 6, 9, 12),
    HALF_YEAR_END: (6, 12),
    YEAR_END: (12,),
}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, dates.days_in_month(year, month))


@dataclass(frozen=True)
class NoticeDate:
    """Give notice by ``notice_by`` to end the agreement at the end of ``ends_on``."""

    notice_by: dt.date
    ends_on: dt.date


def indefinite_notice(
    notice_months: int, to: str, today: dt.date, start: dt.date | None = None
) -> NoticeDate:
    """The next possible end of an agreement without a fixed term and its notice deadline: the first
    end of a month of the rule ("zum Quartalsende": March, June, …) whose latest notice day is not
    before ``today`` (nor, for a new agreement, before its ``start``). "zum beliebigen Tag": notice
    today ends it ``notice_months`` later."""
    day = max(today, start) if start is not None else today
    if to == ANY_DAY or to not in _END_MONTHS:
        return NoticeDate(day, dates.period_end(day + dates.ONE_DAY, notice_months))
    year, month = day.year, day.month
    while True:
        if month in _END_MONTHS[to]:
            end = _month_end(year, month)
            notice_by = dates.latest_notice_day(end, notice_months)
            if notice_by >= day:
                return NoticeDate(notice_by, end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


@dataclass(frozen=True)
class PeriodDeadline:
    """A period that ends on ``ends_on``; the next one is prepared from ``prepare_from``."""

    label: str
    starts_on: dt.date
    ends_on: dt.date
    prepare_from: dt.date


def period_deadline(
    label: str, starts_on: dt.date, ends_on: dt.date, lead_months: int | None
) -> PeriodDeadline:
    """``lead_months`` before the day after the end (none: the end itself): 31.12.2026, nine
    months → 1.4.2026."""
    prepare = dates.add_months(ends_on + dates.ONE_DAY, -lead_months) if lead_months else ends_on
    return PeriodDeadline(label, starts_on, ends_on, prepare)


def current_periods(
    periods: list[tuple[str, dt.date, dt.date, int | None]], today: dt.date
) -> list[PeriodDeadline]:
    """The periods not yet ended on ``today`` (label, start, end, lead months), earliest end first."""
    return sorted((period_deadline(*p) for p in periods if p[2] >= today), key=lambda p: (p.ends_on, p.label))


def next_report_due(month: int, day: int, today: dt.date) -> dt.date:
    """The next day (from ``today`` on) the annual report is due: 31 March → 31.3. of this or next
    year; 29 February in other years → 28 February."""
    for year in (today.year, today.year + 1):
        due = dt.date(year, month, min(day, dates.days_in_month(year, month)))
        if due >= today:
            return due
    raise AssertionError("unreachable")  # pragma: no cover


def report_day_errors(month: int | None, day: int | None) -> dict[str, list[str]]:
    """Both or neither, and a day the month has (29 February allowed: 28th in other years)."""
    if month is None and day is None:
        return {}
    if month is None or day is None:
        return {"report_due_month": [_("Berichtspflicht: Bitte Tag und Monat des Jahresberichts angeben.")]}
    if not 1 <= month <= 12 or not 1 <= day <= dates.days_in_month(2024, month):
        return {
            "report_due_day": [
                _("Berichtspflicht: Den %(day)s.%(month)s. gibt es nicht.") % {"day": day, "month": month}
            ]
        }
    return {}


def deadline_advice(
    deadline: dt.date,
    land: tuple[str, str] | None,
    holiday: Callable[[dt.date, str | None], str | None],
    what: str = "",
) -> str:
    """Advice when ``deadline`` is no working day in the Land (``land``: code and name, from the
    AGS; ``holiday``: the holiday name of a day, :func:`ikz.lib.dates.holiday_name`): the notice
    should arrive on the working day before. Empty on a working day."""
    code = land[0] if land else None
    name = holiday(deadline, code)
    if deadline.weekday() < 5 and not name:
        return ""
    earlier = deadline - dates.ONE_DAY
    while earlier.weekday() >= 5 or holiday(earlier, code):
        earlier -= dates.ONE_DAY
    values = {
        "date": f"{deadline:%d.%m.%Y}",
        "weekday": _(dates.WEEKDAYS[deadline.weekday()]),
        "holiday": name or "",
        "land": land[1] if land else _("Deutschland"),
        "earlier_weekday": _(dates.WEEKDAYS[earlier.weekday()]),
        "earlier": f"{earlier:%d.%m.%Y}",
        "what": what or _("die Kündigung"),
    }
    if name:
        return (
            _(
                "Der %(date)s ist ein Feiertag in %(land)s (%(holiday)s); %(what)s sollte spätestens am "
                "%(earlier_weekday)s, %(earlier)s, zugehen."
            )
            % values
        )
    return (
        _(
            "Der %(date)s ist ein %(weekday)s; %(what)s muss bis zum Fristende zugehen: bitte bis "
            "%(earlier_weekday)s, %(earlier)s zustellen."
        )
        % values
    )
