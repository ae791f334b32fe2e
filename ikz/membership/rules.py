"""Pure rules of the cooperative: who may join, the supervision deadlines of the states, the
competent authority in Hessen, the exit date (§ 65 GenG), the onboarding's task lists, offer sums,
the in-house share (§ 108 GWB) and the placeholders of the document templates.

No ORM, no request. Sources: ``../shared/docs/domain-reference.md`` §§ 1, 2, 5 and seed 000."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# --- eligibility (statutes of K4K eG, seed 000; § 108 GWB, domain reference § 5) -----------------


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reason: str


def check_eligibility(
    *, name: str, territorial: bool, legal_person: bool, territorial_share: Decimal | None
) -> Eligibility:
    """A Gebietskörperschaft may join; a legal person only if territorial authorities hold strictly
    more than half of it. Everything else is refused with the reason (any direct private capital
    in the eG would destroy the in-house privilege)."""
    if territorial:
        return Eligibility(
            True, _("%(name)s ist eine Gebietskörperschaft und kann Mitglied werden.") % {"name": name}
        )
    if not legal_person:
        return Eligibility(
            False,
            _(
                "%(name)s ist weder eine Gebietskörperschaft noch eine juristische Person; "
                "Mitglied können nach der Satzung nur diese werden."
            )
            % {"name": name},
        )
    if territorial_share is None:
        return Eligibility(
            False,
            _(
                "Für %(name)s ist nicht erfasst, welchen Anteil Gebietskörperschaften halten; "
                "ohne diese Angabe ist keine Aufnahme möglich."
            )
            % {"name": name},
        )
    share = f"{territorial_share.normalize():f}".replace(".", ",")
    if territorial_share > 50:
        return Eligibility(
            True,
            _(
                "An %(name)s sind Gebietskörperschaften mit %(share)s %% mehrheitlich beteiligt; "
                "die Aufnahme ist möglich."
            )
            % {"name": name, "share": share},
        )
    return Eligibility(
        False,
        _(
            "An %(name)s halten Gebietskörperschaften nur %(share)s %% und damit keine Mehrheit "
            "(mehr als 50 %% nötig). Nach der Satzung können nur Gebietskörperschaften und juristische "
            "Personen in mehrheitlich kommunaler Hand Mitglied werden; privates Kapital in der "
            "Genossenschaft schlösse zudem die Inhouse-Vergabe (§ 108 GWB) aus."
        )
        % {"name": name, "share": share},
    )


# --- calendar arithmetic (§§ 187-193 BGB as the design rules of domain reference § 1.4) ----------


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day number ``months`` later (or earlier); the month's last day if it has no such day
    (§ 188 Abs. 3 BGB)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_lead(day: dt.date, value: int, unit: str) -> dt.date:
    if unit == "weeks":
        return day + dt.timedelta(weeks=value)
    if unit == "months":
        return add_months(day, value)
    if unit == "days":
        return day + dt.timedelta(days=value)
    raise ValueError(f"unknown lead unit {unit!r}")


def subtract_lead(day: dt.date, value: int, unit: str) -> dt.date:
    if unit == "months":
        return add_months(day, -value)
    return add_lead(day, -value, unit)


def previous_working_day(day: dt.date) -> dt.date:
    """Saturday and Sunday move back to Friday (conservative for backward deadlines; public
    holidays are not known here)."""
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


# --- the supervision rule table (domain reference § 1.3) -----------------------------------------


class Anchor(StrEnum):
    BEFORE_EXECUTION = "before_execution"
    WAITING_AFTER_SUBMISSION = "waiting_after_submission"
    WITHOUT_DELAY = "without_delay"
    APPROVAL_REQUIRED = "approval_required"
    DEEMED_APPROVAL = "deemed_approval_after_complete_docs"
    BEFORE_DECISION = "before_decision"
    BEFORE_COUNCIL_DECISION = "before_council_decision"


def anchor_label(anchor: Anchor) -> str:
    return {
        Anchor.BEFORE_EXECUTION: _("spätestens vor Beginn des Vollzugs"),
        Anchor.WAITING_AFTER_SUBMISSION: _("Wartefrist nach Eingang der Vorlage"),
        Anchor.WITHOUT_DELAY: _("unverzüglich, ohne gesetzliche Vorlauffrist"),
        Anchor.APPROVAL_REQUIRED: _("Vollzug erst nach Genehmigung"),
        Anchor.DEEMED_APPROVAL: _("Genehmigung gilt nach Frist ab vollständigen Unterlagen als erteilt"),
        Anchor.BEFORE_DECISION: _("vor der Entscheidung"),
        Anchor.BEFORE_COUNCIL_DECISION: _("vor dem Beschluss der Vertretung"),
    }[anchor]


def status_label(status: str) -> str:
    return {"verified": _("geprüft"), "partly": _("teilweise geprüft")}.get(status, _("ungeprüft"))


_SOURCE = "domain-reference.md § 1.2/1.3 (Stand 2026-11)"


@dataclass(frozen=True)
class SupervisionRule:
    state: str
    ags_land: str
    state_name: str
    law: str
    section: str
    kind: str  # notice | approval
    lead_value: int | None
    lead_unit: str | None  # weeks | months
    anchor: Anchor
    note: str
    status: str  # verified | partly | unverified
    source: str
    valid_from: dt.date = dt.date(2024, 1, 1)

    @property
    def citation(self) -> str:
        return f"{self.section} {self.law}"

    @property
    def lead_text(self) -> str:
        if self.lead_value is None or self.lead_unit is None:
            return _("keine gesetzliche Vorlauffrist (unverzüglich)")
        if self.lead_unit == "weeks":
            return ngettext("%(n)d Woche", "%(n)d Wochen", self.lead_value) % {"n": self.lead_value}
        return ngettext("%(n)d Monat", "%(n)d Monate", self.lead_value) % {"n": self.lead_value}


def _rule(*values: object) -> SupervisionRule:
    state, ags, name, law, section, kind, value, unit, anchor, note, status, source = values
    return SupervisionRule(
        state=str(state),
        ags_land=str(ags),
        state_name=str(name),
        law=str(law),
        section=str(section),
        kind=str(kind),
        lead_value=value if isinstance(value, int) else None,
        lead_unit=str(unit) if unit else None,
        anchor=Anchor(str(anchor)),
        note=str(note),
        status=str(status),
        source=str(source),
    )


SUPERVISION_RULES: tuple[SupervisionRule, ...] = (
    _rule("HE", "06", "Hessen", "HGO", "§ 127a Abs. 1 Nr. 3", "notice", 6, "weeks", "before_execution",
          "Erwerb eines eG-Geschäftsanteils ausdrücklich genannt; schriftlich, unverzüglich", "verified",
          "HGO § 127a (Haufe Deutsches Anwalt Office); Seed 000"),
    _rule("NW", "05", "Nordrhein-Westfalen", "GO NRW", "§ 115 Abs. 1 lit. g", "notice", 6, "weeks",
          "before_execution", "Behörde kann die Frist verkürzen oder verlängern", "verified",
          "lexmea, GO NRW § 115"),
    _rule("BY", "09", "Bayern", "GO", "Art. 96 Abs. 1 Nr. 2", "notice", 6, "weeks", "before_execution",
          "keine Pflicht unter 5 % der Anteile (Satz 2)", "partly",
          "anwalt24.de, BayGO Art. 96 (ältere Fassung)"),
    _rule("BW", "08", "Baden-Württemberg", "GemO", "§ 108 + § 121 Abs. 2", "notice", 1, "months",
          "waiting_after_submission", "Vollzug nach Bestätigung oder einem Monat ohne Beanstandung", "partly",
          "GemO BW §§ 119, 121 (ältere Fassung)"),
    _rule("NI", "03", "Niedersachsen", "NKomVG", "§ 152 Abs. 1 Nr. 2", "notice", None, None, "without_delay",
          "schriftlich, unverzüglich; keine feste Frist gefunden", "partly", "anwalt24.de, NKomVG § 152"),
    _rule("RP", "07", "Rheinland-Pfalz", "GemO", "§ 92 Abs. 2", "notice", 6, "weeks", "before_execution",
          "4 Wochen in der Energieversorgung", "partly", "Wolters Kluwer Landesrecht, GemO RP § 92"),
    _rule("SN", "14", "Sachsen", "SächsGemO", "§ 102 Abs. 1", "approval", None, None, "approval_required",
          "Vollzug erst nach Genehmigung; Entscheidungsfrist ungeprüft", "partly",
          "saechsische-gemeindeordnung.de (Kommentar zu § 102)"),
    _rule("TH", "16", "Thüringen", "ThürKO", "§ 73 Abs. 1 S. 4 + § 72", "approval", 6, "weeks",
          "deemed_approval_after_complete_docs", "Genehmigung gilt sechs Wochen nach vollständigen "
          "Unterlagen als erteilt (§ 123 Abs. 3)", "partly", "OVG Thüringen 2 KO 1103/05; HS Schmalkalden"),
    _rule("BB", "12", "Brandenburg", "BbgKVerf", "§ 100 Abs. 1", "notice", None, None, "without_delay",
          "Neufassung 2024 – erneut prüfen", "partly", "anwalt24.de, BbgKVerf § 100"),
    _rule("ST", "15", "Sachsen-Anhalt", "KVG LSA", "§ 135", "notice", 6, "weeks", "before_decision",
          "Analyse sechs Wochen vor der Entscheidung", "partly", "Wolters Kluwer Landesrecht, KVG LSA § 135"),
    _rule("MV", "13", "Mecklenburg-Vorpommern", "KV M-V", "§ 77 Abs. 1 Nr. 2", "notice", 2, "months",
          "waiting_after_submission", "nur Beteiligungen über 20 %", "verified", "anwalt24.de, KV M-V § 77"),
    _rule("SH", "01", "Schleswig-Holstein", "GO", "§ 108 Abs. 1 Nr. 2", "notice", 6, "weeks",
          "before_council_decision", "danach Anzeige des Beschlusses; wirksam ohne Beanstandung binnen "
          "sechs Wochen", "verified", "Haufe Deutsches Anwalt Office, GO SH § 108"),
    _rule("SL", "10", "Saarland", "KSVG", "§ 118 Abs. 1 Nr. 4", "notice", 1, "months", "before_execution",
          "schriftlich oder elektronisch, unverzüglich", "verified", "anwalt24.de, KSVG § 118"),
)  # fmt: skip


def rule_for(
    ags_land: str, *, on: dt.date, rules: Sequence[SupervisionRule] = SUPERVISION_RULES
) -> SupervisionRule | None:
    """The rule of the state with the official key ``ags_land`` valid on ``on`` (newest first)."""
    candidates = [r for r in rules if r.ags_land == ags_land and r.valid_from <= on]
    return max(candidates, key=lambda r: r.valid_from) if candidates else None


@dataclass(frozen=True)
class Deadline:
    """What the rule means for one onboarding.

    ``earliest_execution``: the first day the membership may be executed (None: not yet known, or
    no date bound); ``latest_notice``: the last day to send the notice for the planned date or
    before the decision; ``without_delay``: no statutory lead, show "unverzüglich" and no countdown;
    ``released_by_reply``: the authority's reply made it earlier; ``waiting_for_approval``: an
    approval is needed and not recorded."""

    earliest_execution: dt.date | None
    latest_notice: dt.date | None
    without_delay: bool
    released_by_reply: bool
    waiting_for_approval: bool
    explanation: str

    def days_left(self, today: dt.date) -> int | None:
        if self.without_delay or self.earliest_execution is None:
            return None
        return max((self.earliest_execution - today).days, 0)

    def allows_execution_on(self, day: dt.date) -> bool:
        if self.waiting_for_approval:
            return False
        return self.earliest_execution is None or day >= self.earliest_execution


def _date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def supervision_deadline(
    rule: SupervisionRule,
    *,
    notice_sent_on: dt.date | None,
    notice_received_on: dt.date | None = None,
    reply_on: dt.date | None = None,
    planned_execution_on: dt.date | None = None,
    decision_on: dt.date | None = None,
) -> Deadline:
    """The earliest execution date (and the latest notice date) under ``rule``.

    The lead runs from the day the authority received the notice, or the day it was sent when no
    receipt is recorded. An earlier reply of the authority ("keine Bedenken", approval) releases
    the execution on the reply's day."""
    start = notice_received_on or notice_sent_on
    latest_notice: dt.date | None = None
    if rule.lead_value is not None and rule.lead_unit is not None:
        if rule.anchor == Anchor.BEFORE_EXECUTION and planned_execution_on is not None:
            latest_notice = previous_working_day(
                subtract_lead(planned_execution_on, rule.lead_value, rule.lead_unit)
            )
        if rule.anchor in (Anchor.BEFORE_DECISION, Anchor.BEFORE_COUNCIL_DECISION) and decision_on:
            latest_notice = previous_working_day(subtract_lead(decision_on, rule.lead_value, rule.lead_unit))

    if rule.anchor == Anchor.WITHOUT_DELAY or (
        rule.anchor == Anchor.BEFORE_DECISION and rule.lead_value is not None
    ):
        text = _("Anzeige unverzüglich (%(rule)s); keine Wartefrist vor dem Vollzug.") % {
            "rule": rule.citation
        }
        if rule.anchor == Anchor.BEFORE_DECISION:
            text = _(
                "Vorlage %(lead)s vor der Entscheidung (%(rule)s); nach dem Beschluss keine Wartefrist."
            ) % {"lead": rule.lead_text, "rule": rule.citation}
        return Deadline(None, latest_notice, True, False, False, text)

    if rule.anchor == Anchor.APPROVAL_REQUIRED:
        if reply_on is not None:
            return Deadline(
                reply_on,
                None,
                False,
                True,
                False,
                _("Genehmigung am %(d)s (%(rule)s).") % {"d": _date(reply_on), "rule": rule.citation},
            )
        return Deadline(
            None,
            None,
            False,
            False,
            True,
            _("Vollzug erst nach der Genehmigung (%(rule)s).") % {"rule": rule.citation},
        )

    if start is None or rule.lead_value is None or rule.lead_unit is None:
        text = _("Frist %(lead)s (%(rule)s) beginnt mit der Anzeige.") % {
            "lead": rule.lead_text,
            "rule": rule.citation,
        }
        return Deadline(None, latest_notice, False, False, False, text)

    earliest = add_lead(start, rule.lead_value, rule.lead_unit)
    values = {"lead": rule.lead_text, "d": _date(start), "rule": rule.citation, "e": _date(earliest)}
    if notice_received_on:
        text = _("%(lead)s ab Eingang der Anzeige am %(d)s (%(rule)s): frühestens %(e)s.") % values
    else:
        text = _("%(lead)s ab Versand der Anzeige am %(d)s (%(rule)s): frühestens %(e)s.") % values
    if reply_on is not None and reply_on < earliest:
        return Deadline(
            max(reply_on, start),
            latest_notice,
            False,
            True,
            False,
            _(
                "Vorzeitige Antwort der Aufsichtsbehörde am %(d)s; Vollzug ab diesem Tag möglich "
                "(ohne Antwort frühestens %(e)s)."
            )
            % {"d": _date(reply_on), "e": _date(earliest)},
        )
    return Deadline(earliest, latest_notice, False, False, False, text)


