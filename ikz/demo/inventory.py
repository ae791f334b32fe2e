"""Seed 003, Bestandsaufnahme 2013: the inventory behind the two matrices shown.

Idempotent: what exists is left alone.

The text copy of the seed lost colours and underlines. Statuses follow the footnotes: all
"existiert" except IT-Projekte (an idea since 2002, not pursued from 2004: "nicht zustande
gekommen"); the lead only where the footnote says one municipality serves others (Rechtsamt
Rüsselsheim). See docs/decisions.md.
"""

from __future__ import annotations

from ikz.cooperation.models import Cooperation, CooperationField, LegalForm
from ikz.cooperation.services import ParticipantRow, save_cooperation
from ikz.demo import citations
from ikz.demo.context import DemoContext

SOURCE = citations.talk("Bestandsaufnahme 2013 (Stand Juni 2013)")
ALL = "all"
IT_AREA = "Informationstechnologie"
ZA_AREA = "Zentrale Angelegenheiten"

# (task area, field, symbol, title, description (the seed's footnote), labels, status, lead labels,
#  legal form, since, external partners, reason)
INVENTORY_2013: list[
    tuple[str, str, str, str, str, list[str] | str, str, list[str], str, int | None, str, str]
] = [
    (
        ZA_AREA,
        "Postverbund",
        "■",
        "Postverbund",
        "Postverbund (Dienstleistungsvertrag Mörfelden-Walldorf und Rüsselsheim mit Tochterfirma der "
        "Deutschen Post AG - seit 2012)",
        ["Rüss", "MöWa"],
        "exists",
        [],
        LegalForm.CONTRACT,
        2012,
        "Tochterfirma der Deutschen Post AG",
        "",
    ),
    (
        ZA_AREA,
        "Rechtsamt",
        "□",
        "Rechtsberatung durch das Rechtsamt Rüsselsheim",
        "Rechtsberatung durch Rechtsamt Rüsselsheim für KAG Flughafen",
        ["Rüss"],
        "exists",
        ["Rüss"],
        "",
        None,
        "Kommunale Arbeitsgemeinschaft (KAG) Flughafen",
        "",
    ),
    (
        ZA_AREA,
        "Beschaffungen",
        "◇",
        "Gemeinsame Beschaffungen",
        "gemeinsame Beschaffungen in der Verwaltung und in den Betriebshöfen (Arbeitsgruppen „Verwaltung“ "
        "und „Betriebshöfe“ Raunheim, Rüsselsheim, Kelsterbach)",
        ["Rüss", "Raun", "Kelst"],
        "exists",
        [],
        LegalForm.INFORMAL,
        None,
        "",
        "",
    ),
    (
        ZA_AREA,
        "amtliche Bekanntmachungen",
        "●",
        "Gemeinsames amtliches Bekanntmachungsorgan",
        "gemeinsames amtliches Bekanntmachungsorgan Biebesheim und Stockstadt mit Verlag (Vertrag)",
        ["Bieb", "Stock"],
        "exists",
        [],
        LegalForm.CONTRACT,
        None,
        "Verlag (Vertragspartner)",
        "",
    ),
    (
        IT_AREA,
        "DV-Leistungen für Kommunen",
        "●",
        "ekom21 – Kommunales Gebietsrechenzentrum Hessen",
        "ekom21 – Kommunales Gebietsrechenzentrum Hessen (Körperschaft des öffentlichen Rechts - u.a. alle "
        "Städte und Gemeinden des Kreises und Kreis Groß-Gerau)",
        ALL,
        "exists",
        [],
        LegalForm.PUBLIC_BODY,
        None,
        "ekom21 – KGRZ Hessen (KdöR)",
        "",
    ),
    (
        IT_AREA,
        "Softwareschulungen für Systemsoftware",
        "■",
        "Gemeinsame Softwareschulungen für Systemsoftware",
        "gemeinsame Softwareschulungen für Systemsoftware der Systemadministratoren (Arbeitsgruppe "
        "kommunaler EDV-Verantwortlicher in den Kreisen Groß-Gerau und Offenbach; z.Zt. Bischofsheim, "
        "Büttelborn, Ginsheim-Gustavsburg, Mörfelden-Walldorf, Rüsselsheim und weitere Städte aus Kreis "
        "Offenbach)",
        ["Rüss", "GiGu", "Bisch", "MöWa", "Bütt"],
        "exists",
        [],
        LegalForm.INFORMAL,
        None,
        "weitere Städte aus dem Kreis Offenbach",
        "",
    ),
    (
        IT_AREA,
        "Prüfung von EDV-Software",
        "□",
        "Prüfung finanzrelevanter EDV-Programme",
        "Prüfung finanzrelevanter EDV-Programme durch Revisionsamt der Stadt Frankfurt/Main für "
        "Rüsselsheim gegen Entgelt (2012)",
        ["Rüss"],
        "exists",
        [],
        LegalForm.CONTRACT,
        2012,
        "Revisionsamt der Stadt Frankfurt am Main",
        "",
    ),
    (
        IT_AREA,
        "IT-Projekte",
        "+",
        "IT-Projekte (Arbeitskreis DV)",
        "IT-Projekte (Arbeitskreis DV des Kreises und der DV-Beauftragten der Kommunen - z.B. Idee des "
        "Aufbaus eines gemeinsamen Netzwerks seit 2002, 2004 nicht weiterverfolgt)",
        ALL,
        "considered",
        [],
        LegalForm.INFORMAL,
        None,
        "",
        "Idee des Aufbaus eines gemeinsamen Netzwerks seit 2002, 2004 nicht weiterverfolgt",
    ),
]


def load(ctx: DemoContext) -> None:
    """Create what is missing, through the services (so it is audited)."""
    members = list(ctx.region.members.select_related("municipality").order_by("position"))
    by_label = {m.short_label: m.municipality for m in members}
    for position, (
        area,
        field_name,
        symbol,
        title,
        description,
        labels,
        status,
        leads,
        form,
        since,
        ext,
        reason,
    ) in enumerate(INVENTORY_2013, start=1):
        field = CooperationField.objects.get(task_area__name=area, name=field_name)
        if Cooperation.objects.filter(region=ctx.region, field=field, title=title).exists():
            continue
        chosen = [m.short_label for m in members] if labels == ALL else list(labels)
        rows = [
            ParticipantRow(by_label[label], status, reason=reason, is_lead=label in leads) for label in chosen
        ]
        save_cooperation(
            ctx.region,
            {
                "field": field,
                "title": title,
                "description": description,
                "symbol": symbol,
                "legal_form": form,
                "since_year": since,
                "external_partners": ext,
                "source": SOURCE,
                "position": position,
            },
            rows,
            actor=None,
            message="Demodaten",
        )
        ctx.summary.add("Kooperationen im Bestand")
