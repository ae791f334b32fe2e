"""The onboarding's documents as DOCX (python-docx, editable) and PDF (fpdf2, DejaVu fonts).

The built-in wording (``wording/<kind>.txt``) is seed 000's word for word where the seed has one:
the Beschlussvorlage's ten sections and every paragraph of the Anzeige (decision 240). The
municipality's own documents (:data:`MUNICIPAL_KINDS`) stand on its letterhead, the others on the
cooperative's. Bodies and members are named with their articles in every case (``{Gremium_Dativ}``
→ "dem Kreistag", decision 241).

The office can replace title and text of each document (``DocumentTemplate``); ``{Platzhalter}``
are filled from the onboarding, see :data:`PLACEHOLDERS`. A blank line starts a paragraph, a line
beginning with "# " is a heading, a line beginning with "- " a list item, one beginning with "! " a
highlighted (bold) list item — for the obligations § 15a GenG requires to stand out in the
Beitrittserklärung. Or it uploads a Word file with ``{{ Platzhalter }}`` (docxtpl in a sandbox,
:func:`render_docx`), checked on upload and previewed with :data:`SAMPLE_VALUES` (decision 242)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ikz.lib.money import format_number
from ikz.lib.textdoc import LETTER, TextDocument
from ikz.membership import rules
from ikz.membership.models import Cooperative, DocumentKind, Member, Onboarding
from ikz.membership.rules import TemplateFault

PLACEHOLDERS: dict[str, str] = {
    "Genossenschaft": "Firma der Genossenschaft",
    "Genossenschaft_Kurzname": "Kurzname der Genossenschaft, z. B. K4K eG",
    "Sitz": "Sitz und Anschrift der Genossenschaft",
    "Mitglied": "Name des (künftigen) Mitglieds im Register, z. B. Raunheim, Stadt",
    "Mitglied_Name": "Name mit Art, z. B. Stadt Raunheim",
    "Mitglied_Satzanfang": "mit Artikel am Satzanfang, z. B. Die Stadt Raunheim",
    "Mitglied_Nominativ": "mit Artikel (wer?), z. B. die Stadt Raunheim",
    "Mitglied_Genitiv": "mit Artikel (wessen?), z. B. der Stadt Raunheim",
    "Mitglied_Dativ": "mit Artikel (wem?), z. B. der Stadt Raunheim",
    "Mitglied_Akkusativ": "mit Artikel (wen?), z. B. die Stadt Raunheim",
    "Anschrift": "Anschrift des Mitglieds",
    "Mitglied_Telefon": "Telefon des Mitglieds",
    "Mitglied_E_Mail": "E-Mail-Adresse des Mitglieds",
    "Mitglied_Website": "Website des Mitglieds",
    "Geschäftsanteil": "Betrag eines Geschäftsanteils",
    "Anteile": "Zahl der Pflichtanteile",
    "Kündigungsfrist": "Kündigungsfrist nach der Satzung",
    "Prüfungsverband": "Prüfungsverband der Genossenschaft",
    "Gremium": "Gremium, das den Beitritt beschließt",
    "Gremium_Satzanfang": "mit Artikel am Satzanfang, z. B. Der Kreistag",
    "Gremium_Nominativ": "mit Artikel (wer?), z. B. die Stadtverordnetenversammlung",
    "Gremium_Genitiv": "mit Artikel (wessen?), z. B. des Kreistags",
    "Gremium_Dativ": "mit Artikel (wem?), z. B. dem Kreistag",
    "Gremium_Akkusativ": "mit Artikel (wen?), z. B. den Kreistag",
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

# The sample values of the preview: a town with a feminine council, so that every article shows.
SAMPLE_VALUES: dict[str, str] = {
    "Genossenschaft": "Muster Kommunal eG",
    "Genossenschaft_Kurzname": "Muster eG",
    "Sitz": "Musterweg 1, 12345 Musterstadt",
    "Mitglied": "Beispielstadt, Stadt",
    "Mitglied_Name": "Stadt Beispielstadt",
    **rules.named_cases("Mitglied", "Stadt Beispielstadt", fallback=("Organisation", "f")),
    "Anschrift": "Rathausplatz 1, 12345 Beispielstadt",
    "Mitglied_Telefon": "01234 567-0",
    "Mitglied_E_Mail": "rathaus@beispielstadt.example",
    "Mitglied_Website": "https://www.beispielstadt.example",
    "Geschäftsanteil": "500,00\u00a0Euro",
    "Anteile": "1",
    "Kündigungsfrist": "3 Monaten",
    "Prüfungsverband": "Muster-Prüfungsverband e.V.",
    "Gremium": "Stadtverordnetenversammlung",
    **rules.body_cases("Stadtverordnetenversammlung"),
    "Datum_Beschluss": "12.03.2026",
    "Aufsichtsbehörde": "Landrat des Landkreises Muster als Behörde der Landesverwaltung",
    "Rechtsgrundlage": "§ 127a Abs. 1 HGO",
    "Frist": "6 Wochen",
    "Datum_Anzeige": "16.03.2026",
    "Frühester_Vollzug": "27.04.2026",
    "Mitgliedsnummer": "011",
    "Datum_Eintritt": "01.05.2026",
    "Betrag": "500,00\u00a0Euro",
    "Datum_Zahlung": "15.05.2026",
    "Datum": "06.12.2026",
}
# The documents the municipality itself issues: on its letterhead, not the cooperative's (decision 240).
MUNICIPAL_KINDS = frozenset({DocumentKind.DRAFT_RESOLUTION, DocumentKind.AUTHORITY_LETTER})


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


def euro(amount: Decimal) -> str:
    """ "500,00 Euro", as the seed writes amounts in its letters (no-break space before the unit)."""
    return f"{format_number(amount, 2)}\u00a0Euro"


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
            f"{_d(onboarding.notice_sent_on or today)} (ohne Vorlauffrist)"
            if deadline.without_delay
            else _d(deadline.earliest_execution)
        )
    amount, paid_on = paid if paid else (None, None)
    display = rules.member_name(unit.kind, unit.short_name, unit.name)
    return {
        "Genossenschaft": coop.name,
        "Genossenschaft_Kurzname": coop.short_name or coop.name,
        "Sitz": ", ".join(p for p in [coop.street, f"{coop.postal_code} {coop.city}".strip()] if p),
        "Mitglied": unit.name,
        "Mitglied_Name": display,
        **rules.named_cases("Mitglied", display, fallback=("Organisation", "f")),
        "Anschrift": address,
        "Mitglied_Telefon": unit.phone or "……",
        "Mitglied_E_Mail": unit.email or "……",
        "Mitglied_Website": unit.website or "……",
        "Geschäftsanteil": euro(coop.share_amount),
        "Anteile": str(coop.min_shares),
        "Kündigungsfrist": f"{coop.notice_months} Monaten",
        "Prüfungsverband": coop.audit_association or "……",
        "Gremium": onboarding.resolution_body or "zuständiges Gremium",
        **rules.body_cases(onboarding.resolution_body),
        "Datum_Beschluss": _d(onboarding.resolution_on),
        "Aufsichtsbehörde": onboarding.authority or "……",
        "Rechtsgrundlage": authority_rule.citation if authority_rule else "……",
        "Frist": authority_rule.lead_text if authority_rule else "……",
        "Datum_Anzeige": _d(onboarding.notice_sent_on or today),
        "Frühester_Vollzug": earliest,
        "Mitgliedsnummer": member.number if member else "……",
        "Datum_Eintritt": _d(member.admitted_on if member else None),
        "Betrag": euro(amount) if amount is not None else "……",  # type: ignore[arg-type]
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
    authority, the declaration of membership …): its PDF is PDF/A-2 (decision 176). ``sender``: the
    letterhead, one line each."""
    document = TextDocument(title, look=LETTER, archival=True)
    for line in sender.splitlines():
        document.note(line)
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


