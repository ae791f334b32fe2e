"""Writes of the page cache: the generation changes with every recorded change (decision 205)."""

from __future__ import annotations

import secrets

from django.db.models import F

from ikz.pagecache.models import ROW, Generation


def bump() -> None:
    """A new generation, in the caller's transaction (``ikz.audit.services.record`` calls this, as
    do the writers whose data is shown without an audit entry: the search index, failed jobs).
    Visible to readers together with the change it belongs to, when that transaction commits."""
    token = secrets.token_hex(8)
    if not Generation.objects.filter(pk=ROW).update(counter=F("counter") + 1, token=token):
        Generation.objects.get_or_create(pk=ROW, defaults={"counter": 1, "token": token})
