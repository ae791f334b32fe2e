"""The cooperative's tables for download (``ikz.lib.exports.Table``): the member register (§ 30
GenG) and the members' turnover share (§ 108 GWB)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ikz.lib.exports import Table
from ikz.lib.money import format_eur
from ikz.membership import rules
from ikz.membership.models import Cooperative, Member

REGISTER_COLUMNS = [
    "Mitgliedsnummer",
    "Name / Firma",
    "Anschrift",
    "Amtlicher Schlüssel",
    "Geschäftsanteile",
    "davon weitere Geschäftsanteile",
    "Eintritt wirksam am",
    "Änderungen der Anteile (wirksam am)",
    "Kündigung eingegangen am",
    "Austritt wirksam am",
    "Grund des Ausscheidens",
    "Aufbewahrung bis",
    "Eingezahlt (€)",
    "Quelle",
]


def register_table(cooperative: Cooperative, members: list[Member], today: dt.date) -> Table:
    """The register with one row per member (``members`` from ``queries.register_export``)."""
    rows: list[list[Any]] = []
    for m in members:
        changes = "; ".join(f"{e.effective_on:%d.%m.%Y}: {e.delta:+d}" for e in m.share_events.all())
        rows.append(
            [
                m.number,
                m.legal_name,
                m.address,
                m.official_key,
                m.shares,
                m.additional_shares,
                m.admitted_on,
                changes,
                m.exit_notice_on,
                m.exit_on,
                m.exit_reason,
                m.retention_until,
                m.paid or Decimal("0.00"),  # type: ignore[attr-defined]
                m.source,
            ]
        )
    return Table(
        title=_("Mitgliederliste (§ 30 GenG)"),
        subtitle=f"{cooperative.name}, {cooperative.city} – Stand {today:%d.%m.%Y}",
        columns=[_(c) for c in REGISTER_COLUMNS],
        rows=rows,
        notes=[
            _(
                "Geschäftsanteil je %(amount)s. Unterlagen werden drei Jahre ab Ende des Kalenderjahres des "
                "Ausscheidens aufbewahrt (§ 30 Abs. 3 GenG)."
            )
            % {"amount": format_eur(cooperative.share_amount)}
        ],
    )


def criterion_labels() -> dict[str, str]:
    """The states of the 80 % criterion as the page and the export name them."""
    return {
        "ok": _("erfüllt"),
        "warning": _("Warnung: unter 85 %"),
        "failed": _("nicht erfüllt"),
        "none": "–",
    }


def turnover_table(cooperative: Cooperative, rows: list[rules.TurnoverRow]) -> Table:
    labels = criterion_labels()
    return Table(
        title=_("Umsatz mit Mitgliedern (80-%-Kriterium, § 108 GWB)"),
        subtitle=cooperative.name,
        columns=[
            _("Jahr"),
            _("Mitglieder (€)"),
            _("Dritte (€)"),
            _("Anteil Mitglieder (%)"),
            _("Dreijahresmittel (%)"),
            _("Kriterium"),
        ],
        rows=[[r.year, r.members, r.others, r.share, r.average3, labels[r.status]] for r in rows],
        notes=[
            _("Maßgeblich ist der durchschnittliche Gesamtumsatz der letzten drei Jahre (§ 108 Abs. 7 GWB).")
        ],
    )
