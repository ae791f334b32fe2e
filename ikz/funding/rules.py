"""Pure rules of the Fördermitteldatenbank: the federal value lists, the status of a call on a day,
why a programme fits a project, cooperation, need or municipality (each reason in German), the
obligations of a grant notice and the days of the reminders. No ORM, no request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ikz.lib.ags import LAENDER
from ikz.lib.dates import add_months
from ikz.lib.money import format_eur, format_number

# --- the value lists of the federal Förderdatenbank (foerderdatenbank.de, "Erweiterte Suche") -------

GIVERS: dict[str, str] = {"bund": "Bund", "eu": "EU", "land": "Land"}
KINDS: dict[str, str] = {
    "beteiligung": "Beteiligung",
    "buergschaft": "Bürgschaft",
    "darlehen": "Darlehen",
    "garantie": "Garantie",
    "zuschuss": "Zuschuss",
    "sonstige": "Sonstige",
}
AREAS: dict[str, str] = {
    "arbeit": "Arbeit",
    "ausbildung": "Aus- & Weiterbildung",
    "aussenwirtschaft": "Außenwirtschaft",
    "beratung": "Beratung",
    "corona": "Corona-Hilfe",
    "digitalisierung": "Digitalisierung",
    "energie": "Energieeffizienz & Erneuerbare Energien",
    "gruendung": "Existenzgründung & -festigung",
    "forschung_offen": "Forschung & Innovation (themenoffen)",
    "forschung_spezifisch": "Forschung & Innovation (themenspezifisch)",
    "frauen": "Frauenförderung",
    "gesundheit": "Gesundheit & Soziales",
    "infrastruktur": "Infrastruktur",
    "kultur": "Kultur, Medien & Sport",
    "landwirtschaft": "Landwirtschaft & Ländliche Entwicklung",
    "messen": "Messen & Ausstellungen",
    "mobilitaet": "Mobilität",
    "regional": "Regionalförderung",
    "smart_cities": "Smart Cities & Regionen",
    "staedtebau": "Städtebau & Stadterneuerung",
    "umwelt": "Umwelt- & Naturschutz",
    "unternehmen": "Unternehmensfinanzierung",
    "wohnungsbau": "Wohnungsbau & Modernisierung",
}
ELIGIBLE: dict[str, str] = {
    "bildung": "Bildungseinrichtung",
    "gruender": "Existenzgründer/in",
    "forschung": "Forschungseinrichtung",
    "hochschule": "Hochschule",
    "kommune": "Kommune",
    "oeffentlich": "Öffentliche Einrichtung",
    "privat": "Privatperson",
    "unternehmen": "Unternehmen",
    "verband": "Verband/Vereinigung",
}
NATIONWIDE = "00"
TERRITORIES: dict[str, str] = {NATIONWIDE: "bundesweit", **LAENDER}
LISTS: dict[str, dict[str, str]] = {
    "kinds": KINDS,
    "areas": AREAS,
    "eligible": ELIGIBLE,
    "territories": TERRITORIES,
}


def labels(codes: Iterable[str], values: Mapping[str, str]) -> list[str]:
    """The federal labels of ``codes`` in the list's order (unknown codes as they are)."""
    chosen = set(codes)
    known = [label for code, label in values.items() if code in chosen]
    return known + sorted(c for c in chosen if c not in values)


def code_of(label: str, values: Mapping[str, str]) -> str | None:
    """The code of a label or code as a file may hold it ("Zuschuss", "zuschuss", "Hessen", "06")."""
    text = label.strip().casefold()
    for code, name in values.items():
        if text in (code.casefold(), name.casefold()):
            return code
    return None


# --- calls: status on a day --------------------------------------------------------------------------

SINGLE, CUTOFF, TWO_STAGE, ROLLING = "einstufig", "stichtage", "zweistufig", "laufend"
ANNOUNCED, OPEN, CLOSED = "announced", "open", "closed"
STATE_LABELS = {ANNOUNCED: _lazy("angekündigt"), OPEN: _lazy("offen"), CLOSED: _lazy("geschlossen")}


@dataclass(frozen=True)
class CallFacts:
    mode: str
    opens_on: dt.date | None
    closes_on: dt.date | None
    deadlines: Sequence[tuple[dt.date, str]]  # (date, what for)


@dataclass(frozen=True)
class CallState:
    code: str
    text: str  # German, with the next deadline
    next_deadline: tuple[dt.date, str] | None = None

    @property
    def is_open(self) -> bool:
        return self.code == OPEN


