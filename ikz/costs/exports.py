"""The allocation as the annex of a council document, and the staffing calculation sheet, as one
:class:`ikz.lib.exports.Table` each (XLSX and PDF say the same as the page)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from ikz.cooperation.models import Cooperation
from ikz.costs import rules
from ikz.costs.models import Allocation, AllocationShare, StaffingStudy
from ikz.lib.exports import Table
from ikz.lib.money import format_eur, format_number


def allocation_table(allocation: Allocation, shares: Sequence[AllocationShare], *, full: bool) -> Table:
    rows: list[list[object]] = [
        [s.name, s.ags, s.key_value, s.percent, s.exact, s.amount, s.adjustment, s.formula] for s in shares
    ]
    if full:
        rows.append(
            [_("Summe"), "", "", Decimal(100), None, sum((s.amount for s in shares), Decimal(0)), None, ""]
        )
    stichtag = allocation.stichtag.strftime("%d.%m.%Y") if allocation.stichtag else _("nicht verwendet")
    notes = [
        _("Schlüssel: %(k)s") % {"k": allocation.key_description},
        _("Stichtag der Einwohnerzahl: %(d)s") % {"d": stichtag},
        _(
            "Gesamtkosten %(t)s − Einnahmen %(i)s (Gebühren %(f)s, Bußgelder %(b)s, Fördermittel %(g)s, "
            "sonstige %(o)s) = zu verteilen %(n)s"
        )
        % {
            "t": format_eur(allocation.total),
            "i": format_eur(allocation.income_total),
            "f": format_eur(allocation.fees),
            "b": format_eur(allocation.fines),
            "g": format_eur(allocation.grants),
            "o": format_eur(allocation.other_income),
            "n": format_eur(allocation.net),
        },
        _(
            "Rundung auf volle Cent nach der Methode der größten Reste (Hare–Niemeyer); bei gleichem Rest "
            "zuerst der größere Schlüsselwert, dann der kleinere AGS. Die Summe der Anteile ist der zu "
            "verteilende Betrag."
        ),
        _("Status: %(s)s, Fassung %(n)s") % {"s": allocation.get_status_display(), "n": allocation.number},
    ]
    if allocation.illustrative:
        notes.append(_("Beträge illustrativ (nicht aus einer Quelle)."))
    if not full:
        notes.append(_("Auszug: nur der Anteil Ihrer Kommune."))
    return Table(
        title=_("Anlage: Umlage %(y)s – %(c)s") % {"y": allocation.year, "c": allocation.cooperation.title},
        subtitle=allocation.cooperation.region.name,
        columns=[
            _("Kommune"),
            _("AGS"),
            _("Schlüsselwert"),
            _("Anteil (%)"),
            _("exakter Betrag (€)"),
            _("Betrag (€)"),
            _("Rundungsausgleich (€)"),
            _("Rechenweg"),
        ],
        rows=rows,  # type: ignore[arg-type]
        notes=notes,
    )


def rows_text(study: StaffingStudy) -> str:
    return "\n".join(
        f"{r.municipality.key}; {format_number(r.cases, 0)}; {format_number(r.minutes_per_case, 0)}; "
        f"{format_number(r.current_fte, 2)}; {r.current_grade.pay_grade}"
        for r in study.rows.select_related("municipality", "current_grade").order_by("municipality__key")
    )


def staffing_table(cooperation: Cooperation, study: StaffingStudy, result: rules.StaffingResult) -> Table:
    """The reproducible calculation sheet: every input and every step with its formula."""
    hours = study.net_hours_per_fte
    rows: list[list[object]] = []
    for row, fte in result.rows:
        rows.append(
            [
                row.name,
                f"{format_number(row.cases, 0)} × {format_number(row.minutes_per_case, 0)} min = "
                f"{format_number(row.cases * row.minutes_per_case, 0)} min",
                f"÷ ({format_number(hours, 0)} h × 60) = {format_number(fte, 4)}",
                f"{format_number(row.current_fte, 2)} × {format_eur(row.cost_per_fte)} = "
                f"{format_eur(row.current_fte * row.cost_per_fte)}",
            ]
        )
    grade = study.pooled_grade
    rows.append(
        [
            _("gebündelt"),
            f"{format_number(result.total_minutes, 0)} min",
            _("%(r)s Stellen, aufgerundet auf %(s)s: %(p)s")
            % {
                "r": format_number(result.required_fte, 4),
                "s": format_number(study.fte_step, 2),
                "p": format_number(result.pooled_fte, 2),
            },
            f"{format_number(result.pooled_fte, 2)} × {format_eur(grade.full_cost)} + "
            f"{format_eur(study.overhead)} = {format_eur(result.pooled_cost)}",
        ]
    )
    percent = format_number(result.saving_percent, 1) if result.saving_percent is not None else "–"
    notes = [
        _(
            "Formel: Stellen = Σ (Fälle × Minuten je Fall) ÷ (Netto-Jahresarbeitszeit × 60) "
            "(KGSt, analytische Methode)."
        ),
        _("Netto-Jahresarbeitszeit: %(h)s Stunden je Vollzeitstelle; Quelle: %(s)s")
        % {
            "h": format_number(hours, 1),
            "s": study.hours_source,
        },
        _(
            "Kosten je Stelle (%(g)s, %(y)s): Personalkosten %(p)s + Gemeinkosten %(o)s %% + "
            "Sachkosten %(m)s = %(f)s; Quelle: %(src)s (%(mark)s)"
        )
        % {
            "g": grade.pay_grade,
            "y": grade.year,
            "p": format_eur(grade.personnel_cost),
            "o": format_number(grade.overhead_percent, 0),
            "m": format_eur(grade.material_cost),
            "f": format_eur(grade.full_cost),
            "src": grade.source,
            "mark": grade.mark,
        },
        _("Heute: %(f)s Stellen (Splitterressourcen) für %(c)s; gebündelt: %(p)s Stellen für %(q)s.")
        % {
            "f": format_number(result.current_fte, 2),
            "c": format_eur(result.current_cost),
            "p": format_number(result.pooled_fte, 2),
            "q": format_eur(result.pooled_cost),
        },
        _("Einsparung: %(s)s je Jahr (%(p)s %%); Förderschwelle Hessen: mindestens 15 %% je Jahr.")
        % {
            "s": format_eur(result.saving),
            "p": percent,
        },
    ]
    if study.illustrative:
        notes.append(_("Werte illustrativ (nicht aus einer Quelle)."))
    return Table(
        title=_("Personalbemessung und Wirtschaftlichkeit – %(t)s") % {"t": study.task},
        subtitle=f"{cooperation.title} ({cooperation.region.name})",
        columns=[_("Kommune"), _("Arbeitsmenge"), _("Stellenbedarf"), _("Kosten heute bzw. gebündelt")],
        rows=rows,  # type: ignore[arg-type]
        notes=notes,
    )
