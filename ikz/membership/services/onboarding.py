"""The onboarding: enter a candidate, its steps, committee sessions, check-ins and open questions,
advance, withdraw, and the execution of the membership."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.rules import changed_fields
from ikz.audit.services import (
    ConflictError,
    create_object,
    field_values,
    record,
    save_correction,
    update_versioned,
)
from ikz.membership import rules
from ikz.membership.models import (
    CheckIn,
    CommitteeSession,
    Cooperative,
    Member,
    Onboarding,
    OnboardingStatus,
    OpenQuestion,
    Step,
)
from ikz.membership.queries import (
    ITEM_MODELS,
    active_member,
    deadline_of,
    eligibility_of,
    progress_of,
    proposed_authority,
    rule_of,
    today_or,
)
from ikz.membership.services.register import _register, allocate_number
from ikz.municipalities.models import Municipality

# --- onboarding ----------------------------------------------------------------------------------


@transaction.atomic
def start_onboarding(
    cooperative: Cooperative, municipality: Municipality, values: Mapping[str, Any], *, actor: User | None
) -> Onboarding:
    """Enter a candidate: refused with the reason if it may not join or is already on its way."""
    eligibility = eligibility_of(municipality)
    if not eligibility.eligible:
        raise ValidationError({"municipality": eligibility.reason})
    if Onboarding.objects.filter(
        cooperative=cooperative, municipality=municipality, status=OnboardingStatus.ACTIVE
    ).exists():
        raise ValidationError(
            {"municipality": _("Für %(m)s läuft bereits ein Beitritt.") % {"m": municipality}}
        )
    if active_member(municipality.pk, timezone.localdate(), cooperative):
        raise ValidationError({"municipality": _("%(m)s ist bereits Mitglied.") % {"m": municipality}})
    onboarding = Onboarding(
        cooperative=cooperative,
        municipality=municipality,
        eligibility_reason=eligibility.reason,
        authority=proposed_authority(municipality).name,
        **{k: v for k, v in values.items() if k in {"contact_name", "note", "kickoff_on", "is_illustrative"}},
    )
    return create_object(onboarding, actor=actor)


DATE_ORDER = [
    ("notice_sent_on", "notice_received_on", _("Der Eingang kann nicht vor dem Versand liegen.")),
    ("notice_sent_on", "reply_on", _("Die Antwort kann nicht vor der Anzeige liegen.")),
    ("resolution_on", "notice_sent_on", _("Die Anzeige folgt dem Beschluss; bitte Datum prüfen.")),
    ("declaration_sent_on", "declaration_signed_on", _("Unterzeichnet vor dem Versand? Bitte Datum prüfen.")),
    ("declaration_signed_on", "declaration_received_on", _("Eingang vor der Unterzeichnung? Bitte prüfen.")),
    ("agreement_sent_on", "agreement_signed_on", _("Unterzeichnet vor dem Versand? Bitte Datum prüfen.")),
    ("agreement_signed_on", "agreement_received_on", _("Eingang vor der Unterzeichnung? Bitte prüfen.")),
]
STEP_FIELDS = {
    1: [
        "contact_name",
        "kickoff_on",
        "kickoff_participants",
        "presentation_on",
        "draft_resolution_on",
        "note",
    ],
    2: ["note"],
    3: [
        "resolution_on",
        "resolution_body",
        "authority",
        "planned_execution_on",
        "notice_sent_on",
        "notice_received_on",
        "reply_on",
        "reply_note",
        "declaration_sent_on",
        "declaration_signed_on",
        "declaration_received_on",
        "agreement_sent_on",
        "agreement_signed_on",
        "agreement_received_on",
    ],
    4: ["invoice_on", "receipt_on", "note"],
}


def check_dates(values: Mapping[str, Any], *, today: dt.date) -> None:
    errors: dict[str, str] = {}
    for before, after, message in DATE_ORDER:
        if values.get(before) and values.get(after) and values[after] < values[before]:
            errors[after] = str(message)
    for name in ("notice_sent_on", "notice_received_on", "reply_on", "resolution_on"):
        if values.get(name) and values[name] > today:
            errors.setdefault(name, _("Das Datum liegt in der Zukunft."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update_onboarding(
    onboarding: Onboarding,
    values: Mapping[str, Any],
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Onboarding:
    allowed = {f for fields in STEP_FIELDS.values() for f in fields}
    clean = {k: v for k, v in values.items() if k in allowed}
    check_dates({k: getattr(onboarding, k) for k in allowed} | clean, today=today_or(today))
    return update_versioned(Onboarding, onboarding.pk, clean, expected_version=expected_version, actor=actor)


def _lock(
    onboarding: Onboarding, expected_version: int, values: Mapping[str, object] | None = None
) -> Onboarding:
    locked = Onboarding.objects.select_for_update().get(pk=onboarding.pk)
    if locked.version != expected_version:
        raise ConflictError(
            locked, values or {"version": expected_version}, expected_version=expected_version
        )
    return locked


def _bump(onboarding: Onboarding) -> None:
    onboarding.version += 1
    onboarding.save(update_fields=["version", "updated_at"])


ITEM_FIELDS = {
    "sitzung": ["body", "date", "outcome", "note"],
    "check-in": ["date", "note"],
    "frage": ["question", "asked_on", "answered_on", "answer"],
}


@transaction.atomic
def save_item(
    onboarding: Onboarding,
    kind: str,
    item: CommitteeSession | CheckIn | OpenQuestion | None,
    values: Mapping[str, Any],
    *,
    expected_version: int,
    actor: User | None,
) -> CommitteeSession | CheckIn | OpenQuestion:
    """Add or change a committee session, check-in or open question (the onboarding's version
    guards against two people editing the same onboarding at once)."""
    locked = _lock(onboarding, expected_version)
    clean = {k: values[k] for k in ITEM_FIELDS[kind] if k in values}
    asked, answered = clean.get("asked_on"), clean.get("answered_on")
    if kind == "frage" and asked and answered and answered < asked:
        raise ValidationError({"answered_on": _("Die Antwort kann nicht vor der Frage liegen.")})
    if item is None:
        saved = create_object(ITEM_MODELS[kind](onboarding=locked, **clean), actor=actor)
    else:
        before = field_values(item, clean.keys())
        for name, value in clean.items():
            setattr(item, name, value)
        item.full_clean()
        item.save()
        changes = changed_fields(before, field_values(item, clean.keys()))
        if changes:
            record(item, Action.UPDATE, actor=actor, changes=changes)
        saved = item
    _bump(locked)
    return saved


@transaction.atomic
def advance(
    onboarding: Onboarding,
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
    completed_on: dt.date | None = None,
) -> Onboarding:
    """Move to the next step when every required task of the current one is done, with the day
    the current step was completed (``completed_on``, default today; decision 102): not in the
    future, not before the previous step's completion nor before a task of the step was done."""
    day = today_or(today)
    locked = _lock(onboarding, expected_version)
    if locked.status != OnboardingStatus.ACTIVE or locked.step >= Step.MEMBERSHIP:
        raise ValidationError(_("Dieser Beitritt kann nicht weitergeschaltet werden."))
    progress = progress_of(locked, day)
    open_tasks = progress.blockers(locked.step, day)
    if open_tasks:
        raise ValidationError(
            _("Schritt %(n)d ist noch nicht abgeschlossen. Offen: %(tasks)s.")
            % {"n": locked.step, "tasks": ", ".join(open_tasks)}
        )
    previous = getattr(locked, rules.COMPLETED_FIELDS[locked.step - 1]) if locked.step > 1 else None
    completed = completed_on or day
    errors = rules.completion_errors(
        locked.step, completed, today=day, previous_completed=previous, done=progress.tasks(locked.step)
    )
    if errors:
        raise ValidationError(errors)
    return update_versioned(
        Onboarding,
        locked.pk,
        {"step": locked.step + 1, rules.COMPLETED_FIELDS[locked.step]: completed},
        expected_version=locked.version,
        actor=actor,
        message=_("Weiter zu Schritt %(n)d") % {"n": locked.step + 1},
    )


