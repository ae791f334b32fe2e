"""The supervision rule table of the 13 Flächenländer and the deadline arithmetic (domain reference § 1.3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ikz.membership.rules.calendar import (
    add_lead,
    format_day,
    previous_working_day,
    subtract_lead,
)


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
          "HGO § 127a (Haufe Deutsches Anwalt Office); Beitrittsleitfaden der K4K eG"),
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


def _latest_notice(
    rule: SupervisionRule, planned_execution_on: dt.date | None, decision_on: dt.date | None
) -> dt.date | None:
    """The last day to send the notice: the lead before the planned execution or the decision."""
    latest_notice: dt.date | None = None
    if rule.lead_value is not None and rule.lead_unit is not None:
        if rule.anchor == Anchor.BEFORE_EXECUTION and planned_execution_on is not None:
            latest_notice = previous_working_day(
                subtract_lead(planned_execution_on, rule.lead_value, rule.lead_unit)
            )
        if rule.anchor in (Anchor.BEFORE_DECISION, Anchor.BEFORE_COUNCIL_DECISION) and decision_on:
            latest_notice = previous_working_day(subtract_lead(decision_on, rule.lead_value, rule.lead_unit))
    return latest_notice


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
    latest_notice = _latest_notice(rule, planned_execution_on, decision_on)
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
                _("Genehmigung am %(d)s (%(rule)s).") % {"d": format_day(reply_on), "rule": rule.citation},
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
    values = {
        "lead": rule.lead_text,
        "d": format_day(start),
        "rule": rule.citation,
        "e": format_day(earliest),
    }
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
            % {"d": format_day(reply_on), "e": format_day(earliest)},
        )
    return Deadline(earliest, latest_notice, False, False, False, text)
