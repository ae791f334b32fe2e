"""The overview of resolutions as a table for CSV/XLSX/PDF (``ikz.lib.exports``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ikz.lib.exports import Table
from ikz.lib.stand import Stand
from ikz.municipalities.models import Region, RegionMember
from ikz.resolutions import rules
from ikz.resolutions.models import Resolution, Subject
from ikz.resolutions.queries import OverviewRow, outcome_label

# the columns of the import kind "beschluesse" (resolutions.imports) and of its export
LABEL, MEMBER, AGS, SUBJECT = "Kürzel", "Mitglied", "AGS", "Gegenstand"
BODY, DATE, OUTCOME, NOTE, SOURCE = "Gremium", "Sitzungsdatum", "Ergebnis", "Anmerkung", "Quelle"


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


def resolutions_table(region: Any) -> Table:
    """Every member in the region's order: its principle resolution (or "kein Eintrag") and its
    resolutions on other subjects, with the columns of the overview's export plus "Gegenstand"."""
    members = list(
        RegionMember.objects.filter(region=region).select_related("municipality").order_by("position")
    )
    by_member: dict[int, list[Resolution]] = {}
    for resolution in Resolution.objects.filter(
        municipality_id__in=[m.municipality_id for m in members]
    ).order_by("subject", "subject_text"):
        by_member.setdefault(resolution.municipality_id, []).append(resolution)
    rows: list[list[Any]] = []
    for member in members:
        found = by_member.get(member.municipality_id, [])
        head = [member.short_label, member.municipality.name, member.municipality.key or ""]
        if not any(r.subject == Subject.PRINCIPLE for r in found):
            rows.append([*head, "", "", None, outcome_label(rules.NO_ENTRY), "", ""])
        for r in sorted(found, key=lambda r: (r.subject != Subject.PRINCIPLE, r.subject, r.subject_text)):
            subject = "" if r.subject == Subject.PRINCIPLE else r.subject_label
            rows.append(
                [*head, subject, r.get_body_display(), r.date, outcome_label(r.outcome), r.note, r.source]
            )
    return Table(
        title=_("Beschlüsse der Mitglieder"),
        subtitle=region.name,
        columns=[LABEL, MEMBER, AGS, SUBJECT, BODY, DATE, OUTCOME, NOTE, SOURCE],
        rows=rows,
    )
