"""State changes of this app; each records who did what and when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.rules import JsonValue
from ikz.audit.services import ConflictError, create_object, record, save_correction, update_versioned
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.interests import rules
from ikz.interests.models import (
    Answer,
    CallStatus,
    Declaration,
    DeclarationStatus,
    InterestCall,
    Proposal,
    Topic,
)
from ikz.interests.queries import interested_municipalities
from ikz.lib.stand import correction_errors, german
from ikz.municipalities.models import Municipality, Region, RegionMember
from ikz.municipalities.sources import region_contact_items
from ikz.notifications.models import Kind
from ikz.notifications.services import tell_contacts

# (interested, joins the working group) per topic id
Answers = Mapping[int, tuple[bool, bool]]

CALL_FIELDS = ["title", "description", "opened_on", "deadline", "allow_late", "source"]
TOPIC_FIELDS = ["label", "task_area", "field", "position"]


# --- calls and topics -----------------------------------------------------------------------------


def create_call(region: Region, values: Mapping[str, object], *, actor: User | None) -> InterestCall:
    call = InterestCall(region=region, **values)
    _check_call(call)
    return create_object(call, actor=actor)


def update_call(
    call: InterestCall, values: Mapping[str, object], *, expected_version: int, actor: User | None
) -> InterestCall:
    probe = InterestCall(region=call.region, status=call.status, **values)
    _check_call(probe)
    return update_versioned(InterestCall, call.pk, values, expected_version=expected_version, actor=actor)


def _check_call(call: InterestCall) -> None:
    if call.opened_on and call.deadline and call.deadline < call.opened_on:
        raise ValidationError({"deadline": _("Die Frist darf nicht vor dem Tag der Öffnung liegen.")})


@transaction.atomic
def change_call_status(
    call: InterestCall,
    status: str,
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> InterestCall:
    """Open, close or reopen a call. Opening needs at least one topic; it sets ``opened_on`` once."""
    if status not in rules.next_states(call.status):
        raise ValidationError(
            _("Der Stand „%(old)s“ kann nicht zu „%(new)s“ wechseln.")
            % {"old": call.get_status_display(), "new": CallStatus(status).label}
        )
    if status == CallStatus.OPEN and not call.topics.exists():
        raise ValidationError(_("Ein Aufruf ohne Themen kann nicht geöffnet werden."))
    values: dict[str, object] = {"status": status}
    if status == CallStatus.OPEN and call.opened_on is None:
        values["opened_on"] = today or timezone.localdate()
    saved = update_versioned(InterestCall, call.pk, values, expected_version=expected_version, actor=actor)
    if status == CallStatus.OPEN:
        announce_opening(saved, actor=actor)
    return saved


def announce_opening(call: InterestCall, *, actor: User | None) -> int:
    """Tell every contact person of the region's member municipalities that the call is open: a
    notification in the inbox and, as each person chose, an e-mail (sent by ``send_notifications``
    from the outbox, never inside the request). Once per call, person and municipality: reopening
    a closed call tells nobody twice."""
    region = call.region
    deadline = german(call.deadline)
    items = region_contact_items(
        region.pk,
        kind=Kind.INTEREST_OPENED,
        text=lambda name: (
            _(
                "Neues Interessenbekundungsverfahren „%(title)s“ der %(region)s: bitte für %(name)s bis "
                "%(date)s antworten."
            )
            % {"title": call.title, "region": region.name, "name": name, "date": deadline}
        ),
        link=lambda municipality_id: reverse("interests:declaration_detail", args=[call.pk, municipality_id]),
        key=f"{Kind.INTEREST_OPENED}:{call.pk}",
        due_date=call.deadline,
    )
    return tell_contacts(call, items, actor=actor)


def _check_topic(call: InterestCall, values: Mapping[str, object]) -> None:
    if call.status == CallStatus.CLOSED:
        raise ValidationError(
            _("Der Aufruf ist abgeschlossen; seine Themen können nicht mehr geändert werden.")
        )
    area = values.get("task_area")
    field = values.get("field")
    if isinstance(field, CooperationField) and isinstance(area, TaskArea) and field.task_area_id != area.pk:
        raise ValidationError({"field": _("Das Kooperationsfeld gehört nicht zum gewählten Aufgabengebiet.")})


def create_topic(call: InterestCall, values: Mapping[str, object], *, actor: User | None) -> Topic:
    _check_topic(call, values)
    topic = create_object(Topic(call=call, **values), actor=actor)
    record(call, Action.UPDATE, actor=actor, message=_("Thema „%s“ hinzugefügt") % topic.label)
    return topic


def update_topic(
    topic: Topic, values: Mapping[str, object], *, expected_version: int, actor: User | None
) -> Topic:
    _check_topic(topic.call, values)
    return update_versioned(Topic, topic.pk, values, expected_version=expected_version, actor=actor)


# --- declarations ---------------------------------------------------------------------------------


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nein")


class DeclarationConflict(ConflictError):
    """Somebody saved the declaration in between; the comparison lists note and answers."""

    def __init__(self, current: Declaration, note: str, answers: Answers, *, expected_version: int) -> None:
        super().__init__(current, {"note": note}, expected_version=expected_version)
        self.answers = dict(answers)

    def comparison(self) -> list[tuple[str, JsonValue, JsonValue]]:
        rows = super().comparison()
        declaration: Declaration = self.current  # type: ignore[assignment]
        saved = {a.topic_id: a for a in declaration.answers.all()}
        for topic in declaration.call.topics.order_by("position", "id"):
            mine = self.answers.get(topic.pk, (False, False))
            answer = saved.get(topic.pk)
            current = (answer.interested, answer.joins_working_group) if answer else (False, False)
            if mine[0] != current[0]:
                rows.append(
                    (_("%s: Kooperation gewünscht") % topic.label, _yes_no(mine[0]), _yes_no(current[0]))
                )
            if mine[1] != current[1]:
                rows.append((_("%s: Arbeitsgruppe IKZ") % topic.label, _yes_no(mine[1]), _yes_no(current[1])))
        return rows


def _check_declaration(
    call: InterestCall, municipality: Municipality, answers: Answers, today: dt.date
) -> None:
    if not RegionMember.objects.filter(region_id=call.region_id, municipality=municipality).exists():
        raise ValidationError(_("%s gehört nicht zur Region dieses Aufrufs.") % municipality)
    refusal = rules.answer_refusal(call.status, call.deadline, call.allow_late, today)
    if refusal:
        raise ValidationError(refusal)
    topic_ids = set(call.topics.values_list("id", flat=True))
    unknown = set(answers) - topic_ids
    if unknown:
        raise ValidationError(_("Die Antworten nennen Themen, die dieser Aufruf nicht hat."))
    errors = {
        f"working_group_{topic_id}": message
        for topic_id, (interested, joins) in answers.items()
        if (message := rules.answer_error(interested, joins))
    }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_declaration(
    call: InterestCall,
    municipality: Municipality,
    answers: Answers,
    *,
    note: str = "",
    submit: bool = False,
    expected_version: int | None,
    actor: User | None,
    source: str = "",
    today: dt.date | None = None,
    submitted_on: dt.date | None = None,
    on_behalf: bool = False,
) -> Declaration:
    """Save the answers of ``municipality`` (a draft, or submitted with ``submit``).

    One declaration per call and municipality: saving or submitting again changes it, never adds
    one. A submitted declaration stays submitted and keeps the day it was sent. ``expected_version``
    is the version the form was based on (``None`` or 0: the form was empty); a stale one raises
    :class:`DeclarationConflict`. ``submitted_on`` is the day it was sent (default today; decision
    103): not after today, not before the call opened, not after the deadline unless late answers
    are allowed; the office recording a paper declaration (``on_behalf``) is held to that day's
    deadline, a town hall also to today's."""
    # ``today`` (tests, demo) also dates the submission, at noon of that day
    moment = timezone.now() if today is None else timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
    today = today or timezone.localdate()
    day = submitted_on or today
    # the office's paper declaration: its deadline is checked on the day it was sent (below)
    _check_declaration(call, municipality, answers, call.deadline if on_behalf and submit else today)
    full = {t: answers.get(t, (False, False)) for t in call.topics.values_list("id", flat=True)}
    declaration = Declaration.objects.select_for_update().filter(call=call, municipality=municipality).first()
    if submit and (declaration is None or declaration.status != DeclarationStatus.SUBMITTED):
        errors = rules.submission_date_errors(
            day, today=today, opened_on=call.opened_on, deadline=call.deadline, allow_late=call.allow_late
        )
        if errors:
            raise ValidationError(errors)
    if declaration is None:
        if expected_version:
            raise ValidationError(_("Diese Interessenbekundung gibt es nicht mehr."))
        return _create_declaration(
            call,
            municipality,
            full,
            note=note,
            source=source,
            submit=submit,
            moment=moment,
            actor=actor,
            day=day,
        )
    if declaration.version != (expected_version or 0):
        raise DeclarationConflict(declaration, note, full, expected_version=expected_version or 0)
    changes = _apply_answers(declaration, full)
    if declaration.note != note:
        changes["note"] = [declaration.note, note]
        declaration.note = note
    newly_submitted = submit and declaration.status != DeclarationStatus.SUBMITTED
    if newly_submitted:
        changes["status"] = [declaration.status, DeclarationStatus.SUBMITTED.value]
        changes["submitted_on"] = [None, day.isoformat()]
        declaration.status = DeclarationStatus.SUBMITTED
        declaration.submitted_on = day
        declaration.submitted_at = moment
        declaration.submitted_by = actor
    if not changes:
        return declaration
    declaration.version += 1
    declaration.save()
    record(
        declaration,
        Action.UPDATE,
        actor=actor,
        changes=changes,
        message=_("abgesendet") if newly_submitted else "",
    )
    if newly_submitted:
        _note_submitted(call, municipality, actor=actor)
    return declaration


