"""Calendar arithmetic for periods measured in months (§§ 187–193 BGB), without any Django.

Three questions come up with agreements that run for months or years:

* ``add_months(day, n)``: the same day number ``n`` months later (or earlier, for negative ``n``);
  when that month is shorter, its last day (31 August + 6 months = 28/29 February).
* ``period_end(start, months)``: the last day of a period that begins on ``start`` (the start day
  counts, § 187 Abs. 2 BGB): the day before the day with ``start``'s number ``months`` later
  (§ 188 Abs. 2), or the last day of that month when it has no such day (§ 188 Abs. 3):
  1.10.2020 + 5 years → 30.9.2025; 29.2.2024 + 1 year → 28.2.2025.
* ``latest_notice_day(end, months)``: the last day on which notice can be given so that a notice
  period of ``months`` still fits before the end of the day ``end``: 30.9.2025, 6 months →
  31.3.2025; 31.8.2025, 6 months → 28.2.2025. When the month reached has no matching day the
  earlier day is taken (conservative: a deadline is never later than the law allows).
"""

from __future__ import annotations

import calendar
import datetime as dt

ONE_DAY = dt.timedelta(days=1)


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _shift(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` (negative: back), clamped to the last day of a shorter month."""
    year, month = _shift(day.year, day.month, months)
    return dt.date(year, month, min(day.day, days_in_month(year, month)))


def period_end(start: dt.date, months: int) -> dt.date:
    """The last day of a period of ``months`` that begins on (and includes) ``start``."""
    if months <= 0:
        raise ValueError("months must be positive")
    year, month = _shift(start.year, start.month, months)
    if start.day <= days_in_month(year, month):
        return dt.date(year, month, start.day) - ONE_DAY
    return dt.date(year, month, days_in_month(year, month))


def latest_notice_day(end: dt.date, months: int) -> dt.date:
    """The last day on which notice of ``months`` months can be given to leave at the end of ``end``."""
    if months <= 0:
        raise ValueError("months must be positive")
    return add_months(end + ONE_DAY, -months) - ONE_DAY


def months_text(months: int) -> tuple[int, str]:
    """(number, unit) for showing a period: 60 → (5, "years"), 18 → (18, "months")."""
    if months % 12 == 0:
        return months // 12, "years"
    return months, "months"


# --- working days: weekends and the public holidays of a Land ------------------------------------

# The Land from the first two digits of the AGS (Amtlicher Gemeindeschlüssel): ISO 3166-2 code of
# the subdivision as the ``holidays`` package names it, and the Land's name for the advice.
LAENDER: dict[str, tuple[str, str]] = {
    "01": ("SH", "Schleswig-Holstein"),
    "02": ("HH", "Hamburg"),
    "03": ("NI", "Niedersachsen"),
    "04": ("HB", "Bremen"),
    "05": ("NW", "Nordrhein-Westfalen"),
    "06": ("HE", "Hessen"),
    "07": ("RP", "Rheinland-Pfalz"),
    "08": ("BW", "Baden-Württemberg"),
    "09": ("BY", "Bayern"),
    "10": ("SL", "Saarland"),
    "11": ("BE", "Berlin"),
    "12": ("BB", "Brandenburg"),
    "13": ("MV", "Mecklenburg-Vorpommern"),
    "14": ("SN", "Sachsen"),
    "15": ("ST", "Sachsen-Anhalt"),
    "16": ("TH", "Thüringen"),
}
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def land_of(ags: str | None) -> tuple[str, str] | None:
    """(subdivision code, name) of the Land of an AGS ("06433010" → ("HE", "Hessen")); ``None``
    for an empty or unknown key."""
    return LAENDER.get((ags or "")[:2])


def holiday_name(day: dt.date, subdivision: str | None) -> str | None:
    """The German name of the public holiday on ``day`` in the Land (nationwide ones without a
    Land), or ``None``."""
    import holidays  # a large table of countries: loaded when a deadline is first advised on

    table = holidays.country_holidays("DE", subdiv=subdivision, years=day.year, language="de")
    name = table.get(day)
    return str(name) if name else None


def last_working_day(day: dt.date, subdivision: str | None) -> dt.date:
    """``day`` itself when it is a working day, else the working day before it (no Saturday,
    Sunday or public holiday of the Land)."""
    while day.weekday() >= 5 or holiday_name(day, subdivision):
        day -= ONE_DAY
    return day