def letterhead(kind: str, values: dict[str, str]) -> str:
    """The sender above the document: the municipality (name, address, contact) for the documents
    it issues, the cooperative for its own."""
    if kind not in MUNICIPAL_KINDS:
        return f"{values['Genossenschaft']} · {values['Sitz']}"
    contact = [
        label + values[name]
        for label, name in (
            ("Telefon ", "Mitglied_Telefon"),
            ("E-Mail ", "Mitglied_E_Mail"),
            ("", "Mitglied_Website"),
        )
        if values[name] != "……"
    ]
    lines = [values["Mitglied_Name"], values["Anschrift"], " · ".join(contact)]
    return "\n".join(line for line in lines if line and line != "……")


# --- the office's own Word templates (docxtpl, decision 242) --------------------------------------


def _environment() -> Any:
    """Jinja as docxtpl uses it, but sandboxed (the file comes from a user) and strict: a name the
    template does not know fails instead of printing nothing."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def render_docx(content: bytes, values: Mapping[str, str]) -> bytes:
    """The Word template filled with ``values``; :class:`TemplateFault` with the German reason if the
    file is no DOCX, a placeholder is unknown (named) or the Jinja syntax is broken."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError, TemplateSyntaxError

    try:
        template = DocxTemplate(io.BytesIO(content))
        template.init_docx()
    except Exception as error:
        raise TemplateFault(_("Die Datei ist kein lesbares Word-Dokument (DOCX).")) from error
    environment = _environment()
    try:
        unknown = sorted(template.get_undeclared_template_variables(jinja_env=environment) - set(values))
        if unknown:
            raise TemplateFault(
                ngettext(
                    "Der Platzhalter %(names)s ist unbekannt. Verfügbar sind die Platzhalter der "
                    "Tabelle unten, z. B. {{ Mitglied_Name }}.",
                    "Die Platzhalter %(names)s sind unbekannt. Verfügbar sind die Platzhalter der "
                    "Tabelle unten, z. B. {{ Mitglied_Name }}.",
                    len(unknown),
                )
                % {"names": ", ".join(f"„{{{{ {name} }}}}“" for name in unknown)}
            )
        template.render(dict(values), jinja_env=environment, autoescape=True)
    except TemplateSyntaxError as error:
        raise TemplateFault(
            _(
                "Die Vorlage enthält einen Schreibfehler in einem Platzhalter oder einer Anweisung "
                "(z. B. „{{ Mitglied_Name }“ statt „{{ Mitglied_Name }}“). Technische Meldung: %(detail)s"
            )
            % {"detail": error.message}
        ) from error
    except TemplateError as error:
        raise TemplateFault(
            _("Die Vorlage lässt sich nicht füllen. Technische Meldung: %(detail)s")
            % {"detail": error.message}
        ) from error
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def _style_kind(style_name: str) -> str:
    name = style_name.lower()
    if name.startswith(("title", "titel", "heading 1", "überschrift 1")):
        return "title"
    if name.startswith(("heading", "überschrift")):
        return "heading"
    return "item" if "list" in name or "liste" in name else "paragraph"


