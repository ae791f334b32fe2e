"""Pure rules of an import: plan entries, problems by row and column, counts, the stale check."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

CREATE, CHANGE, UNCHANGED = "create", "change", "unchanged"
ACTIONS = (CREATE, CHANGE, UNCHANGED)
CHUNK = 500  # rows checked per request (the progress bar advances by this much)
SHOWN = 500  # changes and problems listed on the preview (the rest is counted)


@dataclass(frozen=True)
class Problem:
    """An error of one row (``row`` 0: of the file) and column (may be empty)."""

    row: int
    column: str
    message: str

    def text(self) -> str:
        """ "Zeile 7, Spalte „Lead“: …" as the preview and the tests show it."""
        return describe(self.row, self.column, self.message)


@dataclass(frozen=True)
class Entry:
    """What one row would do.

    ``key`` names the thing in the file (two rows with the same key are refused as duplicates),
    ``ref`` the stored object it changes (or would create) as the kind understands it, ``seen`` the
    fingerprint of that object at preview ("" when it does not exist yet): the apply compares it
    with :meth:`ImportKind.current` and refuses the whole import when they differ. ``data`` is what
    the kind's apply needs (JSON)."""

    row: int
    action: str
    summary: str
    key: str
    ref: str = ""
    seen: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        # by hand: dataclasses.asdict deep-copies, a third of a 10,000-row check (make bench)
        return {
            "row": self.row,
            "action": self.action,
            "summary": self.summary,
            "key": self.key,
            "ref": self.ref,
            "seen": self.seen,
            "data": self.data,
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Entry:
        return cls(**{k: value[k] for k in cls.__dataclass_fields__ if k in value})


def describe(row: int, column: str, message: str) -> str:
    if row and column:
        return _("Zeile %(row)s, Spalte „%(column)s“: %(message)s") % {
            "row": row,
            "column": column,
            "message": message,
        }
    if row:
        return _("Zeile %(row)s: %(message)s") % {"row": row, "message": message}
    if column:
        return _("Spalte „%(column)s“: %(message)s") % {"column": column, "message": message}
    return message


def header_problems(missing: Sequence[str], unknown: Sequence[str], header_row: int) -> list[Problem]:
    """Missing required columns stop the import; unknown columns are reported too, so a typo in a
    heading is not silently ignored."""
    problems = [
        Problem(header_row, name, _("Diese Pflichtspalte fehlt in der Kopfzeile.")) for name in missing
    ]
    problems += [
        Problem(header_row, name, _("Unbekannte Spalte; bitte umbenennen oder entfernen."))
        for name in unknown
    ]
    return problems


def duplicates(entries: Iterable[Entry], earlier: Mapping[str, int] | None = None) -> list[Problem]:
    """Rows that repeat an earlier row's key (also one of ``earlier`` chunks: key → row)."""
    first: dict[str, int] = dict(earlier or {})
    problems = []
    for entry in entries:
        if entry.key in first:
            problems.append(
                Problem(
                    entry.row,
                    "",
                    _("Dieselbe Angabe steht bereits in Zeile %(row)s (%(key)s).")
                    % {"row": first[entry.key], "key": entry.key},
                )
            )
        else:
            first[entry.key] = entry.row
    return problems


def counts(entries: Iterable[Entry]) -> dict[str, int]:
    result = dict.fromkeys(ACTIONS, 0)
    for entry in entries:
        result[entry.action] += 1
    return result


def stale(entries: Iterable[Entry], current: Mapping[str, str]) -> list[Entry]:
    """Entries whose object is no longer as the preview saw it."""
    return [e for e in entries if e.ref and current.get(e.ref, "") != e.seen]


def progress(checked: int, total: int) -> int:
    """Percent for the progress bar (100 for an empty file)."""
    return 100 if total == 0 else min(100, checked * 100 // total)
