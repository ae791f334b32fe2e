"""State changes of the survey; each records who did what and when, and checks before it writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import ConflictError, create_object, record, save_correction, update_versioned
from ikz.cooperation.models import Cooperation, CooperationField, ParticipantStatus
from ikz.cooperation.services import ParticipantRow, save_cooperation, set_participant
from ikz.lib.stand import correction_errors, german
from ikz.municipalities.models import Municipality, Region, RegionMember
from ikz.municipalities.sources import region_contact_items
from ikz.notifications.models import Kind
from ikz.notifications.services import tell_contacts
from ikz.surveys import rules
from ikz.surveys.models import Answer, Campaign, CampaignStatus, Response, ResponseStatus, Variant


class AnswerErrors(ValidationError):
    """Problems of answers: ``per_answer[i]`` maps a field name to its German message."""

    def __init__(self, per_answer: dict[int, dict[str, str]]) -> None:
        self.per_answer = per_answer
        super().__init__([m for errors in per_answer.values() for m in errors.values()])


@transaction.atomic
def create_campaign(
    region: Any, values: Mapping[str, Any], task_areas: Sequence[Any], *, actor: User | None
) -> Campaign:
    """A new survey; created open, it tells the region's contact persons at once."""
    _check_period(values)
    campaign = create_object(Campaign(region=region, **values), actor=actor)
    campaign.task_areas.set(task_areas)
    if campaign.status == CampaignStatus.OPEN:
        announce_opening(campaign, actor=actor)
    return campaign


def announce_opening(campaign: Campaign, *, actor: User | None) -> int:
    """Tell every contact person of the region's member municipalities that the survey is open: a
    notification in the inbox and, as each person chose, an e-mail (sent by ``send_notifications``
    from the outbox, never inside the request). Once per campaign, person and municipality."""
    region = campaign.region
    deadline = german(campaign.deadline)
    items = region_contact_items(
        region.pk,
        kind=Kind.SURVEY_OPENED,
        text=lambda name: (
            _("Neue Bestandsaufnahme „%(title)s“ der %(region)s: bitte für %(name)s bis %(date)s antworten.")
            % {"title": campaign.title, "region": region.name, "name": name, "date": deadline}
        ),
        link=lambda municipality_id: reverse("surveys:response_detail", args=[campaign.pk, municipality_id]),
        key=f"{Kind.SURVEY_OPENED}:{campaign.pk}",
        due_date=campaign.deadline,
    )
    return tell_contacts(campaign, items, actor=actor)


@transaction.atomic
def update_campaign(
    campaign: Campaign,
    values: Mapping[str, Any],
    task_areas: Sequence[Any],
    *,
    expected_version: int,
    actor: User,
) -> Campaign:
    _check_period(values)
    was_open = Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.OPEN).exists()
    saved = update_versioned(Campaign, campaign.pk, values, expected_version=expected_version, actor=actor)
    before = sorted(a.name for a in saved.task_areas.all())
    saved.task_areas.set(task_areas)
    after = sorted(a.name for a in task_areas)
    if before != after:
        record(
            saved,
            Action.UPDATE,
            actor=actor,
            changes={_("Aufgabengebiete"): ["; ".join(before), "; ".join(after)]},
        )
    if saved.status == CampaignStatus.OPEN and not was_open:
        announce_opening(saved, actor=actor)
    return saved


def _check_period(values: Mapping[str, Any]) -> None:
    if values["period_end"] < values["period_start"]:
        raise ValidationError({"period_end": _("Das Ende des Zeitraums liegt vor seinem Beginn.")})


@transaction.atomic
def save_variant(
    campaign: Campaign,
    name: str,
    level: str,
    fields: Sequence[CooperationField],
    *,
    actor: User,
    variant: Variant | None = None,
) -> Variant:
    allowed = set(campaign.task_areas.values_list("pk", flat=True))
    wrong = [f.name for f in fields if f.task_area_id not in allowed]
    if wrong:
        raise ValidationError(
            {"fields": _("Nicht in den Aufgabengebieten der Erhebung: %(f)s") % {"f": ", ".join(wrong)}}
        )
    if variant is None:
        variant = Variant.objects.create(campaign=campaign, name=name, level=level)
    else:
        variant.name, variant.level = name, level
        variant.save()
    variant.fields.set(fields)
    record(
        campaign,
        Action.UPDATE,
        actor=actor,
        changes={_("Fragebogen-Variante"): ["", f"{name}: {len(fields)} Felder"]},
    )
    return variant


