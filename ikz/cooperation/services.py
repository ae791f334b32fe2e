"""State changes of the task-area catalogue."""

from __future__ import annotations

from collections.abc import Mapping

from ikz.accounts.models import User
from ikz.audit.services import create_object, update_versioned
from ikz.cooperation.models import CooperationField, TaskArea


def create_task_area(values: Mapping[str, object], *, actor: User | None) -> TaskArea:
    return create_object(TaskArea(**values), actor=actor)


def update_task_area(
    area: TaskArea, values: Mapping[str, object], *, expected_version: int, actor: User
) -> TaskArea:
    return update_versioned(TaskArea, area.pk, values, expected_version=expected_version, actor=actor)


def create_field(area: TaskArea, values: Mapping[str, object], *, actor: User | None) -> CooperationField:
    return create_object(CooperationField(task_area=area, **values), actor=actor)


def update_field(
    field: CooperationField, values: Mapping[str, object], *, expected_version: int, actor: User
) -> CooperationField:
    return update_versioned(
        CooperationField, field.pk, values, expected_version=expected_version, actor=actor
    )
