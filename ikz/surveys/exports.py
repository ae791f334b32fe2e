"""The survey's export: the response tracking as a table (CSV, XLSX, PDF through ikz.lib.exports)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ikz.lib.exports import Table
from ikz.surveys.models import Campaign


def tracking_table(campaign: Campaign, rows: list[dict[str, Any]]) -> Table:
    """The Rücklauf of ``campaign``: one row per member (rows of :func:`queries.tracking_rows`)."""
    return Table(
        title=_("Rücklauf: %(title)s") % {"title": campaign.title},
        subtitle=_("%(region)s – Frist %(date)s")
        % {"region": campaign.region.name, "date": campaign.deadline.strftime("%d.%m.%Y")},
        columns=[
            _("Kürzel"),
            _("Kommune"),
            "AGS",
            _("Stand"),
            _("begonnen am"),
            _("abgegeben am"),
            _("Erinnerungen"),
        ],
        rows=[
            [
                r["member"].short_label,
                r["member"].municipality.name,
                r["member"].municipality.key,
                str(r["status"]),
                r["response"].started_at.date() if r["response"] else None,
                r["response"].submitted_at.date() if r["response"] and r["response"].submitted_at else None,
                len(r["reminders"]),
            ]
            for r in rows
        ],
    )
