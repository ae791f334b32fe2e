"""The inventory's effective dates after the fact: ending a cooperation and correcting a wrong
date with a reason (decision 92: corrected, not edited; audit action ``correction``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import ConflictError, record
from ikz.cooperation import rules
from ikz.cooperation.models import Cooperation, Participant, ParticipantStatus
from ikz.cooperation.services.inventory import DATE_FIELDS, date_labels
from ikz.lib.stand import correction_errors, german
from ikz.municipalities.models import Municipality


def _dates(c: Cooperation, **changed: dt.date | None) -> rules.CooperationDates:
    values = {name: getattr(c, name) for name in DATE_FIELDS} | changed
    return rules.CooperationDates(since_year=c.since_year, **values)


def _dated(c: Cooperation) -> list[rules.DatedParticipant]:
    return [
        rules.DatedParticipant(p.municipality.short_name, p.status, p.joined_on, p.left_on)
        for p in c.participants.select_related("municipality")
    ]


def _locked(cooperation: Cooperation, expected_version: int | None) -> Cooperation:
    locked = Cooperation.objects.select_for_update().select_related("region").get(pk=cooperation.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError(locked, {}, expected_version=expected_version)
    return locked


def _planned(c: Cooperation) -> bool:
    return not c.participants.filter(status=ParticipantStatus.EXISTS).exists()


@transaction.atomic
def end_cooperation(
    cooperation: Cooperation,
    ended_on: dt.date,
    reason: str,
    *,
    actor: User | None,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Cooperation:
    """The cooperation ended on ``ended_on`` (its last day: dissolved, not pursued), for ``reason``.
    Not after today, not before its start or its recording; a cooperation ends once (a wrong end
    date is corrected with :func:`correct_cooperation_date`)."""
    locked = _locked(cooperation, expected_version)
    day = today or dt.date.today()
    if locked.ended_on is not None:
        raise ValidationError(
            {
                "ended_on": [
                    _("Ende: Die Kooperation ist bereits zum %(day)s beendet.")
                    % {"day": german(locked.ended_on)}
                ]
            }
        )
    errors = rules.cooperation_date_errors(
        _dates(locked, ended_on=ended_on), [], today=day, planned=_planned(locked), end_reason=reason
    )
    if errors:
        raise ValidationError(errors)
    Cooperation.objects.filter(pk=locked.pk).update(
        ended_on=ended_on, end_reason=reason.strip(), version=locked.version + 1
    )
    record(locked, Action.UPDATE, actor=actor, changes={_("Ende"): ["", german(ended_on)]}, message=reason)
    locked.refresh_from_db()
    return locked


@transaction.atomic
def correct_cooperation_date(
    cooperation: Cooperation,
    field: str,
    new: dt.date,
    reason: str,
    *,
    actor: User | None,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Cooperation:
    """Correct the cooperation's ``field`` (``started_on``, ``ended_on`` or ``recorded_on``) to
    ``new``, with ``reason``: the same checks as when it was entered; an audit entry "berichtigt
    (mit Begründung)" holds the old and new date and the reason."""
    if field not in DATE_FIELDS:
        raise ValidationError({"field": [_("Bitte eines der angebotenen Daten wählen.")]})
    locked = _locked(cooperation, expected_version)
    old = getattr(locked, field)
    label = date_labels()[field]
    if old is None:
        raise ValidationError(
            {
                "field": [
                    _("%(label)s: Es ist noch kein Datum erfasst; bitte in „Bearbeiten“ eintragen.")
                    % {"label": label}
                ]
            }
        )
    errors = correction_errors(reason, old, new)
    errors |= rules.cooperation_date_errors(
        _dates(locked, **{field: new}),
        _dated(locked),
        today=today or dt.date.today(),
        planned=_planned(locked),
        end_reason=locked.end_reason,
    )
    if errors:
        raise ValidationError(errors)
    Cooperation.objects.filter(pk=locked.pk).update(**{field: new}, version=locked.version + 1)
    record(
        locked, Action.CORRECTION, actor=actor, changes={label: [german(old), german(new)]}, message=reason
    )
    locked.refresh_from_db()
    return locked


@transaction.atomic
def correct_participation_date(
    cooperation: Cooperation,
    municipality: Municipality,
    field: str,
    new: dt.date,
    reason: str,
    *,
    actor: User | None,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Participant:
    """Correct when ``municipality`` joined (``joined_on``) or left (``left_on``) the cooperation,
    with ``reason`` (audit action ``correction``). A participant recorded as "since the start" has
    no joining date of its own: correcting it sets one."""
    if field not in ("joined_on", "left_on"):
        raise ValidationError({"field": [_("Bitte eines der angebotenen Daten wählen.")]})
    locked = _locked(cooperation, expected_version)
    participant = (
        Participant.objects.select_related("municipality")
        .filter(cooperation=locked, municipality=municipality)
        .first()
    )
    if participant is None:
        raise ValidationError(
            {"municipality": [_("%(name)s ist nicht beteiligt.") % {"name": municipality.short_name}]}
        )
    label = f"{municipality.short_name}, {date_labels()[field]}"
    old = getattr(participant, field) or (locked.started_on if field == "joined_on" else None)
    if old is None:
        raise ValidationError(
            {
                "field": [
                    _("%(label)s: Es ist noch kein Datum erfasst; bitte in „Bearbeiten“ eintragen.")
                    % {"label": label}
                ]
            }
        )
    errors = correction_errors(reason, old, new)
    changed = rules.DatedParticipant(
        municipality.short_name,
        participant.status,
        new if field == "joined_on" else participant.joined_on,
        new if field == "left_on" else participant.left_on,
    )
    messages = rules.participant_date_errors(_dates(locked), [changed], today=today or dt.date.today())
    if messages:
        errors.setdefault("effective_on", []).extend(messages)
    if errors:
        raise ValidationError(errors)
    setattr(participant, field, new)
    participant.save(update_fields=[field])
    Cooperation.objects.filter(pk=locked.pk).update(version=locked.version + 1)
    record(
        locked, Action.CORRECTION, actor=actor, changes={label: [german(old), german(new)]}, message=reason
    )
    return participant
