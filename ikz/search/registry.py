"""Searchable sources: each app registers what it indexes and who may see it.

A source is a key, a label, the model, a function turning one object into an :class:`Indexed`
record, and the access filter ``visible(user)`` (a queryset of the objects the user may see; the
search keeps only entries whose ``object_id`` is in it). The projects app adds its own (projects,
lessons learned) with ``register(Source(...))`` in its ``AppConfig.ready()``; every app that
is searched has its sources in ``<app>/sources.py``. ``order`` fixes the place of a source in the
list (the choices of the search form, the order of the sources searched), whichever app is ready
first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class Indexed:
    title: str
    body: str
    url: str
    kind: str = ""
    region_id: int | None = None
    year: int | None = None
    field_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Source:
    key: str
    label: Any  # a lazy translation
    model: type[Model]
    describe: Callable[[Any], Indexed]
    visible: Callable[[Any], QuerySet[Any]]
    # Anonymous visitors (the portal) see these: the public part, with public links.
    public: Callable[[], QuerySet[Any]] | None = None
    public_url: Callable[[Any], str] | None = None  # from the SearchEntry
    order: int = 1000


SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    SOURCES[source.key] = source
    ordered = sorted(SOURCES.values(), key=lambda s: s.order)  # stable: equal order keeps arrival
    SOURCES.clear()
    SOURCES.update((s.key, s) for s in ordered)


def source_for(model: type[Model]) -> Source | None:
    return next((s for s in SOURCES.values() if s.model is model), None)


@dataclass
class FilterChoices:
    """What the search form offers to narrow the results besides the sources, registered by the
    app it belongs to: the kinds of document (documents) and the fields of cooperation (cooperation)."""

    kinds: list[tuple[str, Any]] = field(default_factory=list)
    fields: Callable[[], QuerySet[Any]] | None = None


FILTERS = FilterChoices()


def register_kinds(choices: list[tuple[str, Any]]) -> None:
    FILTERS.kinds[:] = choices


def register_fields(queryset: Callable[[], QuerySet[Any]]) -> None:
    FILTERS.fields = queryset
