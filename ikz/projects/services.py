"""State changes of IKZ projects; each checks everything first, then writes and records the audit
trail. ``roles`` is what the actor is *for this project* (``access.project_roles``): the services
apply the transition table of ``rules`` with it; views decide visibility before calling."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import ConflictError, actor_label, create_object, record, update_versioned
from ikz.cooperation.models import Cooperation, LegalForm, Participant, ParticipantStatus
from ikz.cooperation.services import ParticipantRow, save_cooperation
from ikz.interests.models import Proposal, ProposalStatus
from ikz.municipalities.models import Municipality, Region, RegionMember
from ikz.projects import rules
from ikz.projects.models import (
    ROLE_FIELDS,
    LessonLearned,
    Milestone,
    Participation,
    Project,
    Status,
    SteeringDecision,
    TransitionLog,
)
from ikz.search import index
from ikz.search.rules import fold

CHARTER_FIELDS = [
    "title",
    "field",
    "year",
    "lead",
    "lead_municipality",
    "introduction",
    "goals",
    "deliverables",
    "start",
    "end",
    "costs",
    "project_group",
    "information_management",
    "variants",
    "source",
]
MILESTONE_FIELDS = ["title", "planned", "forecast", "reached", "note"]
DECISION_FIELDS = ["date", "text", "milestone"]
LESSON_FIELDS = ["title", "worked", "failed", "success_factors", "date"]


def _raise(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise ValidationError(dict(errors))


def check_charter(region: Region, values: Mapping[str, Any], *, exclude_pk: int | None = None) -> None:
    """German messages at the fields: title unique in the region, end not before start, the lead
    municipality a member of the region."""
    errors: dict[str, list[str]] = dict(rules.date_errors(values.get("start"), values.get("end")))
    title = str(values.get("title") or "").strip()
    if not title:
        errors["title"] = [_("Bitte einen Titel angeben.")]
    else:
        twins = Project.objects.filter(region=region, title=title)
        if exclude_pk is not None:
            twins = twins.exclude(pk=exclude_pk)
        if twins.exists():
            errors["title"] = [_("In dieser Region gibt es schon ein Projekt mit diesem Titel.")]
    lead_municipality = values.get("lead_municipality")
    if (
        lead_municipality is not None
        and not RegionMember.objects.filter(region=region, municipality=lead_municipality).exists()
    ):
        errors["lead_municipality"] = [_("Die federführende Kommune ist kein Mitglied der Region.")]
    _raise(errors)


def _log(project: Project, source: str, target: str, *, actor: User | None, reason: str) -> TransitionLog:
    return TransitionLog.objects.create(
        project=project,
        at=timezone.now(),
        actor=actor,
        actor_label=actor_label(actor),
        from_status=source,
        to_status=target,
        reason=reason,
    )


@transaction.atomic
def create_project(
    region: Region,
    values: Mapping[str, Any],
    *,
    actor: User | None,
    status: str = Status.PROPOSAL,
    message: str = "",
) -> Project:
    """A new project, normally a proposal. ``status`` other than a proposal records a project that
    ran before the platform existed (Nacherfassung, e.g. the demo's 2014 pilots): the log says so."""
    clean = {k: values[k] for k in CHARTER_FIELDS if k in values}
    check_charter(region, clean)
    extra = {
        k: values[k] for k in ("verdict", "verdict_reasons", "closing_reason", "finished_on") if k in values
    }
    project = create_object(
        Project(region=region, status=status, **clean, **extra), actor=actor, message=message
    )
    reason = message or (_("Projekt angelegt") if status == Status.PROPOSAL else _("Nacherfassung"))
    _log(project, "", status, actor=actor, reason=reason)
    index.refresh(project)
    return project


@transaction.atomic
def take_over_proposal(proposal: Proposal, *, actor: User | None, today: dt.date | None = None) -> Project:
    """A proposal of the interest procedure becomes a project proposal (state "Vorschlag"): title,
    field and the list of interested municipalities (as introduction); the proposal is marked as
    taken over. Taking it over twice is refused."""
    locked = (
        Proposal.objects.select_for_update(of=("self",)).select_related("call", "topic").get(pk=proposal.pk)
    )
    if locked.status == ProposalStatus.TAKEN_OVER or Project.objects.filter(proposal=locked).exists():
        _raise({"__all__": [_("Dieser Projektvorschlag wurde bereits als Projekt übernommen.")]})
    project = create_project(
        locked.call.region,
        {
            "title": locked.title[:200],
            "field": locked.topic.field,
            "year": (today or timezone.localdate()).year,
            "introduction": locked.description,
        },
        actor=actor,
        message=_("aus Projektvorschlag „%s“") % locked.title,
    )
    Project.objects.filter(pk=project.pk).update(proposal=locked)
    project.proposal = locked
    Proposal.objects.filter(pk=locked.pk).update(status=ProposalStatus.TAKEN_OVER)
    record(
        locked.call,
        Action.UPDATE,
        actor=actor,
        message=_("Projektvorschlag „%s“ als Projekt übernommen") % locked.title,
    )
    return project


@transaction.atomic
def update_charter(
    project: Project, values: Mapping[str, Any], *, expected_version: int, actor: User | None
) -> Project:
    clean = {k: values[k] for k in CHARTER_FIELDS if k in values}
    merged = {k: getattr(project, k) for k in CHARTER_FIELDS} | clean
    check_charter(project.region, merged, exclude_pk=project.pk)
    saved = update_versioned(Project, project.pk, clean, expected_version=expected_version, actor=actor)
    index.refresh(saved)
    return saved


@transaction.atomic
def transition(
    project: Project,
    target: str,
    *,
    actor: User | None,
    roles: Collection[str],
    expected_version: int,
    reason: str = "",
    verdict: str = "",
    verdict_reasons: str = "",
    legal_form: str = "",
    today: dt.date | None = None,
) -> Project:
    """One step of the lifecycle (``rules.TRANSITIONS``). An illegal step, a missing role, an
    incomplete charter at commissioning, a verdict without reasons or a closing without reason is
    refused with the German reason and nothing is written. Reaching "operating" goes through
    :func:`start_operation` (it creates the inventory entry, with ``legal_form``)."""
    if target == Status.OPERATING:
        return start_operation(
            project,
            actor=actor,
            roles=roles,
            expected_version=expected_version,
            reason=reason,
            legal_form=legal_form,
            today=today,
        )
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.version != expected_version:
        raise ConflictError(locked, {"status": target}, expected_version=expected_version)
    errors = rules.transition_errors(
        locked.status,
        target,
        roles,
        verdict=verdict if target == Status.VERDICT else locked.verdict,
        verdict_reasons=verdict_reasons,
        reason=reason,
        charter_missing=locked.charter_missing,
    )
    _raise(errors)
    values: dict[str, Any] = {"status": target}
    if target == Status.VERDICT:
        values |= {"verdict": verdict, "verdict_reasons": verdict_reasons.strip()}
    if target == Status.CLOSED:
        values |= {"closing_reason": reason.strip(), "finished_on": today or timezone.localdate()}
    source = locked.status
    saved = update_versioned(
        Project, locked.pk, values, expected_version=expected_version, actor=actor, message=reason
    )
    _log(saved, source, target, actor=actor, reason=reason.strip() or verdict_reasons.strip())
    index.refresh(saved)
    return saved


def _cooperation_rows(project: Project) -> list[ParticipantRow]:
    return [
        ParticipantRow(
            p.municipality,
            ParticipantStatus.EXISTS,
            is_lead=p.municipality_id == project.lead_municipality_id,
        )
        for p in project.participations.select_related("municipality").filter(status__in=rules.PARTICIPATING)
    ]


def _new_cooperation(
    locked: Project,
    rows: list[ParticipantRow],
    legal_form: str,
    *,
    actor: User | None,
    today: dt.date,
    message: str,
) -> Cooperation:
    """The inventory entry for a project that starts operating (it needs a field and participants)."""
    errors: dict[str, list[str]] = {}
    if locked.field is None:
        errors["__all__"] = [_("Für den Eintrag im Bestand fehlt das Kooperationsfeld des Projekts.")]
    elif not rows:
        errors["__all__"] = [_("Es ist keine Kommune als beteiligt erfasst; der Bestand braucht Beteiligte.")]
    _raise(errors)
    assert locked.field is not None
    return save_cooperation(
        locked.region,
        {
            "field": locked.field,
            "title": locked.title,
            "legal_form": legal_form,
            "since_year": today.year,
            "description": locked.verdict_reasons or locked.goals,
            "source": message,
        },
        rows,
        actor=actor,
        today=today,
        message=message,
    )


def _relink_cooperation(
    locked: Project,
    existing: Cooperation,
    rows: list[ParticipantRow],
    legal_form: str,
    *,
    actor: User | None,
    today: dt.date,
    message: str,
) -> Cooperation:
    """Link an existing entry of the region; its participants follow the project's participation."""
    if existing.region_id != locked.region_id:
        _raise({"__all__": [_("Die Kooperation gehört zu einer anderen Region.")]})
    if not rows:
        return existing
    current = [
        ParticipantRow(p.municipality, p.status, p.planned_by, p.reason, p.is_lead)
        for p in Participant.objects.filter(cooperation=existing).select_related("municipality")
    ]
    if {(r.municipality.pk, r.status, r.is_lead) for r in current} == {
        (r.municipality.pk, r.status, r.is_lead) for r in rows
    }:
        return existing
    values: dict[str, Any] = {"legal_form": legal_form} if legal_form else {}
    return save_cooperation(
        locked.region, values, rows, actor=actor, cooperation=existing, today=today, message=message
    )


@transaction.atomic
def start_operation(
    project: Project,
    *,
    actor: User | None,
    roles: Collection[str],
    expected_version: int,
    reason: str = "",
    legal_form: str = "",
    cooperation: Cooperation | None = None,
    today: dt.date | None = None,
) -> Project:
    """The project becomes an operating cooperation: the inventory entry of the region is created
    through the inventory's service (participants = the municipalities that take part, status
    "exists", lead = the lead municipality), or an existing one — ``cooperation``, else the one
    with the project's title in the region — is linked and its participants updated from the
    project's participation. All or nothing."""
    today = today or timezone.localdate()
    locked = (
        Project.objects.select_for_update(of=("self",)).select_related("region", "field").get(pk=project.pk)
    )
    if locked.version != expected_version:
        raise ConflictError(locked, {"status": Status.OPERATING}, expected_version=expected_version)
    _raise(rules.transition_errors(locked.status, Status.OPERATING, roles, verdict=locked.verdict))
    if legal_form and legal_form not in LegalForm.values:
        _raise({"legal_form": [_("Unbekannte Rechtsform.")]})
    existing = cooperation or locked.cooperation
    if existing is None:
        existing = Cooperation.objects.filter(region=locked.region, title=locked.title).first()
    rows = _cooperation_rows(locked)
    message = _("aus IKZ-Projekt „%(title)s“") % {"title": locked.title}
    if existing is None:
        linked = _new_cooperation(locked, rows, legal_form, actor=actor, today=today, message=message)
    else:
        linked = _relink_cooperation(
            locked, existing, rows, legal_form, actor=actor, today=today, message=message
        )
    saved = update_versioned(
        Project,
        locked.pk,
        {"status": Status.OPERATING, "cooperation": linked, "finished_on": today},
        expected_version=expected_version,
        actor=actor,
        message=reason,
    )
    _log(saved, locked.status, Status.OPERATING, actor=actor, reason=reason.strip() or message)
    index.refresh(saved)
    return saved


# --- the public portal -------------------------------------------------------------------------------


def _free_slug(project: Project) -> str:
    """The title as an address, unique in the region ("pruefung-elektrischer-anlagen", "…-2" for a
    twin); umlauts as ae/oe/ue, ß as ss (the search's folding), not dropped."""
    base = slugify(fold(project.title))[:70] or f"projekt-{project.pk}"
    taken = set(
        Project.objects.filter(region_id=project.region_id, slug__startswith=base)
        .exclude(pk=project.pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def set_published(project: Project, publish: bool, *, actor: User | None, expected_version: int) -> Project:
    """The office shows the project with its results on the public portal, or takes it off again.
    The address (slug) is made once from the title and kept, so links stay valid."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.version != expected_version:
        raise ConflictError(locked, {"published_at": publish}, expected_version=expected_version)
    if publish == locked.published:
        return locked
    values: dict[str, Any] = {"published_at": timezone.now() if publish else None}
    if publish and not locked.slug:
        values["slug"] = _free_slug(locked)
    saved = update_versioned(
        Project,
        locked.pk,
        values,
        expected_version=expected_version,
        actor=actor,
        message=_("im Portal veröffentlicht") if publish else _("aus dem Portal genommen"),
    )
    index.refresh(saved)
    return saved


# --- milestones and decisions ----------------------------------------------------------------------


def _check_milestone(values: Mapping[str, Any], today: dt.date) -> None:
    errors = rules.milestone_errors(
        values.get("planned"), values.get("forecast"), values.get("reached"), today
    )
    if not str(values.get("title") or "").strip():
        errors["title"] = [_("Bitte den Meilenstein benennen.")]
    _raise(errors)


@transaction.atomic
def add_milestone(
    project: Project, values: Mapping[str, Any], *, actor: User | None, today: dt.date | None = None
) -> Milestone:
    clean = {k: values[k] for k in MILESTONE_FIELDS if k in values}
    _check_milestone(clean, today or timezone.localdate())
    return create_object(Milestone(project=project, **clean), actor=actor)


@transaction.atomic
def update_milestone(
    milestone: Milestone,
    values: Mapping[str, Any],
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Milestone:
    clean = {k: values[k] for k in MILESTONE_FIELDS if k in values}
    merged = {k: getattr(milestone, k) for k in MILESTONE_FIELDS} | clean
    _check_milestone(merged, today or timezone.localdate())
    return update_versioned(Milestone, milestone.pk, clean, expected_version=expected_version, actor=actor)


@transaction.atomic
def record_decision(
    project: Project, values: Mapping[str, Any], *, actor: User | None, today: dt.date | None = None
) -> SteeringDecision:
    clean = {k: values[k] for k in DECISION_FIELDS if k in values}
    errors: dict[str, list[str]] = {}
    if not str(clean.get("text") or "").strip():
        errors["text"] = [_("Bitte den Beschluss angeben.")]
    date = clean.get("date")
    if date is None:
        errors["date"] = [_("Bitte das Datum des Beschlusses angeben.")]
    elif date > (today or timezone.localdate()):
        errors["date"] = [_("Ein Beschluss kann nicht in der Zukunft gefasst worden sein.")]
    milestone = clean.get("milestone")
    if milestone is not None and milestone.project_id != project.pk:
        errors["milestone"] = [_("Der Meilenstein gehört zu einem anderen Projekt.")]
    _raise(errors)
    return create_object(SteeringDecision(project=project, **clean), actor=actor)


# --- the charter in the library -----------------------------------------------------------------------


def charter_title(project: Project) -> str:
    return _("Projektauftrag: %(title)s") % {"title": project.title}


@transaction.atomic
def store_charter(project: Project, *, actor: User | None) -> Any:
    """Put the charter (Projektauftrag) as PDF into the document library, visible to the region;
    a charter stored before gets a new version (the old ones stay). Returns the DocumentVersion."""
    from ikz.documents.models import DocType, Document, Visibility
    from ikz.documents.services import store_generated_document
    from ikz.projects.documents import charter_pdf

    title = charter_title(project)
    existing = Document.objects.filter(
        region_id=project.region_id, doc_type=DocType.OTHER, title=title
    ).first()
    return store_generated_document(
        title=title,
        doc_type=DocType.OTHER,
        filename=f"projektauftrag-{slugify(fold(project.title))}.pdf",
        content=charter_pdf(project),
        actor=actor,
        visibility=Visibility.REGION,
        region_id=project.region_id,
        cooperation_id=project.cooperation_id,
        field_ids=[project.field_id] if project.field_id else [],
        description=_("Aus dem IKZ-Projekt „%(title)s“ erzeugt.") % {"title": project.title},
        document=existing,
    )


# --- lessons learned ---------------------------------------------------------------------------------


def _check_lesson(values: Mapping[str, Any], today: dt.date) -> None:
    errors: dict[str, list[str]] = {}
    if not str(values.get("title") or "").strip():
        errors["title"] = [_("Bitte einen Kurztitel angeben.")]
    if not any(str(values.get(k) or "").strip() for k in ("worked", "failed", "success_factors")):
        errors["worked"] = [
            _(
                "Bitte festhalten, was gelungen ist, was nicht gelungen ist oder welche "
                "Erfolgsfaktoren es gab."
            )
        ]
    date = values.get("date")
    if date is None:
        errors["date"] = [_("Bitte das Datum angeben.")]
    elif date > today:
        errors["date"] = [_("Das Datum darf nicht in der Zukunft liegen.")]
    _raise(errors)


@transaction.atomic
def add_lesson(
    project: Project, values: Mapping[str, Any], *, actor: User | None, today: dt.date | None = None
) -> LessonLearned:
    clean = {k: values[k] for k in LESSON_FIELDS if k in values}
    _check_lesson(clean, today or timezone.localdate())
    lesson = create_object(
        LessonLearned(project=project, author=actor, author_label=actor_label(actor), **clean), actor=actor
    )
    index.refresh(lesson)
    return lesson


@transaction.atomic
def update_lesson(
    lesson: LessonLearned,
    values: Mapping[str, Any],
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> LessonLearned:
    clean = {k: values[k] for k in LESSON_FIELDS if k in values}
    merged = {k: getattr(lesson, k) for k in LESSON_FIELDS} | clean
    _check_lesson(merged, today or timezone.localdate())
    saved = update_versioned(LessonLearned, lesson.pk, clean, expected_version=expected_version, actor=actor)
    index.refresh(saved)
    return saved


# --- participation -----------------------------------------------------------------------------------


def _role_values(roles: Sequence[str]) -> dict[str, bool]:
    return {field: role in roles for role, field in ROLE_FIELDS.items()}


@transaction.atomic
def declare_participation(
    project: Project,
    municipality: Municipality,
    status: str,
    roles: Sequence[str],
    *,
    actor: User | None,
    confirm: bool,
    expected_version: int | None = None,
) -> Participation:
    """Set one cell of the matrix. ``confirm``: the actor is the project lead or the office (the
    cell is confirmed); otherwise it is the municipality's own declaration (a draft until confirmed).
    ``expected_version``: the version of the existing cell the form was opened with."""
    errors = dict(rules.participation_errors(status, roles))
    if status not in rules.CELL_STATES:
        errors["status"] = [_("Bitte die Art der Beteiligung wählen.")]
    if not RegionMember.objects.filter(region_id=project.region_id, municipality=municipality).exists():
        errors["__all__"] = [_("%(m)s ist kein Mitglied der Region des Projekts.") % {"m": municipality.name}]
    _raise(errors)
    now = timezone.now()
    values: dict[str, Any] = {"status": status, **_role_values(roles)}
    if confirm:
        values |= {"confirmed_by": actor, "confirmed_at": now}
    else:
        values |= {"declared_by": actor, "declared_at": now, "confirmed_by": None, "confirmed_at": None}
    existing = (
        Participation.objects.select_for_update().filter(project=project, municipality=municipality).first()
    )
    if existing is None:
        return create_object(Participation(project=project, municipality=municipality, **values), actor=actor)
    same = existing.status == status and existing.roles == [r for r in rules.ROLES if r in roles]
    if same and (existing.confirmed or not confirm):
        return existing  # nothing changes (a confirmed cell stays confirmed)
    return update_versioned(
        Participation,
        existing.pk,
        values,
        expected_version=existing.version if expected_version is None else expected_version,
        actor=actor,
    )


@transaction.atomic
def confirm_participation(
    participation: Participation, *, actor: User | None, expected_version: int
) -> Participation:
    """The project lead or the office confirms a declared cell as it stands."""
    return update_versioned(
        Participation,
        participation.pk,
        {"confirmed_by": actor, "confirmed_at": timezone.now()},
        expected_version=expected_version,
        actor=actor,
        message=_("Beteiligung bestätigt"),
    )
