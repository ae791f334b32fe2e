"""State changes of the task-area catalogue and of the regions' inventories of cooperations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import create_object, record, update_versioned
from ikz.cooperation import rules
from ikz.cooperation.models import (
    Cooperation,
    CooperationField,
    Participant,
    ParticipantStatus,
    TaskArea,
)
from ikz.municipalities.models import Municipality, Region, RegionMember
from ikz.search import index


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


# --- the inventory -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantRow:
    municipality: Municipality
    status: str  # ParticipantStatus value
    planned_by: dt.date | None = None
    reason: str = ""
    is_lead: bool = False


def _check(region: Region, rows: Sequence[ParticipantRow], today: dt.date | None) -> None:
    member_ids = set(RegionMember.objects.filter(region=region).values_list("municipality_id", flat=True))
    errors = rules.participant_errors(
        [
            rules.Row(
                r.municipality.pk, r.municipality.short_name, r.status, r.planned_by, r.reason, r.is_lead
            )
            for r in rows
        ],
        member_ids,
        today or dt.date.today(),
    )
    if errors:
        raise ValidationError({"participants": errors})


def _participants_text(rows: Sequence[ParticipantRow] | Sequence[Participant]) -> str:
    labels = dict(ParticipantStatus.choices)
    return "; ".join(
        f"{r.municipality.short_name}: {labels[r.status]}"
        + (f" bis {r.planned_by:%d.%m.%Y}" if r.planned_by else "")
        + (" (federführend)" if r.is_lead else "")
        for r in rows
    )


@transaction.atomic
def save_cooperation(
    region: Region,
    values: Mapping[str, Any],
    participants: Sequence[ParticipantRow],
    *,
    actor: User | None,
    cooperation: Cooperation | None = None,
    expected_version: int | None = None,
    today: dt.date | None = None,
    message: str = "",
) -> Cooperation:
    """Create a cooperation of ``region``'s inventory, or update ``cooperation``; its participants
    are replaced by ``participants``. Everything is checked before anything is written."""
    _check(region, participants, today)
    values = dict(values)
    if not values.get("symbol"):
        used = Cooperation.objects.filter(region=region, field=values["field"])
        if cooperation is not None:
            used = used.exclude(pk=cooperation.pk)
        values["symbol"] = rules.next_symbol(used.values_list("symbol", flat=True))
    if cooperation is None:
        saved = create_object(Cooperation(region=region, **values), actor=actor, message=message)
        before = ""
    else:
        before = _participants_text(list(cooperation.participants.select_related("municipality")))
        saved = update_versioned(
            Cooperation,
            cooperation.pk,
            values,
            expected_version=expected_version if expected_version is not None else cooperation.version,
            actor=actor,
            message=message,
        )
        saved.participants.all().delete()
    Participant.objects.bulk_create(
        Participant(
            cooperation=saved,
            municipality=r.municipality,
            status=r.status,
            planned_by=r.planned_by,
            reason=r.reason,
            is_lead=r.is_lead,
        )
        for r in participants
    )
    after = _participants_text(participants)
    if before != after:
        if cooperation is not None and saved.version == cooperation.version:
            Cooperation.objects.filter(pk=saved.pk).update(version=saved.version + 1)
            saved.version += 1
        record(saved, Action.UPDATE, actor=actor, changes={_("Beteiligte"): [before, after]}, message=message)
    index.refresh(saved)  # title, description and existing participants are searched
    return saved


@transaction.atomic
def set_participant(
    cooperation: Cooperation, row: ParticipantRow, *, actor: User | None, today: dt.date | None = None
) -> Participant:
    """Add or update one municipality's row (e.g. from a town hall's submitted survey answer)."""
    locked = Cooperation.objects.select_for_update().get(pk=cooperation.pk)
    others = [
        ParticipantRow(p.municipality, p.status, p.planned_by, p.reason, p.is_lead)
        for p in locked.participants.select_related("municipality").exclude(municipality=row.municipality)
    ]
    _check(locked.region, [*others, row], today)
    before = _participants_text(list(locked.participants.select_related("municipality")))
    participant, _created = Participant.objects.update_or_create(
        cooperation=locked,
        municipality=row.municipality,
        defaults={
            "status": row.status,
            "planned_by": row.planned_by,
            "reason": row.reason,
            "is_lead": row.is_lead,
        },
    )
    after = _participants_text(list(locked.participants.select_related("municipality")))
    if before != after:
        Cooperation.objects.filter(pk=locked.pk).update(version=locked.version + 1)
        record(locked, Action.UPDATE, actor=actor, changes={_("Beteiligte"): [before, after]})
        index.refresh(locked)
    return participant
