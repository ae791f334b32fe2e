"""Reading the Destatis municipal register GV100AD (fixed-width, one record per line). Pure, no Django.

Layout (1-based character positions; see ``../shared/data/README.md``): Satzart 1–2, Gebietsstand
3–10, Land 11–12, Regierungsbezirk 13, Kreis 14–15, Gemeinde 16–18, Gemeindeverband 19–22,
Name 23–72, Sitz der Verwaltung 73–122, Textkennzeichen 123–124; Satzart 60 also Fläche in ha
129–139, Bevölkerung 140–150, davon männlich 151–161, PLZ 166–170.

Pitfalls handled here: the file is decoded first and cut by *characters*, not bytes (umlauts and
Sorbian letters make some UTF-8 lines longer than 220 bytes); older issues are ISO-8859-1; lines
end in CRLF or LF; names are cut at 50 characters. Every problem is reported with its line number
and a German reason, before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ikz.lib.ags import LAENDER

RECORD_LENGTH = 220
NAME_WIDTH = 50
SATZARTEN = ("10", "20", "30", "40", "50", "60")
LEVEL_OF_SATZART = {
    "10": "land",
    "20": "regierungsbezirk",
    "30": "region",
    "40": "kreis",
    "50": "verband",
    "60": "gemeinde",
}
TEXTKENNZEICHEN_OF_SATZART = {
    "40": {"41", "42", "43", "44", "45"},
    "50": {"50", "51", "52", "53", "54", "55", "56", "57", "58"},
    "60": {"60", "61", "62", "63", "64", "65", "66", "67"},
}


class RegisterError(ValueError):
    """A malformed record: ``line`` is 1-based, ``reason`` German."""

    def __init__(self, line: int, reason: str) -> None:
        self.line = line
        self.reason = reason
        super().__init__(f"Zeile {line}: {reason}")


@dataclass(frozen=True)
class Record:
    line: int
    satzart: str
    gebietsstand: dt.date
    key: str  # Land 2, RB 3, Region 4, Kreis 5, Verband 9, Gemeinde 8 digits
    ars: str  # 12 digits for Gemeinden, the key padded with zeros for the other levels
    name: str
    name_truncated: bool
    seat: str
    textkennzeichen: str
    verband_key: str = ""  # Gemeinden: the 9-digit key of their Gemeindeverband
    area_ha: int | None = None
    population: int | None = None
    male: int | None = None
    postal_code: str = ""

    @property
    def level(self) -> str:
        return LEVEL_OF_SATZART[self.satzart]


def decode(raw: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM) if it decodes, else ISO-8859-1."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("iso-8859-1"), "ISO-8859-1"


def population_stichtag(gebietsstand: dt.date) -> dt.date:
    """Reference date of the population figures in an issue.

    Destatis publishes the population of 31.12. of the year before the Gebietsstand (the issue
    of 30.11.2025 carries 31.12.2024); an issue with Gebietsstand 31.12. carries that same date.
    """
    if (gebietsstand.month, gebietsstand.day) == (12, 31):
        return gebietsstand
    return dt.date(gebietsstand.year - 1, 12, 31)


def _field(line: str, start: int, end: int) -> str:
    """Characters ``start``..``end`` (1-based, inclusive)."""
    return line[start - 1 : end]


def _digits(line_no: int, value: str, what: str, *, allow_blank: bool = False) -> str:
    if allow_blank and not value.strip():
        return ""
    if not (value.isascii() and value.isdigit()):
        raise RegisterError(line_no, f"{what} „{value}“ ist keine Zahl.")
    return value


def _number(line_no: int, value: str, what: str) -> int | None:
    if not value.strip():
        return None
    return int(_digits(line_no, value.strip(), what))


def _check_length(line_no: int, line: str) -> None:
    """Too long (usually the wrong encoding) or too short to hold the fields up to Textkennzeichen."""
    if len(line) > RECORD_LENGTH:
        raise RegisterError(
            line_no,
            f"Der Datensatz hat {len(line)} Zeichen, erwartet sind {RECORD_LENGTH} "
            "(falsche Zeichenkodierung oder kein GV100AD-Datensatz).",
        )
    if len(line) < 128:
        raise RegisterError(
            line_no, f"Der Datensatz ist mit {len(line)} Zeichen zu kurz (erwartet {RECORD_LENGTH})."
        )


def _satzart(line_no: int, line: str) -> str:
    """Positions 1–2, one of :data:`SATZARTEN`."""
    satzart = _field(line, 1, 2)
    if satzart not in SATZARTEN:
        raise RegisterError(
            line_no, f"Satzart „{satzart}“ ist unbekannt (erwartet 10, 20, 30, 40, 50 oder 60)."
        )
    return satzart


def _gebietsstand(line_no: int, line: str) -> dt.date:
    """Positions 3–10 (JJJJMMTT) as a date."""
    raw_date = _digits(line_no, _field(line, 3, 10), "Der Gebietsstand")
    try:
        return dt.date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:]))
    except ValueError:
        raise RegisterError(line_no, f"Der Gebietsstand „{raw_date}“ ist kein gültiges Datum.") from None


@dataclass(frozen=True)
class _KeyParts:
    """The digits of the key fields a Satzart fills; the others are empty."""

    land: str
    rb: str
    kreis: str
    gemeinde: str
    verband: str

    @property
    def prefix(self) -> str:
        """Land, Regierungsbezirk and Kreis (or Region): the start of every key below the Land."""
        return self.land + self.rb + self.kreis


def _key_parts(line_no: int, line: str, satzart: str) -> _KeyParts:
    """Positions 11–22, checked field by field in this order (the first bad one is reported)."""
    land = _digits(line_no, _field(line, 11, 12), "Die Landesnummer")
    if land not in LAENDER:
        raise RegisterError(line_no, f"Die Landesnummer „{land}“ gibt es nicht (01–16).")
    rb = kreis = gemeinde = verband = ""
    if satzart >= "20":
        rb = _digits(line_no, _field(line, 13, 13), "Der Regierungsbezirk")
    if satzart == "30":
        kreis = _digits(line_no, _field(line, 14, 14), "Die Regionsnummer")
    elif satzart >= "40":
        kreis = _digits(line_no, _field(line, 14, 15), "Die Kreisnummer")
    if satzart == "60":
        gemeinde = _digits(line_no, _field(line, 16, 18), "Die Gemeindenummer")
    if satzart >= "50":
        verband = _digits(line_no, _field(line, 19, 22), "Die Gemeindeverbandsnummer")
    return _KeyParts(land, rb, kreis, gemeinde, verband)


def _textkennzeichen(line_no: int, line: str, satzart: str) -> str:
    """Positions 123–124; for Satzart 40, 50 and 60 one of :data:`TEXTKENNZEICHEN_OF_SATZART`."""
    textkennzeichen = _field(line, 123, 124).strip()
    allowed = TEXTKENNZEICHEN_OF_SATZART.get(satzart)
    if allowed is not None and textkennzeichen not in allowed:
        raise RegisterError(
            line_no,
            f"Textkennzeichen „{textkennzeichen}“ passt nicht zu Satzart {satzart} "
            f"(erlaubt: {', '.join(sorted(allowed))}).",
        )
    return textkennzeichen


def _key(satzart: str, parts: _KeyParts) -> str:
    """The key of the unit at its level (Land 2, RB 3, Region 4, Kreis 5, Verband 9, Gemeinde 8 digits)."""
    return {
        "10": parts.land,
        "20": parts.land + parts.rb,
        "30": parts.prefix,
        "40": parts.prefix,
        "50": parts.prefix + parts.verband,
        "60": parts.prefix + parts.gemeinde,
    }[satzart]


def _with_gemeinde_figures(record: Record, line: str, parts: _KeyParts) -> Record:
    """A Gemeinde's record completed with its Verband, area, population and postal code (Satzart 60)."""
    line_no = record.line
    area = _number(line_no, _field(line, 129, 139), "Die Fläche")
    population = _number(line_no, _field(line, 140, 150), "Die Einwohnerzahl")
    male = _number(line_no, _field(line, 151, 161), "Die Zahl der Männer")
    if population is not None and male is not None and male > population:
        raise RegisterError(
            line_no, f"Die Zahl der Männer ({male}) ist größer als die Einwohnerzahl ({population})."
        )
    return replace(
        record,
        verband_key=parts.prefix + parts.verband,
        area_ha=area,
        population=population,
        male=male,
        postal_code=_field(line, 166, 170).strip(),
    )


