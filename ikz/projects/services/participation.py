"""The cells of the participation matrix: declared, confirmed, back-dated."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.services import create_object, update_versioned
from ikz.municipalities.models import Municipality, RegionMember
from ikz.projects import rules
from ikz.projects.models import (
    ROLE_FIELDS,
    Participation,
    Project,
)
from ikz.projects.services.common import raise_errors as _raise

# --- participation -----------------------------------------------------------------------------------


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
) -> Participation:
    """Set one cell of the matrix. ``confirm``: the actor is the project lead or the office (the
    cell is confirmed); otherwise it is the municipality's own declaration (a draft until confirmed).
    ``expected_version``: the version of the existing cell the form was opened with."""
    errors = dict(rules.participation_errors(status, roles))
    if status not in rules.CELL_STATES:
        errors["status"] = [_("Bitte die Art der Beteiligung wählen.")]
    if not RegionMember.objects.filter(region_id=project.region_id, municipality=municipality).exists():
        errors["__all__"] = [_("%(m)s ist kein Mitglied der Region des Projekts.") % {"m": municipality.name}]
    _raise(errors)
    now = timezone.now()
    values: dict[str, Any] = {"status": status, **_role_values(roles)}
    if confirm:
        values |= {"confirmed_by": actor, "confirmed_at": now}
    else:
        values |= {"declared_by": actor, "declared_at": now, "confirmed_by": None, "confirmed_at": None}
    existing = (
        Participation.objects.select_for_update().filter(project=project, municipality=municipality).first()
    )
    if existing is None:
        return create_object(Participation(project=project, municipality=municipality, **values), actor=actor)
    same = existing.status == status and existing.roles == [r for r in rules.ROLES if r in roles]
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
