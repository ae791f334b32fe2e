"""Pure rules about municipalities and regions: no ORM, no request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ikz.lib.stand import german

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


# --- a new region from the register (decision 130) ------------------------------------------------

# The default size classes of a new region: the Gemeindegrößenklassen of the Statistisches Bundesamt,
# condensed to the six that separate the members of a Kreis (bounds inclusive, in inhabitants).
DEFAULT_SIZE_CLASSES: tuple[SizeClassRule, ...] = (
    SizeClassRule("unter 5.000", 0, 4999),
    SizeClassRule("5.000 – 9.999", 5000, 9999),
    SizeClassRule("10.000 – 19.999", 10000, 19999),
    SizeClassRule("20.000 – 49.999", 20000, 49999),
    SizeClassRule("50.000 – 99.999", 50000, 99999),
    SizeClassRule("100.000 und mehr", 100000, None),
)
DEFAULT_CLASS_SOURCE = "Gemeindegrößenklassen des Statistischen Bundesamtes (zusammengefasst)"
KREIS_LABEL = "Kreis"
LABEL_LENGTH = 12  # RegionMember.short_label
_WORD_LETTERS = 4  # a one-word name: its first four letters ("Raunheim" → "Raun")
_PART_LETTERS = 2  # a name of several parts: two letters each ("Mörfelden-Walldorf" → "MöWa")


def _label_parts(name: str) -> list[str]:
    """The parts of a short name that make its label: the capitalised words and hyphenated parts
    before the first lower-case word or bracket ("Rüsselsheim am Main" → ["Rüsselsheim"],
    "Bad Homburg v. d. Höhe" → ["Bad", "Homburg"], "Friedberg (Hessen)" → ["Friedberg"])."""
    parts: list[str] = []
    for word in name.replace("-", " ").split():
        if word.startswith("(") or not word[:1].isupper():
            break
        letters = "".join(ch for ch in word if ch.isalnum())
        if letters:
            parts.append(letters)
    return parts or ["".join(ch for ch in name if ch.isalnum()) or "M"]


def _label_of(parts: list[str], extra: int) -> str:
    if len(parts) == 1:
        return parts[0][: _WORD_LETTERS + extra]
    head, *rest = parts[:3]
    return (head[: _PART_LETTERS + extra] + "".join(p[:_PART_LETTERS] for p in rest))[:LABEL_LENGTH]


def propose_labels(names: Sequence[tuple[str, bool]]) -> list[str]:
    """Abbreviations for members, unique within the list: ``names`` are (short name, is a Kreis).

    A Kreis is "Kreis"; a one-word name gives its first four letters, a name of several parts two
    letters of each (at most three parts). Labels that collide grow by one letter of the first part
    until they differ; what still collides (the same name twice) gets a number."""
    parts = [None if is_kreis else _label_parts(name) for name, is_kreis in names]
    extra = [0] * len(names)
    labels = [KREIS_LABEL if p is None else _label_of(p, 0) for p in parts]
    for _round in range(LABEL_LENGTH):
        seen: dict[str, list[int]] = {}
        for index, label in enumerate(labels):
            seen.setdefault(label.casefold(), []).append(index)
        grown = False
        for indexes in seen.values():
            if len(indexes) < 2:
                continue
            for index in indexes:
                part = parts[index]
                if part is None:
                    continue
                longer = _label_of(part, extra[index] + 1)
                if longer != labels[index]:
                    extra[index] += 1
                    labels[index] = longer
                    grown = True
        if not grown:
            break
    return _numbered(labels)


def _numbered(labels: list[str]) -> list[str]:
    """Number what is still the same: "Nidda", "Nidda2"."""
    result: list[str] = []
    taken = {label.casefold() for label in labels}
    counts: dict[str, int] = {}
    for label in labels:
        key = label.casefold()
        counts[key] = counts.get(key, 0) + 1
        if counts[key] == 1:
            result.append(label)
            continue
        number = counts[key]
        candidate = f"{label[: LABEL_LENGTH - len(str(number))]}{number}"
        while candidate.casefold() in taken:
            number += 1
            candidate = f"{label[: LABEL_LENGTH - len(str(number))]}{number}"
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


@dataclass(frozen=True)
class KeyLine:
    line: int  # 1-based, as the person sees it in the text box
    key: str  # the official key (AGS 8, Kreis 5, Verband 9 digits) or an ARS (12 digits)


_KEY_LENGTHS = {5, 8, 9, 12}


def parse_key_lines(text: str) -> tuple[list[KeyLine], list[str]]:
    """The keys of a pasted list, one a line; a line may go on after the key ("06440001 Altenstadt",
    "06440001;Altenstadt"). Empty lines are skipped. Returns the keys and the German refusals by
    line (a key that is no key, one that is there twice)."""
    keys: list[KeyLine] = []
    errors: list[str] = []
    first_line: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        token = raw.replace(";", " ").replace(",", " ").replace("\t", " ").strip().split(" ", 1)[0]
        if not token:
            continue
        if not token.isdigit() or len(token) not in _KEY_LENGTHS:
            errors.append(
                _(
                    "Zeile %(line)s: „%(token)s“ ist kein amtlicher Schlüssel "
                    "(Kreis 5 Ziffern, Gemeinde 8, Gemeindeverband 9, Regionalschlüssel 12)."
                )
                % {"line": number, "token": token[:20]}
            )
            continue
        if token in first_line:
            errors.append(
                _("Zeile %(line)s: %(key)s steht schon in Zeile %(first)s.")
                % {"line": number, "key": token, "first": first_line[token]}
            )
            continue
        first_line[token] = number
        keys.append(KeyLine(number, token))
    return keys, errors


def member_date_errors(
    label: str, joined_on: dt.date | None, left_on: dt.date | None, established_on: dt.date | None
) -> list[str]:
    """Why the membership dates of a member (named by its ``label``) cannot be right."""
    errors: list[str] = []
    if joined_on and left_on and left_on < joined_on:
        errors.append(
            _("%(label)s: „Mitglied bis“ (%(left)s) liegt vor „Mitglied seit“ (%(joined)s).")
            % {"label": label, "left": german(left_on), "joined": german(joined_on)}
        )
    if joined_on and established_on and joined_on < established_on:
        errors.append(
            _("%(label)s: „Mitglied seit“ (%(joined)s) liegt vor dem Beginn der Region (%(start)s).")
            % {"label": label, "joined": german(joined_on), "start": german(established_on)}
        )
    return errors


_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def proposed_region_name(kreis_short_name: str, kind: str) -> str:
    """ "IKZ Wetteraukreis", "IKZ Kreis Groß-Gerau" (a Landkreis whose name does not say Kreis),
    "IKZ Darmstadt" (a kreisfreie Stadt)."""
    says_kreis = "kreis" in kreis_short_name.casefold()
    if kind in ("landkreis", "kreis") and not says_kreis:
        return f"IKZ Kreis {kreis_short_name}"
    return f"IKZ {kreis_short_name}"


def proposed_slug(name: str) -> str:
    """The address part of a region's name: German letters transliterated, "IKZ " dropped
    ("IKZ Kreis Groß-Gerau" → "kreis-gross-gerau")."""
    text = name.removeprefix("IKZ ").translate(_TRANSLIT).casefold()
    words = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in text).split()
    return "-".join(words)[:80].strip("-")
