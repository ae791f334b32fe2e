"""What the project services share: refusing with German messages, the log of steps and the checks
of a step's effective date (decision 92)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.services import ConflictError, actor_label
from ikz.lib.stand import Bound, effective_date_errors
from ikz.municipalities.models import Region
from ikz.projects import rules
from ikz.projects.models import Project, TransitionLog

STEP_FIELD = "effective_on"


def raise_errors(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise ValidationError(dict(errors))


def merge(*parts: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Messages of several checks by field, in order."""
    merged: dict[str, list[str]] = {}
    for part in parts:
        for name, messages in part.items():
            merged.setdefault(name, []).extend(messages)
    return merged


def lock(project: Project, expected_version: int | None, attempted: Mapping[str, object]) -> Project:
    """The project row, locked, with its region; a stale version is a conflict."""
    locked = (
        Project.objects.select_for_update(of=("self",)).select_related("region", "field").get(pk=project.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError(locked, dict(attempted), expected_version=expected_version)
    return locked


def logs_of(project: Project) -> list[TransitionLog]:
    """The steps of a project in recorded order (their effective dates never go backwards)."""
    return list(TransitionLog.objects.filter(project_id=project.pk).order_by("pk"))


def step_label(status: str) -> str:
    return str(rules.STATE_LABELS.get(status, status))


def step_date_errors(
    region: Region,
    day: dt.date | None,
    *,
    today: dt.date,
    previous: TransitionLog | None = None,
    following: TransitionLog | None = None,
    not_after: tuple[Bound, ...] = (),
) -> dict[str, list[str]]:
    """A step's effective date: not after today, not before the previous step nor the start of the
    region's IKZ process, not after the next step (when a date is corrected)."""
    before = [Bound(region.established_on, _("dem Beginn des IKZ-Prozesses der Region"))]
    after = list(not_after)
    if previous is not None:
        before.insert(
            0,
            Bound(
                previous.effective_on,
                _("dem vorigen Schritt „%(step)s“") % {"step": step_label(previous.to_status)},
            ),
        )
    if following is not None:
        after.insert(
            0,
            Bound(
                following.effective_on,
                _("dem nächsten Schritt „%(step)s“") % {"step": step_label(following.to_status)},
            ),
        )
    return effective_date_errors(
        day, today=today, field=STEP_FIELD, label=_("Wirksam am"), not_before=before, not_after=after
    )


def write_log(
    project: Project,
    source: str,
    target: str,
    *,
    actor: User | None,
    reason: str,
    effective_on: dt.date,
    verdict: str = "",
) -> TransitionLog:
    return TransitionLog.objects.create(
        project=project,
        at=timezone.now(),
        effective_on=effective_on,
        actor=actor,
        actor_label=actor_label(actor),
        from_status=source,
        to_status=target,
        reason=reason,
        verdict=verdict,
    )
