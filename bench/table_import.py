"""Speed of the import framework: a file of 10,000 rows (the case numbers of one cooperation: 91
municipalities × 110 years) imported through the same services the pages call — upload (read),
the check in chunks of 500, the preview's one query, the apply in one transaction — compared with
merely parsing the same file (``ikz.lib.tables_in``: reading and matching the header, the floor
of any import). A second import of the same file (everything unchanged) is timed as well.

Usage: DATABASE_URL=… python bench/table_import.py --label small-sqlite [--rows 10000]
Works in the bench database after ``load_demo``/``seed_national`` (it adds a region "Bench Importe"
with 91 test municipalities of its own, keys 17…, so the file is the same at both sizes); writes
bench/results/table-import-<label>.json/.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikz.settings")
os.environ.setdefault("IKZ_DEBUG", "1")

MEMBERS = 91
FIRST_YEAR = 1990


def _world() -> tuple[object, object]:
    """The bench region with its cooperation (created once, through the services)."""
    from ikz.accounts.models import User
    from ikz.cooperation import services as cooperation
    from ikz.municipalities.models import Kind, Level, Municipality, Region
    from ikz.municipalities.services import masterdata

    actor = User.objects.filter(is_superuser=True).first() or User.objects.order_by("pk").first()
    assert actor is not None, "load_demo first"
    units = []
    for n in range(1, MEMBERS + 1):
        unit, _new = Municipality.objects.get_or_create(
            key=f"17{n:06d}",
            defaults={
                "ars": f"17{n:06d}".ljust(12, "0"),
                "name": f"Bench-Gemeinde {n} (Testdaten)",
                "short_name": f"Bench {n}",
                "level": Level.GEMEINDE,
                "kind": Kind.GEMEINDE,
            },
        )
        units.append(unit)
    region = Region.objects.filter(slug="bench-importe").first()
    if region is None:
        region = masterdata.create_region(
            {"name": "Bench Importe", "slug": "bench-importe", "office_name": "Bench"}, actor=actor
        )
        rows = [masterdata.MemberRow(u, f"B{i}") for i, u in enumerate(units, start=1)]
        region = masterdata.set_region_members(region, rows, expected_version=region.version, actor=actor)
    coop = region.cooperations.first()
    if coop is None:
        area = cooperation.create_task_area({"name": "Bench Importe", "position": 999}, actor=actor)
        field = cooperation.create_field(area, {"name": "Bench Fallzahlen", "position": 1}, actor=actor)
        participants = [cooperation.ParticipantRow(u, "exists") for u in units]
        values = {"field": field, "title": "Bench Fallzahlen", "symbol": "■"}
        coop = cooperation.save_cooperation(region, values, participants, actor=actor)
    return coop, actor


def _file(rows: int) -> bytes:
    years = -(-rows // MEMBERS)
    lines = ["AGS;Kommune;Jahr;Fälle"]
    for n in range(1, MEMBERS + 1):
        for year in range(FIRST_YEAR, FIRST_YEAR + years):
            lines.append(f"17{n:06d};Bench-Gemeinde {n};{year};{(n * year) % 997},5")
    return ("\ufeff" + "\r\n".join(lines[: rows + 1]) + "\r\n").encode("utf-8")


def _import(kind: object, scope: object, data: bytes, actor: object) -> tuple[float, object]:
    from ikz.imports import queries, services
    from ikz.imports.models import Status

    start = time.perf_counter()
    run = services.start_run(kind, scope, "bench.csv", data, actor=actor)  # type: ignore[arg-type]
    while run.status == Status.CHECKING:
        run = services.check_next(run.pk, kind, scope, actor=actor)  # type: ignore[arg-type]
    queries.preview(run.pk)
    assert run.status == Status.READY, run.problems[:3]
    run = services.apply_run(run.pk, kind, scope, expected_version=run.version, actor=actor)  # type: ignore[arg-type]
    return time.perf_counter() - start, run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--label", required=True)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection

    from ikz.costs.models import CaseCount
    from ikz.imports.registry import Scope, get
    from ikz.lib.tables_in import read_table, records

    coop, actor = _world()
    CaseCount.objects.filter(cooperation=coop).delete()
    kind = get("fallzahlen")
    scope = Scope(coop, coop.pk, "Bench", "/")  # type: ignore[attr-defined]
    data = _file(args.rows)
    parse_times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        found = records(read_table("bench.csv", data), kind.columns)
        parse_times.append(time.perf_counter() - start)
    assert len(found.rows) == args.rows
    first, run = _import(kind, scope, data, actor)
    again, _run = _import(kind, scope, data, actor)
    parse = statistics.median(parse_times)
    result = {
        "label": args.label,
        "database": connection.vendor,
        "rows": args.rows,
        "parse_s": round(parse, 3),
        "import_s": round(first, 2),
        "x_parse": round(first / parse, 1),
        "reimport_unchanged_s": round(again, 2),
        "x_parse_unchanged": round(again / parse, 1),
        "created": run.counts.get("create", 0),  # type: ignore[attr-defined]
    }
    text = (
        f"### Tabellenimport ({args.label}, {connection.vendor}, {args.rows} Zeilen Fallzahlen)\n\n"
        "| nur Parsen s | Import (neu) s | Import / Parsen | erneut (unverändert) s | erneut / Parsen |\n"
        "|---:|---:|---:|---:|---:|\n"
        f"| {result['parse_s']} | {result['import_s']} | {result['x_parse']} "
        f"| {result['reimport_unchanged_s']} | {result['x_parse_unchanged']} |\n"
    )
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"table-import-{args.label}.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / f"table-import-{args.label}.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