def docx_blocks(content: bytes) -> list[tuple[str, str]]:
    """(kind, text) of a DOCX in reading order: the first header's lines as "note", then the
    paragraphs as title | heading | item | paragraph (by their Word style); tables are left out."""
    from docx import Document

    document = Document(io.BytesIO(content))
    blocks: list[tuple[str, str]] = []
    if document.sections:
        header = document.sections[0].header
        blocks += [("note", p.text.strip()) for p in header.paragraphs if p.text.strip()]
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if text:
            style = paragraph.style.name if paragraph.style is not None else ""
            blocks.append((_style_kind(style or ""), text))
    return blocks


def pdf_of_docx(title: str, content: bytes) -> bytes:
    """The PDF beside a filled Word template: the same text in the letter's look."""
    document = TextDocument(title, look=LETTER, archival=True)
    for kind, text in docx_blocks(content):
        if kind == "note":
            document.note(text)
        elif kind in ("title", "heading"):
            document.heading(text, 1 if kind == "title" else 2)
        elif kind == "item":
            document.bullets([text])
        else:
            document.paragraph(text)
    return document.to_pdf()


@dataclass(frozen=True)
class Preview:
    """A template filled with :data:`SAMPLE_VALUES`: what the page shows and the files offered."""

    title: str
    blocks: list[tuple[str, str]]
    docx: bytes
    pdf: bytes


def preview(kind: str, title: str, body: str, word: bytes | None) -> Preview:
    """The document as generation will make it, from the sample values; :class:`TemplateFault` if
    the template cannot be filled."""
    title_text = rules.fill(title, SAMPLE_VALUES)
    if word is not None:
        docx = render_docx(word, SAMPLE_VALUES)
        return Preview(title_text, docx_blocks(docx), docx, pdf_of_docx(title_text, docx))
    body_text = rules.fill(body, SAMPLE_VALUES)
    sender = letterhead(kind, SAMPLE_VALUES)
    blocks = [("note", line) for line in sender.splitlines()] + [("title", title_text)]
    blocks += [(k if k != "strong" else "item", text) for k, text in _blocks(body_text)]
    return Preview(
        title_text, blocks, to_docx(title_text, body_text, sender), to_pdf(title_text, body_text, sender)
    )
