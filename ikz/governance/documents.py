"""The minutes of a general assembly (Niederschrift, § 47 GenG): place, date, form, chair, the
convening and its checks, who took part, every resolution with its result, the signatures of the
chair and a member of the board. DOCX (editable) and PDF (tagged, PDF/A for the record)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ikz.governance import queries
from ikz.governance.models import Assembly, ResolutionKind
from ikz.lib.textdoc import REPORT, TextDocument


def minutes(assembly: Assembly) -> TextDocument:
    view = queries.assembly_view(assembly)
    coop = assembly.cooperative
    document = TextDocument(
        _("Niederschrift über die %(k)s der %(c)s am %(d)s")
        % {"k": assembly.get_kind_display(), "c": coop.name, "d": f"{assembly.date:%d.%m.%Y}"},
        look=REPORT,
        archival=True,
    )
    document.heading(document.title, level=0)
    document.pairs(
        [
            (_("Ort oder Zugang"), assembly.place),
            (_("Tag und Beginn"), f"{assembly.date:%d.%m.%Y} {assembly.time}".strip()),
            (_("Form"), assembly.get_form_display()),
            (_("Einberufen durch"), assembly.get_convened_by_display()),
            (_("Einladung versandt am"), f"{assembly.invited_on:%d.%m.%Y}"),
            (_("Versammlungsleitung"), assembly.chair or "–"),
            (_("Protokollführung"), assembly.minute_taker or "–"),
        ]
    )
    if assembly.universal:
        document.paragraph(
            _(
                "Die Versammlung fand als Universalversammlung statt: alle Mitglieder nahmen teil und "
                "verzichteten auf Form und Frist der Einberufung."
            )
        )
    document.heading(_("Einberufung und Fristen"))
    document.bullets([f.text for f in view.findings])
    document.heading(_("Teilnahme"))
    document.paragraph(
        _(
            "Von %(m)s Mitgliedern laut Mitgliederliste am %(d)s nahmen %(n)s teil; "
            "jedes Mitglied hat eine Stimme."
        )
        % {"m": len(view.register), "d": f"{assembly.date:%d.%m.%Y}", "n": view.represented}
    )
    document.table(
        [_("Mitglied"), _("vertreten durch"), _("Art")],
        [(a.member.legal_name, a.person, a.get_mode_display()) for a in view.attendances],
    )
    document.heading(_("Beschlüsse"))
    for row in view.items:
        document.heading(str(row.item), level=2)
        if row.item.motion:
            document.paragraph(row.item.motion)
        if row.item.resolution_kind == ResolutionKind.NONE:
            document.paragraph(_("Ohne Beschlussfassung."))
        else:
            document.paragraph(_("Beschlussart: %(k)s.") % {"k": row.item.get_resolution_kind_display()})
            document.paragraph(_("Ergebnis: %(t)s.") % {"t": row.outcome.text})
    document.heading(_("Unterschriften (§ 47 GenG)"))
    signatory = assembly.board_signatory
    signed = f"{assembly.minutes_signed_on:%d.%m.%Y}" if assembly.minutes_signed_on else "–"
    document.pairs(
        [
            (_("Versammlungsleitung"), assembly.chair or "–"),
            (_("Mitglied des Vorstands"), signatory.person if signatory else "–"),
            (_("unterzeichnet am"), signed),
        ]
    )
    return document


def minutes_docx(assembly: Assembly) -> bytes:
    return minutes(assembly).to_docx()


def minutes_pdf(assembly: Assembly) -> bytes:
    return minutes(assembly).to_pdf()