def parse_line(line_no: int, line: str) -> Record:
    """One record; raises :class:`RegisterError` with the line number and the reason."""
    _check_length(line_no, line)
    line = line.ljust(RECORD_LENGTH)
    satzart = _satzart(line_no, line)
    gebietsstand = _gebietsstand(line_no, line)
    parts = _key_parts(line_no, line, satzart)
    full_name = _field(line, 23, 72)
    name = full_name.strip()
    if not name:
        raise RegisterError(line_no, "Der Name fehlt.")
    textkennzeichen = _textkennzeichen(line_no, line, satzart)
    key = _key(satzart, parts)
    record = Record(
        line=line_no,
        satzart=satzart,
        gebietsstand=gebietsstand,
        key=key,
        ars=parts.prefix + parts.verband + parts.gemeinde if satzart == "60" else key.ljust(12, "0"),
        name=name,
        name_truncated=len(full_name.rstrip()) == NAME_WIDTH,
        seat=_field(line, 73, 122).strip(),
        textkennzeichen=textkennzeichen,
    )
    if satzart != "60":
        return record
    return _with_gemeinde_figures(record, line, parts)


def iter_records(text: str) -> Iterator[Record]:
    """All records of a decoded file, in file order. Blank lines are skipped."""
    gebietsstand: dt.date | None = None
    seen: dict[tuple[str, str], int] = {}
    for index, raw_line in enumerate(text.split("\n"), start=1):
        line = raw_line.removesuffix("\r")
        if not line.strip():
            continue
        record = parse_line(index, line)
        if gebietsstand is None:
            gebietsstand = record.gebietsstand
        elif record.gebietsstand != gebietsstand:
            raise RegisterError(
                index,
                f"Gebietsstand {record.gebietsstand:%d.%m.%Y} weicht vom Gebietsstand der Datei "
                f"({gebietsstand:%d.%m.%Y}) ab.",
            )
        identity = (record.satzart, record.key)
        if identity in seen:
            raise RegisterError(
                index, f"Schlüssel {record.key} kommt doppelt vor (zuerst in Zeile {seen[identity]})."
            )
        seen[identity] = index
        yield record


def read(raw: bytes) -> tuple[list[Record], str]:
    """Records and encoding of a whole file; raises :class:`RegisterError` on the first bad record."""
    text, encoding = decode(raw)
    records = list(iter_records(text))
    if not records:
        raise RegisterError(1, "Die Datei enthält keine Datensätze.")
    return records, encoding
