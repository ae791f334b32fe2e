"""The onboarding's documents as DOCX (python-docx, editable) and PDF (fpdf2, DejaVu fonts).

The wording is ours (after the structure of the K4K join guide, seed 000). The office can replace
title and text of each document in the application (``DocumentTemplate``); ``{Platzhalter}`` are
filled from the onboarding, see :data:`PLACEHOLDERS`. A blank line starts a paragraph, a line
beginning with "# " is a heading, a line beginning with "- " a list item, one beginning with "! " a
highlighted (bold) list item — for the obligations § 15a GenG requires to stand out in the
Beitrittserklärung."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ikz.lib.money import format_eur
from ikz.lib.textdoc import LETTER, TextDocument
from ikz.membership import rules
from ikz.membership.models import Cooperative, DocumentKind, Member, Onboarding

PLACEHOLDERS: dict[str, str] = {
    "Genossenschaft": "Firma der Genossenschaft",
    "Sitz": "Sitz und Anschrift der Genossenschaft",
    "Mitglied": "Name des (künftigen) Mitglieds",
    "Anschrift": "Anschrift des Mitglieds",
    "Geschäftsanteil": "Betrag eines Geschäftsanteils",
    "Anteile": "Zahl der Pflichtanteile",
    "Kündigungsfrist": "Kündigungsfrist nach der Satzung",
    "Prüfungsverband": "Prüfungsverband der Genossenschaft",
    "Gremium": "Gremium, das den Beitritt beschließt",
    "Datum_Beschluss": "Datum des Beschlusses",
    "Aufsichtsbehörde": "zuständige Aufsichtsbehörde",
    "Rechtsgrundlage": "Vorschrift der Anzeigepflicht",
    "Frist": "Vorlauffrist der Anzeige",
    "Datum_Anzeige": "Datum der Anzeige",
    "Frühester_Vollzug": "frühester Vollzug",
    "Mitgliedsnummer": "Mitgliedsnummer",
    "Datum_Eintritt": "Eintritt wirksam am",
    "Betrag": "eingezahlter Betrag",
    "Datum_Zahlung": "Datum des Zahlungseingangs",
    "Datum": "heutiges Datum",
}
SAMPLE_VALUES = {name: f"[{label}]" for name, label in PLACEHOLDERS.items()}


@dataclass(frozen=True)
class Wording:
    title: str
    body: str


WORDING = Path(__file__).resolve().parent / "wording"


def _default(kind: str) -> Wording:
    """The built-in wording: ``wording/<kind>.txt``, first line the title, then a blank line."""
    title, _blank, body = (WORDING / f"{kind}.txt").read_text(encoding="utf-8").partition("\n\n")
    return Wording(title.strip(), body.strip())


DEFAULTS: dict[str, Wording] = {kind: _default(kind) for kind in DocumentKind.values}


def _d(day: dt.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else "……"


def values_for(
    onboarding: Onboarding,
    *,
    authority_rule: rules.SupervisionRule | None,
    deadline: rules.Deadline | None,
    member: Member | None,
    paid: tuple[object, dt.date | None] | None,
    today: dt.date,
) -> dict[str, str]:
    coop: Cooperative = onboarding.cooperative
    unit = onboarding.municipality
    address = ", ".join(p for p in [unit.street, f"{unit.postal_code} {unit.city}".strip()] if p) or "……"
    earliest = "……"
    if deadline is not None:
        earliest = (
            "sofort (unverzüglich, keine Frist)"
            if deadline.without_delay
            else _d(deadline.earliest_execution)
        )
    amount, paid_on = paid if paid else (None, None)
    return {
        "Genossenschaft": coop.name,
        "Sitz": ", ".join(p for p in [coop.street, f"{coop.postal_code} {coop.city}".strip()] if p),
        "Mitglied": unit.name,
        "Anschrift": address,
        "Geschäftsanteil": format_eur(coop.share_amount),
        "Anteile": str(coop.min_shares),
        "Kündigungsfrist": f"{coop.notice_months} Monaten",
        "Prüfungsverband": coop.audit_association or "……",
        "Gremium": onboarding.resolution_body or "zuständige Gremium",
        "Datum_Beschluss": _d(onboarding.resolution_on),
        "Aufsichtsbehörde": onboarding.authority or "……",
        "Rechtsgrundlage": authority_rule.citation if authority_rule else "……",
        "Frist": authority_rule.lead_text if authority_rule else "……",
        "Datum_Anzeige": _d(onboarding.notice_sent_on or today),
        "Frühester_Vollzug": earliest,
        "Mitgliedsnummer": member.number if member else "……",
        "Datum_Eintritt": _d(member.admitted_on if member else None),
        "Betrag": format_eur(amount) if amount is not None else "……",  # type: ignore[arg-type]
        "Datum_Zahlung": _d(paid_on),
        "Datum": _d(today),
    }


def _blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) with kind heading | item | strong | paragraph; consecutive plain lines stay one
    paragraph."""
    blocks: list[tuple[str, str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(("paragraph", "\n".join(paragraph)))
            paragraph.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("# "):
            flush()
            blocks.append(("heading", stripped[2:]))
        elif stripped.startswith(("- ", "! ")):
            flush()
            blocks.append(("item" if stripped[0] == "-" else "strong", stripped[2:]))
        else:
            paragraph.append(stripped)
    flush()
    return blocks


def letter(title: str, text: str, sender: str) -> TextDocument:
    """Every onboarding document is filed in the member's record (the notice to the supervisory
    authority, the declaration of membership …): its PDF is PDF/A-2 (decision 176)."""
    document = TextDocument(title, look=LETTER, archival=True)
    document.note(sender)
    document.heading(title, 1)
    for kind, content in _blocks(text):
        if kind == "heading":
            document.heading(content, 2)
        elif kind in ("item", "strong"):
            document.bullets([content], strong=kind == "strong")
        else:
            document.paragraph(content)
    return document


def to_docx(title: str, text: str, sender: str) -> bytes:
    return letter(title, text, sender).to_docx()


def to_pdf(title: str, text: str, sender: str) -> bytes:
    return letter(title, text, sender).to_pdf()