# --- competent supervisory authority in Hessen (domain reference § 1.5, § 136 HGO, § 54 HKO) ----

REGIERUNGSBEZIRKE = {"064": "Darmstadt", "065": "Gießen", "066": "Kassel"}
MINISTRY_CITIES = {"06414000", "06412000"}  # Wiesbaden, Frankfurt am Main
MINISTRY = "Hessisches Ministerium des Innern"


@dataclass(frozen=True)
class Authority:
    name: str
    reason: str


def hessen_authority(
    *,
    key: str,
    name: str,
    level: str,
    kind: str,
    population: int | None,
    kreis_name: str = "",
    was_over_50000: bool = False,
) -> Authority:
    """The Aufsichtsbehörde of a Hessian municipality or Landkreis (by its official key).

    Wiesbaden and Frankfurt → ministry; Landkreise, kreisfreie Städte, Sonderstatusstädte and
    Gemeinden over 50,000 inhabitants (kept until they fall below 45,000) → Regierungspräsidium;
    all other kreisangehörige Gemeinden → the Landrat as authority of the state administration."""
    rp = f"Regierungspräsidium {REGIERUNGSBEZIRKE.get(key[:3], '(Bezirk unbekannt)')}"
    if key in MINISTRY_CITIES:
        return Authority(
            MINISTRY, _("%(n)s: Landeshauptstadt bzw. Frankfurt am Main (§ 136 Abs. 1 HGO).") % {"n": name}
        )
    if level == "kreis":
        return Authority(
            rp, _("%(n)s ist ein Landkreis oder eine kreisfreie Stadt (§ 54 HKO, § 136 HGO).") % {"n": name}
        )
    if kind in ("sonderstatusstadt", "kreisfreie_stadt"):
        return Authority(
            rp, _("%(n)s ist eine Sonderstatusstadt bzw. kreisfreie Stadt (§ 136 Abs. 2 HGO).") % {"n": name}
        )
    if population is not None and (population > 50000 or (was_over_50000 and population >= 45000)):
        inhabitants = f"{population:,}".replace(",", ".")
        return Authority(
            rp,
            _("%(n)s hat %(p)s Einwohner (mehr als 50.000, § 136 Abs. 2 HGO).")
            % {"n": name, "p": inhabitants},
        )
    landrat = _("Landrat des Landkreises %(k)s als Behörde der Landesverwaltung") % {"k": kreis_name}
    return Authority(landrat, _("%(n)s ist eine kreisangehörige Gemeinde (§ 136 Abs. 3 HGO).") % {"n": name})


