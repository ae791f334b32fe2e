"""The steps of the lifecycle (``rules.TRANSITIONS``) with their effective dates, the inventory entry
of a project that starts operating, and the correction of a step's date (decision 92).

``today`` is the day the checks take as today (default: the real one); ``effective_on`` the day the
step took effect (default: ``today``). A step cannot take effect after today, before the previous
step or before the region's IKZ process began."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import record, update_versioned
from ikz.cooperation.models import Cooperation, LegalForm, Participant, ParticipantStatus
from ikz.cooperation.services import ParticipantRow, save_cooperation
from ikz.lib.stand import Bound, correction_errors, german
from ikz.projects import rules
from ikz.projects.models import Participation, Project, Status, TransitionLog
from ikz.projects.services.common import (
    lock,
    logs_of,
    merge,
    raise_errors,
    step_date_errors,
    step_label,
    write_log,
)
from ikz.projects.services.outcomes import Outcome, outcome_errors, save_outcome
from ikz.search import index


def _step_values(
    target: str, *, verdict: str, verdict_reasons: str, reason: str, effective_on: dt.date
) -> dict[str, Any]:
    values: dict[str, Any] = {"status": target}
    if target == Status.VERDICT:
        values |= {"verdict": verdict, "verdict_reasons": verdict_reasons.strip()}
    if target == Status.CLOSED:
        values["closing_reason"] = reason.strip()
    if target in rules.FINAL_STATES:
        values["finished_on"] = effective_on
    return values


@transaction.atomic
def transition(
    project: Project,
    target: str,
    *,
    actor: User | None,
    roles: Collection[str],
    expected_version: int,
    reason: str = "",
    verdict: str = "",
    verdict_reasons: str = "",
    legal_form: str = "",
    today: dt.date | None = None,
    effective_on: dt.date | None = None,
    outcome: Outcome | None = None,
    check_charter: bool = True,
) -> Project:
    """One step of the lifecycle (``rules.TRANSITIONS``), effective on ``effective_on``. An illegal
    step, a missing role, an incomplete charter at commissioning, a verdict without reasons, a
    closing or pause without reason, an outcome without what it needs or an effective date out of
    bounds is refused with the German reason and nothing is written. ``target`` "resumed" (or the
    state before the pause) resumes a paused project. Reaching "operating" goes through
    :func:`start_operation` (inventory entry, ``legal_form``). ``check_charter=False``: back-capture."""
    outcome = outcome or Outcome()
    if target == Status.OPERATING:
        return start_operation(
            project,
            actor=actor,
            roles=roles,
            expected_version=expected_version,
            reason=reason,
            legal_form=legal_form,
            cooperation=outcome.cooperations[0] if outcome.cooperations else None,
            today=today,
            effective_on=effective_on,
        )
    today = today or timezone.localdate()
    day = effective_on or today
    locked = lock(project, expected_version, {"status": target})
    logs = logs_of(locked)
    paused_from = rules.paused_from([log.step for log in logs])
    step = rules.find_transition(locked.status, target, paused_from)
    errors = merge(
        rules.transition_errors(
            locked.status,
            target,
            roles,
            verdict=verdict if target == Status.VERDICT else locked.verdict,
            verdict_reasons=verdict_reasons,
            reason=reason,
            charter_missing=locked.charter_missing if check_charter else (),
            paused_from=paused_from,
        ),
        step_date_errors(
            locked.region, effective_on or today, today=today, previous=logs[-1] if logs else None
        ),
    )
    if step is not None and step.outcome:
        errors = merge(errors, outcome_errors(locked, step.target, outcome))
    raise_errors(errors)
    assert step is not None
    reached = rules.resolve_target(step, paused_from)
    values = _step_values(
        reached, verdict=verdict, verdict_reasons=verdict_reasons, reason=reason, effective_on=day
    )
    saved = update_versioned(
        Project, locked.pk, values, expected_version=expected_version, actor=actor, message=reason
    )
    write_log(
        saved,
        locked.status,
        reached,
        actor=actor,
        reason=reason.strip() or verdict_reasons.strip(),
        effective_on=day,
        verdict=verdict if reached == Status.VERDICT else "",
    )
    if step.outcome:
        save_outcome(saved, reached, outcome, actor=actor, effective_on=day)
    index.refresh(saved)
    return saved


def _cooperation_rows(project: Project) -> list[ParticipantRow]:
    return [
        ParticipantRow(
            p.municipality,
            ParticipantStatus.EXISTS,
            is_lead=p.municipality_id == project.lead_municipality_id,
        )
        for p in project.participations.select_related("municipality").filter(status__in=rules.PARTICIPATING)
    ]


def _new_cooperation(
    locked: Project,
    rows: list[ParticipantRow],
    legal_form: str,
    *,
    actor: User | None,
    today: dt.date,
    message: str,
) -> Cooperation:
    """The inventory entry for a project that starts operating (it needs a field and participants)."""
    errors: dict[str, list[str]] = {}
    if locked.field is None:
        errors["__all__"] = [_("Für den Eintrag im Bestand fehlt das Kooperationsfeld des Projekts.")]
    elif not rows:
        errors["__all__"] = [_("Es ist keine Kommune als beteiligt erfasst; der Bestand braucht Beteiligte.")]
    raise_errors(errors)
    assert locked.field is not None
    return save_cooperation(
        locked.region,
        {
            "field": locked.field,
            "title": locked.title,
            "legal_form": legal_form,
            "since_year": today.year,
            "description": locked.verdict_reasons or locked.goals,
            "source": message,
        },
        rows,
        actor=actor,
        today=today,
        message=message,
    )


def _relink_cooperation(
    locked: Project,
    existing: Cooperation,
    rows: list[ParticipantRow],
    legal_form: str,
    *,
    actor: User | None,
    today: dt.date,
    message: str,
) -> Cooperation:
    """Link an existing entry of the region; its participants follow the project's participation."""
    if existing.region_id != locked.region_id:
        raise_errors({"__all__": [_("Die Kooperation gehört zu einer anderen Region.")]})
    if not rows:
        return existing
    current = [
        ParticipantRow(p.municipality, p.status, p.planned_by, p.reason, p.is_lead)
        for p in Participant.objects.filter(cooperation=existing).select_related("municipality")
    ]
    if {(r.municipality.pk, r.status, r.is_lead) for r in current} == {
        (r.municipality.pk, r.status, r.is_lead) for r in rows
    }:
        return existing
    values: dict[str, Any] = {"legal_form": legal_form} if legal_form else {}
    return save_cooperation(
        locked.region, values, rows, actor=actor, cooperation=existing, today=today, message=message
    )