def call_errors(facts: CallFacts) -> dict[str, str]:
    """Why a call cannot be saved (by field): the deadlines its mode needs, in a sensible order."""
    errors: dict[str, str] = {}
    dates = [d for d, _label in facts.deadlines]
    if facts.mode == ROLLING:
        if facts.opens_on and facts.closes_on and facts.closes_on < facts.opens_on:
            errors["closes_on"] = _("Das Ende des Aufrufs liegt vor seinem Beginn.")
    elif facts.mode == SINGLE and len(dates) != 1:
        errors["deadlines"] = _("Ein einstufiger Aufruf hat genau eine Frist.")
    elif facts.mode == TWO_STAGE and len(dates) < 2:
        errors["deadlines"] = _("Ein zweistufiger Aufruf hat zwei Fristen: Projektskizze und Vollantrag.")
    elif facts.mode == CUTOFF and not dates:
        errors["deadlines"] = _("Ein Aufruf mit Stichtagen braucht mindestens einen Stichtag.")
    if len(set(dates)) != len(dates):
        errors["deadlines"] = _("Eine Frist steht doppelt in der Liste.")
    if facts.opens_on and any(d < facts.opens_on for d in dates):
        errors["deadlines"] = _("Eine Frist liegt vor dem Beginn der Einreichung (%(d)s).") % {
            "d": f"{facts.opens_on:%d.%m.%Y}"
        }
    return errors


def call_state(facts: CallFacts, day: dt.date) -> CallState:
    """Announced before it opens; open while a deadline (or, rolling, the end) lies ahead; then closed."""
    if facts.opens_on and day < facts.opens_on:
        return CallState(
            ANNOUNCED, _("angekündigt: Einreichung ab %(d)s") % {"d": f"{facts.opens_on:%d.%m.%Y}"}
        )
    if facts.mode == ROLLING:
        if facts.closes_on and day > facts.closes_on:
            return CallState(CLOSED, _("geschlossen seit %(d)s") % {"d": f"{facts.closes_on:%d.%m.%Y}"})
        if facts.closes_on:
            return CallState(OPEN, _("offen (laufend) bis %(d)s") % {"d": f"{facts.closes_on:%d.%m.%Y}"})
        return CallState(OPEN, _("offen (laufend, ohne Frist)"))
    ahead = sorted((d, label) for d, label in facts.deadlines if d >= day)
    if not ahead:
        last = max((d for d, _label in facts.deadlines), default=None)
        text = _("geschlossen seit %(d)s") % {"d": f"{last:%d.%m.%Y}"} if last else _("geschlossen")
        return CallState(CLOSED, text)
    when, label = ahead[0]
    days = (when - day).days
    text = _("offen: nächste Frist %(d)s (%(l)s), noch %(n)s Tage") % {
        "d": f"{when:%d.%m.%Y}",
        "l": label,
        "n": days,
    }
    return CallState(OPEN, text, ahead[0])


REMINDER_DAYS = (30, 7, 1)


def reminder_due(due: dt.date, today: dt.date) -> int | None:
    """How many days ahead ``due`` lies when today is a reminder day (30, 7 or 1 days before)."""
    days = (due - today).days
    return days if days in REMINDER_DAYS else None


# --- matching ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeFacts:
    name: str
    field_ids: frozenset[int]
    all_fields: bool
    areas: Sequence[str]
    eligible: Sequence[str]
    territories: Sequence[str]
    bodies: Sequence[str]  # municipality kinds; empty: every municipal body
    min_population: int | None = None
    max_population: int | None = None
    min_partners: int = 0
    exclusions: str = ""
    open_calls: int = 0
    rolling: bool = False


@dataclass(frozen=True)
class Unit:
    """A municipality of the target as the rule sees it."""

    name: str
    ags: str
    kind: str
    kind_label: str
    population: int | None


@dataclass(frozen=True)
class Target:
    """What is matched: a project, a cooperation, a need or one municipality."""

    label: str
    units: Sequence[Unit]
    field_id: int | None = None
    field_name: str = ""


@dataclass(frozen=True)
class Fit:
    fits: bool
    reasons: list[str] = field(default_factory=list)  # why it fits ("… passt: …")
    problems: list[str] = field(default_factory=list)  # why not (empty when it fits)
    notes: list[str] = field(default_factory=list)  # to check by hand (exclusions, no figures)


def _n(value: int) -> str:
    return format_number(value, 0)


def _field_reason(p: ProgrammeFacts, t: Target, fit: Fit) -> None:
    areas = ", ".join(labels(p.areas, AREAS))
    if p.all_fields:
        fit.reasons.append(
            _("Förderbereich passt: %(a)s – das Programm fördert Zusammenarbeit in jedem Aufgabenfeld")
            % {"a": areas or _("IKZ")}
        )
    elif t.field_id is None:
        fit.notes.append(_("Förderbereich prüfen: %(a)s") % {"a": areas or _("keiner angegeben")})
    elif t.field_id in p.field_ids:
        fit.reasons.append(
            _("Förderbereich passt: %(a)s (Kooperationsfeld „%(f)s“)") % {"a": areas, "f": t.field_name}
        )
    else:
        fit.problems.append(
            _("Förderbereich passt nicht: Kooperationsfeld „%(f)s“ ist nicht gefördert") % {"f": t.field_name}
        )