# --- leaving (§ 65 GenG) -------------------------------------------------------------------------

GENG_MIN_NOTICE_MONTHS = 3
GENG_MAX_NOTICE_MONTHS = 60


def business_year_end(year: int, end_month: int, end_day: int) -> dt.date:
    return dt.date(year, end_month, min(end_day, calendar.monthrange(year, end_month)[1]))


def exit_date(
    notice_received_on: dt.date,
    *,
    notice_months: int = GENG_MIN_NOTICE_MONTHS,
    year_end_month: int = 12,
    year_end_day: int = 31,
) -> dt.date:
    """The end of the first business year that lies at least ``notice_months`` after the notice
    was received (§ 65 Abs. 2 GenG: default three months, at most five years)."""
    if not GENG_MIN_NOTICE_MONTHS <= notice_months <= GENG_MAX_NOTICE_MONTHS:
        raise ValueError("Die Kündigungsfrist liegt nach § 65 GenG zwischen 3 und 60 Monaten.")
    year = notice_received_on.year - 1
    while True:
        end = business_year_end(year, year_end_month, year_end_day)
        if end >= notice_received_on and _months_before(end, notice_months) >= notice_received_on:
            return end
        year += 1


def _months_before(end: dt.date, months: int) -> dt.date:
    """The last day a notice may arrive for ``end``: a month end counts back to a month end
    (31.12. → 30.09., 30.06. → 31.03.)."""
    back = add_months(end, -months)
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        return back.replace(day=calendar.monthrange(back.year, back.month)[1])
    return back


