"""Reads of the page cache: the current generation (one indexed query per cached request) and
expensive reads kept per generation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language

from ikz.pagecache.models import ROW, Generation

T = TypeVar("T")
MISSING = object()


def generation() -> str:
    """The current data generation ("" before the first change)."""
    row = Generation.objects.filter(pk=ROW).values_list("counter", "token").first()
    return f"{row[0]}.{row[1]}" if row else ""


def remember(name: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per data generation and language (an expensive read that changes only
    with recorded data, e.g. the 400 regions of a select), kept in the page cache's store; computed
    every time while IKZ_READ_CACHE is off."""
    if not settings.IKZ_READ_CACHE:
        return compute()
    key = f"read:{name}:{generation()}:{get_language() or ''}"
    store = caches["pages"]
    found = store.get(key, MISSING)
    if found is MISSING:
        found = compute()
        store.set(key, found)
    return found  # type: ignore[no-any-return]