def _create_declaration(
    call: InterestCall,
    municipality: Municipality,
    full: Answers,
    *,
    note: str,
    source: str,
    submit: bool,
    moment: dt.datetime,
    actor: User | None,
    day: dt.date,
) -> Declaration:
    """The first declaration of ``municipality`` for ``call``, with an answer for every topic."""
    declaration = create_object(
        Declaration(
            call=call,
            municipality=municipality,
            note=note,
            source=source,
            status=DeclarationStatus.SUBMITTED if submit else DeclarationStatus.DRAFT,
            submitted_at=moment if submit else None,
            submitted_on=day if submit else None,
            submitted_by=actor if submit else None,
        ),
        actor=actor,
        message=_("abgesendet") if submit else _("Entwurf gespeichert"),
    )
    Answer.objects.bulk_create(
        Answer(declaration=declaration, topic_id=t, interested=i, joins_working_group=j)
        for t, (i, j) in full.items()
    )
    if submit:
        _note_submitted(call, municipality, actor=actor)
    return declaration


def _note_submitted(call: InterestCall, municipality: Municipality, *, actor: User | None) -> None:
    """The call's history notes each submission."""
    message = _("Interessenbekundung von %s abgesendet") % municipality
    record(call, Action.UPDATE, actor=actor, message=message)


