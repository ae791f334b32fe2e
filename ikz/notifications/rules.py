"""The iCalendar feed as text (RFC 5545), written without a library; pure."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from ikz.notifications.registry import CalendarDate

_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")


def clean(text: str) -> str:
    """``text`` without control characters (C0, DEL, C1 — a title pasted from a PDF may hold a
    form feed or a vertical tab, which calendar programs refuse); line breaks become ``\\n``, a tab
    is kept (RFC 5545 TEXT allows it)."""
    text = _NEWLINES.sub("\n", text)
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")


def escape(text: str) -> str:
    """A TEXT value of RFC 5545 (3.3.11): control characters removed, backslash, semicolon, comma
    and line break escaped."""
    return clean(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> list[str]:
    """Lines longer than 75 octets are folded (RFC 5545 3.1: continuation lines start with a space,
    which counts); a UTF-8 character is never split between two lines."""
    out: list[str] = []
    data = line.encode("utf-8")
    while len(data) > (75 if not out else 74):
        cut = 75 if not out else 74
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # a continuation byte: cut before its start
            cut -= 1
        out.append(data[:cut].decode("utf-8"))
        data = data[cut:]
    out.append(data.decode("utf-8"))
    return [out[0]] + [" " + part for part in out[1:]]


def host_of(base_url: str) -> str:
    """The host of the platform's public address (``IKZ_BASE_URL``): the right-hand side of every
    UID, so that two installations (or two platforms in one calendar program) never share one."""
    return (urlsplit(base_url).hostname or "ikz.invalid").lower()


def uids(dates: Iterable[CalendarDate], host: str) -> list[tuple[str, CalendarDate]]:
    """Each date with its globally unique UID ``<kind>-<pk>@<host>`` (RFC 5545 3.8.4.7), in the
    feed's order. A source's UID is local (``survey-12``); a second date with the same local UID
    gets a suffix, never the same UID twice in one feed (a client would keep only one)."""
    seen: set[str] = set()
    found = []
    for item in sorted(dates, key=lambda d: (d.date, d.uid)):
        local = re.sub(r"[^A-Za-z0-9._-]+", "-", clean(item.uid).partition("@")[0]).strip("-") or "termin"
        uid, n = f"{local}@{host}", 1
        while uid in seen:
            n += 1
            uid = f"{local}-{n}@{host}"
        seen.add(uid)
        found.append((uid, item))
    return found


def calendar(name: str, dates: Iterable[CalendarDate], *, stamp: dt.datetime, base_url: str) -> str:
    """A VCALENDAR with one all-day VEVENT per date; ``base_url`` is the platform's public address
    (links and the host of the UIDs)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//IKZ-Plattform//Termine//DE",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    stamp_text = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for uid, item in uids(dates, host_of(base_url)):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{item.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{item.date + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape(item.summary)}",
        ]
        link = "".join(clean(item.link).split())
        if link:
            lines.append(f"URL:{base_url}{link}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line))