def fields_for(campaign: Campaign, municipality: Municipality) -> list[CooperationField]:
    variants = list(campaign.variants.values_list("pk", "level"))
    chosen = rules.variant_for(municipality.level, variants)
    query = CooperationField.objects.select_related("task_area").order_by(
        "task_area__position", "position", "name"
    )
    if chosen is None:
        return list(query.filter(task_area__in=campaign.task_areas.all()))
    return list(query.filter(variant=chosen))


def _validate(response: Response, answers: Sequence[rules.AnswerInput], today: dt.date) -> None:
    member_ids = set(
        RegionMember.objects.filter(region=response.campaign.region).values_list("municipality_id", flat=True)
    )
    field_ids = {f.pk for f in fields_for(response.campaign, response.municipality)}
    # an answer about a known cooperation names it in a hidden field: only the region's own count
    known = {a.cooperation_id for a in answers if a.cooperation_id}
    region_cooperations = set(
        Cooperation.objects.filter(pk__in=known, region=response.campaign.region).values_list("pk", flat=True)
    )
    per_answer = {}
    for index, answer in enumerate(answers):
        errors = rules.answer_errors(
            answer, own_id=response.municipality_id, member_ids=member_ids, field_ids=field_ids, today=today
        )
        if answer.cooperation_id and answer.cooperation_id not in region_cooperations:
            errors = {
                **errors,
                "title": _("Diese Kooperation gibt es in der Region der Bestandsaufnahme nicht."),
            }
        if errors:
            per_answer[index] = errors
    if per_answer:
        raise AnswerErrors(per_answer)


def answers_text(response: Response) -> str:
    labels = dict(ParticipantStatus.choices)
    return rules.summary(
        [(a.field.name, a.title, str(labels[a.kind])) for a in response.answers.select_related("field")]
    )


@transaction.atomic
def save_draft(
    campaign: Campaign,
    municipality: Municipality,
    answers: Sequence[rules.AnswerInput],
    *,
    expected_version: int | None,
    actor: User,
    today: dt.date | None = None,
) -> Response:
    """Save the answers of ``municipality`` as a draft. A stale ``expected_version`` (somebody of the
    same town hall saved in between) raises ConflictError; bad answers raise AnswerErrors. Nothing is
    written in either case."""
    today = today or timezone.localdate()
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.status != CampaignStatus.OPEN:
        raise ValidationError(
            _("Die Bestandsaufnahme ist nicht geöffnet; Antworten können nicht gespeichert werden.")
        )
    response = Response.objects.select_for_update().filter(campaign=locked, municipality=municipality).first()
    if response is not None and expected_version is not None and response.version != expected_version:
        raise ConflictError(response, {"version": expected_version}, expected_version=expected_version)
    if response is not None and response.status == ResponseStatus.SUBMITTED:
        raise ValidationError(
            _("Der Antwortbogen ist bereits abgegeben. Die Geschäftsstelle kann ihn wieder öffnen.")
        )
    probe = response or Response(campaign=locked, municipality=municipality)
    _validate(probe, answers, today)
    created = response is None
    if response is None:
        response = Response.objects.create(campaign=locked, municipality=municipality)
        before = "–"
    else:
        before = answers_text(response)
        response.answers.all().delete()
    for position, a in enumerate(answers, start=1):
        answer = Answer.objects.create(
            response=response,
            field_id=a.field_id,
            kind=a.kind,
            title=a.title.strip(),
            external_partners=a.external_partners,
            since_year=a.since_year,
            legal_form=a.legal_form,
            lead_id=a.lead_id,
            planned_by=a.planned_by,
            reason=a.reason,
            cooperation_id=a.cooperation_id,
            position=position,
        )
        answer.partners.set(a.partner_ids)
    after = answers_text(response)
    if created or before != after:
        if not created:
            Response.objects.filter(pk=response.pk).update(version=response.version + 1)
            response.version += 1
        record(
            response,
            Action.CREATE if created else Action.UPDATE,
            actor=actor,
            changes={_("Antworten"): [before, after]},
            message=_("Entwurf gespeichert"),
        )
    return response


