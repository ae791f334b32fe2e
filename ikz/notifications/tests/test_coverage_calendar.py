"""The calendar feed's text (RFC 5545): long lines folded without splitting a character, dates
without a link, ordering — read back with the icalendar library (no database)."""

from __future__ import annotations

import datetime as dt

import icalendar

from ikz.notifications.registry import CalendarDate
from ikz.notifications.rules import calendar

STAMP = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def test_long_summaries_are_folded_at_75_octets_without_splitting_umlauts() -> None:
    summary = "Kündigungsfrist: Gemeinsame Bauhof-Kooperation Groß-Gerau, Rüsselsheim; " * 3
    text = calendar(
        "Termine", [CalendarDate("k-1", dt.date(2026, 6, 30), summary)], stamp=STAMP, base_url="https://x"
    )
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)  # continuation lines
    text.encode("utf-8").decode("utf-8")  # every folded piece is whole UTF-8
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == summary
    assert "URL" not in event


def test_dates_come_sorted_with_their_links_and_a_utc_stamp() -> None:
    dates = [
        CalendarDate("b", dt.date(2026, 5, 1), "Zweiter", "/projekte/2/"),
        CalendarDate("a", dt.date(2026, 4, 1), "Erster, mit Komma; und Semikolon"),
    ]
    local_stamp = dt.datetime(2026, 3, 2, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    text = calendar("IKZ; Termine", dates, stamp=local_stamp, base_url="https://ikz.example")
    parsed = icalendar.Calendar.from_ical(text)
    assert "X-WR-CALNAME:IKZ\\; Termine\r\n" in text  # TEXT escaping of RFC 5545
    events = parsed.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == ["a", "b"]
    assert str(events[0]["SUMMARY"]) == "Erster, mit Komma; und Semikolon"
    assert str(events[1]["URL"]) == "https://ikz.example/projekte/2/"
    assert events[1]["DTEND"].dt == dt.date(2026, 5, 2)
    assert "DTSTAMP:20260302T093000Z" in text