def _body_reason(p: ProgrammeFacts, t: Target, fit: Fit) -> None:
    if p.eligible and "kommune" not in p.eligible and "oeffentlich" not in p.eligible:
        fit.problems.append(
            _("Förderberechtigt sind nur: %(e)s") % {"e": ", ".join(labels(p.eligible, ELIGIBLE))}
        )
        return
    wrong = [u for u in t.units if p.bodies and u.kind not in p.bodies]
    if wrong:
        fit.problems.append(
            _("Körperschaft nicht antragsberechtigt: %(u)s")
            % {"u": ", ".join(f"{u.name} ({u.kind_label})" for u in wrong)}
        )
    elif p.bodies:
        fit.reasons.append(
            _("Körperschaft antragsberechtigt: %(k)s")
            % {"k": ", ".join(sorted({u.kind_label for u in t.units}))}
        )


def _territory_reason(p: ProgrammeFacts, t: Target, fit: Fit) -> None:
    if not p.territories or NATIONWIDE in p.territories:
        fit.reasons.append(_("Fördergebiet passt: bundesweit"))
        return
    outside = [u.name for u in t.units if u.ags[:2] not in p.territories]
    if outside:
        fit.problems.append(
            _("Fördergebiet passt nicht: %(u)s liegt nicht in %(g)s")
            % {"u": ", ".join(outside), "g": ", ".join(labels(p.territories, TERRITORIES))}
        )
    else:
        names = labels({u.ags[:2] for u in t.units}, TERRITORIES)
        fit.reasons.append(_("Fördergebiet passt: %(g)s") % {"g": ", ".join(names)})


def _bounds(p: ProgrammeFacts) -> str:
    low = _n(p.min_population) if p.min_population is not None else "0"
    high = _n(p.max_population) if p.max_population is not None else "∞"
    return f"{low}–{high}"


def _population_reason(p: ProgrammeFacts, t: Target, fit: Fit) -> None:
    if p.min_population is None and p.max_population is None:
        return
    for unit in t.units:
        if unit.population is None:
            fit.notes.append(_("Einwohnerzahl von %(u)s nicht bekannt") % {"u": unit.name})
            continue
        low = p.min_population is None or unit.population >= p.min_population
        high = p.max_population is None or unit.population <= p.max_population
        values = {"u": unit.name, "n": _n(unit.population), "b": _bounds(p)}
        if low and high:
            fit.reasons.append(_("Einwohnerzahl %(n)s liegt in %(b)s (%(u)s)") % values)
        else:
            fit.problems.append(_("Einwohnerzahl %(n)s liegt nicht in %(b)s (%(u)s)") % values)


def _partner_reason(p: ProgrammeFacts, t: Target, fit: Fit) -> None:
    if p.min_partners <= 1:
        return
    count = len(t.units)
    values = {"n": p.min_partners, "c": count}
    if count >= p.min_partners:
        fit.reasons.append(_("Kooperation verlangt: %(n)s Partner – beteiligt sind %(c)s") % values)
    elif count == 1:
        fit.notes.append(
            _("Kooperation verlangt: %(n)s Partner – als Gruppenantrag mit weiteren Kommunen möglich")
            % values
        )
    else:
        fit.problems.append(_("Kooperation verlangt: %(n)s Partner – beteiligt sind nur %(c)s") % values)


def match(p: ProgrammeFacts, t: Target) -> Fit:
    """Whether the programme fits the target, with every reason in German. A programme without an
    open call still fits (the next call may come) but says so; exclusions are left to a person."""
    fit = Fit(fits=True)
    if not t.units:
        return Fit(False, problems=[_("Keine beteiligte Kommune erfasst: nichts zu vergleichen")])
    _field_reason(p, t, fit)
    _body_reason(p, t, fit)
    _territory_reason(p, t, fit)
    _population_reason(p, t, fit)
    _partner_reason(p, t, fit)
    if p.open_calls:
        fit.reasons.append(_("offener Aufruf: %(n)s") % {"n": p.open_calls})
    elif p.rolling:
        fit.reasons.append(_("Antrag jederzeit möglich"))
    else:
        fit.notes.append(_("zurzeit kein offener Aufruf"))
    if p.exclusions.strip():
        fit.notes.append(_("Ausschlüsse prüfen: %(x)s") % {"x": p.exclusions.strip()})
    return Fit(fits=not fit.problems, reasons=fit.reasons, problems=fit.problems, notes=fit.notes)


