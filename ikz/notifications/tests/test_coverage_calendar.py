"""The calendar feed's text (RFC 5545): long lines folded without splitting a character, dates
without a link, ordering — read back with the icalendar library (no database)."""

from __future__ import annotations

import datetime as dt

import icalendar

from ikz.notifications.registry import CalendarDate
from ikz.notifications.rules import calendar, fold, host_of

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
    assert [str(e["UID"]) for e in events] == ["a@ikz.example", "b@ikz.example"]
    assert str(events[0]["SUMMARY"]) == "Erster, mit Komma; und Semikolon"
    assert str(events[1]["URL"]) == "https://ikz.example/projekte/2/"
    assert events[1]["DTEND"].dt == dt.date(2026, 5, 2)
    assert "DTSTAMP:20260302T093000Z" in text


NASTY = (
    "Kündigungsfrist\x0c Abwasser\x0bverband\x00 Groß-Gerau, Rüsselsheim; Bischofsheim \\ Ginsheim\r\n"
    "zweite Zeile\x7f mit \u0085Steuerzeichen und einem sehr langen Text über die Zusammenarbeit der "
    "Gemeinden 😀 am Main"
)


def test_titles_with_control_characters_commas_semicolons_and_umlauts_parse_back() -> None:
    """A title pasted from a PDF (form feed, vertical tab, NUL, DEL, CR LF) is read by a standard
    parser: control characters are gone, a line break (CR LF, NEL) stays one, every other character as
    written; every line is at most 75 octets and whole UTF-8."""
    dates = [CalendarDate("notice-7-2026-06-30", dt.date(2026, 6, 30), NASTY, "/kooperationen/7/")]
    text = calendar(NASTY, dates, stamp=STAMP, base_url="https://ikz.kreis-gg.de")
    raw = text.encode("utf-8")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert not any(c in text for c in "\x00\x0b\x0c\x7f\x85")
    assert "\r" not in text.replace("\r\n", "")  # CR only as part of a line end
    parsed = icalendar.Calendar.from_ical(text)
    event = parsed.walk("VEVENT")[0]
    expected = (
        "Kündigungsfrist Abwasserverband Groß-Gerau, Rüsselsheim; Bischofsheim \\ Ginsheim\n"
        "zweite Zeile mit \nSteuerzeichen und einem sehr langen Text über die Zusammenarbeit der "
        "Gemeinden 😀 am Main"
    )
    assert str(event["SUMMARY"]) == expected
    unfolded = text.replace("\r\n ", "")  # an X- property is not unescaped by the parser: read the text
    escaped = expected.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")
    assert f"X-WR-CALNAME:{escaped}\r\n" in unfolded
    assert str(event["UID"]) == "notice-7-2026-06-30@ikz.kreis-gg.de"
    assert str(event["URL"]) == "https://ikz.kreis-gg.de/kooperationen/7/"


def test_folding_never_splits_a_character_whatever_the_offset() -> None:
    for pad in range(0, 8):
        for char in ("ü", "€", "😀"):
            line = "SUMMARY:" + "x" * pad + char * 60
            parts = fold(line)
            assert "".join(p.removeprefix(" ") if i else p for i, p in enumerate(parts)) == line
            assert all(len(p.encode("utf-8")) <= 75 for p in parts)
            assert all(p.startswith(" ") for p in parts[1:])


def test_uids_are_global_and_unique_in_one_feed() -> None:
    """``<kind>-<pk>@<host of IKZ_BASE_URL>``; an old ``@ikz`` or a colon in a source's key becomes a
    valid local part; the same local UID twice (two sources) gets a suffix, never the same UID."""
    dates = [
        CalendarDate("survey-3@ikz", dt.date(2026, 4, 1), "Rücklauffrist"),
        CalendarDate("notice:7:2026-06-30", dt.date(2026, 6, 30), "Kündigungsfrist"),
        CalendarDate("survey-3", dt.date(2026, 4, 2), "Zweite Quelle"),
    ]
    text = calendar("T", dates, stamp=STAMP, base_url="https://IKZ.Example.de:8443/pfad")
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [
        "survey-3@ikz.example.de",
        "survey-3-2@ikz.example.de",
        "notice-7-2026-06-30@ikz.example.de",
    ]
    assert host_of("") == "ikz.invalid"
