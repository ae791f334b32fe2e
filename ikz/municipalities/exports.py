"""The size-class table of a region ("Einwohnerzahl und Zahl der Kommunen") for CSV/XLSX/PDF."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ikz.lib.exports import Table
from ikz.municipalities.queries import RegionOverview


def _german(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def size_class_table(overview: RegionOverview) -> Table:
    """The classes with their members (the Kreis is in none: its inhabitants are those of its
    Städte und Gemeinden), a sum row, and the total of inhabitants without double counting."""
    region = overview.region
    subtitle = region.name
    if overview.chosen is not None:
        subtitle += " – " + _("Stichtag %(day)s") % {"day": overview.chosen.strftime("%d.%m.%Y")}
    rows: list[list[Any]] = [
        [r.config.label, r.result.count, r.config.stated_count, ", ".join(r.result.members)]
        for r in overview.class_rows
    ]
    rows.append([_("Summe"), overview.classified_members, overview.stated_members, ""])
    notes = [
        _("EW gesamt: %(n)s") % {"n": _german(overview.total_population)}
        + (
            " " + _("(laut Quelle: rd. %(n)s)") % {"n": _german(region.stated_population)}
            if region.stated_population
            else ""
        )
    ]
    for row in overview.covering_rows:
        notes.append(
            _(
                "%(name)s ist Mitglied (%(n)d. Mitglied), zählt aber in keiner Klasse und nicht in der "
                "Summe: seine Einwohner sind die seiner Städte und Gemeinden."
            )
            % {"name": row.member.municipality.name, "n": row.member.position}
        )
    if region.class_source:
        notes.append(_("Klassengrenzen und Vergleichszahlen: %(s)s") % {"s": region.class_source})
    return Table(
        title=_("Einwohnerzahl und Zahl der Kommunen"),
        subtitle=subtitle,
        columns=[_("EW-Zahl"), _("Zahl der Kommunen"), _("laut Quelle"), _("Kommunen")],
        rows=rows,
        notes=notes,
    )
