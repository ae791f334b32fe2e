"""The annual report (Zwischenbericht) as PDF, and per member a DOCX cover draft (Vorlage) that
puts the report on the agenda of the member's council."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ikz.lib.money import format_eur
from ikz.lib.textdoc import TextDocument
from ikz.municipalities.models import Municipality
from ikz.projects import queries as project_queries
from ikz.projects.models import Project
from ikz.reports.queries import AnnualReport
from ikz.resolutions.documents import _with_article
from ikz.resolutions.models import Body


def _title(report: AnnualReport) -> str:
    return _("Zwischenbericht %(year)s zur interkommunalen Zusammenarbeit – %(region)s") % {
        "year": report.year,
        "region": report.region.name,
    }


def _state(project: Project) -> str:
    text = str(project.get_status_display())
    if project.verdict:
        text += f" ({project.get_verdict_display()})"
    return text


def _lead(project: Project) -> str:
    """The lead municipality; a Kreis with its kind, so that it is not mistaken for its seat town."""
    unit = project.lead_municipality
    if unit is None:
        return "–"
    return project_queries.unit_label(unit)


def report_pdf(report: AnnualReport) -> bytes:
    # A document of record: PDF/A-2 (decision 176).
    pdf = TextDocument(f"{_title(report)} – {report.stand.label}", landscape=True, archival=True)
    pdf.heading(_title(report), 0)
    pdf.paragraph(report.stand.label)
    pdf.paragraph(
        _(
            "Bericht der IKZ-Lenkungsgruppe an die Gremien der Mitglieder: Stand der IKZ-Projekte, neue "
            "Kooperationen, Einsparungen und Beteiligung der Kommunen im Jahr %(year)s."
        )
        % {"year": report.year}
    )
    pdf.heading(_("IKZ-Projekte und ihr Stand"), 1)
    pdf.table(
        [_("Projekt"), _("Projektjahr"), _("Stand"), _("Projektleitung"), _("Ergebnis / Begründung")],
        [
            [
                p.title,
                str(p.year or "–"),
                _state(p),
                _lead(p),
                p.verdict_reasons or p.closing_reason or "–",
            ]
            for p in report.projects
        ]
        or [[_("keine Projekte in diesem Jahr"), "", "", "", ""]],
    )
    pdf.heading(_("Neue Kooperationen %(year)s") % {"year": report.year}, 1)
    if report.new_cooperations:
        pdf.bullets(
            [
                f"{c.title} ({c.field.name}{', ' + c.get_legal_form_display() if c.legal_form else ''})"
                for c in report.new_cooperations
            ]
        )
    else:
        pdf.paragraph(_("Keine neuen Kooperationen."))
    pdf.heading(_("Einsparungen %(year)s") % {"year": report.year}, 1)
    if report.savings:
        pdf.table(
            [
                _("Kooperation"),
                _("Zeitraum der Angabe"),
                _("Art"),
                _("Anteil %(year)s") % {"year": report.year},
            ],
            [
                [
                    line.cooperation.title,
                    line.period + (" " + _("(illustrativ)") if line.illustrative else ""),
                    line.kind,
                    format_eur(line.amount),
                ]
                for line in report.savings
            ]
            + [[_("Summe"), "", "", format_eur(report.savings_total)]],
        )
        pdf.paragraph(
            _(
                "Eine Einsparung über mehrere Jahre zählt in jedem dieser Jahre zu gleichen Teilen "
                "(centgenau)."
            ),
            7.5,
        )
    else:
        pdf.paragraph(_("Für dieses Jahr sind keine Einsparungen erfasst."))
    pdf.heading(_("Beteiligung an IKZ-Projekten"), 1)
    table = project_queries.matrix_table(report.matrix, "")
    pdf.table(table.columns, [[str(v) for v in row] for row in table.rows], size=7)
    for note in table.notes:
        pdf.paragraph(note, 7.5)
    return pdf.to_pdf()


def cover_docx(report: AnnualReport, municipality: Municipality, body: str) -> bytes:
    """The draft Vorlage of ``municipality`` for its ``body``: take note of the report."""
    body_label = str(Body(body).label) if body in Body.values else body
    document = TextDocument(_("Vorlage (Entwurf)"))
    document.heading(_("Vorlage (Entwurf)"), level=0)
    document.pairs(
        [
            (_("Kommune"), municipality.name),
            (_("Gremium"), body_label),
            (_("Sitzung am"), _("……… (bitte ergänzen)")),
            (_("Drucksachen-Nr."), _("……… (bitte ergänzen)")),
        ]
    )
    document.heading(_("Betreff"), level=1)
    document.paragraph(f"{_title(report)} ({report.stand.label})")
    document.heading(_("Beschlussvorschlag"), level=1)
    document.paragraph(
        _("%(body)s von %(name)s nimmt den Zwischenbericht %(year)s der IKZ-Lenkungsgruppe zur Kenntnis.")
        % {"body": _with_article(body), "name": municipality.name, "year": report.year}
    )
    document.heading(_("Begründung"), level=1)
    document.paragraph(
        _(
            "Die Mitglieder der Region „%(region)s“ berichten ihren Gremien jährlich über den Stand der "
            "interkommunalen Zusammenarbeit. Der Bericht liegt als Anlage bei."
        )
        % {"region": report.region.name}
    )
    own = [
        (p.title, cell)
        for p, cell in zip(report.matrix.projects, _column_of(report, municipality), strict=True)
    ]
    taking_part = [f"{title}: {cell.text}" for title, cell in own if cell.text]
    if taking_part:
        document.paragraph(
            _("%(name)s beteiligt sich an folgenden IKZ-Projekten:") % {"name": municipality.name}
        )
        document.bullets(taking_part)
    document.paragraph(
        _("Projekte im Bericht: %(n)s; neue Kooperationen %(year)s: %(c)s.")
        % {"n": len(report.projects), "year": report.year, "c": len(report.new_cooperations)}
    )
    document.bullets([f"{project.title} – {_state(project)}" for project in report.projects])
    document.paragraph(
        _("Diese Vorlage ist ein Entwurf der Geschäftsstelle; bitte vor der Einbringung anpassen.")
    )
    return document.to_docx()


def _column_of(report: AnnualReport, municipality: Municipality) -> list[project_queries.Cell]:
    for row in report.matrix.rows:
        if row.member.municipality_id == municipality.pk:
            return row.cells
    return [project_queries.Cell(None) for _p in report.matrix.projects]
