"""The survey's export: the response tracking as a table (CSV, XLSX, PDF through ikz.lib.exports)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ikz.lib.exports import Table
from ikz.lib.stand import Stand
from ikz.surveys.models import Campaign


def tracking_table(campaign: Campaign, rows: list[dict[str, Any]], stand: Stand | None = None) -> Table:
    """The Rücklauf of ``campaign`` as of ``stand``: one row per member (rows of
    :func:`queries.tracking_rows`); the subtitle names the Stand."""
    subtitle = _("%(region)s – Frist %(date)s") % {
        "region": campaign.region.name,
        "date": campaign.deadline.strftime("%d.%m.%Y"),
    }
    if stand is not None:
        subtitle = f"{subtitle} – {stand.label}"
    return Table(
        title=_("Rücklauf: %(title)s") % {"title": campaign.title},
        subtitle=subtitle,
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
                r["started_on"],
                r["submitted_on"],
                len(r["reminders"]),
            ]
            for r in rows
        ],
    )