def _apply_answers(declaration: Declaration, answers: Answers) -> dict[str, list[JsonValue]]:
    saved = {a.topic_id: a for a in declaration.answers.select_related("topic")}
    labels = dict(declaration.call.topics.values_list("id", "label"))
    changes: dict[str, list[JsonValue]] = {}
    for topic_id, (interested, joins) in answers.items():
        answer = saved.get(topic_id)
        before = (answer.interested, answer.joins_working_group) if answer else (False, False)
        if before == (interested, joins) and answer is not None:
            continue
        if answer is None:
            Answer.objects.create(
                declaration=declaration, topic_id=topic_id, interested=interested, joins_working_group=joins
            )
        else:
            answer.interested, answer.joins_working_group = interested, joins
            answer.save(update_fields=["interested", "joins_working_group"])
        label = labels[topic_id]
        if before[0] != interested:
            changes[f"{label}: Kooperation gewünscht"] = [before[0], interested]
        if before[1] != joins:
            changes[f"{label}: Arbeitsgruppe IKZ"] = [before[1], joins]
    return changes


# --- proposals ------------------------------------------------------------------------------------

# What else becomes of a new proposal: the projects app adds a handler (ikz/projects/sources.py, from
# ProjectsConfig.ready()) that takes it over as a project with the interested municipalities as its
# participants, so the proposal appears on the project list. A list here, so that this app, which
# projects builds on, knows nothing of projects (decision 137).
PROPOSAL_HANDLERS: list[Callable[[Proposal, User | None], object]] = []


