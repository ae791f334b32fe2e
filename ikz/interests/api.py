"""API: calls for interest and declarations (read as access allows); a contact person saves or
submits their municipality's declaration with POST, through ``services.save_declaration``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from ikz.api.core import (
    ERRORS,
    LIST_ERRORS,
    WRITE_ERRORS,
    ChangedSince,
    Page,
    Paging,
    page_since,
    pk_path,
    user_of,
)
from ikz.interests import access, services
from ikz.interests.models import Answer, Declaration, Topic

router = Router(tags=["Interessenbekundungen"])


class TopicOut(Schema):
    id: int
    label: str
    task_area_id: int | None
    field_id: int | None
    position: int


class CallOut(Schema):
    id: int
    title: str
    region_id: int
    status: str
    deadline: dt.date | None
    allow_late: bool = Field(description="Antworten nach Fristende werden angenommen")
    topics: list[TopicOut]
    version: int

    @staticmethod
    def resolve_topics(obj: Any) -> list[Any]:
        return list(obj.topics.all())


class AnswerOut(Schema):
    topic_id: int
    interested: bool = Field(description="Kooperation gewünscht")
    joins_working_group: bool = Field(description="Mitarbeit in der Arbeitsgruppe IKZ")


class DeclarationOut(Schema):
    id: int
    call_id: int
    municipality_id: int
    status: str
    note: str
    submitted_at: dt.datetime | None
    submitted_on: dt.date | None
    answers: list[AnswerOut]
    version: int

    @staticmethod
    def resolve_answers(obj: Any) -> list[Any]:
        return list(obj.answers.all())


class AnswerIn(Schema):
    topic_id: int = Field(ge=1, le=2**31 - 1)
    interested: bool = Field(description="Kooperation gewünscht")
    joins_working_group: bool = Field(False, description="Mitarbeit in der Arbeitsgruppe IKZ")


class DeclarationIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "call_id": 3,
                    "municipality_id": 12,
                    "answers": [{"topic_id": 7, "interested": True, "joins_working_group": False}],
                    "note": "",
                    "submit": False,
                }
            ]
        }
    )

    call_id: int = Field(ge=1, le=2**31 - 1)
    municipality_id: int = Field(ge=1, le=2**31 - 1, description="die eigene Kommune")
    answers: list[AnswerIn] = Field(
        default_factory=list, max_length=1000, description="je Thema höchstens eine Antwort; fehlende: nein"
    )
    note: str = Field("", max_length=4000)
    submit: bool = Field(False, description="true: absenden (danach bleibt sie abgesendet)")
    version: int | None = Field(
        None,
        ge=0,
        le=2**31 - 1,
        description="Fassung, auf der die Änderung beruht; leer beim ersten Speichern",
    )


def _answers() -> Prefetch[Any]:
    return Prefetch("answers", queryset=Answer.objects.order_by("topic_id"))


@router.get(
    "/aufrufe/",
    response={200: Page[CallOut]} | LIST_ERRORS,
    url_name="call_list",
    summary="Aufrufe zur Interessenbekundung auflisten",
)
def call_list(request: HttpRequest, when: Query[ChangedSince], paging: Query[Paging]) -> dict[str, Any]:
    topics = Prefetch("topics", queryset=Topic.objects.order_by("position", "pk"))
    return page_since(
        when,
        access.calls_for(user_of(request)).prefetch_related(topics).order_by("title", "pk"),
        paging,
        parts={"call": Topic},
    )


@router.get(
    "/interessenbekundungen/",
    response={200: Page[DeclarationOut]} | LIST_ERRORS,
    url_name="declaration_list",
    summary="Interessenbekundungen auflisten (soweit sichtbar)",
)
def declaration_list(
    request: HttpRequest,
    when: Query[ChangedSince],
    paging: Query[Paging],
    call: int | None = Query(None, ge=1, le=2**31 - 1),  # type: ignore[type-arg]
) -> dict[str, Any]:
    qs = access.declarations_for(user_of(request)).prefetch_related(_answers())
    if call:
        qs = qs.filter(call_id=call)
    return page_since(
        when, qs.order_by("call_id", "municipality_id", "pk"), paging, parts={"declaration": Answer}
    )


@router.get(
    "/interessenbekundungen/{pk}/",
    response={200: DeclarationOut} | ERRORS,
    url_name="declaration_detail",
    summary="Eine Interessenbekundung",
)
def declaration_detail(request: HttpRequest, pk: int = pk_path()) -> Any:
    try:
        return access.declarations_for(user_of(request)).prefetch_related(_answers()).get(pk=pk)
    except Declaration.DoesNotExist as exc:
        raise Http404 from exc


@router.post(
    "/interessenbekundungen/",
    response={200: DeclarationOut, 201: DeclarationOut} | WRITE_ERRORS,
    url_name="declaration_save",
    summary="Interessenbekundung der eigenen Kommune speichern oder absenden",
    description=(
        "Eine Bekundung je Aufruf und Kommune: die erste Anfrage legt sie an (201), weitere ändern "
        "sie (200) und brauchen die gelesene version; ohne oder mit veralteter Fassung: 409. "
        "Die Themen eines Aufrufs stehen in GET /api/aufrufe/."
    ),
)
def declaration_save(request: HttpRequest, payload: DeclarationIn) -> Any:
    user = user_of(request)
    call = access.get_call_for(user, payload.call_id)
    municipality, existing = access.get_declaration_for(user, call, payload.municipality_id, write=True)
    answers = {a.topic_id: (a.interested, a.joins_working_group) for a in payload.answers}
    if len(answers) != len(payload.answers):
        raise ValidationError({"answers": _("Jedes Thema darf nur einmal beantwortet werden.")})
    declaration = services.save_declaration(
        call,
        municipality,
        answers,
        note=payload.note,
        submit=payload.submit,
        expected_version=payload.version,
        actor=user,
    )
    fresh = Declaration.objects.prefetch_related(_answers()).get(pk=declaration.pk)
    return Status(201 if existing is None else 200, fresh)
