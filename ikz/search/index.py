"""Keeping the index up to date: services call :func:`refresh` after a change; the command
``rebuild_search_index`` (re)builds everything, e.g. for data changed by apps that do not call it."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db import connection, models
from django.db.models import Value

from ikz.pagecache.services import bump as bump_generation
from ikz.search import rules
from ikz.search.models import SearchEntry
from ikz.search.registry import SOURCES, Source, source_for


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def refresh(obj: models.Model) -> None:
    """Index ``obj`` (again) under its registered source."""
    source = source_for(type(obj))
    if source is not None:
        _write(source, obj)
        bump_generation()  # cached search pages (decision 205)


def remove(obj: models.Model) -> None:
    source = source_for(type(obj))
    if source is not None:
        SearchEntry.objects.filter(source=source.key, object_id=obj.pk).delete()
        bump_generation()


def _write(source: Source, obj: models.Model) -> SearchEntry:
    record = source.describe(obj)
    entry, _created = SearchEntry.objects.update_or_create(
        source=source.key,
        object_id=obj.pk,
        defaults={
            "title": record.title[:300],
            "body": record.body,
            "url": record.url,
            "kind": record.kind,
            "region_id": record.region_id,
            "year": record.year,
            "tokens": "" if is_postgres() else rules.token_text(record.title, record.body),
        },
    )
    entry.fields.set(record.field_ids)
    if is_postgres():
        SearchEntry.objects.filter(pk=entry.pk).update(
            vector=SearchVector(Value(rules.fold(record.title)), config="german", weight="A")
            + SearchVector(Value(rules.fold(record.body)), config="german", weight="B")
        )
    return entry


def rebuild(keys: list[str] | None = None) -> int:
    """Index every object of the given sources (all by default); returns the number of entries."""
    count = 0
    for key, source in SOURCES.items():
        if keys and key not in keys:
            continue
        seen = []
        for obj in source.model._default_manager.all().iterator():
            _write(source, obj)
            seen.append(obj.pk)
            count += 1
        SearchEntry.objects.filter(source=key).exclude(object_id__in=seen).delete()
    bump_generation()
    return count
