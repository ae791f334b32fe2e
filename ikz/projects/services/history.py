"""Back-capture of a past project ("Vergangenes Projekt nacherfassen", decision 106): one call that
enters a project of the years before the platform — its stages with their dates, the verdict, the
participants with their roles and the day they joined, the outcome — through the same services as
live work, so the same checks run and the same audit entries and log rows are written. All or
nothing: a refusal names the stage's date field (``date_<state>``) or the participant's field
(``p<municipality id>_<field>``), and nothing is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.municipalities.models import Municipality, Region
from ikz.projects import rules
from ikz.projects.models import Project, Status
from ikz.projects.services.charter import create_project
from ikz.projects.services.common import STEP_FIELD, merge, raise_errors
from ikz.projects.services.outcomes import Outcome
from ikz.projects.services.participation import declare_participation
from ikz.projects.services.steps import transition

STAGES = (
    Status.PROPOSAL,
    Status.PRIORITISED,
    Status.COMMISSIONED,
    Status.FEASIBILITY,
    Status.VERDICT,
    Status.IMPLEMENTATION,
)


@dataclass(frozen=True)
class HistoryStep:
    """A stage the project reached and the day it took effect; ``reason``: for closing."""

    target: str
    effective_on: dt.date
    reason: str = ""


@dataclass(frozen=True)
class HistoryParticipant:
    """A cell of the participation matrix, held from ``joined_on`` (empty: from the start)."""

    municipality: Municipality
    status: str
    roles: Sequence[str] = ()
    joined_on: dt.date | None = None
    left_on: dt.date | None = None


def _participate(
    project: Project, rows: Sequence[HistoryParticipant], actor: User | None, today: dt.date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for row in rows:
        try:
            declare_participation(
                project,
                row.municipality,
                row.status,
                row.roles,
                actor=actor,
                confirm=True,
                joined_on=row.joined_on,
                left_on=row.left_on,
                today=today,
            )
        except ValidationError as exc:
            prefix = f"p{row.municipality.pk}_"
            errors = merge(
                errors,
                {
                    f"{prefix}{k}" if k != "__all__" else f"{prefix}status": v
                    for k, v in exc.message_dict.items()
                },
            )
    return errors


def _walk(
    project: Project,
    steps: Sequence[HistoryStep],
    *,
    verdict: str,
    verdict_reasons: str,
    outcome: Outcome,
    legal_form: str,
    actor: User | None,
    today: dt.date,
) -> Project:
    for step in steps[1:]:
        project.refresh_from_db()
        field = f"date_{step.target}" if step.target in STAGES else "date_final"
        try:
            project = transition(
                project,
                step.target,
                actor=actor,
                roles=frozenset({rules.OFFICE}),
                expected_version=project.version,
                reason=step.reason or (_("Nacherfassung") if step.target not in rules.FINAL_STATES else ""),
                verdict=verdict if step.target == Status.VERDICT else "",
                verdict_reasons=verdict_reasons if step.target == Status.VERDICT else "",
                legal_form=legal_form,
                today=today,
                effective_on=step.effective_on,
                outcome=outcome,
                check_charter=False,
            )
        except ValidationError as exc:
            moved = {
                STEP_FIELD: field,
                "__all__": field,
                "reason": "closing_reason" if step.target == Status.CLOSED else field,
            }
            raise ValidationError(
                {moved.get(name, name): messages for name, messages in exc.message_dict.items()}
            ) from exc
    return project


@transaction.atomic
def record_history(
    region: Region,
    values: Mapping[str, Any],
    *,
    steps: Sequence[HistoryStep],
    participants: Sequence[HistoryParticipant] = (),
    outcome: Outcome | None = None,
    verdict: str = "",
    verdict_reasons: str = "",
    legal_form: str = "",
    actor: User | None,
    today: dt.date | None = None,
) -> Project:
    """Enter a past project of ``region``: ``values`` as for :func:`create_project` (title, field,
    year, …); ``steps`` the stages reached in order, the first a proposal, each with its effective
    date (the final one may carry ``outcome`` and, for closing, the reason); ``verdict`` and
    ``verdict_reasons`` for the verdict stage; ``participants`` the confirmed cells of the matrix,
    declared before the later steps (so that "operating" creates the inventory entry with them).

    Each step goes through :func:`transition` as the office of the region (the charter of a past
    project need not be complete to have been commissioned: it is history). Returns the project."""
    today = today or timezone.localdate()
    if not steps or steps[0].target != Status.PROPOSAL:
        raise_errors({"date_proposal": [_("Bitte das Datum des Projektvorschlags angeben.")]})
    try:
        project = create_project(
            region,
            values,
            actor=actor,
            effective_on=steps[0].effective_on,
            today=today,
            message=_("Nacherfassung"),
        )
    except ValidationError as exc:
        raise ValidationError(
            {("date_proposal" if k == STEP_FIELD else k): v for k, v in exc.message_dict.items()}
        ) from exc
    raise_errors(_participate(project, participants, actor, today))
    return _walk(
        project,
        steps,
        verdict=verdict,
        verdict_reasons=verdict_reasons,
        outcome=outcome or Outcome(),
        legal_form=legal_form,
        actor=actor,
        today=today,
    )
