"""The overview of resolutions as a table for CSV/XLSX/PDF (``ikz.lib.exports``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ikz.lib.exports import Table
from ikz.lib.stand import Stand
from ikz.municipalities.models import Region
from ikz.resolutions.queries import OverviewRow, outcome_label


def overview_table(region: Region, rows: list[OverviewRow], stand: Stand | None = None) -> Table:
    """The overview as a table; as of a past day the subtitle names the Stand."""
    table_rows: list[list[Any]] = []
    for row in rows:
        resolution = row.shown
        table_rows.append(
            [
                row.member.short_label,
                row.municipality.name,
                row.municipality.key or "",
                resolution.get_body_display() if resolution else "",
                resolution.date if resolution else None,
                outcome_label(row.outcome),
                resolution.note if resolution else "",
                resolution.source if resolution else "",
            ]
        )
    return Table(
        title=_("IKZ-Grundsatzbeschlüsse"),
        subtitle=region.name if stand is None or stand.is_today else f"{region.name} – {stand.label}",
        columns=[
            _("Kürzel"),
            _("Mitglied"),
            _("AGS"),
            _("Gremium"),
            _("Sitzungsdatum"),
            _("Ergebnis"),
            _("Anmerkung"),
            _("Quelle"),
        ],
        rows=table_rows,
        notes=[_("Mitglieder in der Reihenfolge der Region; „kein Eintrag“: noch nichts erfasst.")],
    )
