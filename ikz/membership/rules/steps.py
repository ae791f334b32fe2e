"""The onboarding's four steps and their task lists (seed 000)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ikz.lib.stand import Bound, correction_errors, effective_date_errors
from ikz.membership.rules.calendar import (
    format_day,
)

# The onboarding's field holding the day each step was completed (step 4: the execution).
COMPLETED_FIELDS = {1: "intent_completed_on", 2: "committees_completed_on", 3: "resolution_completed_on"}


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
    day: dt.date | None = None  # the day it was done (the step cannot be completed before it)


@dataclass(frozen=True)
class OnboardingFacts:
    """What the task lists are computed from (the onboarding's dates and counts)."""

    kickoff_on: dt.date | None = None
    presentation_on: dt.date | None = None
    draft_resolution_on: dt.date | None = None
    sessions_planned: int = 0
    sessions_open: int = 0  # planned, postponed, or still to come (a date after today)
    sessions_rejected: int = 0
    sessions_held: int = 0  # sessions on or before today
    last_session_on: dt.date | None = None  # the latest held session
    checkins: int = 0  # held check-ins (on or before today)
    questions_open: int = 0
    resolution_on: dt.date | None = None
    notice_drafted_on: dt.date | None = None
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
    today: dt.date | None = None  # None: dates are not compared with today

    def held(self, day: dt.date | None) -> bool:
        """A dated task is done when its day has come: a planned date ticks nothing (decision 102)."""
        return day is not None and (self.today is None or day <= self.today)


def _on(day: dt.date | None) -> str:
    return format_day(day) if day else ""


def _dated(label: str, day: dt.date | None, f: OnboardingFacts, required: bool = True) -> Task:
    """A task done on a day; a day still to come is shown as planned and leaves it open."""
    if day is not None and not f.held(day):
        return Task(label, False, required, _("geplant für den %(d)s") % {"d": format_day(day)})
    return Task(label, f.held(day), required, _on(day), day if f.held(day) else None)


def tasks(step: int, f: OnboardingFacts) -> list[Task]:
    """The task list of ``step`` (the KERN task-list pattern); required tasks block the next step."""
    if step == 1:
        return [
            _dated(_("Gemeinsames Auftaktmeeting"), f.kickoff_on, f),
            _dated(_("Interne Präsentation"), f.presentation_on, f, required=False),
            _dated(_("Beschlussvorlage erstellt"), f.draft_resolution_on, f),
        ]
    if step == 2:
        return _committee_tasks(f)
    if step == 3:
        return [
            _dated(_("Positiver Beschluss erfasst"), f.resolution_on, f),
            _dated(_("Anschreiben an die Aufsichtsbehörde erstellt"), f.notice_drafted_on, f, required=False),
            _dated(_("Anzeige an die Aufsichtsbehörde versandt"), f.notice_sent_on, f),
            _dated(_("Antwort der Aufsichtsbehörde"), f.reply_on, f, required=False),
            _dated(_("Beitrittserklärung versandt"), f.declaration_sent_on, f),
            _dated(_("Beitrittserklärung unterzeichnet"), f.declaration_signed_on, f),
            _dated(_("Beitrittserklärung eingegangen"), f.declaration_received_on, f),
            _dated(_("Kooperationsvereinbarung versandt"), f.agreement_sent_on, f),
            _dated(_("Kooperationsvereinbarung unterzeichnet"), f.agreement_signed_on, f),
            _dated(_("Kooperationsvereinbarung eingegangen"), f.agreement_received_on, f),
        ]
    return [
        _dated(_("Vollzug der Mitgliedschaft"), f.executed_on, f),
        Task(_("Mitgliedsnummer vergeben"), bool(f.member_number), detail=f.member_number),
        _dated(_("Eintrag in die Mitgliederliste"), f.registered_on, f),
        _dated(_("Rechnung über den Geschäftsanteil"), f.invoice_on, f, required=False),
        _dated(_("Einzahlung des Geschäftsanteils"), f.paid_on, f, required=False),
        _dated(_("Zahlungsbeleg versandt"), f.receipt_on, f, required=False),
    ]


def _committee_tasks(f: OnboardingFacts) -> list[Task]:
    """Step 2: a session counts once it has been held (its day has come), not when it is planned."""
    return [
        Task(
            _("Gremiensitzungen abgehalten"),
            f.sessions_held > 0,
            detail=_("%(held)d von %(n)d Sitzung(en) abgehalten")
            % {"held": f.sessions_held, "n": f.sessions_planned},
            day=f.last_session_on,
        ),
        Task(
            _("Alle Gremien haben entschieden"),
            f.sessions_held > 0 and f.sessions_open == 0 and f.sessions_rejected == 0,
            detail=_("%(n)d offen") % {"n": f.sessions_open} if f.sessions_open else "",
            day=f.last_session_on,
        ),
        Task(_("Check-in-Meetings"), f.checkins > 0, False, _("%(n)d Termin(e)") % {"n": f.checkins}),
        Task(
            _("Offene Fragen geklärt"),
            f.questions_open == 0,
            detail=_("%(n)d offen") % {"n": f.questions_open},
        ),
    ]


def blockers(step: int, f: OnboardingFacts) -> list[str]:
    """Required tasks of ``step`` that are still open."""
    return [t.label for t in tasks(step, f) if t.required and not t.done]


def next_member_number(numbers: Iterable[str]) -> str:
    """The next member number after the numeric ones in use, three digits at least ("001", "012");
    numbers with letters do not count."""
    used = [int(n) for n in numbers if n.isdigit()]
    return f"{(max(used) if used else 0) + 1:03d}"


def completion_errors(
    step: int,
    day: dt.date | None,
    *,
    today: dt.date,
    previous_completed: dt.date | None,
    done: list[Task],
) -> dict[str, list[str]]:
    """Why ``day`` cannot be the day ``step`` was completed (field ``completed_on``): not after
    today, not before the previous step was completed, not before a task of the step was done."""
    bounds = []
    if previous_completed is not None:
        bounds.append(Bound(previous_completed, _("dem Abschluss von Schritt %(n)d") % {"n": step - 1}))
    dated = [t for t in done if t.done and t.day is not None]
    if dated:
        last = max(dated, key=lambda t: t.day or dt.date.min)
        bounds.append(Bound(last.day, _("der erledigten Aufgabe „%(task)s“") % {"task": last.label}))
    return effective_date_errors(
        day,
        today=today,
        field="completed_on",
        label=_("Schritt %(n)d abgeschlossen am") % {"n": step},
        not_before=bounds,
    )


def step_correction_errors(
    step: int,
    old: dt.date | None,
    new: dt.date | None,
    reason: str,
    *,
    today: dt.date,
    previous_completed: dt.date | None,
    next_completed: dt.date | None,
) -> dict[str, list[str]]:
    """Why the day ``step`` was completed cannot be corrected from ``old`` to ``new`` (field
    ``completed_on``; decision 92): the step must be completed, a reason given, the day changed, not
    after today, not before the previous step's completion, not after the next step's."""
    if old is None:
        return {
            "__all__": [
                _("Schritt %(n)d ist noch nicht abgeschlossen; es gibt kein Datum zu berichtigen.")
                % {"n": step}
            ]
        }
    label = _("Schritt %(n)d abgeschlossen am") % {"n": step}
    errors: dict[str, list[str]] = {}
    errors.update(correction_errors(reason, old, new or old, field="completed_on"))
    bounds_before = []
    if previous_completed is not None:
        bounds_before.append(
            Bound(previous_completed, _("dem Abschluss von Schritt %(n)d") % {"n": step - 1})
        )
    bounds_after = []
    if next_completed is not None:
        bounds_after.append(
            Bound(
                next_completed,
                _("dem Vollzug der Mitgliedschaft")
                if step == 3
                else _("dem Abschluss von Schritt %(n)d") % {"n": step + 1},
            )
        )
    for name, texts in effective_date_errors(
        new, today=today, field="completed_on", label=label, not_before=bounds_before, not_after=bounds_after
    ).items():
        errors.setdefault(name, []).extend(texts)
    return errors
