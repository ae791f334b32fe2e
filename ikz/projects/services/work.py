"""The portal, milestones, decisions of the steering group, the charter in the library, lessons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.services import ConflictError, actor_label, create_object, update_versioned
from ikz.projects import rules
from ikz.projects.models import (
    LessonLearned,
    Milestone,
    Project,
    SteeringDecision,
)
from ikz.projects.services.charter import DECISION_FIELDS, LESSON_FIELDS, MILESTONE_FIELDS
from ikz.projects.services.common import raise_errors as _raise
from ikz.search import index
from ikz.search.rules import fold

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


def _decision_errors(project: Project, clean: Mapping[str, Any], today: dt.date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not str(clean.get("text") or "").strip():
        errors["text"] = [_("Bitte den Beschluss angeben.")]
    date = clean.get("date")
    if date is None:
        errors["date"] = [_("Bitte das Datum des Beschlusses angeben.")]
    elif date > today:
        errors["date"] = [_("Ein Beschluss kann nicht in der Zukunft gefasst worden sein.")]
    milestone = clean.get("milestone")
    if milestone is not None and milestone.project_id != project.pk:
        errors["milestone"] = [_("Der Meilenstein gehört zu einem anderen Projekt.")]
    due_on = clean.get("due_on")
    if due_on is not None and date is not None and due_on < date:
        errors["due_on"] = [_("Zu erledigen bis: Die Frist kann nicht vor dem Beschluss liegen.")]
    if due_on is not None and not str(clean.get("responsible") or "").strip():
        errors["responsible"] = [_("Wer handelt: Bitte angeben, wer bis zu dieser Frist handeln muss.")]
    return errors


@transaction.atomic
def record_decision(
    project: Project, values: Mapping[str, Any], *, actor: User | None, today: dt.date | None = None
) -> SteeringDecision:
    """A decision of the steering group, with who must act by when (Beschlusskontrolle); recorded
    here once, whether entered on the project's page or from a meeting's agenda item."""
    clean = {k: values[k] for k in DECISION_FIELDS if k in values and values[k] is not None}
    _raise(_decision_errors(project, clean, today or timezone.localdate()))
    return create_object(SteeringDecision(project=project, **clean), actor=actor)


@transaction.atomic
def update_decision(
    decision: SteeringDecision,
    values: Mapping[str, Any],
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> SteeringDecision:
    """Correct a decision's text or its action while the meeting's minutes are not approved yet."""
    clean = {k: values[k] for k in DECISION_FIELDS if k in values}
    merged = {k: getattr(decision, k) for k in DECISION_FIELDS} | clean
    _raise(_decision_errors(decision.project, merged, today or timezone.localdate()))
    return update_versioned(
        SteeringDecision, decision.pk, clean, expected_version=expected_version, actor=actor
    )


@transaction.atomic
def complete_decision(
    decision: SteeringDecision,
    done_on: dt.date | None,
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> SteeringDecision:
    """Beschlusskontrolle: the action of a decision is done (on ``done_on``, not before the decision
    and not in the future)."""
    today = today or timezone.localdate()
    if done_on is None:
        _raise({"done_on": [_("Erledigt am: Bitte das Datum angeben.")]})
    elif done_on < decision.date:
        _raise({"done_on": [_("Erledigt am: Das Datum liegt vor dem Beschluss.")]})
    elif done_on > today:
        _raise({"done_on": [_("Erledigt am: Das Datum liegt in der Zukunft.")]})
    return update_versioned(
        SteeringDecision, decision.pk, {"done_on": done_on}, expected_version=expected_version, actor=actor
    )


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
