"""State changes of operating cooperations: details, periods, joining, leaving and notice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import ConflictError, create_object, record, update_versioned
from ikz.cooperation import rules
from ikz.cooperation.models import (
    BoardMeeting,
    Cooperation,
    LegalForm,
    Notice,
    Operation,
    OperationPeriod,
    ParticipantStatus,
    ParticipationSpan,
)
from ikz.cooperation.services.inventory import ParticipantRow, set_participant
from ikz.lib.stand import Bound, effective_date_errors
from ikz.municipalities.models import Municipality, RegionMember
from ikz.search import index

# --- operating cooperations ---------------------------------------------------------------------

OPERATION_FIELDS = (
    "host",
    "external_host",
    "start",
    "initial_months",
    "auto_renewal",
    "renewal_months",
    "notice_months",
    "notice_to",
    "ended_on",
    "staff_positions",
    "advisory_board",
    "advisory_board_note",
    "reporting_duty",
    "reporting_note",
    "report_due_day",
    "report_due_month",
    "note",
)


def _current_participant_ids(cooperation: Cooperation) -> frozenset[int]:
    return frozenset(
        cooperation.participants.filter(status=ParticipantStatus.EXISTS).values_list(
            "municipality_id", flat=True
        )
    )


def operation_problems(cooperation: Cooperation, values: Mapping[str, Any]) -> dict[str, list[str]]:
    """German messages per field for the operating details ``values`` of ``cooperation`` (the form
    shows them at its fields; :func:`save_operation` refuses with them)."""
    host = values.get("host")
    errors = rules.operation_errors(
        rules.OperationInput(
            start=values.get("start"),
            initial_months=values.get("initial_months"),
            auto_renewal=bool(values.get("auto_renewal")),
            renewal_months=values.get("renewal_months"),
            notice_months=values.get("notice_months"),
            ended_on=values.get("ended_on"),
            staff_positions=values.get("staff_positions"),
            host_id=host.pk if host is not None else None,
            external_host=str(values.get("external_host") or ""),
            participant_ids=_current_participant_ids(cooperation),
            notice_to=str(values.get("notice_to") or ""),
            report_due_day=values.get("report_due_day"),
            report_due_month=values.get("report_due_month"),
        )
    )
    legal_form = values.get("legal_form")
    if legal_form is not None and legal_form not in LegalForm.values and legal_form != "":
        errors.setdefault("legal_form", []).append(_("Bitte eine der angebotenen Rechtsformen wählen."))
    return errors


def _operation_refusals(
    locked: Cooperation,
    values: Mapping[str, Any],
    periods: Sequence[PeriodRow] | None,
    joined_on: Mapping[int, dt.date] | None,
) -> dict[str, list[str]]:
    """What :func:`save_operation` refuses, per field: the details, the periods, a start after a
    recorded joining, joinings before the start."""
    errors = operation_problems(locked, values)
    if periods is not None:
        errors |= _period_problems(periods)
    start = values.get("start")
    existing_start = Operation.objects.filter(cooperation=locked).values_list("start", flat=True).first()
    if start is not None and existing_start is not None and start != existing_start:
        later = (
            ParticipationSpan.objects.filter(cooperation=locked, joined_on__lt=start)
            .exclude(joined_on=existing_start)
            .order_by("joined_on")
            .first()
        )
        if later is not None:
            errors.setdefault("start", []).append(
                _("Der Arbeitsstart kann nicht nach einem erfassten Beitritt liegen (%(date)s).")
                % {"date": f"{later.joined_on:%d.%m.%Y}"}
            )
    late = [
        _("Der Beitritt am %(date)s liegt vor dem Arbeitsstart.") % {"date": f"{day:%d.%m.%Y}"}
        for day in (joined_on or {}).values()
        if start is not None and day < start
    ]
    if late:
        errors.setdefault("start", []).extend(late)
    return errors


def _set_legal_form(locked: Cooperation, legal_form: str | None, *, actor: User | None, message: str) -> None:
    """The legal form lives on the cooperation: changed with its own audit entry."""
    if legal_form is not None and legal_form != locked.legal_form:
        labels = dict(LegalForm.choices)
        Cooperation.objects.filter(pk=locked.pk).update(legal_form=legal_form, version=locked.version + 1)
        record(
            locked,
            Action.UPDATE,
            actor=actor,
            changes={
                _("Rechtsform"): [
                    str(labels.get(locked.legal_form, locked.legal_form)),
                    str(labels.get(legal_form, legal_form)),
                ]
            },
            message=message,
        )


@transaction.atomic
def save_operation(
    cooperation: Cooperation,
    values: Mapping[str, Any],
    *,
    actor: User | None,
    expected_version: int | None = None,
    periods: Sequence[PeriodRow] | None = None,
    joined_on: Mapping[int, dt.date] | None = None,
    message: str = "",
    meetings: Sequence[MeetingRow] | None = None,
) -> Operation:
    """Record or change the operating details of ``cooperation`` (``values``: the fields of
    ``OPERATION_FIELDS`` and optionally ``legal_form``, which lives on the cooperation), and with
    ``periods`` its periods, all or nothing.

    Everything is checked first; a stale ``expected_version`` raises ``ConflictError``. When the
    details are first recorded, every current participant gets a participation span from the start,
    or from its date in ``joined_on`` (municipality id → first day) for those who joined later.
    """
    locked = Cooperation.objects.select_for_update().get(pk=cooperation.pk)
    errors = _operation_refusals(locked, values, periods, joined_on)
    if errors:
        raise ValidationError(errors)
    operation_values = {name: values[name] for name in OPERATION_FIELDS if name in values}
    existing = Operation.objects.filter(cooperation=locked).first()
    if existing is None:
        operation = create_object(
            Operation(cooperation=locked, **operation_values), actor=actor, message=message
        )
        with_span = set(
            ParticipationSpan.objects.filter(cooperation=locked).values_list("municipality_id", flat=True)
        )
        ParticipationSpan.objects.bulk_create(
            ParticipationSpan(
                cooperation=locked,
                municipality_id=municipality_id,
                joined_on=(joined_on or {}).get(municipality_id, operation.start),
            )
            for municipality_id in sorted(_current_participant_ids(locked) - with_span)
        )
    else:
        operation = update_versioned(
            Operation,
            existing.pk,
            operation_values,
            expected_version=expected_version if expected_version is not None else existing.version,
            actor=actor,
            message=message,
        )
        if operation.start != existing.start:
            # a corrected start moves those who were there from the start with it
            ParticipationSpan.objects.filter(cooperation=locked, joined_on=existing.start).update(
                joined_on=operation.start
            )
    _set_legal_form(locked, values.get("legal_form"), actor=actor, message=message)
    if periods is not None:
        operation = set_periods(operation, periods, expected_version=operation.version, actor=actor)
    if meetings is not None:
        operation = set_board_meetings(operation, meetings, expected_version=operation.version, actor=actor)
    index.refresh(operation.cooperation)
    return operation


@dataclass(frozen=True)
class PeriodRow:
    label: str
    starts_on: dt.date
    ends_on: dt.date
    lead_months: int | None = None  # prepare the next period so many months before the end


@dataclass(frozen=True)
class MeetingRow:
    """A meeting of the advisory board (Beirat)."""

    date: dt.date
    note: str = ""


def _period_problems(rows: Sequence[PeriodRow]) -> dict[str, list[str]]:
    errors = [
        _("„%(label)s“: Das Ende (%(end)s) liegt vor dem Beginn (%(start)s).")
        % {"label": r.label, "end": f"{r.ends_on:%d.%m.%Y}", "start": f"{r.starts_on:%d.%m.%Y}"}
        for r in rows
        if r.ends_on < r.starts_on
    ] + [_("Bitte jeden Zeitraum bezeichnen, z. B. „Ausschreibung“.") for r in rows if not r.label.strip()]
    return {"periods": errors} if errors else {}


def _period_text(rows: Sequence[PeriodRow] | Sequence[OperationPeriod]) -> str:
    return "; ".join(
        f"{r.label} {r.starts_on:%d.%m.%Y} – {r.ends_on:%d.%m.%Y}"
        + (f" (Vorlauf {r.lead_months} Monate)" if r.lead_months else "")
        for r in rows
    )


@transaction.atomic
def set_periods(
    operation: Operation, rows: Sequence[PeriodRow], *, expected_version: int, actor: User | None
) -> Operation:
    """Replace the periods (e.g. tender periods) of an operating cooperation."""
    errors = _period_problems(rows)
    if errors:
        raise ValidationError(errors)
    locked = Operation.objects.select_for_update().get(pk=operation.pk)
    if locked.version != expected_version:
        raise ConflictError(locked, {}, expected_version=expected_version)
    before = _period_text(list(locked.periods.all()))
    ordered = sorted(rows, key=lambda r: (r.starts_on, r.ends_on))
    after = _period_text(ordered)
    if before == after:
        return locked
    locked.periods.all().delete()
    OperationPeriod.objects.bulk_create(
        OperationPeriod(
            operation=locked,
            label=r.label.strip(),
            starts_on=r.starts_on,
            ends_on=r.ends_on,
            lead_months=r.lead_months,
        )
        for r in ordered
    )
    locked.version += 1
    locked.save(update_fields=["version"])
    record(locked, Action.UPDATE, actor=actor, changes={_("Zeiträume"): [before, after]})
    return locked


@transaction.atomic
def set_board_meetings(
    operation: Operation, rows: Sequence[MeetingRow], *, expected_version: int, actor: User | None
) -> Operation:
    """Replace the dated meetings of the advisory board (past and planned) of an operation."""
    locked = Operation.objects.select_for_update().get(pk=operation.pk)
    if locked.version != expected_version:
        raise ConflictError(locked, {}, expected_version=expected_version)
    ordered = sorted(rows, key=lambda r: r.date)

    def text(items: Sequence[MeetingRow] | Sequence[BoardMeeting]) -> str:
        return "; ".join(f"{r.date:%d.%m.%Y}" + (f" ({r.note})" if r.note else "") for r in items)

    before, after = text(list(locked.board_meetings.all())), text(ordered)
    if before == after:
        return locked
    locked.board_meetings.all().delete()
    BoardMeeting.objects.bulk_create(
        BoardMeeting(operation=locked, date=r.date, note=r.note.strip()) for r in ordered
    )
    locked.version += 1
    locked.save(update_fields=["version"])
    record(locked, Action.UPDATE, actor=actor, changes={_("Beiratssitzungen"): [before, after]})
    return locked


def _locked_operation(cooperation: Cooperation) -> Operation:
    operation = (
        Operation.objects.select_for_update()
        .select_related("cooperation__region")
        .filter(cooperation=cooperation)
        .first()
    )
    if operation is None:
        raise ValidationError(_("Bitte zuerst die Betriebsdaten der Kooperation (Arbeitsstart) erfassen."))
    return operation


def _open_span(cooperation: Cooperation, municipality: Municipality) -> ParticipationSpan | None:
    return (
        ParticipationSpan.objects.filter(
            cooperation=cooperation, municipality=municipality, left_on__isnull=True
        )
        .order_by("-joined_on")
        .first()
    )


def _log_event(operation: Operation, what: str, text: str, *, actor: User | None, note: str) -> None:
    """A participation event changes the operation: new version, one audit entry."""
    Operation.objects.filter(pk=operation.pk).update(version=F("version") + 1)
    operation.refresh_from_db(fields=["version"])
    record(operation, Action.UPDATE, actor=actor, changes={what: ["", text]}, message=note)


@transaction.atomic
def record_joining(
    cooperation: Cooperation,
    municipality: Municipality,
    joined_on: dt.date,
    *,
    actor: User | None,
    note: str = "",
    today: dt.date | None = None,
) -> ParticipationSpan:
    """A municipality joins an operating cooperation on ``joined_on`` (and appears in the inventory)."""
    operation = _locked_operation(cooperation)
    errors: list[str] = []
    if not RegionMember.objects.filter(
        region=operation.cooperation.region, municipality=municipality
    ).exists():
        errors.append(_("%(name)s gehört nicht zur Region.") % {"name": municipality.short_name})
    overlapping = ParticipationSpan.objects.filter(cooperation=cooperation, municipality=municipality).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=joined_on)
    )
    if overlapping.exists():
        errors.append(
            _("%(name)s ist bereits beteiligt (oder bis nach diesem Tag).")
            % {"name": municipality.short_name}
        )
    if joined_on < operation.start:
        errors.append(
            _("Der Beitritt (%(date)s) liegt vor dem Arbeitsstart (%(start)s).")
            % {"date": f"{joined_on:%d.%m.%Y}", "start": f"{operation.start:%d.%m.%Y}"}
        )
    for texts in effective_date_errors(
        joined_on,
        today=today or dt.date.today(),
        field="date",
        label=_("Beitritt"),
        not_before=[Bound(operation.cooperation.started_on, _("dem Beginn der Kooperation"))],
        not_after=[Bound(operation.cooperation.ended_on, _("dem Ende der Kooperation"))],
    ).values():
        errors.extend(texts)
    if errors:
        raise ValidationError({"date": errors})
    span = ParticipationSpan.objects.create(
        cooperation=cooperation, municipality=municipality, joined_on=joined_on, note=note
    )
    current = cooperation.participants.filter(municipality=municipality).first()
    if current is None or current.status != ParticipantStatus.EXISTS:
        set_participant(
            cooperation,
            ParticipantRow(
                municipality,
                ParticipantStatus.EXISTS,
                is_lead=current.is_lead if current else False,
                joined_on=joined_on,
            ),
            actor=actor,
            today=today,
        )
    _log_event(
        operation, _("Beitritt"), f"{municipality.short_name} {joined_on:%d.%m.%Y}", actor=actor, note=note
    )
    return span


@transaction.atomic
def record_leaving(
    cooperation: Cooperation,
    municipality: Municipality,
    left_on: dt.date,
    *,
    actor: User | None,
    note: str = "",
    today: dt.date | None = None,
) -> ParticipationSpan:
    """A municipality leaves after ``left_on`` (its last day). Once that day has passed it is no
    longer a participant in the inventory; its span stays as history."""
    operation = _locked_operation(cooperation)
    span = _leave(operation, municipality, left_on, note=note, today=today)
    _log_event(
        operation, _("Ausscheiden"), f"{municipality.short_name} {left_on:%d.%m.%Y}", actor=actor, note=note
    )
    return span


def _leave(
    operation: Operation, municipality: Municipality, left_on: dt.date, *, note: str, today: dt.date | None
) -> ParticipationSpan:
    cooperation = operation.cooperation
    span = _open_span(cooperation, municipality)
    if span is None:
        raise ValidationError(
            {"municipality": [_("%(name)s ist nicht (mehr) beteiligt.") % {"name": municipality.short_name}]}
        )
    if left_on < span.joined_on:
        raise ValidationError(
            {
                "date": [
                    _("Das Ausscheiden (%(date)s) liegt vor dem Beitritt (%(joined)s).")
                    % {"date": f"{left_on:%d.%m.%Y}", "joined": f"{span.joined_on:%d.%m.%Y}"}
                ]
            }
        )
    before_start = effective_date_errors(
        left_on,
        today=today or dt.date.today(),
        field="date",
        label=_("Ausscheiden"),
        not_before=[Bound(cooperation.started_on, _("dem Beginn der Kooperation"))],
        planned=True,
    )
    if before_start:
        raise ValidationError(before_start)
    if operation.host_id == municipality.pk:
        raise ValidationError(
            {
                "municipality": [
                    _(
                        "Die Sitzkommune kann nicht ausscheiden; bitte zuerst eine andere Sitzkommune "
                        "eintragen."
                    )
                ]
            }
        )
    span.left_on = left_on
    if note:
        span.note = f"{span.note}; {note}" if span.note else note
    span.save(update_fields=["left_on", "note"])
    participant = cooperation.participants.filter(municipality=municipality).first()
    if participant is not None and left_on < (today or dt.date.today()):
        participant.delete()  # the span keeps the history; the as-of views read it (decision 94)
        Cooperation.objects.filter(pk=cooperation.pk).update(version=F("version") + 1)
    elif participant is not None:
        participant.left_on = left_on
        participant.save(update_fields=["left_on"])
    return span


@transaction.atomic
def record_notice(
    cooperation: Cooperation,
    municipality: Municipality,
    given_on: dt.date,
    *,
    actor: User | None,
    note: str = "",
    today: dt.date | None = None,
) -> Notice:
    """A participant gives notice, received on ``given_on``: it leaves at the end of the term that
    notice is in time for (computed from the agreement), recorded on its span."""
    operation = _locked_operation(cooperation)
    effective_on = rules.exit_date(operation.term(), given_on)
    if effective_on is None:
        raise ValidationError(
            {
                "date": [
                    _(
                        "Für diese Kooperation sind weder Laufzeit noch Kündigungsfrist erfasst; bitte das "
                        "Ausscheiden mit Datum erfassen."
                    )
                ]
            }
        )
    if given_on < operation.start:
        raise ValidationError(
            {"date": [_("Die Kündigung kann nicht vor dem Arbeitsstart eingegangen sein.")]}
        )
    notice = Notice(
        cooperation=cooperation,
        municipality=municipality,
        given_on=given_on,
        effective_on=effective_on,
        note=note,
    )
    _leave(operation, municipality, effective_on, note=note, today=today)
    notice.save()
    _log_event(
        operation,
        _("Kündigung"),
        _("%(name)s, eingegangen am %(given)s, wirksam zum %(end)s")
        % {
            "name": municipality.short_name,
            "given": f"{given_on:%d.%m.%Y}",
            "end": f"{effective_on:%d.%m.%Y}",
        },
        actor=actor,
        note=note,
    )
    return notice
