"""Leaving the cooperative (§ 65 GenG) and keeping the records (§ 30 GenG)."""

from __future__ import annotations

import calendar
import datetime as dt

from ikz.membership.rules.calendar import (
    add_months,
)

GENG_MIN_NOTICE_MONTHS = 3
GENG_MAX_NOTICE_MONTHS = 60


def business_year_end(year: int, end_month: int, end_day: int) -> dt.date:
    return dt.date(year, end_month, min(end_day, calendar.monthrange(year, end_month)[1]))


def exit_date(
    notice_received_on: dt.date,
    *,
    notice_months: int = GENG_MIN_NOTICE_MONTHS,
    year_end_month: int = 12,
    year_end_day: int = 31,
) -> dt.date:
    """The end of the first business year that lies at least ``notice_months`` after the notice
    was received (§ 65 Abs. 2 GenG: default three months, at most five years)."""
    if not GENG_MIN_NOTICE_MONTHS <= notice_months <= GENG_MAX_NOTICE_MONTHS:
        raise ValueError("Die Kündigungsfrist liegt nach § 65 GenG zwischen 3 und 60 Monaten.")
    year = notice_received_on.year - 1
    while True:
        end = business_year_end(year, year_end_month, year_end_day)
        if end >= notice_received_on and _months_before(end, notice_months) >= notice_received_on:
            return end
        year += 1


def _months_before(end: dt.date, months: int) -> dt.date:
    """The last day a notice may arrive for ``end``: a month end counts back to a month end
    (31.12. → 30.09., 30.06. → 31.03.)."""
    back = add_months(end, -months)
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        return back.replace(day=calendar.monthrange(back.year, back.month)[1])
    return back


def latest_exit_notice(end: dt.date, notice_months: int = GENG_MIN_NOTICE_MONTHS) -> dt.date:
    return _months_before(end, notice_months)


def retention_until(exit_on: dt.date) -> dt.date:
    """Documents on a member are kept three years from the end of the calendar year of the exit
    (§ 30 Abs. 3 GenG)."""
    return dt.date(exit_on.year + 3, 12, 31)