@transaction.atomic
def submit_response(
    response: Response,
    *,
    actor: User,
    today: dt.date | None = None,
    submitted_on: dt.date | None = None,
    on_behalf: bool = False,
) -> Response:
    """Submit with the day it was handed in (``submitted_on``, "abgegeben am"; default today):
    checks the deadline, refuses a second submission, and carries every answer into the region's
    inventory (an answer about a known cooperation updates this municipality's row).

    The day lies neither after today nor before the campaign opened nor — unless late answers are
    allowed — after the Rücklauffrist. A town hall submitting for itself (``on_behalf=False``)
    must also do so before the deadline has passed today; the office recording a sheet that was
    handed in on paper (``on_behalf=True``) may enter it later with the day it arrived
    (decision 100). The answers are checked as of that day."""
    today = today or timezone.localdate()
    day = submitted_on or today
    locked = (
        Response.objects.select_for_update()
        .select_related("campaign__region", "municipality")
        .get(pk=response.pk)
    )
    campaign = locked.campaign
    if locked.status == ResponseStatus.SUBMITTED:
        raise ValidationError(
            _("Der Antwortbogen wurde bereits abgegeben; es wurde nichts doppelt übernommen.")
        )
    if campaign.status != CampaignStatus.OPEN:
        raise ValidationError(_("Die Bestandsaufnahme ist nicht geöffnet."))
    if not on_behalf and rules.late(campaign.deadline, today, campaign.allow_late):
        raise ValidationError(
            _("Die Rücklauffrist ist am %(date)s abgelaufen. Bitte wenden Sie sich an die Geschäftsstelle.")
            % {"date": campaign.deadline.strftime("%d.%m.%Y")}
        )
    errors = rules.submission_date_errors(
        day,
        today=today,
        opened_on=campaign.period_start,
        deadline=campaign.deadline,
        allow_late=campaign.allow_late,
    )
    if errors:
        raise ValidationError(errors)
    answers = list(locked.answers.select_related("field").prefetch_related("partners"))
    _validate(locked, [_input(a) for a in answers], day)
    for answer in answers:
        _carry_over(locked, answer, actor=actor, day=day)
    locked.status = ResponseStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_on = day
    locked.submitted_by = actor
    locked.version += 1
    locked.save()
    record(
        locked,
        Action.UPDATE,
        actor=actor,
        changes={
            _("Stand"): [str(ResponseStatus.DRAFT.label), str(ResponseStatus.SUBMITTED.label)],
            _("abgegeben am"): [None, day.isoformat()],
        },
    )
    return locked


def _carry_over(response: Response, answer: Answer, *, actor: User, day: dt.date) -> None:
    """One answer into the region's inventory, as of the day the sheet was submitted."""
    campaign, own = response.campaign, response.municipality
    status = answer.kind
    own_row = ParticipantRow(
        own,
        status,
        answer.planned_by,
        answer.reason if status == rules.CONSIDERED else "",
        answer.lead_id == own.pk,
    )
    if answer.cooperation_id:
        set_participant(answer.cooperation, own_row, actor=actor, today=day)  # type: ignore[arg-type]
        return
    rows = [own_row] + [
        ParticipantRow(
            p,
            status,
            answer.planned_by,
            answer.reason if status == rules.CONSIDERED else "",
            answer.lead_id == p.pk,
        )
        for p in answer.partners.all()
    ]
    cooperation = save_cooperation(
        campaign.region,
        {
            "field": answer.field,
            "title": answer.title,
            "description": (answer.external_partners and f"{answer.title} ({answer.external_partners})")
            or answer.title,
            "legal_form": answer.legal_form,
            "since_year": answer.since_year,
            "external_partners": answer.external_partners,
            "source": f"{campaign.title}, Antwort {own.short_name}",
        },
        rows,
        actor=actor,
        today=day,
        message=_("aus der Bestandsaufnahme übernommen"),
    )
    Answer.objects.filter(pk=answer.pk).update(cooperation=cooperation)


