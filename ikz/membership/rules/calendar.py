"""Calendar arithmetic (§§ 187-193 BGB as the design rules of domain reference § 1.4)."""

from __future__ import annotations

import calendar
import datetime as dt

from ikz.lib.stand import german


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day number ``months`` later (or earlier); the month's last day if it has no such day
    (§ 188 Abs. 3 BGB)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_lead(day: dt.date, value: int, unit: str) -> dt.date:
    if unit == "weeks":
        return day + dt.timedelta(weeks=value)
    if unit == "months":
        return add_months(day, value)
    if unit == "days":
        return day + dt.timedelta(days=value)
    raise ValueError(f"unknown lead unit {unit!r}")


def subtract_lead(day: dt.date, value: int, unit: str) -> dt.date:
    if unit == "months":
        return add_months(day, -value)
    return add_lead(day, -value, unit)


def previous_working_day(day: dt.date) -> dt.date:
    """Saturday and Sunday move back to Friday (conservative for backward deadlines; public
    holidays are not known here)."""
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def format_day(day: dt.date) -> str:
    return german(day)