@transaction.atomic
def correct_step_date(
    onboarding: Onboarding,
    step: int,
    *,
    completed_on: dt.date | None,
    reason: str,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Onboarding:
    """Correct the day step 1, 2 or 3 was completed (a wrong past date; decision 92): with a reason,
    between the previous step's completion and the next one's (step 3: the execution), not after
    today; an audit entry "berichtigt (mit Begründung)" with the old and the new day. Nothing is
    written when refused; a stale version raises ConflictError."""
    if step not in rules.COMPLETED_FIELDS:
        raise ValidationError(_("Nur die Daten der Schritte 1 bis 3 werden hier berichtigt."))
    locked = _lock(onboarding, expected_version)
    field = rules.COMPLETED_FIELDS[step]
    old = getattr(locked, field)
    following = rules.COMPLETED_FIELDS.get(step + 1)
    errors = rules.step_correction_errors(
        step,
        old,
        completed_on,
        reason,
        today=today_or(today),
        previous_completed=getattr(locked, rules.COMPLETED_FIELDS[step - 1]) if step > 1 else None,
        next_completed=getattr(locked, following) if following else locked.executed_on,
    )
    if errors:
        raise ValidationError(errors)
    assert completed_on is not None and old is not None  # checked above
    return save_correction(locked, field, old, completed_on, reason=reason, actor=actor)


@transaction.atomic
def withdraw_onboarding(
    onboarding: Onboarding, *, expected_version: int, actor: User | None, reason: str = ""
) -> Onboarding:
    """The candidate does not join (for now); the onboarding leaves the pipeline, its data stays."""
    locked = _lock(onboarding, expected_version)
    if locked.status != OnboardingStatus.ACTIVE:
        raise ValidationError(_("Nur ein laufender Beitritt kann zurückgezogen werden."))
    return update_versioned(
        Onboarding,
        locked.pk,
        {"status": OnboardingStatus.WITHDRAWN},
        expected_version=locked.version,
        actor=actor,
        message=reason or _("Beitritt zurückgezogen"),
    )


@transaction.atomic
def complete_membership(
    onboarding: Onboarding,
    *,
    executed_on: dt.date,
    number: str = "",
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Member:
    """Execute the membership: the entry in the register with its date and the first share.

    Refused before the earliest execution date of the state's rule unless the authority's
    earlier reply is recorded. Without a ``number`` the next free one is allocated."""
    locked = _lock(onboarding, expected_version)
    errors: dict[str, str] = {}
    if locked.status != OnboardingStatus.ACTIVE or locked.step != Step.MEMBERSHIP:
        raise ValidationError(_("Der Vollzug ist erst in Schritt 4 möglich."))
    deadline = deadline_of(locked)
    if executed_on > today_or(today):
        errors["executed_on"] = _("Der Vollzug kann nicht in der Zukunft eingetragen werden.")
    elif locked.resolution_completed_on is not None and executed_on < locked.resolution_completed_on:
        errors["executed_on"] = _(
            "Vollzug der Mitgliedschaft am: Der %(day)s liegt vor dem Abschluss von Schritt 3 am %(bound)s."
        ) % {
            "day": rules.format_day(executed_on),
            "bound": rules.format_day(locked.resolution_completed_on),
        }
    elif deadline is not None and deadline.waiting_for_approval:
        errors["executed_on"] = _("Vor dem Vollzug muss die Genehmigung der Aufsichtsbehörde erfasst sein.")
    elif deadline is not None and not deadline.allows_execution_on(executed_on):
        rule = rule_of(locked.municipality)  # there is a deadline, so there is a rule
        assert deadline.earliest_execution is not None and rule is not None
        errors["executed_on"] = _(
            "Der Vollzug ist frühestens am %(d)s möglich (%(rule)s), außer die Aufsichtsbehörde hat "
            "vorher geantwortet – dann bitte die Antwort in Schritt 3 erfassen."
        ) % {"d": rules.format_day(deadline.earliest_execution), "rule": rule.citation}
    cooperative = locked.cooperative
    number = allocate_number(cooperative, number)
    if Member.objects.filter(cooperative=cooperative, number=number).exists():
        errors["number"] = _("Die Mitgliedsnummer %(n)s ist schon vergeben.") % {"n": number}
    if errors:
        raise ValidationError(errors)
    member = _register(
        cooperative,
        locked.municipality,
        number=number,
        admitted_on=executed_on,
        onboarding=locked,
        actor=actor,
    )
    update_versioned(
        Onboarding,
        locked.pk,
        {"executed_on": executed_on, "status": OnboardingStatus.MEMBER},
        expected_version=locked.version,
        actor=actor,
        message=_("Mitgliedschaft vollzogen"),
    )
    return member
