"""The charter (Projektauftrag) as DOCX and PDF, laid out like the procurement charter of seed 003:
title, introduction, the seven standard elements, the variants to examine."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ikz.lib.textdoc import TextDocument
from ikz.projects.models import Project


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("-•").strip() for line in text.splitlines() if line.strip()]


def _lead(project: Project) -> str:
    parts = []
    if project.lead is not None:
        parts.append(str(project.lead))
    if project.lead_municipality is not None:
        parts.append(project.lead_municipality.name)
    return " – ".join(parts)


def _period(project: Project) -> str:
    start = project.start.strftime("%d.%m.%Y") if project.start else "…"
    end = project.end.strftime("%d.%m.%Y") if project.end else "…"
    return f"{start} – {end}"


def sections(project: Project) -> list[tuple[str, list[str]]]:
    """(heading, lines) in the charter's order; empty elements say "(noch offen)"."""
    missing = _("(noch offen)")
    result = [
        (_("Einleitung"), _lines(project.introduction)),
        (_("Projektziele"), _lines(project.goals)),
        (_("Zu erarbeitende Ergebnisse"), _lines(project.deliverables)),
        (_("Zu prüfende Varianten"), _lines(project.variants)),
        (_("Projektstart und -ende"), [_period(project)] if project.start or project.end else []),
        (_("Projektkosten"), _lines(project.costs)),
        (_("Projektleitung"), [_lead(project)] if _lead(project) else []),
        (_("Projektgruppe"), _lines(project.project_group)),
        (_("Informationsmanagement"), _lines(project.information_management)),
    ]
    return [(heading, lines or [missing]) for heading, lines in result]


def _status_line(project: Project) -> str:
    line = _("Region: %(region)s · Stand: %(status)s") % {
        "region": project.region.name,
        "status": project.get_status_display(),
    }
    if project.field is not None:
        line += " · " + _("Kooperationsfeld: %(f)s") % {"f": project.field.name}
    return line


def _missing_line(project: Project) -> str:
    missing = project.charter_missing
    if not missing:
        return _("Der Projektauftrag ist vollständig (alle sieben Standards des Projektmanagements).")
    return _("Der Projektauftrag ist unvollständig; es fehlen: %(m)s.") % {"m": ", ".join(missing)}


def charter(project: Project) -> TextDocument:
    document = TextDocument(_("Projektauftrag: %(t)s") % {"t": project.title})
    document.heading(_("Projektauftrag"), 0)
    document.heading(project.title, 1)
    document.paragraph(_status_line(project), 9)
    for heading, lines in sections(project):
        document.heading(heading, 2)
        if len(lines) == 1:
            document.paragraph(lines[0])
        else:
            document.bullets(lines)
    document.paragraph(_missing_line(project), 9)
    return document


def charter_docx(project: Project) -> bytes:
    return charter(project).to_docx()


def charter_pdf(project: Project) -> bytes:
    return charter(project).to_pdf()
