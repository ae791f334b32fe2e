"""Seed 003, Bestandsaufnahme 2013: the inventory behind the two matrices shown, with its dates.

Idempotent: what exists is left alone.

The text copy of the seed lost colours and underlines. Statuses follow the footnotes: every entry
"existiert" — none is recognisably blue ("bis Ende 2013"), so none is entered as planned; the lead
only where the footnote says one municipality serves others (Rechtsamt Rüsselsheim). The survey ran
from February to May 2013 and the overviews are "Stand: Juni 2013", signed "Raunheim, den
30.6.2013": every entry is recorded on that day (``recorded_on``), and begins where the footnote
gives the year ("seit 2012", "(2012)"; read as 1 January). "IT-Projekte" holds two entries: the
Arbeitskreis DV of the Kreis and the DV-Beauftragten, which exists (all 15, "+"), and its example
"Idee des Aufbaus eines gemeinsamen Netzwerks seit 2002, 2004 nicht weiterverfolgt", considered
from 2002 and ended 2004 (the days within those years are not in the source: 1 January 2002 and
31 December 2004). See docs/decisions.md 94–95.
"""

from __future__ import annotations

import datetime as dt

from ikz.cooperation.models import Cooperation, CooperationField, LegalForm
from ikz.cooperation.services import ParticipantRow, save_cooperation
from ikz.demo import citations
from ikz.demo.context import DemoContext

SOURCE = citations.talk("Bestandsaufnahme 2013 (Stand Juni 2013)")
ALL = "all"
IT_AREA = "Informationstechnologie"
ZA_AREA = "Zentrale Angelegenheiten"
RECORDED_2013 = dt.date(2013, 6, 30)  # "Raunheim, den 30.6.2013" (Stand Juni 2013)
NETWORK_TITLE = "Idee eines gemeinsamen Netzwerks"
# the entries whose dates differ from "recorded 30.06.2013": title → values for save_cooperation
DATES: dict[str, dict[str, object]] = {
    NETWORK_TITLE: {
        "recorded_on": dt.date(2002, 1, 1),
        "ended_on": dt.date(2004, 12, 31),
        "end_reason": "2004 nicht weiterverfolgt (Tag im Jahr illustrativ)",
    },
}

# (task area, field, symbol, title, description (the seed's footnote), labels, status, lead labels,
#  legal form, since (year, from the footnote), external partners, reason)
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
        "IT-Projekte (Arbeitskreis DV des Kreises und der DV-Beauftragten der Kommunen)",
        ALL,
        "exists",
        [],
        LegalForm.INFORMAL,
        None,
        "",
        "",
    ),
    (
        IT_AREA,
        "IT-Projekte",
        "",  # the next free symbol of the row: distinguishable from the Arbeitskreis' "+"
        NETWORK_TITLE,
        "IT-Projekte (Arbeitskreis DV des Kreises und der DV-Beauftragten der Kommunen) - z.B. Idee des "
        "Aufbaus eines gemeinsamen Netzwerks seit 2002, 2004 nicht weiterverfolgt",
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
                "recorded_on": RECORDED_2013,
                **DATES.get(title, {}),
            },
            rows,
            actor=None,
            message="Demodaten",
        )
        ctx.summary.add("Kooperationen im Bestand")
