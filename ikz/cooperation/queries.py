"""Reading the inventory for pages and exports, with a fixed number of queries whatever its size."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from ikz.cooperation import rules
from ikz.cooperation.models import Cooperation, CooperationField, Participant, ParticipantStatus, TaskArea
from ikz.lib.exports import Cell, Table
from ikz.municipalities.models import Region, RegionMember


def status_labels() -> dict[str, str]:
    return {key: str(label) for key, label in ParticipantStatus.choices}


def columns_of(region: Region) -> list[tuple[int, str, str, str]]:
    """(municipality id, short label, name, AGS) of the members in the region's order."""
    return [
        (m.municipality_id, m.short_label, m.municipality.name, m.municipality.key or "")
        for m in RegionMember.objects.filter(region=region)
        .select_related("municipality")
        .order_by("position")
    ]


def matrix_for(region: Region, area: TaskArea) -> rules.Matrix:
    """Four queries: fields, members, cooperations, participants."""
    fields = list(
        CooperationField.objects.filter(task_area=area).order_by("position", "name").values_list("id", "name")
    )
    cooperations = Cooperation.objects.filter(region=region, field__task_area=area).prefetch_related(
        Prefetch("participants", queryset=Participant.objects.order_by("municipality_id"))
    )
    views = [
        rules.CooperationView(
            c.field_id,
            c.symbol,
            c.title,
            c.description,
            tuple((p.municipality_id, p.status, p.is_lead) for p in c.participants.all()),
        )
        for c in cooperations.order_by("position", "title")
    ]
    return rules.build_matrix(fields, columns_of(region), views, status_labels())


def matrix_table(region: Region, area: TaskArea, matrix: rules.Matrix) -> Table:
    labels = status_labels()
    return Table(
        title=_("Kooperationsmatrix %(area)s") % {"area": area.name},
        subtitle=_("%(region)s – Spalten: Kürzel, Kommune und AGS") % {"region": region.name},
        columns=[_("Kooperationsfeld")]
        + [f"{label} – {name} ({key})" for _id, label, name, key in matrix.columns],
        rows=[_matrix_row(row, labels) for row in matrix.rows],
        notes=legend_lines()
        + [f"{f.symbol} = {f.description or f.title} ({f.field_name})" for f in matrix.footnotes],
    )


def _matrix_row(row: rules.MatrixRow, labels: dict[str, str]) -> list[Cell]:
    return [row.field_name, *(rules.cell_text(cell, labels) for cell in row.cells)]


def legend_lines() -> list[str]:
    return [
        _("schwarz, ohne Zusatz = Kooperation existiert"),
        _(
            "blau, Zusatz „g“ = Zustandekommen der Kooperation geplant "
            "(voraussichtlich bis zum angegebenen Datum)"
        ),
        _(
            "grün, Zusatz „n“ = in den letzten Jahren Überlegungen bzgl. einer Kooperation, ggf. Prüfung, "
            "jedoch Kooperation nicht zustande gekommen"
        ),
        _(
            "unterstrichenes Symbol = federführende Kommune bzw. Kommune führt Leistung "
            "für andere Kommune(n) in deren Auftrag durch"
        ),
    ]


@dataclass
class AreaSummary:
    area: TaskArea
    fields: int
    cooperations: int
    by_status: dict[str, int]


def overview_for(region: Region) -> list[AreaSummary]:
    """Per task area: fields, cooperations, participations by status — three queries."""
    areas = list(
        TaskArea.objects.annotate(n_fields=Count("fields", distinct=True)).order_by("position", "name")
    )
    coops = dict(
        Cooperation.objects.filter(region=region)
        .values_list("field__task_area")
        .annotate(n=Count("id"))
        .values_list("field__task_area", "n")
    )
    counts: dict[int, dict[str, int]] = {}
    for area_id, status, n in (
        Participant.objects.filter(cooperation__region=region)
        .values_list("cooperation__field__task_area", "status")
        .annotate(n=Count("id"))
        .values_list("cooperation__field__task_area", "status", "n")
    ):
        counts.setdefault(area_id, {})[status] = n
    return [
        AreaSummary(
            a,
            a.n_fields,
            coops.get(a.pk, 0),
            {s: counts.get(a.pk, {}).get(s, 0) for s in ParticipantStatus.values},
        )
        for a in areas
    ]


def overview_table(region: Region, rows: list[AreaSummary]) -> Table:
    labels = status_labels()
    return Table(
        title=_("Bestand der Kooperationen – alle Aufgabengebiete"),
        subtitle=region.name,
        columns=[_("Aufgabengebiet"), _("Kooperationsfelder"), _("Kooperationen")]
        + [_("Beteiligungen: %(status)s") % {"status": labels[s]} for s in ParticipantStatus.values],
        rows=[
            [r.area.name, r.fields, r.cooperations, *(r.by_status[s] for s in ParticipantStatus.values)]
            for r in rows
        ],
    )
