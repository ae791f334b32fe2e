"""Writing the audit trail and applying versioned edits. Every app's services call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext as _

from ikz.audit.models import Action, AuditEntry
from ikz.audit.rules import JsonValue, changed_fields, json_value
from ikz.pagecache.services import bump as bump_generation

if TYPE_CHECKING:  # for the annotations only: the audit sits below the accounts and never imports them
    from ikz.accounts.models import User

M = TypeVar("M", bound=models.Model)


class ConflictError(Exception):
    """Somebody else saved the object after the form was opened; nothing was written."""

    def __init__(
        self, current: models.Model, submitted: Mapping[str, object], *, expected_version: int | None = None
    ) -> None:
        self.current = current
        self.submitted = dict(submitted)
        self.expected_version = expected_version
        super().__init__(
            _(
                "Dieser Datensatz wurde inzwischen von jemand anderem geändert. "
                "Ihre Änderungen wurden nicht gespeichert. Bitte prüfen Sie die aktuelle Fassung."
            )
        )

    def record(self, *, actor: User | None, expected_version: int | None = None) -> AuditEntry:
        """Note the refused attempt in the history (call after the failed transaction ended)."""
        if expected_version is None:
            expected_version = self.expected_version
        current_version = getattr(self.current, "version", None)
        return record(
            self.current,
            Action.CONFLICT,
            actor=actor,
            changes={
                k: [json_value(getattr(self.current, k)), json_value(v)] for k, v in self.submitted.items()
            },
            message=_("Veraltete Fassung %(expected)s, aktuell %(current)s")
            % {
                "expected": "?" if expected_version is None else expected_version,
                "current": current_version,
            },
        )

    def comparison(self) -> list[tuple[str, JsonValue, JsonValue]]:
        """``(field label, your value, current value)`` for every field that differs."""
        rows = []
        for name, mine in self.submitted.items():
            current = getattr(self.current, name)
            if json_value(mine) != json_value(current):
                field = self.current._meta.get_field(name.removesuffix("_id"))
                label = str(getattr(field, "verbose_name", name))
                rows.append((label, json_value(mine), json_value(current)))
        return rows


def actor_label(actor: User | None, fallback: str = "System") -> str:
    if actor is None:
        return fallback
    return actor.get_full_name() or actor.get_username()


def record(
    obj: models.Model,
    action: str,
    *,
    actor: User | None,
    changes: Mapping[str, list[JsonValue]] | None = None,
    message: str = "",
    label: str | None = None,
) -> AuditEntry:
    """Write one audit entry for ``obj``; the data generation changes with it (decision 205: no
    cached page outlives a recorded change)."""
    bump_generation()
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=label or actor_label(actor),
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=dict(changes or {}),
        message=message[:500],
    )


def field_values(obj: models.Model, fields: Iterable[str]) -> dict[str, object]:
    return {name: getattr(obj, name) for name in fields}


def create_object(obj: M, *, actor: User | None, message: str = "") -> M:
    """Save a new object and record it with all its concrete field values."""
    obj.full_clean()
    obj.save()
    fields = [f.attname for f in obj._meta.concrete_fields if f.attname not in {"id", "version"}]
    record(
        obj,
        Action.CREATE,
        actor=actor,
        changes=changed_fields({}, field_values(obj, fields)),
        message=message,
    )
    return obj


@transaction.atomic
def update_versioned(
    model: type[M],
    pk: object,
    values: Mapping[str, object],
    *,
    expected_version: int,
    actor: User | None,
    message: str = "",
) -> M:
    """Apply ``values`` to the row ``pk`` if nobody changed it since ``expected_version``.

    The row is locked, the version compared, the object validated, saved with ``version + 1``
    and the changed fields recorded. On a stale version :class:`ConflictError` is raised and
    nothing is written.
    """
    obj = model._default_manager.select_for_update().get(pk=pk)
    current_version: int = getattr(obj, "version")  # noqa: B009 - versioned models only
    if current_version != expected_version:
        raise ConflictError(obj, values, expected_version=expected_version)
    before = field_values(obj, values.keys())
    for name, value in values.items():
        setattr(obj, name, value)
    changes = changed_fields(before, field_values(obj, values.keys()))
    if not changes:
        return obj
    obj.full_clean()
    setattr(obj, "version", current_version + 1)  # noqa: B010
    obj.save()
    record(obj, Action.UPDATE, actor=actor, changes=changes, message=message)
    return obj


def delete_object(obj: models.Model, *, actor: User | None, message: str = "") -> None:
    record(obj, Action.DELETE, actor=actor, message=message)
    obj.delete()


def save_correction(
    obj: M,
    field: str,
    old: dt.date,
    new: dt.date,
    *,
    reason: str,
    actor: User | None,
    label: str | None = None,
    touch: Sequence[str] = (),
) -> M:
    """Write a corrected effective date on a locked, versioned ``obj`` and record it as
    ``Action.CORRECTION`` with the old and the new day and the reason (decision 92). The caller has
    locked the row, checked its version and the bounds; ``touch``: auto-updated fields to save too."""
    setattr(obj, field, new)
    obj.version += 1  # type: ignore[attr-defined]
    obj.save(update_fields=[field, "version", *touch])
    record(
        obj,
        Action.CORRECTION,
        actor=actor,
        changes={label or field: [old.isoformat(), new.isoformat()]},
        message=reason.strip(),
    )
    return obj