# --- applications and the grant notice -------------------------------------------------------------

DRAW_MONTHS = 2  # funds drawn within two months of the notice (ANBest-P/ANBest-K Nr. 1.4)
PASS_ON_MONTHS = 3  # the lead passes the partners' shares on within a month of the draw
PROOF_MONTHS = 6  # the Verwendungsnachweis within six months after the funded period


@dataclass(frozen=True)
class ObligationSpec:
    kind: str
    title: str
    due_on: dt.date
    municipality_id: int | None = None
    amount: Decimal | None = None


def obligations_for_notice(
    *,
    awarded_on: dt.date,
    amount: Decimal,
    funded_until: dt.date,
    binding_years: int,
    lead_id: int,
    shares: Sequence[tuple[int, str, Decimal]],  # (municipality id, name, amount) of each partner
) -> list[ObligationSpec]:
    """The obligations a notice brings: the draw within two months, each partner's share passed on,
    the Verwendungsnachweis six months after the funded period, the Zweckbindung's end."""
    specs = [
        ObligationSpec(
            "draw",
            _("Mittel abrufen (%(a)s)") % {"a": format_eur(amount)},
            add_months(awarded_on, DRAW_MONTHS),
            lead_id,
            amount,
        )
    ]
    for municipality_id, name, share in shares:
        if municipality_id != lead_id and share > 0:
            specs.append(
                ObligationSpec(
                    "pass_on",
                    _("Anteil an %(m)s weiterleiten (%(a)s)") % {"m": name, "a": format_eur(share)},
                    add_months(awarded_on, PASS_ON_MONTHS),
                    municipality_id,
                    share,
                )
            )
    specs.append(
        ObligationSpec(
            "proof", _("Verwendungsnachweis einreichen"), add_months(funded_until, PROOF_MONTHS), lead_id
        )
    )
    if binding_years:
        specs.append(
            ObligationSpec(
                "binding",
                _("Zweckbindung bis %(d)s einhalten")
                % {"d": f"{add_months(awarded_on, 12 * binding_years):%d.%m.%Y}"},
                add_months(awarded_on, 12 * binding_years),
                lead_id,
            )
        )
    return specs


def notice_errors(
    *,
    awarded_on: dt.date | None,
    submitted_on: dt.date | None,
    amount: Decimal | None,
    requested: Decimal | None,
    funded_until: dt.date | None,
    max_amount: Decimal | None,
    today: dt.date,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if awarded_on and awarded_on > today:
        errors["awarded_on"] = _("Der Bescheid kann nicht nach heute datiert sein.")
    if awarded_on and submitted_on and awarded_on < submitted_on:
        errors["awarded_on"] = _("Der Bescheid kann nicht vor dem Antrag (%(d)s) liegen.") % {
            "d": f"{submitted_on:%d.%m.%Y}"
        }
    if amount is not None and amount <= 0:
        errors["amount_awarded"] = _("Der bewilligte Betrag muss über 0 € liegen.")
    if amount is not None and max_amount is not None and amount > max_amount:
        errors["amount_awarded"] = _(
            "Der bewilligte Betrag liegt über dem Höchstbetrag des Programms (%(m)s)."
        ) % {"m": format_eur(max_amount)}
    if amount is not None and requested is not None and amount > requested:
        errors["amount_awarded"] = _("Bewilligt werden kann höchstens der beantragte Betrag (%(r)s).") % {
            "r": format_eur(requested)
        }
    if awarded_on and funded_until and funded_until < awarded_on:
        errors["funded_until"] = _("Der Bewilligungszeitraum endet vor dem Bescheid.")
    return errors


def share_errors(shares: Sequence[Decimal | None]) -> list[str]:
    """Shares of a group application: all given and together 100 %, or none given."""
    given = [s for s in shares if s is not None]
    if not given:
        return []
    if len(given) != len(shares):
        return [_("Bitte geben Sie den Anteil jeder beteiligten Kommune an (oder keinen).")]
    total = sum(given, Decimal(0))
    if abs(total - 100) > Decimal("0.01"):
        return [_("Die Anteile ergeben zusammen %(p)s %% statt 100 %%.") % {"p": format_number(total, 2)}]
    return []


def share_amounts(amount: Decimal, percents: Sequence[tuple[int, Decimal]]) -> dict[int, Decimal]:
    """Each partner's euros of ``amount`` by percent, to the cent; the rounding rest to the largest."""
    result = {pk: (amount * pct / 100).quantize(Decimal("0.01")) for pk, pct in percents}
    rest = amount - sum(result.values(), Decimal(0))
    if result and rest:
        largest = max(percents, key=lambda item: item[1])[0]
        result[largest] += rest
    return result
