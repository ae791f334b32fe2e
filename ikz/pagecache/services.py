"""Writes of the page cache: the generation changes with every recorded change (decision 205).

The new generation is written once per transaction, right after it commits (decision 208): the one
row is then locked only for its own short update, never together with the rows a writer locks, so
two writers cannot deadlock on it and a long import does not make every other writer wait. Between
the commit and the new generation a reader may still get a page of the old generation — at most the
moment of one update, the same as a reader that came a moment earlier — and a page rendered from
the new data under the old generation is thrown away with it."""

from __future__ import annotations

import logging
import secrets

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import F

from ikz.pagecache.models import ROW, Generation

log = logging.getLogger(__name__)
# how the new generation is deferred to the commit; the page-cache tests run inside one transaction
# that never commits, so they replace it with "at once" (ikz/pagecache/tests, fixture ``cached``)
on_commit = transaction.on_commit


def _write_new_generation() -> None:
    token = secrets.token_hex(8)
    if not Generation.objects.filter(pk=ROW).update(counter=F("counter") + 1, token=token):
        Generation.objects.get_or_create(pk=ROW, defaults={"counter": 1, "token": token})


def _after_commit() -> None:
    try:
        _write_new_generation()
    except Exception:  # the change itself is committed; cached pages expire after IKZ_PAGE_CACHE_SECONDS
        log.exception("Neuer Datenstand des Seitenspeichers nicht geschrieben")


def bump() -> None:
    """A new generation once the caller's transaction commits (``ikz.audit.services.record`` calls
    this, as do the writers whose data is shown without an audit entry: the search index, failed
    jobs). Outside a transaction: at once. Many changes in one transaction: one new generation."""
    connection = transaction.get_connection(DEFAULT_DB_ALIAS)
    if not connection.in_atomic_block:
        _write_new_generation()
        return
    # one callback per transaction: Django keeps (savepoint ids, callback, robust) per registration;
    # a callback registered in a savepoint that is rolled back is dropped and registered again here
    if any(entry[1] is _after_commit for entry in connection.run_on_commit):
        return
    on_commit(_after_commit)
