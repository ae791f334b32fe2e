"""The whole benchmark behind ``make bench``: a small and a national data set, on SQLite and on
PostgreSQL, every main page measured (bench/run.py), the register import timed against parsing
(bench/import_speed.py), the import framework's 10,000-row table import timed against parsing the
same file at both sizes (bench/table_import.py), the budgets checked and one report written.

Data sets (both on top of the demo, ``load_demo``, so the demo personas and pages exist in both):
  small     demo + ``seed_national --kreis 06433`` (one Kreis, the demo's own; no register import:
            a single-district installation)
  national  demo + the full register (``import_gv100ad``, timed by bench/import_speed.py)
            + ``seed_national`` (all 400 Kreise)
The seeded region of Kreis 06433 is row for row the same in both sets (seed_national draws one
random stream per Kreis), so its pages compare like with like.

Databases: SQLite files bench/small.sqlite3 and bench/national.sqlite3; PostgreSQL databases
ikz_bench_small and ikz_bench_national on BENCH_PG (default postgres://postgres@127.0.0.1:5432),
dropped and created here (and dropped again at the end unless --keep). PostgreSQL is skipped with a
note if the server cannot be reached.

Budgets (decision "Benchmark budgets: queries, national/small, floor"):
  queries   national == small for every page                      → exit code 1 if missed
  ratio     national/small median ≤ 1.5 for region-scoped pages  → reported; exit 1 with --strict
  floor     every page ≤ 10 × the floor page of the same run       → reported; exit 1 with --strict
  as of     a view as of a past Stand ≤ 1.5 × the same view for today, on the national set
            (pairs from ikz.demo.pages.as_of_pairs)                   → reported; exit 1 with --strict

Usage: python bench/all.py [--repeat 15] [--only sqlite|postgres] [--register FILE] [--keep] [--strict]
Writes bench/results/bench.md and bench.json (plus the per-run files of run.py and import_speed.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from run import AS_OF_BUDGET, stand_budget, stand_markdown  # bench/run.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
SEED_KREIS = "06433"
RATIO_BUDGET = 1.5
FLOOR_BUDGET = 10.0


def _run(args: list[str], env: dict[str, str], quiet: bool = True) -> float:
    """Run a command from the repository root; seconds taken. Raises on failure."""
    start = time.perf_counter()
    print("  $ " + " ".join(args), flush=True)
    result = subprocess.run(  # noqa: S603 - our own commands
        args,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.PIPE if quiet else None,
        text=True,
        check=False,
    )
    if result.returncode:
        if quiet and result.stderr:
            print(result.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"fehlgeschlagen ({result.returncode}): {' '.join(args)}")
    return round(time.perf_counter() - start, 1)


def _pg_admin(base: str, statements: list[str]) -> bool:
    """Run statements on the server's maintenance database; False if it cannot be reached."""
    try:
        import psycopg
    except ImportError:
        return False
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5) as conn:
            for statement in statements:
                conn.execute(statement)
    except psycopg.OperationalError as error:
        print(f"PostgreSQL nicht erreichbar ({base}): {error}".strip())
        return False
    return True


def _url(database: str, size: str, pg_base: str) -> str:
    if database == "sqlite":
        return f"sqlite:///{ROOT / 'bench' / f'{size}.sqlite3'}"
    return f"{pg_base}/ikz_bench_{size}"


def _fresh(database: str, size: str, pg_base: str) -> None:
    if database == "sqlite":
        (ROOT / "bench" / f"{size}.sqlite3").unlink(missing_ok=True)
    else:
        _pg_admin(pg_base, [f"DROP DATABASE IF EXISTS ikz_bench_{size}", f"CREATE DATABASE ikz_bench_{size}"])


