"""Running a search: German-aware matching, the access filter of every source, ranking,
filters, one page of results with highlighted snippets.

PostgreSQL: ``to_tsvector('german', …)`` stored in ``SearchEntry.vector`` (GIN index), queried
with ``plainto_tsquery('german', …)`` and ranked with ``ts_rank``. SQLite: the stored stems in
``SearchEntry.tokens`` (``LIKE '% stem %'`` for each query stem), ranked by term frequency.
Both fold umlauts and ß first (ikz.search.rules.fold), and both build the snippet in Python from
the original text, so the highlighted words are the words as written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet, Window
from django.utils.safestring import SafeString, mark_safe

from ikz.municipalities.models import Region
from ikz.search import rules
from ikz.search.index import is_postgres
from ikz.search.models import SearchEntry
from ikz.search.registry import SOURCES

PAGE_SIZE = 20
MAX_SQLITE_CANDIDATES = 5000  # SQLite ranks in Python; the demo has a few hundred entries


@dataclass(frozen=True)
class Filters:
    source: str = ""
    kind: str = ""
    field_id: int | None = None
    region_id: int | None = None
    year: int | None = None


@dataclass
class Hit:
    title: str
    title_html: SafeString
    url: str
    source_label: Any
    kind: str
    year: int | None
    snippet: SafeString
    score: float


@dataclass
class Results:
    query: str
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    page: Page[Any] | None = None


def visible_entries(user: Any, *, public: bool = False) -> QuerySet[SearchEntry]:
    """The entries of every source that ``user`` may see (``public``: the portal's part)."""
    condition = Q(pk__in=[])
    for key, source in SOURCES.items():
        if public:
            if source.public is None:
                continue
            visible = source.public()
        else:
            visible = source.visible(user)
        if visible.query.where:
            condition |= Q(source=key, object_id__in=visible.values("pk"))
        else:  # everything of this source is visible: no sub-query over all its rows (50,000 cooperations)
            condition |= Q(source=key)
    return SearchEntry.objects.filter(condition)


def _filtered(entries: QuerySet[SearchEntry], filters: Filters) -> QuerySet[SearchEntry]:
    if filters.source:
        entries = entries.filter(source=filters.source)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.field_id:
        entries = entries.filter(fields__id=filters.field_id)
    if filters.region_id:
        entries = entries.filter(region_id=filters.region_id)
    if filters.year:
        entries = entries.filter(year=filters.year)
    return entries


def _ranked_page(ranked: QuerySet[SearchEntry], number: int) -> tuple[Paginator[Any], Page[Any]]:
    """The page ``number`` of ``ranked`` and the number of all hits in ONE query (a window count
    over the hits, computed before LIMIT): the separate COUNT scanned every hit a second time
    (about 8 of 28 ms of SQL for a word in 1,100 visible documents, national data set). A page
    past the end (or below 1) falls back to the paginator, which answers the last page, as before."""
    paginator: Paginator[Any] = Paginator(ranked, PAGE_SIZE)
    if number >= 1:
        offset = (number - 1) * PAGE_SIZE
        rows = list(ranked.annotate(hits=Window(Count("pk")))[offset : offset + PAGE_SIZE])
        if rows:
            paginator.count = rows[0].hits  # the cached property, filled with the window count
            return paginator, Page(rows, number, paginator)
    return paginator, paginator.get_page(number)


def search(
    user: Any, query: str, filters: Filters | None = None, *, page: int = 1, public: bool = False
) -> Results:
    wanted = rules.query_stems(query)
    results = Results(query=query)
    if not wanted:
        return results
    entries = _filtered(visible_entries(user, public=public), filters or Filters())
    if is_postgres():
        tsquery = SearchQuery(rules.fold(query), config="german", search_type="plain")
        ranked = (
            entries.filter(vector=tsquery)
            .annotate(rank=SearchRank(F("vector"), tsquery))
            .order_by("-rank", "title", "pk")
            .only("pk", "source", "object_id", "title", "body", "url", "kind", "year", "region")
        )
        with transaction.atomic(), connection.cursor() as cursor:
            # Only for this transaction, set in one round trip (set_config(..., true) = SET LOCAL):
            # - enable_seqscan off: the planner does not count the cost of unpacking the large
            #   (TOASTed) tsvectors and prefers a sequential scan once a term is in a few percent
            #   of the entries; the GIN index is 4-5 times faster there (bench/search.py).
            # - jit off: enable_seqscan = off works by adding 10^10 to the cost of every sequential
            #   scan (also of the small access sub-queries); above jit_above_cost PostgreSQL then
            #   JIT-compiles the query, which took 190 ms of a 200 ms search (make bench).
            # - no parallel workers: the same 10^10 makes a worker look worth its start-up, which
            #   costs more than it saves for a query of 10-20 ms (portal search, national set).
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true), "
                "set_config('max_parallel_workers_per_gather', '0', true)"
            )
            paginator, page_obj = _ranked_page(ranked, page)
            rows = [(e, float(e.rank)) for e in page_obj.object_list]
    else:
        for stem in wanted:
            entries = entries.filter(tokens__contains=f" {stem} ")
        candidates = list(entries.values_list("pk", "tokens", "title")[:MAX_SQLITE_CANDIDATES])
        scored = sorted(
            ((rules.score(tokens, wanted), title, pk) for pk, tokens, title in candidates),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        paginator = Paginator(scored, PAGE_SIZE)
        page_obj = paginator.get_page(page)
        chosen = {pk: s for s, _t, pk in page_obj.object_list}
        by_pk = SearchEntry.objects.select_related("region").in_bulk(list(chosen))
        rows = [(by_pk[pk], chosen[pk]) for _s, _t, pk in page_obj.object_list]
    results.total = paginator.count
    results.page = page_obj
    regions = {e.region_id for e, _s in rows if e.region_id}
    slugs = dict(Region.objects.filter(pk__in=regions).values_list("pk", "slug"))
    for entry, score in rows:
        source = SOURCES.get(entry.source)
        url = entry.url
        if public and source is not None and source.public_url is not None:
            entry.region_slug = slugs.get(entry.region_id, "")
            url = source.public_url(entry)
        results.hits.append(
            Hit(
                title=entry.title,
                title_html=mark_safe(rules.snippet(entry.title, wanted, width=60)),  # noqa: S308 - escaped
                url=url,
                source_label=source.label if source else entry.source,
                kind=entry.kind,
                year=entry.year,
                snippet=mark_safe(rules.snippet(entry.body, wanted)),  # noqa: S308 - escaped in rules.snippet
                score=score,
            )
        )
    return results
