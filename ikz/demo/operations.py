"""The operating details of the eight operating cooperations of seed 003 part B.

For each entry of ``operating.OPERATING``: the inventory cooperation (``ensure_cooperation``), then
seat, start, term, renewal and notice, staff positions, advisory board, reporting duty, periods and
the participation history through the cooperation services. What the seed does not give is named
in the operation's note as illustrative. Idempotent: a cooperation that has its details is skipped.
"""

from __future__ import annotations

from ikz.cooperation.models import Operation
from ikz.cooperation.services import PeriodRow, save_operation
from ikz.demo.context import DemoContext
from ikz.demo.operating import ILLUSTRATIVE, OPERATING, SOURCE, OperatingCooperation, ensure_cooperation

# What the seed calls the periods (Strom- und Gaseinkauf: "viermalige interkommunale Ausschreibung";
# Prüfung elektrischer Anlagen: "3 x ortsveränderliche Anlagen (2017-2020, 2020-2021, 2022-2024)").
PERIOD_LABELS = {
    "Strom- und Gaseinkauf": "Interkommunale Ausschreibung Strom und Gas",
    "Prüfung elektrischer Anlagen": "Gemeinsame Beauftragung ortsveränderliche Anlagen",
}
# The seed names the day of the start for these; for the others only the year (or a plan).
START_IN_SEED = {
    "Strom- und Gaseinkauf",  # first tender period from 1.1.16
    "Kommunales Vergabezentrum",
    "Fördermittelmanagement",
    "Verwaltungsbehördenbezirk Gaststätten und Spielhallen",
    "Umsetzung ProstSchG",
}
REPORTING_NOTES = {"Kommunales Vergabezentrum": "jährlich, an die Kommunen (KOINNO-Praxisbeispiel 2018)"}


def _note(spec: OperatingCooperation) -> str:
    guessed = []
    if spec.title not in START_IN_SEED:
        guessed.append(f"Tag des Arbeitsstarts ({spec.start:%d.%m.%Y})")
    if spec.host_illustrative:
        guessed.append("Sitzkommune")
    if spec.participants_illustrative:
        guessed.append("welche Kommunen beteiligt sind")
    if spec.period_lead_months:
        guessed.append(f"Vorlauf für die nächste Ausschreibung ({spec.period_lead_months} Monate)")
    if spec.notice_illustrative and spec.notice_months:
        guessed.append(f"Kündigungsfrist ({spec.notice_months} Monate)")
    if any(j.illustrative for j in spec.joined_later):
        guessed.append("Beitrittsdaten der später beigetretenen Kommunen")
    lines = [f"Quelle: {SOURCE}."]
    if spec.member_companies:
        lines.append(
            f"Außerdem beteiligt: {spec.member_companies} kommunale Unternehmen "
            "(Vortrag „IKZ mit System“ 2023)."
        )
    if guessed:
        lines.append(f"{ILLUSTRATIVE}: " + "; ".join(guessed) + ".")
    return "\n".join(lines)


def load(ctx: DemoContext) -> None:
    by_label = {m.short_label: m.municipality for m in ctx.region.members.select_related("municipality")}
    for spec in OPERATING:
        cooperation = ensure_cooperation(ctx, spec)
        if Operation.objects.filter(cooperation=cooperation).exists():
            continue
        months = spec.term_years * 12 if spec.term_years else None
        save_operation(
            cooperation,
            {
                "legal_form": spec.legal_form,
                "host": by_label[spec.host] if spec.host else None,
                "external_host": spec.external_host,
                "start": spec.start,
                "initial_months": months,
                "auto_renewal": spec.auto_renewal,
                "renewal_months": spec.renewal_years * 12 if spec.renewal_years else None,
                "notice_months": spec.notice_months,
                "ended_on": None,
                "staff_positions": spec.staff_positions,
                "advisory_board": spec.advisory_board,
                "advisory_board_note": "",
                "reporting_duty": spec.reporting_duty,
                "reporting_note": REPORTING_NOTES.get(spec.title, ""),
                "note": _note(spec),
            },
            actor=None,
            periods=[
                PeriodRow(PERIOD_LABELS.get(spec.title, "Zeitraum"), starts, ends, spec.period_lead_months)
                for starts, ends in spec.periods
            ],
            joined_on={by_label[j.label].pk: j.joined_on for j in spec.joined_later},
            message="Demodaten",
        )
        ctx.summary.add("Betriebsdaten laufender Kooperationen")
