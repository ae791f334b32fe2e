"""Pure rules of the backup: what a backup's manifest must agree with before it may be restored."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

FORMAT = 1


def migration_mismatch(backup: Sequence[str], current: Sequence[str]) -> str | None:
    """German reason why a backup of database state ``backup`` (applied migrations "app.name") cannot
    be restored into a database at state ``current``; None when they agree."""
    missing_here = sorted(set(backup) - set(current))
    newer_here = sorted(set(current) - set(backup))
    if not missing_here and not newer_here:
        return None
    parts = []
    if missing_here:
        parts.append(
            "Die Sicherung kennt Migrationen, die hier fehlen ("
            + ", ".join(missing_here[:5])
            + (" …" if len(missing_here) > 5 else "")
            + "): erst die passende Version der Plattform installieren und `migrate` ausführen."
        )
    if newer_here:
        parts.append(
            "Diese Datenbank hat neuere Migrationen als die Sicherung ("
            + ", ".join(newer_here[:5])
            + (" …" if len(newer_here) > 5 else "")
            + "): in eine Datenbank auf dem Stand der Sicherung zurückspielen und danach `migrate` ausführen."
        )
    return " ".join(parts)


def count_differences(expected: Mapping[str, int], actual: Mapping[str, int]) -> list[str]:
    """Tables whose row count after a restore differs from the manifest, as German lines."""
    lines = []
    for label in sorted(set(expected) | set(actual)):
        want, got = expected.get(label, 0), actual.get(label, 0)
        if want != got:
            lines.append(f"{label}: {got} statt {want} Zeilen")
    return lines
