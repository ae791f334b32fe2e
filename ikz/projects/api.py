"""API: projects, milestones and participations; PATCH of a project's basics and of a milestone's dates.

Writes go through ``services`` (validation, versions, audit) and carry the ``version`` they are
based on; a stale one is answered with 409."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ikz.api.core import (
    ERRORS,
    LIST_ERRORS,
    WRITE_ERRORS,
    ChangedSince,
    Page,
    Paging,
    filtered,
    page_since,
    pk_path,
    user_of,
)
from ikz.projects import access, services
from ikz.projects.models import ParticipationStatus, Project, ProjectOutcome, Status, TransitionLog

router = Router(tags=["Projekte"])


class StepOut(Schema):
    """One step of the lifecycle with the day it took effect (decision 92)."""

    from_status: str = Field(description="leer beim ersten Schritt")
    to_status: str
    effective_on: dt.date = Field(description="wirksam am")
    recorded_at: dt.datetime = Field(description="erfasst am", alias="at")
    verdict: str = Field(description="das Prüfergebnis, das dieser Schritt festhält (sonst leer)")
    reason: str


class OutcomeOut(Schema):
    """What a finished project led to (decision 93)."""

    kind: str = Field(description="operating, local, transferred oder followed_up")
    cooperation_ids: list[int] = Field(description="entstandene Kooperationen im Bestand")
    body: str = Field(description="übernehmender Träger (Name)")
    body_unit_id: int | None = Field(description="übernehmender Träger im Register")
    participant_ids: list[int] = Field(description="durch welche Beteiligten (leer: alle)")
    follow_up_id: int | None = Field(description="Folgeprojekt")

    @staticmethod
    def resolve_cooperation_ids(obj: ProjectOutcome) -> list[int]:
        return [c.pk for c in obj.cooperations.all()]

    @staticmethod
    def resolve_participant_ids(obj: ProjectOutcome) -> list[int]:
        return [m.pk for m in obj.participants.all()]


class ProjectOut(Schema):
    id: int
    title: str
    region_id: int
    field_id: int | None
    status: str
    year: int | None
    lead_municipality_id: int | None
    introduction: str
    goals: str
    start: dt.date | None
    end: dt.date | None
    verdict: str
    finished_on: dt.date | None = Field(
        description="wirksam am des letzten Schritts (Ergebnis oder Abschluss)"
    )
    steps: list[StepOut] = Field(description="die Schritte mit ihrem Wirksamkeitsdatum, in Reihenfolge")
    outcome: OutcomeOut | None = Field(description="das Ergebnis eines beendeten Projekts")
    predecessor_id: int | None = Field(description="das Projekt, dessen Folgeprojekt dieses ist")
    follow_up_id: int | None = Field(description="das Folgeprojekt")
    version: int

    @staticmethod
    def resolve_steps(obj: Project) -> list[TransitionLog]:
        return sorted(obj.transitions.all(), key=lambda log: log.pk)

    @staticmethod
    def resolve_outcome(obj: Project) -> ProjectOutcome | None:
        try:
            return obj.outcome
        except ProjectOutcome.DoesNotExist:
            return None

    @staticmethod
    def resolve_predecessor_id(obj: Project) -> int | None:
        try:
            return obj.predecessor_outcome.project_id
        except ProjectOutcome.DoesNotExist:
            return None

    @staticmethod
    def resolve_follow_up_id(obj: Project) -> int | None:
        outcome = ProjectOut.resolve_outcome(obj)
        return outcome.follow_up_id if outcome is not None else None


def _with_record(qs: QuerySet[Project]) -> QuerySet[Project]:
    """The steps, outcome and chain links of each project in a constant number of queries."""
    return qs.select_related("outcome", "predecessor_outcome").prefetch_related(
        "transitions", "outcome__cooperations", "outcome__participants"
    )


class ProjectPatch(Schema):
    version: int = Field(ge=0, le=2**31 - 1, description="Fassung, auf der die Änderung beruht")
    title: str | None = Field(None, min_length=1, max_length=200)
    introduction: str | None = Field(None, max_length=20000)
    goals: str | None = Field(None, max_length=20000)
    start: dt.date | None = None
    end: dt.date | None = None


class MilestoneOut(Schema):
    id: int
    project_id: int
    title: str
    planned: dt.date
    forecast: dt.date | None
    reached: dt.date | None
    note: str
    version: int


class MilestonePatch(Schema):
    version: int = Field(ge=0, le=2**31 - 1, description="Fassung, auf der die Änderung beruht")
    forecast: dt.date | None = None
    reached: dt.date | None = None
    note: str | None = Field(None, max_length=20000)


class ParticipationOut(Schema):
    id: int
    project_id: int
    municipality_id: int
    status: str
    roles: list[str] = Field(description="PL, PG, AG, LKG")
    declared_at: dt.datetime | None
    joined_on: dt.date | None = Field(description="beteiligt seit (leer: seit Beginn des Projekts)")
    left_on: dt.date | None = Field(description="beteiligt bis")
    confirmed: bool = Field(description="von der Projektleitung oder Geschäftsstelle bestätigt")
    confirmed_at: dt.datetime | None
    version: int


class ParticipationFilter(Schema):
    project: int | None = Field(None, ge=1, le=2**31 - 1, description="Projekt")
    municipality: int | None = Field(None, ge=1, le=2**31 - 1, description="Kommune")
    status: ParticipationStatus | None = None
    confirmed: bool | None = None


class ProjectFilter(Schema):
    region: str | None = Field(None, max_length=80, description="Kurzbezeichnung einer Region")
    status: Status | None = None


def _changes(payload: Schema) -> dict[str, Any]:
    values = payload.model_dump(exclude_unset=True)
    values.pop("version", None)
    return values


@router.get(
    "/projekte/",
    response={200: Page[ProjectOut]} | LIST_ERRORS,
    url_name="project_list",
    summary="Projekte auflisten",
)
def project_list(
    request: HttpRequest, filters: Query[ProjectFilter], when: Query[ChangedSince], paging: Query[Paging]
) -> dict[str, Any]:
    qs = access.projects_for(user_of(request))
    if filters.region:
        qs = qs.filter(region__slug=filters.region)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return page_since(when, _with_record(qs).order_by("title", "pk"), paging)


@router.get(
    "/projekte/{pk}/", response={200: ProjectOut} | ERRORS, url_name="project_detail", summary="Ein Projekt"
)
def project_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    project = access.get_project_for(user_of(request), pk)
    return _with_record(Project.objects.filter(pk=project.pk)).get()


@router.patch(
    "/projekte/{pk}/",
    response={200: ProjectOut} | WRITE_ERRORS,
    url_name="project_patch",
    summary="Eckdaten eines Projekts ändern",
)
def project_patch(request: HttpRequest, payload: ProjectPatch, pk: int = pk_path()) -> Any:
    project = access.get_project_for(user_of(request), pk, write=True)
    return services.update_charter(
        project, _changes(payload), expected_version=payload.version, actor=user_of(request)
    )


@router.get(
    "/meilensteine/",
    response={200: Page[MilestoneOut]} | LIST_ERRORS,
    url_name="milestone_list",
    summary="Meilensteine auflisten",
)
def milestone_list(
    request: HttpRequest,
    when: Query[ChangedSince],
    paging: Query[Paging],
    project: int | None = Query(None, ge=1, le=2**31 - 1),  # type: ignore[type-arg]
) -> dict[str, Any]:
    qs = access.milestones_for(user_of(request))
    if project:
        qs = qs.filter(project_id=project)
    return page_since(when, qs.order_by("project_id", "planned", "pk"), paging)


@router.get(
    "/meilensteine/{pk}/",
    response={200: MilestoneOut} | ERRORS,
    url_name="milestone_detail",
    summary="Ein Meilenstein",
)
def milestone_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    return access.get_milestone_for(user_of(request), pk)


@router.patch(
    "/meilensteine/{pk}/",
    response={200: MilestoneOut} | WRITE_ERRORS,
    url_name="milestone_patch",
    summary="Prognose und Erreichen eines Meilensteins ändern",
)
def milestone_patch(request: HttpRequest, payload: MilestonePatch, pk: int = pk_path()) -> Any:
    milestone = access.get_milestone_for(user_of(request), pk, write=True)
    return services.update_milestone(
        milestone, _changes(payload), expected_version=payload.version, actor=user_of(request)
    )


@router.get(
    "/beteiligungen/",
    response={200: Page[ParticipationOut]} | LIST_ERRORS,
    url_name="participation_list",
    summary="Projektbeteiligungen auflisten (soweit sichtbar)",
)
def participation_list(
    request: HttpRequest,
    filters: Query[ParticipationFilter],
    when: Query[ChangedSince],
    paging: Query[Paging],
) -> dict[str, Any]:
    lookups = {
        "project": "project_id",
        "municipality": "municipality_id",
        "status": "status",
        "confirmed": "confirmed_at__isnull",
    }
    qs = filtered(access.participations_for(user_of(request)), filters, lookups)
    return page_since(when, qs.order_by("project_id", "municipality_id", "pk"), paging)


@router.get(
    "/beteiligungen/{pk}/",
    response={200: ParticipationOut} | ERRORS,
    url_name="participation_detail",
    summary="Eine Projektbeteiligung",
)
def participation_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    return access.get_participation_for(user_of(request), pk)
