"""State changes of the task-area catalogue and of the regions' inventories of cooperations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from ikz.accounts.models import Role, RoleAssignment, User
from ikz.audit.models import Action
from ikz.audit.services import ConflictError, create_object, record, update_versioned
from ikz.cooperation import rules
from ikz.cooperation.models import (
    Cooperation,
    CooperationField,
    LegalForm,
    Notice,
    NoticeReminder,
    Operation,
    OperationPeriod,
    Participant,
    ParticipantStatus,
    ParticipationSpan,
    TaskArea,
)
from ikz.municipalities.models import ContactPerson, Municipality, Region, RegionMember
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


# --- operating cooperations ---------------------------------------------------------------------

OPERATION_FIELDS = (
    "host",
    "external_host",
    "start",
    "initial_months",
    "auto_renewal",
    "renewal_months",
    "notice_months",
    "ended_on",
    "staff_positions",
    "advisory_board",
    "advisory_board_note",
    "reporting_duty",
    "reporting_note",
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
        )
    )
    legal_form = values.get("legal_form")
    if legal_form is not None and legal_form not in LegalForm.values and legal_form != "":
        errors.setdefault("legal_form", []).append(_("Bitte eine der angebotenen Rechtsformen wählen."))
    return errors


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
) -> Operation:
    """Record or change the operating details of ``cooperation`` (``values``: the fields of
    ``OPERATION_FIELDS`` and optionally ``legal_form``, which lives on the cooperation), and with
    ``periods`` its periods, all or nothing.

    Everything is checked first; a stale ``expected_version`` raises ``ConflictError``. When the
    details are first recorded, every current participant gets a participation span from the start,
    or from its date in ``joined_on`` (municipality id → first day) for those who joined later.
    """
    locked = Cooperation.objects.select_for_update().get(pk=cooperation.pk)
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
    legal_form = values.get("legal_form")
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
    if periods is not None:
        operation = set_periods(operation, periods, expected_version=operation.version, actor=actor)
    index.refresh(operation.cooperation)
    return operation


@dataclass(frozen=True)
class PeriodRow:
    label: str
    starts_on: dt.date
    ends_on: dt.date


def _period_problems(rows: Sequence[PeriodRow]) -> dict[str, list[str]]:
    errors = [
        _("„%(label)s“: Das Ende (%(end)s) liegt vor dem Beginn (%(start)s).")
        % {"label": r.label, "end": f"{r.ends_on:%d.%m.%Y}", "start": f"{r.starts_on:%d.%m.%Y}"}
        for r in rows
        if r.ends_on < r.starts_on
    ] + [_("Bitte jeden Zeitraum bezeichnen, z. B. „Ausschreibung“.") for r in rows if not r.label.strip()]
    return {"periods": errors} if errors else {}


def _period_text(rows: Sequence[PeriodRow] | Sequence[OperationPeriod]) -> str:
    return "; ".join(f"{r.label} {r.starts_on:%d.%m.%Y} – {r.ends_on:%d.%m.%Y}" for r in rows)


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
        OperationPeriod(operation=locked, label=r.label.strip(), starts_on=r.starts_on, ends_on=r.ends_on)
        for r in ordered
    )
    locked.version += 1
    locked.save(update_fields=["version"])
    record(locked, Action.UPDATE, actor=actor, changes={_("Zeiträume"): [before, after]})
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
                municipality, ParticipantStatus.EXISTS, is_lead=current.is_lead if current else False
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
    if left_on < (today or dt.date.today()):
        participant = cooperation.participants.filter(municipality=municipality).first()
        if participant is not None:
            participant.delete()
            Cooperation.objects.filter(pk=cooperation.pk).update(version=F("version") + 1)
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


# --- reminders of notice deadlines (run by a timer, never inside a request) ----------------------

DEFAULT_REMINDER_DAYS = (90, 30)


@dataclass(frozen=True)
class ReminderResult:
    cooperation: Cooperation
    notice_by: dt.date
    term_end: dt.date
    days_left: int
    days_before: int  # the reminder step this e-mail stands for (e.g. 30)
    recipients: tuple[str, ...]
    sent: bool  # False in a dry run


def contact_addresses(municipality_ids: Iterable[int]) -> dict[int, set[str]]:
    """E-mail addresses of the contact persons and contact users of each municipality (two queries)."""
    ids = list(municipality_ids)
    found: dict[int, set[str]] = {}
    for municipality_id, email in (
        ContactPerson.objects.filter(municipality_id__in=ids)
        .exclude(email="")
        .values_list("municipality_id", "email")
    ):
        found.setdefault(municipality_id, set()).add(email)
    for municipality_id, email in (
        RoleAssignment.objects.filter(role=Role.CONTACT, municipality_id__in=ids)
        .exclude(user__email="")
        .values_list("municipality_id", "user__email")
    ):
        if municipality_id is not None:
            found.setdefault(municipality_id, set()).add(email)
    return found


def _reminder_text(
    cooperation: Cooperation, operation: Operation, state: rules.TermState, today: dt.date
) -> str:
    assert state.notice_by is not None and state.notice_for is not None
    return _(
        "Guten Tag,\n\n"
        "die Vereinbarung „%(title)s“ (%(region)s) verlängert sich automatisch um %(renewal)s bis zum "
        "%(renewed)s, wenn sie nicht gekündigt wird.\n\n"
        "%(sentence)s – noch %(days)s Tage.\n\n"
        "Wer zum %(end)s ausscheiden möchte, muss die Kündigung bis zu diesem Tag zugestellt haben "
        "(Kündigungsfrist %(notice)s zum Ende der Laufzeit).%(weekend)s\n\n"
        "Ihre IKZ-Geschäftsstelle"
    ) % {
        "title": cooperation.title,
        "region": cooperation.region.name,
        "renewal": operation.renewal_text,
        "renewed": f"{state.renewed_until:%d.%m.%Y}" if state.renewed_until else "–",
        "sentence": rules.notice_sentence(state),
        "days": (state.notice_by - today).days,
        "end": f"{state.notice_for:%d.%m.%Y}",
        "notice": operation.notice_text,
        "weekend": f" {rules.weekend_hint(state.notice_by)}" if rules.weekend_hint(state.notice_by) else "",
    }


@transaction.atomic
def send_notice_reminders(
    today: dt.date, *, days: Sequence[int] = DEFAULT_REMINDER_DAYS, dry_run: bool = False
) -> list[ReminderResult]:
    """E-mail the region's office and the contacts of the participants ``days`` before each notice
    deadline (e.g. 90 and 30 days). Each step is recorded and sent once; when the timer starts late
    (30 days left, 90-day reminder never sent) one e-mail goes out and both steps are recorded."""
    steps = sorted(set(days), reverse=True)
    operations = list(
        Operation.objects.filter(auto_renewal=True, ended_on__isnull=True).select_related(
            "cooperation__region"
        )
    )
    sent = {
        (cooperation_id, deadline, step)
        for cooperation_id, deadline, step in NoticeReminder.objects.filter(
            cooperation__in=[o.cooperation_id for o in operations]
        ).values_list("cooperation_id", "deadline", "days_before")
    }
    participants: dict[int, list[int]] = {}
    for cooperation_id, municipality_id in Participant.objects.filter(
        cooperation__in=[o.cooperation_id for o in operations], status=ParticipantStatus.EXISTS
    ).values_list("cooperation_id", "municipality_id"):
        participants.setdefault(cooperation_id, []).append(municipality_id)
    addresses = contact_addresses({m for ids in participants.values() for m in ids})
    results = []
    for operation in operations:
        state = rules.term_state(operation.term(), today)
        if state.notice_by is None or state.notice_for is None:
            continue
        days_left = (state.notice_by - today).days
        due = [
            s for s in steps if days_left <= s and (operation.cooperation_id, state.notice_by, s) not in sent
        ]
        if not due:
            continue
        cooperation = operation.cooperation
        recipients = sorted(
            ({cooperation.region.office_email} if cooperation.region.office_email else set())
            | {a for m in participants.get(cooperation.pk, []) for a in addresses.get(m, set())}
        )
        result = ReminderResult(
            cooperation,
            state.notice_by,
            state.notice_for,
            days_left,
            min(due),
            tuple(recipients),
            not dry_run,
        )
        results.append(result)
        if dry_run:
            continue
        if recipients:
            send_mail(
                _("Kündigungsfrist %(title)s: bis %(date)s")
                % {"title": cooperation.title, "date": f"{state.notice_by:%d.%m.%Y}"},
                _reminder_text(cooperation, operation, state, today),
                None,
                recipients,
            )
        NoticeReminder.objects.bulk_create(
            NoticeReminder(
                cooperation=cooperation,
                deadline=state.notice_by,
                days_before=step,
                recipients=", ".join(recipients),
            )
            for step in due
        )
        record(
            cooperation,
            Action.UPDATE,
            actor=None,
            changes={
                _("Erinnerung Kündigungsfrist"): ["", f"{state.notice_by:%d.%m.%Y} ({min(due)} Tage vorher)"]
            },
            message=", ".join(recipients),
        )
    return results