def latest_exit_notice(end: dt.date, notice_months: int = GENG_MIN_NOTICE_MONTHS) -> dt.date:
    return _months_before(end, notice_months)


def retention_until(exit_on: dt.date) -> dt.date:
    """Documents on a member are kept three years from the end of the calendar year of the exit
    (§ 30 Abs. 3 GenG)."""
    return dt.date(exit_on.year + 3, 12, 31)


# --- the onboarding's four steps and their task lists (seed 000) ---------------------------------


def step_title(step: int) -> str:
    return {
        1: _("Beitrittsabsicht"),
        2: _("Gremienlauf"),
        3: _("Positiver Beschluss"),
        4: _("Mitgliedschaft"),
    }[step]


@dataclass(frozen=True)
class Task:
    label: str
    done: bool
    required: bool = True
    detail: str = ""


@dataclass(frozen=True)
class OnboardingFacts:
    """What the task lists are computed from (the onboarding's dates and counts)."""

    kickoff_on: dt.date | None = None
    presentation_on: dt.date | None = None
    draft_resolution_on: dt.date | None = None
    sessions_planned: int = 0
    sessions_open: int = 0
    sessions_rejected: int = 0
    checkins: int = 0
    questions_open: int = 0
    resolution_on: dt.date | None = None
    notice_sent_on: dt.date | None = None
    reply_on: dt.date | None = None
    declaration_sent_on: dt.date | None = None
    declaration_signed_on: dt.date | None = None
    declaration_received_on: dt.date | None = None
    agreement_sent_on: dt.date | None = None
    agreement_signed_on: dt.date | None = None
    agreement_received_on: dt.date | None = None
    executed_on: dt.date | None = None
    member_number: str = ""
    invoice_on: dt.date | None = None
    paid_on: dt.date | None = None
    receipt_on: dt.date | None = None
    registered_on: dt.date | None = None


