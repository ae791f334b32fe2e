"""The cooperative's tables for download (``ikz.lib.exports.Table``): the member register (§ 30
GenG) and the members' turnover share (§ 108 GWB)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ikz.lib.exports import Table
from ikz.lib.money import format_eur, format_number
from ikz.lib.stand import german
from ikz.membership import rules
from ikz.membership.models import Cooperative, Member

# the columns of the import kind "mitglieder" (membership.imports) and of its export
NUMBER, AGS, NAME, ENTRY = "Mitgliedsnummer", "AGS", "Name / Firma", "Eintritt wirksam am"
SHARES, PAYMENTS = "Geschäftsanteile", "Einzahlungen"
PaymentRow = tuple[str, str]  # (day ISO, amount with two places)

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


def payment_text(payments: Sequence[PaymentRow]) -> str:
    """ "01.02.2020: 500,00; 15.03.2021: 250,00" in the order of the days."""
    return "; ".join(
        f"{german(dt.date.fromisoformat(d))}: {format_number(Decimal(a), 2)}" for d, a in sorted(payments)
    )


def members_table(cooperative: Cooperative) -> Table:
    """The register as this import reads it: number, key, name, entry, shares and payments."""
    members = Member.objects.filter(cooperative=cooperative).prefetch_related("payments").order_by("number")
    return Table(
        title=_("Mitglieder"),
        subtitle=cooperative.name,
        columns=[NUMBER, AGS, NAME, ENTRY, SHARES, PAYMENTS],
        rows=[
            [
                m.number,
                m.official_key,
                m.legal_name,
                m.admitted_on,
                m.shares,
                payment_text([(p.paid_on.isoformat(), str(p.amount)) for p in m.payments.all()]),
            ]
            for m in members
        ],
    )
