"""The result tables of a call for CSV/XLSX/PDF (``ikz.lib.exports``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ikz.interests import rules
from ikz.interests.models import InterestCall, Topic
from ikz.lib.exports import Table
from ikz.lib.stand import Stand
from ikz.municipalities.models import Municipality


def ranking_table(call: InterestCall, ranked: list[rules.RankedTopic], stand: Stand | None = None) -> Table:
    """The ranking; as of a past day the subtitle names the Stand."""
    return Table(
        title=_("Rangfolge: %s") % call.title,
        subtitle=call.region.name
        if stand is None or stand.is_today
        else f"{call.region.name} – {stand.label}",
        columns=[_("Rang"), _("Thema"), _("Interessierte Kommunen"), _("davon Arbeitsgruppe IKZ")],
        rows=[[r.rank, r.topic.label, r.topic.interested, r.topic.joining] for r in ranked],
        notes=[
            _(
                "Gezählt werden abgesendete Interessenbekundungen. Gleiche Anzahl: gleicher Rang, "
                "Reihenfolge wie im Aufruf."
            )
        ],
    )


def topic_table(call: InterestCall, topic: Topic, rows: list[tuple[str, Municipality, bool]]) -> Table:
    return Table(
        title=topic.label,
        subtitle=call.title,
        columns=[_("Kürzel"), _("Kommune"), _("AGS"), _("Arbeitsgruppe IKZ")],
        rows=[[label, m.name, m.key, _("ja") if joins else _("nein")] for label, m, joins in rows],
        notes=[_("Kommunen mit abgesendeter Interessenbekundung, die bei diesem Thema kooperieren möchten.")],
    )