@transaction.atomic
def propose_project(topic: Topic, *, actor: User | None) -> tuple[Proposal, bool]:
    """Turn a topic of the ranking into a project proposal; ``(proposal, created)``.

    A topic has at most one proposal: asking again returns the existing one."""
    Topic.objects.select_for_update().get(pk=topic.pk)
    existing = Proposal.objects.filter(topic=topic).first()
    if existing is not None:
        return existing, False
    rows = interested_municipalities(topic)
    if not rows:
        raise ValidationError(_("Für dieses Thema hat noch keine Kommune Interesse bekundet."))
    lines = [
        _("Aus dem Interessenbekundungsverfahren „%(call)s“, Thema „%(topic)s“.")
        % {"call": topic.call.title, "topic": topic.label},
        _("Interessierte Kommunen (%d):") % len(rows),
    ]
    for label, municipality, joins in rows:
        suffix = _(" – Arbeitsgruppe IKZ") if joins else ""
        lines.append(f"- {label}: {municipality.name} ({municipality.key}){suffix}")
    proposal = create_object(
        Proposal(
            call=topic.call,
            topic=topic,
            title=_("IKZ-Projekt: %s") % topic.label,
            description="\n".join(lines),
            created_by=actor,
        ),
        actor=actor,
    )
    record(
        topic.call, Action.UPDATE, actor=actor, message=_("Projektvorschlag „%s“ angelegt") % proposal.title
    )
    for handler in PROPOSAL_HANDLERS:  # in this transaction: a refusal there writes nothing here
        handler(proposal, actor)
    proposal.refresh_from_db()
    return proposal, True


# --- transfer of a region's set-up (called by ikz.transfer.services) --------------------------------


def copy_call_as_draft(
    call: InterestCall, region: Region, *, source: str, actor: User | None
) -> InterestCall:
    """A draft copy of ``call`` for ``region`` with its topics, without declarations; ``source``
    says where it came from."""
    copy = InterestCall(
        region=region,
        title=call.title,
        description=call.description,
        deadline=call.deadline,
        allow_late=call.allow_late,
        status=CallStatus.DRAFT,
        source=source,
    )
    create_object(copy, actor=actor)
    Topic.objects.bulk_create(
        [
            Topic(
                call=copy,
                label=t.label,
                task_area_id=t.task_area_id,
                field_id=t.field_id,
                position=t.position,
            )
            for t in call.topics.all()
        ]
    )
    return copy


@transaction.atomic
def correct_submission_date(
    declaration: Declaration,
    *,
    submitted_on: dt.date,
    reason: str,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Declaration:
    """Correct the day a declaration was sent, with a reason (audit "berichtigt (mit
    Begründung)"); the same bounds as the submission. Refused: nothing written."""
    today = today or timezone.localdate()
    locked = Declaration.objects.select_for_update().select_related("call").get(pk=declaration.pk)
    if locked.version != expected_version:
        raise ConflictError(locked, {"submitted_on": submitted_on}, expected_version=expected_version)
    old = locked.submitted_on or (timezone.localdate(locked.submitted_at) if locked.submitted_at else None)
    if locked.status != DeclarationStatus.SUBMITTED or old is None:
        raise ValidationError(
            _("Nur bei abgesendeten Interessenbekundungen kann das Datum berichtigt werden.")
        )
    call = locked.call
    errors = correction_errors(reason, old, submitted_on, field="submitted_on")
    for name, texts in rules.submission_date_errors(
        submitted_on,
        today=today,
        opened_on=call.opened_on,
        deadline=call.deadline,
        allow_late=call.allow_late,
    ).items():
        errors.setdefault(name, []).extend(texts)
    if errors:
        raise ValidationError(errors)
    return save_correction(
        locked,
        "submitted_on",
        old,
        submitted_on,
        reason=reason,
        actor=actor,
        label=_("abgesendet am"),
        touch=["updated_at"],
    )
