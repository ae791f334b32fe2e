"""The model council draft (Muster-Gremienvorlage) for the IKZ principle resolution, as DOCX.

Written in our own words; the municipality's name, its body and the session date are filled in.
Councils edit the document before it goes into their session system, so it is plain text with
headings, no fields or macros."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from ikz.lib.grammar import NOMINATIVE, with_article
from ikz.lib.textdoc import TextDocument
from ikz.municipalities.models import Municipality, Region
from ikz.resolutions.models import Body


def _with_article(body: str) -> str:
    """ "Der Kreistag", "Die Gemeindevertretung": the body at the start of a sentence, its article
    from the one rule of articles (ikz.lib.grammar, decision 241)."""
    if body == Body.OTHER:
        return _("Das zuständige Gremium")
    label = str(Body(body).label) if body in Body.values else body
    return with_article(label, NOMINATIVE, capital=True)


def _proposal(name: str, region: Region) -> list[str]:
    """The numbered points of the proposed resolution."""
    return [
        _(
            "%(name)s bekennt sich zur interkommunalen Zusammenarbeit mit den Städten und Gemeinden "
            "und dem Kreis der Region „%(region)s“ und beteiligt sich am gemeinsamen IKZ-Prozess."
        )
        % {"name": name, "region": region.name},
        _(
            "Die Verwaltung wird beauftragt, in den Aufgabenfeldern, für die %(name)s Interesse bekundet "
            "hat, gemeinsam mit den Partnern Kooperationsmöglichkeiten zu prüfen und konkrete Vorschläge "
            "zu erarbeiten."
        )
        % {"name": name},
        _(
            "Über Vereinbarungen, die Rechte und Pflichten begründen oder Haushaltsmittel binden, wird "
            "jeweils gesondert beschlossen."
        ),
        _("Die Verwaltung berichtet dem Gremium mindestens einmal im Jahr über den Stand."),
    ]


def _reasons(name: str, region: Region) -> list[str]:
    return [
        _(
            "Die Städte und Gemeinden und der Kreis der Region „%(region)s“ haben einen gemeinsamen, "
            "kreisweiten Prozess zur Stärkung der interkommunalen Zusammenarbeit begonnen. Ziel ist, "
            "Aufgaben dort gemeinsam zu erledigen, wo das wirtschaftlicher, fachlich besser oder "
            "verlässlicher ist als allein – ohne die Eigenständigkeit der einzelnen Kommune aufzugeben."
        )
        % {"region": region.name},
        _(
            "Am Anfang stand eine Bestandsaufnahme: Alle Mitglieder haben in einem Fragebogen angegeben, "
            "in welchen Aufgabenfeldern sie bereits mit wem zusammenarbeiten, was geplant ist und was "
            "geprüft, aber nicht umgesetzt wurde. Die Ergebnisse liegen als Übersicht je Aufgabengebiet vor."
        ),
        _(
            "Darauf folgte ein Interessenbekundungsverfahren: Jede Kommune hat je Thema erklärt, ob sie "
            "kooperieren möchte und ob sie in der Arbeitsgruppe IKZ mitarbeitet. Die Themen mit den meisten "
            "Interessenten werden zuerst bearbeitet."
        ),
        _(
            "Gesteuert wird der Prozess von einer Lenkungsgruppe aus Vertreterinnen und Vertretern der "
            "Mitglieder; eine Geschäftsstelle bereitet die Sitzungen vor, führt die Unterlagen und hält "
            "den Kontakt zu den Verwaltungen."
        ),
        _(
            "Mit dem Grundsatzbeschluss erhält die Verwaltung von %(name)s einen klaren Auftrag, sich an "
            "diesem Prozess zu beteiligen. Alle Mitglieder fassen einen gleichlautenden Beschluss, damit "
            "überall dieselbe politische Grundlage besteht."
        )
        % {"name": name},
    ]


def council_draft(municipality: Municipality, region: Region, body: str, session_date: dt.date) -> bytes:
    """The DOCX file as bytes."""
    body_label = str(Body(body).label) if body in Body.values else body
    date_text = session_date.strftime("%d.%m.%Y")
    name = municipality.name

    document = TextDocument(_("Muster-Gremienvorlage"))
    document.heading(_("Muster-Gremienvorlage"), level=0)
    document.pairs(
        [
            (_("Kommune"), name),
            (_("Amtlicher Gemeindeschlüssel"), municipality.key or "–"),
            (_("Gremium"), body_label),
            (_("Sitzung am"), date_text),
            (_("Vorlage der Verwaltung"), _("Drucksachen-Nr. ……… (bitte ergänzen)")),
        ]
    )

    document.heading(_("Betreff"), level=1)
    document.paragraph(
        _("Grundsatzbeschluss zur interkommunalen Zusammenarbeit (IKZ) in der Region „%(region)s“")
        % {"region": region.name}
    )

    document.heading(_("Beschlussvorschlag"), level=1)
    document.paragraph(
        _("%(body)s von %(name)s beschließt in der Sitzung am %(date)s:")
        % {"body": _with_article(body), "name": name, "date": date_text}
    )
    document.bullets(_proposal(name, region), numbered=True)

    document.heading(_("Begründung"), level=1)
    for text in _reasons(name, region):
        document.paragraph(text)

    document.heading(_("Finanzielle Auswirkungen"), level=1)
    document.paragraph(
        _(
            "Der Grundsatzbeschluss selbst verursacht keine Kosten. Der Personalaufwand für die Mitarbeit "
            "in Lenkungsgruppe und Arbeitsgruppen wird im Rahmen der vorhandenen Stellen erbracht. Kosten "
            "einzelner Kooperationsprojekte und mögliche Fördermittel des Landes werden in den jeweiligen "
            "Beschlussvorlagen dargestellt."
        )
    )
    document.paragraph(
        _(
            "Diese Vorlage ist ein Muster der Geschäftsstelle; bitte vor der Einbringung an die "
            "örtlichen Gegebenheiten anpassen."
        )
    )
    return document.to_docx()