def _on(day: dt.date | None) -> str:
    return _date(day) if day else ""


def tasks(step: int, f: OnboardingFacts) -> list[Task]:
    """The task list of ``step`` (the KERN task-list pattern); required tasks block the next step."""
    if step == 1:
        return [
            Task(_("Gemeinsames Auftaktmeeting"), f.kickoff_on is not None, detail=_on(f.kickoff_on)),
            Task(_("Interne Präsentation"), f.presentation_on is not None, False, _on(f.presentation_on)),
            Task(
                _("Beschlussvorlage erstellt"),
                f.draft_resolution_on is not None,
                detail=_on(f.draft_resolution_on),
            ),
        ]
    if step == 2:
        return [
            Task(
                _("Gremiensitzungen geplant"),
                f.sessions_planned > 0,
                detail=_("%(n)d Sitzung(en)") % {"n": f.sessions_planned},
            ),
            Task(
                _("Alle Gremien haben entschieden"),
                f.sessions_planned > 0 and f.sessions_open == 0 and f.sessions_rejected == 0,
                detail=_("%(n)d offen") % {"n": f.sessions_open} if f.sessions_open else "",
            ),
            Task(_("Check-in-Meetings"), f.checkins > 0, False, _("%(n)d Termin(e)") % {"n": f.checkins}),
            Task(
                _("Offene Fragen geklärt"),
                f.questions_open == 0,
                detail=_("%(n)d offen") % {"n": f.questions_open},
            ),
        ]
    if step == 3:
        return [
            Task(_("Positiver Beschluss erfasst"), f.resolution_on is not None, detail=_on(f.resolution_on)),
            Task(
                _("Anzeige an die Aufsichtsbehörde versandt"),
                f.notice_sent_on is not None,
                detail=_on(f.notice_sent_on),
            ),
            Task(_("Antwort der Aufsichtsbehörde"), f.reply_on is not None, False, _on(f.reply_on)),
            Task(
                _("Beitrittserklärung versandt"),
                f.declaration_sent_on is not None,
                detail=_on(f.declaration_sent_on),
            ),
            Task(
                _("Beitrittserklärung unterzeichnet"),
                f.declaration_signed_on is not None,
                detail=_on(f.declaration_signed_on),
            ),
            Task(
                _("Beitrittserklärung eingegangen"),
                f.declaration_received_on is not None,
                detail=_on(f.declaration_received_on),
            ),
            Task(
                _("Kooperationsvereinbarung versandt"),
                f.agreement_sent_on is not None,
                detail=_on(f.agreement_sent_on),
            ),
            Task(
                _("Kooperationsvereinbarung unterzeichnet"),
                f.agreement_signed_on is not None,
                detail=_on(f.agreement_signed_on),
            ),
            Task(
                _("Kooperationsvereinbarung eingegangen"),
                f.agreement_received_on is not None,
                detail=_on(f.agreement_received_on),
            ),
        ]
    return [
        Task(_("Vollzug der Mitgliedschaft"), f.executed_on is not None, detail=_on(f.executed_on)),
        Task(_("Mitgliedsnummer vergeben"), bool(f.member_number), detail=f.member_number),
        Task(_("Eintrag in die Mitgliederliste"), f.registered_on is not None, detail=_on(f.registered_on)),
        Task(_("Rechnung über den Geschäftsanteil"), f.invoice_on is not None, False, _on(f.invoice_on)),
        Task(_("Einzahlung des Geschäftsanteils"), f.paid_on is not None, False, _on(f.paid_on)),
        Task(_("Zahlungsbeleg versandt"), f.receipt_on is not None, False, _on(f.receipt_on)),
    ]  # fmt: skip


