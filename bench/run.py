"""Benchmark of the main pages, in-process with a warm cache and a logged-in persona.

Run through ``make bench`` (which prepares a small and a national database). Prints a Markdown
table and writes ``bench/results/<label>.json`` and ``.md``. Times are wall-clock milliseconds of
the full Django request cycle (middleware, queries, template); the "floor" is /status/, a page
that renders only the base template, measured in the same run. The page cache (decision 205) is
off for these figures (the page's own work); a second pass with it on gives the stored answer
("gespeichert": what the page answers again until the next recorded change).

Usage: python bench/run.py --label small-sqlite [--repeat 15]
(the Markdown also compares each view as of a past Stand with the same view for today)
       python bench/run.py --compare small-sqlite national-sqlite
       python bench/run.py --label search-check --only Suche --repeat 30 (some pages and the floor)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
AS_OF_BUDGET = 1.5  # a view as of a past Stand ≤ 1.5 × the same view for today (decision 92)
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikz.settings")


def measure(label: str, repeat: int, only: str = "") -> dict[str, object]:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from ikz.accounts.models import User
    from ikz.municipalities.models import Level, Municipality

    setup_test_environment()
    from django.conf import settings
    from django.core.cache import caches

    from ikz.demo.pages import pages

    # The page's own work first: the page cache (decision 205) off; its stored answers afterwards.
    settings.IKZ_PAGE_CACHE = False

    clients: dict[str, Client] = {}
    entries: list[dict[str, Any]] = []
    for name, username, url, scoped in pages():
        if only and only not in name and not url.startswith("/status/"):  # the floor always
            continue
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            if username:  # "" = anonymous (the public portal)
                client.force_login(User.objects.get(username=username))
        assert client.get(url).status_code == 200, (name, url)  # warm-up: templates, caches
        with CaptureQueriesContext(connection) as ctx:  # counted apart, so the timing runs plain
            assert client.get(url).status_code == 200, (name, url)
        entries.append(
            {"page": name, "url": url, "region_scoped": scoped, "queries": len(ctx.captured_queries),
             "client": client, "times": []}
        )  # fmt: skip
    # Round robin: every round requests every page once, so that load from other processes on the
    # machine spreads over all pages and the floor alike instead of hitting a few pages.
    for _ in range(repeat):
        for entry in entries:
            start = time.perf_counter()
            response = entry["client"].get(entry["url"])
            entry["times"].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, entry["url"]
    stored_pass(entries, repeat, settings, caches["pages"])
    rows = []
    for entry in entries:
        times = sorted(entry["times"])
        rows.append(
            {
                "page": entry["page"],
                "url": entry["url"],
                "region_scoped": entry["region_scoped"],
                "queries": entry["queries"],
                "median_ms": round(statistics.median(times), 2),
                "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 2),
                "stored": entry["stored"],
                "stored_median_ms": round(statistics.median(entry["stored_times"]), 2),
            }
        )
    floor, stored_floor = rows[0]["median_ms"], rows[0]["stored_median_ms"]
    for row in rows:
        row["x_floor"] = round(float(row["median_ms"]) / float(floor), 2)
        row["stored_x_floor"] = round(float(row["stored_median_ms"]) / float(stored_floor), 2)
    return {
        "label": label,
        "database": connection.vendor,
        "municipalities": Municipality.objects.filter(level=Level.GEMEINDE).count(),
        "repeat": repeat,
        "pages": rows,
    }


def stored_pass(entries: list[dict[str, Any]], repeat: int, settings: Any, cache: Any) -> None:
    """The same rounds with the page cache on: the answer a page gives again until the next recorded
    change ("gespeichert"; pages outside ikz.pagecache.rules.CACHED_VIEWS do their work again)."""
    settings.IKZ_PAGE_CACHE = True
    cache.clear()
    for entry in entries:
        entry["client"].get(entry["url"])  # stored
        entry["stored_times"] = []
        entry["stored"] = entry["client"].get(entry["url"]).get("X-Page-Cache") == "hit"
    for _ in range(repeat):
        for entry in entries:
            start = time.perf_counter()
            response = entry["client"].get(entry["url"])
            entry["stored_times"].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, entry["url"]
    settings.IKZ_PAGE_CACHE = False
    cache.clear()


def markdown(result: dict[str, object]) -> str:
    lines = [
        f"### {result['label']} ({result['database']}, {result['municipalities']} Gemeinden, "
        f"{result['repeat']} Wiederholungen)",
        "",
        "| Seite | Queries | Median ms | p95 ms | × floor | gespeichert: Median ms | × floor |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result["pages"]:  # type: ignore[attr-defined]
        shown = row.get("stored") or row["url"].startswith("/status/")
        stored = f"{row['stored_median_ms']} | {row['stored_x_floor']}" if shown else "– | –"
        lines.append(
            f"| {row['page']} | {row['queries']} | {row['median_ms']} | {row['p95_ms']} | {row['x_floor']} "
            f"| {stored} |"
        )
    return "\n".join(lines) + "\n"


def stand_budget(result: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """Each view as of a past Stand against the same view for today, in one run (bench/all.py
    holds the national set to it): the ratio of the medians and whether it stays within
    AS_OF_BUDGET."""
    from ikz.demo.pages import as_of_pairs

    by_name = {row["page"]: row for row in result["pages"]}
    rows, misses = [], []
    for view, today in as_of_pairs(list(by_name)):
        a, b = by_name[today], by_name[view]
        ratio = round(b["median_ms"] / a["median_ms"], 2)
        rows.append(
            {
                "page": view,
                "today": today,
                "queries_today": a["queries"],
                "queries_stand": b["queries"],
                "median_today_ms": a["median_ms"],
                "median_stand_ms": b["median_ms"],
                "ratio": ratio,
                "ok": ratio <= AS_OF_BUDGET,
            }
        )
        if ratio > AS_OF_BUDGET:
            misses.append(f"{view}: Stand/heute {ratio} (> {AS_OF_BUDGET})")
    return rows, misses


def stand_markdown(label: str, rows: list[dict[str, Any]]) -> str:
    lines = [
        f"### {label}: Ansichten mit Stand gegenüber heute (Budget Stand/heute ≤ {AS_OF_BUDGET})",
        "",
        "| Ansicht mit Stand | Queries heute | Queries Stand | Median heute ms | Median Stand ms "
        "| Stand/heute | Budget |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['page']} | {r['queries_today']} | {r['queries_stand']} | {r['median_today_ms']} "
            f"| {r['median_stand_ms']} | {r['ratio']} | {'ok' if r['ok'] else 'verfehlt'} |"
        )
    return "\n".join(lines) + "\n"


def compare(small_label: str, large_label: str) -> int:
    small = json.loads((RESULTS / f"{small_label}.json").read_text())
    large = json.loads((RESULTS / f"{large_label}.json").read_text())
    lines = [
        f"### {large_label} gegenüber {small_label}",
        "",
        "| Seite | Queries klein | Queries groß | Zeit groß/klein | × floor (groß) |",
        "|---|---:|---:|---:|---:|",
    ]
    problems = []
    for a, b in zip(small["pages"], large["pages"], strict=True):
        ratio = round(b["median_ms"] / a["median_ms"], 2)
        lines.append(f"| {a['page']} | {a['queries']} | {b['queries']} | {ratio} | {b['x_floor']} |")
        if a["queries"] != b["queries"]:
            problems.append(f"{a['page']}: Queries {a['queries']} → {b['queries']}")
    text = "\n".join(lines) + "\n"
    print(text)
    (RESULTS / f"compare-{small_label}-{large_label}.md").write_text(text)
    if problems:
        print("Abfragezahl wächst mit der Datenmenge:\n  " + "\n  ".join(problems))
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--label")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--compare", nargs=2, metavar=("SMALL", "LARGE"))
    parser.add_argument("--only", default="", help="nur Seiten, deren Name dies enthält (und der floor)")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.compare:
        return compare(*args.compare)
    if not args.label:
        parser.error("--label oder --compare angeben")
    result = measure(args.label, args.repeat, args.only)
    text = markdown(result) + "\n" + stand_markdown(args.label, stand_budget(result)[0])
    print(text)
    (RESULTS / f"{args.label}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{args.label}.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