@transaction.atomic
def correct_submission_date(
    response: Response,
    *,
    submitted_on: dt.date,
    reason: str,
    expected_version: int,
    actor: User,
    today: dt.date | None = None,
) -> Response:
    """Correct the day a sheet was submitted (a wrong past date; decision 92): with a reason, the
    same bounds as the submission, an audit entry "berichtigt (mit Begründung)" holding the old
    and the new day. Nothing is written when refused; a stale version raises ConflictError."""
    today = today or timezone.localdate()
    locked = Response.objects.select_for_update().select_related("campaign").get(pk=response.pk)
    if locked.version != expected_version:
        raise ConflictError(locked, {"submitted_on": submitted_on}, expected_version=expected_version)
    old = locked.submitted_day
    if locked.status != ResponseStatus.SUBMITTED or old is None:
        raise ValidationError(_("Nur bei abgegebenen Antwortbögen kann das Abgabedatum berichtigt werden."))
    campaign = locked.campaign
    errors = correction_errors(reason, old, submitted_on, field="submitted_on")
    for name, texts in rules.submission_date_errors(
        submitted_on,
        today=today,
        opened_on=campaign.period_start,
        deadline=campaign.deadline,
        allow_late=campaign.allow_late,
    ).items():
        errors.setdefault(name, []).extend(texts)
    if errors:
        raise ValidationError(errors)
    return save_correction(
        locked, "submitted_on", old, submitted_on, reason=reason, actor=actor, label=_("abgegeben am")
    )


def _input(a: Answer) -> rules.AnswerInput:
    return rules.AnswerInput(
        a.field_id, a.kind, a.title, frozenset(p.pk for p in a.partners.all()), a.external_partners,
        a.since_year, a.legal_form, a.lead_id, a.planned_by, a.reason, a.cooperation_id,
    )  # fmt: skip


@transaction.atomic
def reopen_response(response: Response, *, reason: str, actor: User) -> Response:
    if not reason.strip():
        raise ValidationError({"reason": _("Bitte einen Grund für die Wiederöffnung angeben.")})
    limit = Response._meta.get_field("reopened_reason").max_length or 0
    if len(reason.strip()) > limit:
        raise ValidationError(
            {"reason": _("Der Grund darf höchstens %(n)s Zeichen lang sein.") % {"n": limit}}
        )
    locked = Response.objects.select_for_update().get(pk=response.pk)
    if locked.status != ResponseStatus.SUBMITTED:
        raise ValidationError(_("Nur abgegebene Antwortbögen können wieder geöffnet werden."))
    before = locked.submitted_day
    locked.status = ResponseStatus.DRAFT
    locked.reopened_reason = reason.strip()
    locked.submitted_on = None
    locked.version += 1
    locked.save()
    record(
        locked,
        Action.UPDATE,
        actor=actor,
        changes={
            _("Stand"): [str(ResponseStatus.SUBMITTED.label), str(ResponseStatus.DRAFT.label)],
            _("abgegeben am"): [before.isoformat() if before else None, None],
        },
        message=reason,
    )
    return locked


def known_cooperations(campaign: Campaign, municipality: Municipality) -> list[Cooperation]:
    """The region's cooperations in the questionnaire's fields in which the municipality takes part."""
    fields = fields_for(campaign, municipality)
    return list(
        Cooperation.objects.filter(
            region=campaign.region, field__in=fields, participants__municipality=municipality
        )
        .select_related("field")
        .order_by("field__task_area__position", "field__position", "position")
    )


def copy_campaign_as_draft(
    campaign: Campaign, region: Region, *, source: str, actor: User | None
) -> Campaign:
    """A draft copy of ``campaign`` for ``region`` with its task areas and variants, without
    responses (a transfer of the set-up); ``source`` says where it came from."""
    copy = Campaign(
        region=region,
        title=campaign.title,
        introduction=campaign.introduction,
        period_start=campaign.period_start,
        period_end=campaign.period_end,
        deadline=campaign.deadline,
        allow_late=campaign.allow_late,
        status=CampaignStatus.DRAFT,
        source=source,
    )
    create_object(copy, actor=actor)
    copy.task_areas.set(campaign.task_areas.all())
    for variant in campaign.variants.all():
        new = Variant.objects.create(campaign=copy, name=variant.name, level=variant.level)
        new.fields.set(variant.fields.all())
    return copy
