"""Tables of this app for download (``ikz.lib.exports.Table``): the region's projects with their
history, in the columns the import kind "Projekte" reads (round trip, decision 151)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from ikz.lib.exports import Table
from ikz.municipalities.models import Region, RegionMember
from ikz.projects import queries, rules
from ikz.projects.models import Status, Verdict
from ikz.projects.rules.history_rows import COLUMNS, STAGE_COLUMNS, History, cell_mark


def projects_table(
    region: Region, members: Sequence[RegionMember], histories: Sequence[History], fields: Mapping[int, str]
) -> Table:
    """Every project of the region with its history (by the day of its proposal, then its title),
    one column per member in the region's order; ``fields``: the field names by id."""
    labels = {m.municipality_id: queries.unit_label(m.municipality) for m in members}
    verdicts, states = dict(Verdict.choices), dict(Status.choices)
    day = dt.date.fromisoformat
    rows: list[list[Any]] = []
    for h in sorted(histories, key=lambda h: (h.stages.get(rules.PROPOSAL, ""), h.title)):
        rows.append(
            [
                h.title,
                fields.get(h.field_id or 0, ""),
                h.year,
                labels.get(h.lead or 0, ""),
                *(day(h.stages[s]) if s in h.stages else None for s in STAGE_COLUMNS),
                str(verdicts.get(h.verdict, "")),
                h.verdict_reasons,
                str(states.get(h.final_state, "")) if h.final_state else "",
                day(h.date_final) if h.date_final else None,
                h.closing_reason,
                h.successor,
                *(cell_mark(h.cells[pk]) if pk in h.cells else "" for pk in labels),
            ]
        )
    return Table(
        title=_("Projekte mit ihrer Geschichte"),
        subtitle=region.name,
        columns=[*COLUMNS, *labels.values()],
        rows=rows,
    )
