"""State changes of the task-area catalogue and of the regions' inventories of cooperations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
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
    joined_on: dt.date | None = None  # None: since the cooperation's start (or as recorded before)
    left_on: dt.date | None = None


DATE_FIELDS = ("started_on", "ended_on", "recorded_on")


def date_labels() -> dict[str, str]:
    return {
        "started_on": _("Beginn"),
        "ended_on": _("Ende"),
        "recorded_on": _("erfasst am / bekannt seit"),
        "joined_on": _("beteiligt seit"),
        "left_on": _("beteiligt bis"),
    }


def _with_kept_dates(
    rows: Sequence[ParticipantRow], existing: Mapping[int, Participant]
) -> list[ParticipantRow]:
    """A row without dates keeps those recorded for its municipality (callers that do not know the
    dates — a project updating its cooperation, a survey answer — never erase them)."""
    kept = []
    for r in rows:
        before = existing.get(r.municipality.pk)
        if before is not None:
            r = replace(
                r,
                joined_on=r.joined_on or before.joined_on,
                left_on=r.left_on or before.left_on,
            )
        kept.append(r)
    return kept


def _date_refusals(
    region: Region,
    values: Mapping[str, Any],
    rows: Sequence[ParticipantRow],
    *,
    cooperation: Cooperation | None,
    existing: Mapping[int, Participant],
    today: dt.date,
    produced_by_process: bool,
) -> dict[str, list[str]]:
    """The effective dates of the cooperation and its participants (decisions 92, 94)."""

    def current(name: str) -> Any:
        if name in values:
            return values[name]
        return getattr(cooperation, name) if cooperation is not None else None

    coop = rules.CooperationDates(
        recorded_on=current("recorded_on"),
        started_on=current("started_on"),
        ended_on=current("ended_on"),
        since_year=current("since_year"),
    )
    errors = rules.cooperation_date_errors(
        coop,
        [rules.DatedParticipant(r.municipality.short_name, r.status, r.joined_on, r.left_on) for r in rows],
        today=today,
        planned=not any(r.status == ParticipantStatus.EXISTS for r in rows),
        end_reason=str(current("end_reason") or ""),
        process_start=region.established_on if produced_by_process else None,
    )
    labels = date_labels()
    if cooperation is not None:
        errors |= rules.overwritten_dates(
            {name: getattr(cooperation, name) for name in DATE_FIELDS},
            {name: values[name] for name in DATE_FIELDS if name in values},
            labels,
            today,
        )
    for r in rows:
        before = existing.get(r.municipality.pk)
        if before is None:
            continue
        for texts in rules.overwritten_dates(
            {"joined_on": before.joined_on, "left_on": before.left_on},
            {"joined_on": r.joined_on, "left_on": r.left_on},
            {k: f"{r.municipality.short_name}, {labels[k]}" for k in ("joined_on", "left_on")},
            today,
        ).values():
            errors.setdefault("participants", []).extend(texts)
    return errors


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
        + (f", beteiligt seit {r.joined_on:%d.%m.%Y}" if r.joined_on else "")
        + (f", beteiligt bis {r.left_on:%d.%m.%Y}" if r.left_on else "")
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
    produced_by_process: bool = False,
) -> Cooperation:
    """Create a cooperation of ``region``'s inventory, or update ``cooperation``; its participants
    are replaced by ``participants``. Everything is checked before anything is written.

    ``values`` may carry the effective dates ``started_on``, ``ended_on`` (with ``end_reason``) and
    ``recorded_on``; each participant its ``joined_on``/``left_on``. A date already in effect is not
    overwritten (use :func:`correct_cooperation_date`); ``produced_by_process``: the cooperation
    results from the region's IKZ process, so it cannot start before ``region.established_on``."""
    day = today or dt.date.today()
    _check(region, participants, day)
    existing = (
        {p.municipality_id: p for p in cooperation.participants.all()} if cooperation is not None else {}
    )
    participants = _with_kept_dates(participants, existing)
    errors = _date_refusals(
        region,
        values,
        participants,
        cooperation=cooperation,
        existing=existing,
        today=day,
        produced_by_process=produced_by_process,
    )
    if errors:
        raise ValidationError(errors)
    values = dict(values)
    # an update that does not name the symbol (e.g. a project relinking the entry) keeps it
    if not values.get("symbol") and (cooperation is None or "symbol" in values):
        field = values.get("field") or (cooperation.field if cooperation is not None else None)
        used = Cooperation.objects.filter(region=region, field=field)
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
            joined_on=r.joined_on,
            left_on=r.left_on,
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
        ParticipantRow(p.municipality, p.status, p.planned_by, p.reason, p.is_lead, p.joined_on, p.left_on)
        for p in locked.participants.select_related("municipality").exclude(municipality=row.municipality)
    ]
    _check(locked.region, [*others, row], today)
    existing = {p.municipality_id: p for p in locked.participants.filter(municipality=row.municipality)}
    row = _with_kept_dates([row], existing)[0]
    errors = _date_refusals(
        locked.region,
        {},
        [row],
        cooperation=locked,
        existing=existing,
        today=today or dt.date.today(),
        produced_by_process=False,
    )
    if errors:
        raise ValidationError(errors)
    before = _participants_text(list(locked.participants.select_related("municipality")))
    participant, _created = Participant.objects.update_or_create(
        cooperation=locked,
        municipality=row.municipality,
        defaults={
            "status": row.status,
            "planned_by": row.planned_by,
            "reason": row.reason,
            "is_lead": row.is_lead,
            "joined_on": row.joined_on,
            "left_on": row.left_on,
        },
    )
    after = _participants_text(list(locked.participants.select_related("municipality")))
    if before != after:
        Cooperation.objects.filter(pk=locked.pk).update(version=locked.version + 1)
        record(locked, Action.UPDATE, actor=actor, changes={_("Beteiligte"): [before, after]})
        index.refresh(locked)
    return participant