def prepare_and_measure(database: str, size: str, args: argparse.Namespace) -> dict[str, Any]:
    print(f"\n== {size} auf {database} ==", flush=True)
    _fresh(database, size, args.pg)
    env = {**os.environ, "IKZ_DEBUG": "1", "DATABASE_URL": _url(database, size, args.pg)}
    manage = [PY, "manage.py"]
    steps: dict[str, float] = {}
    steps["migrate_s"] = _run([*manage, "migrate", "--noinput", "-v0"], env)
    steps["load_demo_s"] = _run([*manage, "load_demo"], env)
    if size == "national":
        steps["import_s"] = _run([PY, "bench/import_speed.py", str(args.register), "--label", database], env)
        steps["seed_s"] = _run([*manage, "seed_national", "-v0"], env)
    else:
        steps["seed_s"] = _run([*manage, "seed_national", "--kreis", SEED_KREIS, "-v0"], env)
    label = f"{size}-{database}"
    steps["measure_s"] = _run([PY, "bench/run.py", "--label", label, "--repeat", str(args.repeat)], env)
    # after the pages: the bench region of the table import does not change what they measure
    steps["table_import_s"] = _run([PY, "bench/table_import.py", "--label", label], env)
    return {"label": label, "steps": steps}


def budgets(
    small: dict[str, Any], large: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """Rows of the comparison, misses of the query budget, misses of the time budgets."""
    rows, query_misses, time_misses = [], [], []
    for a, b in zip(small["pages"], large["pages"], strict=True):
        assert a["page"] == b["page"], (a["page"], b["page"])
        # The budget compares times relative to the floor of the same run: the two runs are minutes
        # apart, and on a shared machine the load (and with it every time) differs between them.
        ratio = round(b["x_floor"] / a["x_floor"], 2)
        row = {
            "page": a["page"],
            "region_scoped": a["region_scoped"],
            "queries_small": a["queries"],
            "queries_national": b["queries"],
            "median_small_ms": a["median_ms"],
            "median_national_ms": b["median_ms"],
            "p95_national_ms": b["p95_ms"],
            "raw_ratio": round(b["median_ms"] / a["median_ms"], 2),
            "ratio": ratio,
            "x_floor_small": a["x_floor"],
            "x_floor_national": b["x_floor"],
        }
        notes = []
        if a["queries"] != b["queries"]:
            notes.append("Queries")
            query_misses.append(f"{a['page']}: Queries {a['queries']} → {b['queries']}")
        if a["region_scoped"] and ratio > RATIO_BUDGET:
            notes.append(f"groß/klein > {RATIO_BUDGET}")
            time_misses.append(f"{a['page']}: national/klein {ratio} (> {RATIO_BUDGET})")
        for size, result in (("klein", a), ("national", b)):
            if result["x_floor"] > FLOOR_BUDGET:
                notes.append(f"> {FLOOR_BUDGET:g}× floor ({size})")
                time_misses.append(f"{a['page']}: {result['x_floor']}× floor {size} (> {FLOOR_BUDGET:g})")
        row["misses"] = notes
        rows.append(row)
    return rows, query_misses, time_misses


def comparison_markdown(
    database: str, rows: list[dict[str, Any]], small: dict[str, Any], large: dict[str, Any]
) -> str:
    lines = [
        f"### {database}: national ({large['municipalities']} Gemeinden) gegenüber klein "
        f"({small['municipalities']} Gemeinden), {large['repeat']} Wiederholungen",
        "",
        f"Floor (/status/): klein {small['pages'][0]['median_ms']} ms, "
        f"national {large['pages'][0]['median_ms']} ms. R = regionsbezogen (Budget national/klein ≤ 1,5, "
        "gemessen als Verhältnis der Vielfachen des floor: beide Läufe liegen Minuten auseinander).",
        "",
        "| Seite | R | Queries klein | Queries national | Median klein ms | Median national ms "
        "| p95 national ms | national/klein | national/klein (je floor) | × floor national | Budget |",
        "|---|:-:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['page']} | {'R' if r['region_scoped'] else ''} "
            f"| {r['queries_small']} | {r['queries_national']} "
            f"| {r['median_small_ms']} | {r['median_national_ms']} | {r['p95_national_ms']} "
            f"| {r['raw_ratio']} | {r['ratio']} "
            f"| {r['x_floor_national']} | {'; '.join(r['misses']) or 'ok'} |"
        )
    return "\n".join(lines) + "\n"


def machine() -> dict[str, str]:
    info = {"python": platform.python_version(), "cores": str(os.cpu_count())}
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout  # noqa: S607
        info["cpu"] = next(
            (line.split(":", 1)[1].strip() for line in lscpu.splitlines() if line.startswith("Model name")),
            "?",
        )
    except OSError:
        info["cpu"] = platform.processor() or "?"
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        info["memory"] = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        info["memory"] = "?"
    return info


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument(
        "--register", type=Path, default=ROOT.parent / "shared" / "data" / "GV100AD_30112025.txt"
    )
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--keep", action="store_true", help="PostgreSQL-Datenbanken am Ende nicht löschen")
    parser.add_argument(
        "--strict", action="store_true", help="auch verfehlte Zeitbudgets lassen den Lauf scheitern"
    )
    args = parser.parse_args()
    args.register = args.register.resolve()
    if not args.register.exists():
        print(f"Registerdatei {args.register} fehlt: keine nationale Messung möglich (--register …).")
        return 2
    started = time.perf_counter()
    RESULTS.mkdir(parents=True, exist_ok=True)
    databases = [args.only] if args.only else ["sqlite", "postgres"]
    if "postgres" in databases and not _pg_admin(args.pg, []):
        print("PostgreSQL übersprungen.")
        databases.remove("postgres")
    report: dict[str, Any] = {"machine": machine(), "repeat": args.repeat, "databases": {}}
    sections, all_query_misses, all_time_misses = [], [], []
    for database in databases:
        runs = {size: prepare_and_measure(database, size, args) for size in ("small", "national")}
        small = json.loads((RESULTS / f"small-{database}.json").read_text())
        large = json.loads((RESULTS / f"national-{database}.json").read_text())
        rows, query_misses, time_misses = budgets(small, large)
        stand_rows, stand_misses = stand_budget(large)
        time_misses += stand_misses
        imported = json.loads((RESULTS / f"import-{database}.json").read_text())
        report["databases"][database] = {
            "steps": {size: run["steps"] for size, run in runs.items()},
            "import": imported,
            "pages": rows,
            "stand": stand_rows,
            "query_misses": query_misses,
            "time_misses": time_misses,
        }
        all_query_misses += [f"{database}: {m}" for m in query_misses]
        all_time_misses += [f"{database}: {m}" for m in time_misses]
        setup = " · ".join(
            f"{size}: " + ", ".join(f"{k.removesuffix('_s')} {v} s" for k, v in run["steps"].items())
            for size, run in runs.items()
        )
        sections.append(
            comparison_markdown(database, rows, small, large)
            + "\n"
            + stand_markdown(f"national-{database}", stand_rows)
            + f"\nAufbau und Messung ({database}): {setup}\n\n"
            + (RESULTS / f"import-{database}.md").read_text()
            + "\n"
            + "\n".join((RESULTS / f"table-import-{size}-{database}.md").read_text() for size in runs)
        )
        if database == "postgres" and not args.keep:
            _pg_admin(
                args.pg,
                ["DROP DATABASE IF EXISTS ikz_bench_small", "DROP DATABASE IF EXISTS ikz_bench_national"],
            )
    env = {**os.environ, "IKZ_DEBUG": "1"}
    _run([PY, "bench/allocate.py", str(args.register)], env)
    report["seconds"] = round(time.perf_counter() - started)
    m = report["machine"]
    verdict = [
        "## Budgets",
        "",
        f"- Queries national = klein: {'eingehalten' if not all_query_misses else 'VERFEHLT'}",
        *[f"  - {miss}" for miss in all_query_misses],
        f"- national/klein ≤ {RATIO_BUDGET} (regionsbezogen), ≤ {FLOOR_BUDGET:g}× floor und "
        f"Stand/heute ≤ {AS_OF_BUDGET} (national): "
        + ("eingehalten" if not all_time_misses else f"{len(all_time_misses)} verfehlt"),
        *[f"  - {miss}" for miss in all_time_misses],
    ]
    text = "\n".join(
        [
            f"# make bench ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {report['seconds']} s)",
            "",
            f"Maschine: {m['cpu']}, {m['cores']} Kerne, {m['memory']}, Python {m['python']}.",
            "",
            *verdict,
            "",
            *sections,
            (RESULTS / "allocate.md").read_text(),
        ]
    )
    report["query_misses"], report["time_misses"] = all_query_misses, all_time_misses
    (RESULTS / "bench.md").write_text(text)
    (RESULTS / "bench.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print("\n" + text)
    print(f"Bericht: {RESULTS / 'bench.md'} ({report['seconds']} s)")
    if all_query_misses or (args.strict and all_time_misses):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
