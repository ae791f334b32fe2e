"""Reads of the page cache: the current generation (one indexed query per cached request)."""

from __future__ import annotations

from ikz.pagecache.models import ROW, Generation


def generation() -> str:
    """The current data generation ("" before the first change)."""
    row = Generation.objects.filter(pk=ROW).values_list("counter", "token").first()
    return f"{row[0]}.{row[1]}" if row else ""