@transaction.atomic
def start_operation(
    project: Project,
    *,
    actor: User | None,
    roles: Collection[str],
    expected_version: int,
    reason: str = "",
    legal_form: str = "",
    cooperation: Cooperation | None = None,
    today: dt.date | None = None,
    effective_on: dt.date | None = None,
) -> Project:
    """The project becomes an operating cooperation on ``effective_on``: the inventory entry of the
    region is created through the inventory's service (participants = the municipalities that take
    part, status "exists", lead = the lead municipality), or an existing one — ``cooperation``, else
    the one with the project's title in the region — is linked and its participants updated from
    the project's participation. The outcome links the cooperation. All or nothing."""
    today = today or timezone.localdate()
    day = effective_on or today
    locked = lock(project, expected_version, {"status": Status.OPERATING})
    logs = logs_of(locked)
    raise_errors(
        merge(
            rules.transition_errors(locked.status, Status.OPERATING, roles, verdict=locked.verdict),
            step_date_errors(locked.region, day, today=today, previous=logs[-1] if logs else None),
            {"legal_form": [_("Unbekannte Rechtsform.")]}
            if legal_form and legal_form not in LegalForm.values
            else {},
        )
    )
    existing = cooperation or locked.cooperation
    if existing is None:
        existing = Cooperation.objects.filter(region=locked.region, title=locked.title).first()
    rows = _cooperation_rows(locked)
    message = _("aus IKZ-Projekt „%(title)s“") % {"title": locked.title}
    if existing is None:
        linked = _new_cooperation(locked, rows, legal_form, actor=actor, today=day, message=message)
    else:
        linked = _relink_cooperation(
            locked, existing, rows, legal_form, actor=actor, today=day, message=message
        )
    saved = update_versioned(
        Project,
        locked.pk,
        {"status": Status.OPERATING, "cooperation": linked, "finished_on": day},
        expected_version=expected_version,
        actor=actor,
        message=reason,
    )
    write_log(
        saved,
        locked.status,
        Status.OPERATING,
        actor=actor,
        reason=reason.strip() or message,
        effective_on=day,
    )
    save_outcome(saved, Status.OPERATING, Outcome(cooperations=[linked]), actor=actor, effective_on=day)
    index.refresh(saved)
    return saved


@transaction.atomic
def correct_step_date(
    log: TransitionLog,
    new_date: dt.date | None,
    *,
    reason: str,
    actor: User | None,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> TransitionLog:
    """Correct the effective date of one step (decision 92): a wrong past date is not edited but
    corrected with a reason. The new date must lie between the neighbouring steps, not before the
    region's IKZ process nor after today; the first step not after a participation's start. The
    audit entry (``Action.CORRECTION``) holds old and new date and the reason; the project's
    ``finished_on`` follows its final step. ``expected_version``: of the project (the form's)."""
    today = today or timezone.localdate()
    project = lock(
        project=log.project, expected_version=expected_version, attempted={"effective_on": new_date}
    )
    logs = logs_of(project)
    index_of = [row.pk for row in logs].index(log.pk)
    current = logs[index_of]
    old = current.effective_on
    first_joined = None
    if index_of == 0:
        joined = (
            Participation.objects.filter(project=project, joined_on__isnull=False)
            .order_by("joined_on")
            .first()
        )
        first_joined = joined.joined_on if joined else None
    raise_errors(
        merge(
            correction_errors(reason, old, new_date) if new_date is not None else {},
            step_date_errors(
                project.region,
                new_date,
                today=today,
                previous=logs[index_of - 1] if index_of > 0 else None,
                following=logs[index_of + 1] if index_of + 1 < len(logs) else None,
                not_after=(Bound(first_joined, _("dem Beginn einer Beteiligung")),),
            ),
        )
    )
    assert new_date is not None
    TransitionLog.objects.filter(pk=current.pk).update(effective_on=new_date)
    values: dict[str, Any] = {"version": F("version") + 1}
    if index_of == len(logs) - 1 and current.to_status in rules.FINAL_STATES:
        values["finished_on"] = new_date
    Project.objects.filter(pk=project.pk).update(**values)
    record(
        project,
        Action.CORRECTION,
        actor=actor,
        changes={"effective_on": [old.isoformat(), new_date.isoformat()]},
        message=_("Schritt „%(step)s“: wirksam am %(old)s berichtigt auf %(new)s. Begründung: %(reason)s")
        % {
            "step": step_label(current.to_status),
            "old": german(old),
            "new": german(new_date),
            "reason": reason.strip(),
        },
    )
    current.refresh_from_db()
    return current
