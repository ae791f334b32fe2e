"""The Art. 15 answer as a readable PDF: the same content as the JSON export, with German labels.

The person gets what is stored (one table per record, field labels instead of column names), the
history of their records, how long the member register is kept and what rights they have. The
numbers come from the JSON document the service wrote, so both files always say the same."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from ikz.audit.models import Action
from ikz.lib.textdoc import TextDocument
from ikz.privacy import rules


def _moment(value: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return f"{moment:%d.%m.%Y %H:%M}"


def _text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _field_label(table: str, name: str) -> str:
    try:
        return str(apps.get_model(table)._meta.get_field(name).verbose_name)
    except (LookupError, FieldDoesNotExist, ValueError):
        return name


def summary_pdf(document: dict[str, Any], *, request_number: int, requested_on: dt.date) -> bytes:
    """``document`` is the parsed JSON export of :func:`ikz.privacy.services.export_person_data`."""
    pdf = TextDocument(_("Auskunft nach Art. 15 DSGVO"))
    pdf.heading(_("Auskunft nach Art. 15 DSGVO"), level=0)
    pdf.paragraph(
        _("Person: %(person)s · Anfrage vom %(requested)s · Vorgang %(number)s · erstellt am %(created)s")
        % {
            "person": document["person"],
            "requested": f"{requested_on:%d.%m.%Y}",
            "number": request_number,
            "created": _moment(document["erstellt_am"]),
        }
    )
    records = document["datensaetze"]
    history = document["verlauf"]
    pdf.heading(_("Übersicht"))
    counts = Counter(str(row["bezeichnung"]) for row in records)
    pdf.table(
        [_("Art der Daten"), _("Anzahl")],
        [[name, str(count)] for name, count in sorted(counts.items())]
        + [[_("Verlaufseinträge"), str(len(history))]],
        size=9,
    )
    pdf.heading(_("Gespeicherte Datensätze"))
    for row in records:
        pdf.heading(f"{row['bezeichnung']} (Nr. {row['id']})", level=2)
        values = [
            [_field_label(row["tabelle"], name), _text(value)]
            for name, value in row["felder"].items()
            if _text(value) and name != "id"
        ]
        pdf.table([_("Feld"), _("Inhalt")], values or [[_("–"), _("keine Angaben")]])
    pdf.heading(_("Verlauf"))
    labels = dict(Action.choices)
    if history:
        pdf.table(
            [_("Zeitpunkt"), _("durch"), _("Aktion"), _("Objekt"), _("Anlass")],
            [
                [
                    _moment(entry["zeitpunkt"]),
                    entry["durch"],
                    str(labels.get(entry["aktion"], entry["aktion"])),
                    entry["objekt"],
                    entry["anlass"],
                ]
                for entry in history
            ],
        )
    else:
        pdf.paragraph(_("Keine Verlaufseinträge."))
    pdf.heading(_("Hinweise"))
    kept = rules.retained()["membership.member"].reason
    pdf.bullets(
        [
            *document["hinweise"],
            _("Speicherdauer: solange die Daten für die Zusammenarbeit gebraucht werden. %(kept)s")
            % {"kept": kept},
            _(
                "Sie haben das Recht auf Berichtigung (Art. 16 DSGVO), Löschung (Art. 17), Einschränkung "
                "der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21) sowie "
                "das Recht auf Beschwerde bei einer Datenschutz-Aufsichtsbehörde (Art. 77)."
            ),
            _("Die vollständigen Daten in maschinenlesbarer Form erhalten Sie auf Wunsch als JSON-Datei."),
        ]
    )
    return pdf.to_pdf()
