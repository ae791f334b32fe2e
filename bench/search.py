"""Search over 20,000 documents on PostgreSQL: builds the data deterministically in the database
given by DATABASE_URL (a database of its own and empty: it is migrated and filled; about 3,000
characters of text per document), then measures the
search (ikz.search.queries.search) as the office (no access filter) and as a municipality's
contact (visibility filter), and the full search page, reporting median and p95 in ms.

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/ikz_bench_search python bench/search.py
       [--documents 20000] [--repeat 15]
Writes bench/results/search-postgres.json and .md."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikz.settings")

QUERIES = [
    "Beschaffungen",
    "Gebühr",
    "Strasse",
    "Vergabezentrum Ausschreibung",
    "Landschaftspflege Naturschutz",
]


def build(n: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from ikz.documents.models import DocType, Document, Visibility
    from ikz.municipalities.models import Kind, Level, Municipality, Region, RegionMember
    from ikz.search.models import SearchEntry

    call_command("migrate", verbosity=0)
    if Document.objects.count() >= n:
        return
    region, _ = Region.objects.get_or_create(slug="bench", defaults={"name": "IKZ Bench"})
    towns = []
    for i in range(10):
        town, _ = Municipality.objects.get_or_create(
            key=f"0643301{i}",
            defaults={
                "ars": f"0643301{i}0000",
                "name": f"Stadt {i}",
                "level": Level.GEMEINDE,
                "kind": Kind.STADT,
            },
        )
        RegionMember.objects.get_or_create(
            region=region, municipality=town, defaults={"position": i, "short_label": f"S{i}"}
        )
        towns.append(town)
    from ikz.demo.national import FILLER as filler
    from ikz.demo.national import WORDS

    rnd = random.Random(20261201)
    # Realistic selectivity: 4 subject words per document (so a subject word is in about 8 % of
    # the documents), the rest of the text from 5,000 other words (the words of seed_national).
    visibilities = [Visibility.PUBLIC, Visibility.REGION, Visibility.MEMBERS, Visibility.INTERNAL]
    docs = []
    for i in range(n):
        docs.append(
            Document(
                title=" ".join(rnd.choices(WORDS, k=2) + rnd.choices(filler, k=3)) + f" {i}",
                doc_type=rnd.choice(DocType.values),
                date=dt.date(2013, 1, 1) + dt.timedelta(days=rnd.randrange(4700)),
                visibility=visibilities[i % 4],
                region=region,
                owner=towns[i % 10],
                description=" ".join(rnd.sample(rnd.choices(WORDS, k=4) + rnd.choices(filler, k=296), 300)),
            )
        )
    Document.objects.bulk_create(docs, batch_size=2000)
    entries = [
        SearchEntry(
            source="document", object_id=d.pk, title=d.title, body=d.description, url=f"/dokumente/{d.pk}/",
            kind=d.doc_type, region=region, year=d.date.year,
        )
        for d in Document.objects.all().only("pk", "title", "description", "doc_type", "date")
    ]  # fmt: skip
    SearchEntry.objects.bulk_create(entries, batch_size=2000)
    fold = "replace(replace(replace(replace(lower({}), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss')"
    with connection.cursor() as cursor:  # the same as ikz.search.index (folded, weighted A/B)
        cursor.execute(
            "UPDATE search_searchentry SET vector = "  # noqa: S608 - constant SQL, no user input
            f"setweight(to_tsvector('german', {fold.format('title')}), 'A') || "
            f"setweight(to_tsvector('german', {fold.format('body')}), 'B')"
        )
        cursor.execute("ANALYZE")


def timed(fn, repeat: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    fn()
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[max(0, round(0.95 * len(samples)) - 1)], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("bench/search.py misst PostgreSQL: DATABASE_URL=postgres://… setzen.")
        return 2
    os.environ.setdefault("IKZ_DEBUG", "1")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from ikz.accounts.models import Role, RoleAssignment, User
    from ikz.municipalities.models import Municipality
    from ikz.search.queries import search

    started = time.perf_counter()
    build(args.documents)
    built = time.perf_counter() - started
    office, _ = User.objects.get_or_create(username="bench-office")
    RoleAssignment.objects.get_or_create(user=office, role=Role.OFFICE, region=None, municipality=None)
    contact, _ = User.objects.get_or_create(username="bench-contact")
    RoleAssignment.objects.get_or_create(
        user=contact, role=Role.CONTACT, municipality=Municipality.objects.get(key="06433013")
    )
    setup_test_environment()
    rows = []
    for query in QUERIES:
        for label, user in (("Geschäftsstelle", office), ("Kommune", contact)):
            User.objects.get(pk=user.pk)  # fresh object: roles are loaded once per request
            total = search(User.objects.get(pk=user.pk), query).total
            result = timed(lambda u=user, q=query: search(User.objects.get(pk=u.pk), q), args.repeat)
            rows.append({"query": query, "as": label, "hits": total, **result})
    client = Client()
    client.force_login(contact)
    page = timed(lambda: client.get("/suche/", {"q": "Beschaffungen"}), args.repeat)
    rows.append({"query": "Beschaffungen (ganze Seite /suche/)", "as": "Kommune", "hits": None, **page})
    from ikz.documents.models import Document

    report = {"documents": Document.objects.count(), "build_seconds": round(built, 1), "rows": rows}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "search-postgres.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    lines = [
        f"# Suche über {report['documents']} Dokumente (PostgreSQL)",
        "",
        "| Suche | als | Treffer | Median ms | p95 ms |",
        "|---|---|---:|---:|---:|",
    ]
    lines += [
        f"| {r['query']} | {r['as']} | {'–' if r['hits'] is None else r['hits']} "
        f"| {r['median_ms']} | {r['p95_ms']} |"
        for r in rows
    ]
    text = "\n".join(lines) + "\n"
    (RESULTS / "search-postgres.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
