"""The onboarding's four steps and their task lists (seed 000)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ikz.membership.rules.calendar import (
    format_day,
)


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
    return format_day(day) if day else ""


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


def next_member_number(numbers: Iterable[str]) -> str:
    """The next member number after the numeric ones in use, three digits at least ("001", "012");
    numbers with letters do not count."""
    used = [int(n) for n in numbers if n.isdigit()]
    return f"{(max(used) if used else 0) + 1:03d}"
