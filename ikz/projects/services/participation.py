"""The cells of the participation matrix: declared, confirmed, back-dated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.services import create_object, update_versioned
from ikz.lib.stand import Bound, effective_date_errors
from ikz.municipalities.models import Municipality, RegionMember
from ikz.projects import rules
from ikz.projects.models import (
    ROLE_FIELDS,
    Participation,
    Project,
    TransitionLog,
)
from ikz.projects.services.common import merge
from ikz.projects.services.common import raise_errors as _raise

# --- participation -----------------------------------------------------------------------------------


def participation_date_errors(
    project: Project, joined_on: dt.date | None, left_on: dt.date | None, *, today: dt.date
) -> dict[str, list[str]]:
    """A back-dated participation (decision 92): not before the project's first step, not after
    today; it cannot end before it began. Empty dates: since the start, still running."""
    first = TransitionLog.objects.filter(project_id=project.pk).order_by("pk").first()
    start = Bound(first.effective_on if first else None, _("dem ersten Schritt des Projekts"))
    errors: dict[str, list[str]] = {}
    if joined_on is not None:
        errors |= effective_date_errors(
            joined_on, today=today, field="joined_on", label=_("beteiligt seit"), not_before=[start]
        )
    if left_on is not None:
        errors |= effective_date_errors(
            left_on,
            today=today,
            field="left_on",
            label=_("beteiligt bis"),
            not_before=[start, Bound(joined_on, _("dem Beginn der Beteiligung"))],
        )
    return errors


def _role_values(roles: Sequence[str]) -> dict[str, bool]:
    return {field: role in roles for role, field in ROLE_FIELDS.items()}


@transaction.atomic
def declare_participation(
    project: Project,
    municipality: Municipality,
    status: str,
    roles: Sequence[str],
    *,
    actor: User | None,
    confirm: bool,
    expected_version: int | None = None,
    joined_on: dt.date | None = None,
    left_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Participation:
    """Set one cell of the matrix. ``confirm``: the actor is the project lead or the office (the
    cell is confirmed); otherwise it is the municipality's own declaration (a draft until confirmed).
    ``expected_version``: the version of the existing cell the form was opened with."""
    errors = merge(
        rules.participation_errors(status, roles),
        participation_date_errors(project, joined_on, left_on, today=today or timezone.localdate()),
    )
    if status not in rules.CELL_STATES:
        errors["status"] = [_("Bitte die Art der Beteiligung wählen.")]
    if not RegionMember.objects.filter(region_id=project.region_id, municipality=municipality).exists():
        errors["__all__"] = [_("%(m)s ist kein Mitglied der Region des Projekts.") % {"m": municipality.name}]
    _raise(errors)
    now = timezone.now()
    values: dict[str, Any] = {
        "status": status,
        **_role_values(roles),
        "joined_on": joined_on,
        "left_on": left_on,
    }
    if confirm:
        values |= {"confirmed_by": actor, "confirmed_at": now}
    else:
        values |= {"declared_by": actor, "declared_at": now, "confirmed_by": None, "confirmed_at": None}
    existing = (
        Participation.objects.select_for_update().filter(project=project, municipality=municipality).first()
    )
    if existing is None:
        return create_object(Participation(project=project, municipality=municipality, **values), actor=actor)
    same = (
        existing.status == status
        and existing.roles == [r for r in rules.ROLES if r in roles]
        and (existing.joined_on, existing.left_on) == (joined_on, left_on)
    )
    if same and (existing.confirmed or not confirm):
        return existing  # nothing changes (a confirmed cell stays confirmed)
    return update_versioned(
        Participation,
        existing.pk,
        values,
        expected_version=existing.version if expected_version is None else expected_version,
        actor=actor,
    )


@transaction.atomic
def confirm_participation(
    participation: Participation, *, actor: User | None, expected_version: int
) -> Participation:
    """The project lead or the office confirms a declared cell as it stands."""
    return update_versioned(
        Participation,
        participation.pk,
        {"confirmed_by": actor, "confirmed_at": timezone.now()},
        expected_version=expected_version,
        actor=actor,
        message=_("Beteiligung bestätigt"),
    )
