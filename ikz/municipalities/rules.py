"""Pure rules about municipalities and regions: no ORM, no request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

# GV100AD "Textkennzeichen" → (level, kind) as stored on Municipality.
TEXTKENNZEICHEN: dict[str, tuple[str, str]] = {
    "41": ("kreis", "kreisfreie_stadt"),
    "42": ("kreis", "stadtkreis"),
    "43": ("kreis", "kreis"),
    "44": ("kreis", "landkreis"),
    "45": ("kreis", "regionalverband"),
    "50": ("verband", "gemeindeverband"),
    "51": ("verband", "gemeindeverband"),
    "52": ("verband", "gemeindeverband"),
    "53": ("verband", "gemeindeverband"),
    "54": ("verband", "gemeindeverband"),
    "55": ("verband", "gemeindeverband"),
    "56": ("verband", "gemeindeverband"),
    "57": ("verband", "gemeindeverband"),
    "58": ("verband", "gemeindeverband"),
    "60": ("gemeinde", "markt"),
    "61": ("gemeinde", "kreisfreie_stadt"),
    "62": ("gemeinde", "stadtkreis"),
    "63": ("gemeinde", "stadt"),
    "64": ("gemeinde", "gemeinde"),
    "65": ("gemeinde", "gemeindefrei"),
    "66": ("gemeinde", "gemeindefrei"),
    "67": ("gemeinde", "grosse_kreisstadt"),
}

# Hessen's Sonderstatusstädte (§ 4a HGO): towns over 50,000 inhabitants that carry Kreis tasks.
# GV100AD does not mark them (they are plain Textkennzeichen 63 "Stadt"), so the importer applies
# this list. Source: HGO § 4a; Hessisches Ministerium des Innern (7 towns); verified 2026-11-22.
SONDERSTATUSSTAEDTE: dict[str, str] = {
    "06434001": "Bad Homburg v. d. Höhe",
    "06631009": "Fulda",
    "06531005": "Gießen",
    "06435014": "Hanau",
    "06534014": "Marburg",
    "06433012": "Rüsselsheim am Main",
    "06532023": "Wetzlar",
}


def register_kind(key: str, kind: str) -> str:
    """The kind of a register unit, with the Sonderstatusstädte the register itself does not mark."""
    if kind == "stadt" and key in SONDERSTATUSSTAEDTE:
        return "sonderstatusstadt"
    return kind


# Suffixes the register appends to names ("Raunheim, Stadt"); the short name drops them.
_NAME_SUFFIX_SEPARATOR = ", "


def short_name(official_name: str) -> str:
    """The everyday name: ``"Rüsselsheim am Main, Stadt"`` → ``"Rüsselsheim am Main"``."""
    head = official_name.split(_NAME_SUFFIX_SEPARATOR, 1)[0].strip()
    return head or official_name.strip()


# Levels whose register name is the bare place name ("Groß-Gerau" is the Landkreis): in a list of
# choices the kind goes in front ("Landkreis Groß-Gerau"). A Gemeinde's name carries its own suffix
# ("Groß-Gerau, Stadt"); the key tells the rest apart.
_KIND_IN_FRONT = ("land", "regierungsbezirk", "region", "kreis", "verband")


def choice_label(name: str, kind_label: str, level: str, key: str | None) -> str:
    """The unambiguous name of a unit in a list of choices: its official name with the kind where
    the name alone is the place's name, and the official key — "Groß-Gerau, Stadt (06433006)" vs
    "Landkreis Groß-Gerau (06433)"; an organisation (no key) with its kind."""
    if level == "organisation" or not key:
        return f"{name} ({kind_label})" if kind_label else name
    if level in _KIND_IN_FRONT and kind_label and not name.lower().startswith(kind_label.lower()):
        name = f"{kind_label} {name}"
    return f"{name} ({key})"


@dataclass(frozen=True)
class Figure:
    stichtag: dt.date
    total: int
    recorded: int  # order of recording (e.g. the primary key), breaks ties


def current_figure(figures: Sequence[Figure]) -> Figure | None:
    """The current population figure: the newest reference date; on equal dates the last recorded."""
    if not figures:
        return None
    return max(figures, key=lambda f: (f.stichtag, f.recorded))


@dataclass(frozen=True)
class SizeClassRule:
    label: str
    lower: int
    upper: int | None


@dataclass(frozen=True)
class ClassCount:
    label: str
    lower: int
    upper: int | None
    members: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.members)


def classify(
    populations: Sequence[tuple[str, int | None]], classes: Sequence[SizeClassRule]
) -> tuple[list[ClassCount], list[tuple[str, int | None]]]:
    """Count members per size class (bounds inclusive).

    Returns the classes with the names of their members, and the members that fall into no
    class (or have no figure), so that a page can explain every difference to its source.
    """
    buckets: list[list[str]] = [[] for _ in classes]
    unclassified: list[tuple[str, int | None]] = []
    for name, population in populations:
        placed = False
        if population is not None:
            for index, rule in enumerate(classes):
                if population >= rule.lower and (rule.upper is None or population <= rule.upper):
                    buckets[index].append(name)
                    placed = True
                    break
        if not placed:
            unclassified.append((name, population))
    counts = [
        ClassCount(rule.label, rule.lower, rule.upper, tuple(bucket))
        for rule, bucket in zip(classes, buckets, strict=True)
    ]
    return counts, unclassified


def overlapping_classes(classes: Sequence[SizeClassRule]) -> list[tuple[str, str]]:
    """Pairs of classes whose bounds overlap (a configuration error)."""
    pairs = []
    for i, a in enumerate(classes):
        for b in classes[i + 1 :]:
            a_up = a.upper if a.upper is not None else 10**12
            b_up = b.upper if b.upper is not None else 10**12
            if a.lower <= b_up and b.lower <= a_up:
                pairs.append((a.label, b.label))
    return pairs


def covering_keys(keys: Sequence[str]) -> set[str]:
    """Keys that contain another key of the list (a Kreis whose Gemeinden are members too).

    Region totals leave them out so that nobody is counted twice.
    """
    present = set(keys)
    return {k for k in present if any(o != k and o.startswith(k) for o in present)}