def blockers(step: int, f: OnboardingFacts) -> list[str]:
    """Required tasks of ``step`` that are still open."""
    return [t.label for t in tasks(step, f) if t.required and not t.done]


# --- offers and the in-house share ---------------------------------------------------------------

CENT = Decimal("0.01")
VAT_RATES = {
    "standard": Decimal("19"),
    "reduced": Decimal("7"),
    "exempt": Decimal("0"),
    "not_taxable": Decimal("0"),
}


@dataclass(frozen=True)
class OfferTotals:
    net: Decimal
    vat: Decimal
    gross: Decimal


def line_total(quantity: Decimal, unit_price: Decimal) -> Decimal:
    return (quantity * unit_price).quantize(CENT, rounding=ROUND_HALF_UP)


def offer_totals(lines: Sequence[tuple[Decimal, Decimal]], vat_treatment: str) -> OfferTotals:
    net = sum((line_total(q, p) for q, p in lines), Decimal("0.00"))
    vat = (net * VAT_RATES[vat_treatment] / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return OfferTotals(net, vat, net + vat)


INHOUSE_THRESHOLD = Decimal("80")
WARNING_THRESHOLD = Decimal("85")


@dataclass(frozen=True)
class TurnoverRow:
    year: int
    members: Decimal
    others: Decimal
    share: Decimal | None  # members' share in %, None without turnover
    average3: Decimal | None  # the mean of the shares over this and the two years before (§ 108 Abs. 7)
    status: str  # ok | warning | failed | none


def _percent(part: Decimal, total: Decimal) -> Decimal | None:
    if total <= 0:
        return None
    return (part * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def inhouse_report(turnover: Mapping[int, tuple[Decimal, Decimal]]) -> list[TurnoverRow]:
    """Per year: turnover with members and with others, the members' share, and the three-year
    average of total turnover (§ 108 Abs. 7 GWB); more than 80 % is needed, below 85 % warns."""
    rows = []
    for year in sorted(turnover):
        members, others = turnover[year]
        window = [turnover.get(y, (Decimal(0), Decimal(0))) for y in range(year - 2, year + 1)]
        average = _percent(
            sum((m for m, _o in window), Decimal(0)), sum((m + o for m, o in window), Decimal(0))
        )
        status = "none"
        if average is not None:
            status = (
                "failed"
                if average <= INHOUSE_THRESHOLD
                else "warning"
                if average < WARNING_THRESHOLD
                else "ok"
            )
        rows.append(TurnoverRow(year, members, others, _percent(members, members + others), average, status))
    return rows


# --- document templates: {Platzhalter} -----------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class TemplateFault(ValueError):
    """A template the office wrote cannot be filled; the message says why, in German."""


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{Name}`` by ``values["Name"]``; ``{{`` and ``}}`` write literal braces.

    An unknown placeholder or a stray brace raises :class:`TemplateFault` naming it and the line."""
    out: list[str] = []
    for number, line in enumerate(template.splitlines(), start=1):
        escaped = line.replace("{{", "\0").replace("}}", "\1")
        for match in _PLACEHOLDER.finditer(escaped):
            name = match.group(1).strip()
            if name not in values:
                known = ", ".join("{" + k + "}" for k in sorted(values))
                raise TemplateFault(
                    _(
                        "Zeile %(line)d: Der Platzhalter „{%(name)s}“ ist unbekannt. "
                        "Verfügbar sind: %(known)s."
                    )
                    % {"line": number, "name": name, "known": known}
                )
        rest = _PLACEHOLDER.sub("", escaped)
        if "{" in rest:
            raise TemplateFault(
                _("Zeile %(line)d: Eine geschweifte Klammer „{“ ist nicht geschlossen.") % {"line": number}
            )
        if "}" in rest:
            raise TemplateFault(
                _("Zeile %(line)d: Eine geschweifte Klammer „}“ steht ohne „{“.") % {"line": number}
            )
        filled = _PLACEHOLDER.sub(lambda m: values[m.group(1).strip()], escaped)
        out.append(filled.replace("\0", "{").replace("\1", "}"))
    return "\n".join(out)


def euro(amount: Decimal) -> str:
    """500 → "500,00 €", 1234.5 → "1.234,50 €"."""
    text = f"{amount.quantize(CENT):,.2f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".") + " €"
