"""The load test behind ``make loadtest``: the national data set on PostgreSQL, gunicorn with the
production settings and the app's own static handling (WhiteNoise), locust headless with 50 users
for 60 s (locustfile.py), then a summary. Fails if any request failed.

Steps:
  1. database ikz_loadtest on BENCH_PG (dropped and created; --reuse keeps a filled one):
     migrate, load_demo, import_gv100ad (the whole register), seed_national (all 400 Kreise)
  2. collectstatic into bench/loadtest-static (WhiteNoise serves it with the manifest)
  3. the pages file for locust: the demo personas' pages of make bench (ikz.demo.pages)
  4. gunicorn, WORKERS sync workers (default 2 × cores + 1 = 5 on 2 cores, gunicorn's own rule)
  5. locust --headless -u 50 -r 10 -t 60s; CSV and summary into bench/results/loadtest*
  6. gunicorn stopped (the process started here, by its id)

Login throttling counts failed logins only (per account and per address, decision "Login
throttling in the database, per account and per address"); every simulated user logs in once with
the right password, so the defaults stay as they are. Passwords are hashed with the production
hasher: the 50 logins at the start cost CPU and are reported apart from the pages.

Usage: python bench/loadtest.py [--users 50] [--seconds 60] [--workers 5] [--reuse] [--register FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
PORT = 8765


def _run(args: list[str], env: dict[str, str]) -> None:
    print("  $ " + " ".join(args), flush=True)
    subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def _pg(base: str, statements: list[str]) -> list[Any]:
    import psycopg

    rows: list[Any] = []
    with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5) as conn:
        for statement in statements:
            cursor = conn.execute(statement)
            if cursor.description:
                rows += cursor.fetchall()
    return rows


def prepare(args: argparse.Namespace, env: dict[str, str], database: str = "ikz_loadtest") -> None:
    """The national data set in ``database`` (also used by bench/capacity.py, with its own)."""
    exists = _pg(args.pg, [f"SELECT 1 FROM pg_database WHERE datname = '{database}'"])  # noqa: S608 - ours
    if args.reuse and exists:
        print(f"Datenbank {database} wird wiederverwendet (--reuse).")
        return
    _pg(args.pg, [f"DROP DATABASE IF EXISTS {database}", f"CREATE DATABASE {database}"])
    manage = [sys.executable, "manage.py"]
    _run([*manage, "migrate", "--noinput", "-v0"], env)
    _run([*manage, "load_demo"], env)
    _run([*manage, "import_gv100ad", str(args.register)], env)
    _run([*manage, "seed_national", "-v0"], env)


def pages_file(env: dict[str, str]) -> Path:
    """persona → [[name, url], …] from the benchmark's page list (the demo personas only: the
    seeded region's bench personas have no password)."""
    target = RESULTS / "loadtest-pages.json"
    code = (
        "import json, os, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'ikz.settings'); django.setup()\n"
        "from ikz.demo.pages import pages\n"
        "out = {}\n"
        "for name, user, url, _r in pages():\n"
        "    if not user.startswith('bench-') and not url.startswith('/status/'):\n"
        "        out.setdefault(user, []).append([name, url])\n"
        f"open({str(target)!r}, 'w').write(json.dumps(out, indent=1, ensure_ascii=False))\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)  # noqa: S603
    return target


def production_env(database_url: str, port: int) -> dict[str, str]:
    """The environment of a production start (IKZ_DEBUG=0) on the local port."""
    return {
        **os.environ,
        "IKZ_DEBUG": "0",
        "IKZ_SECRET_KEY": "lasttest-nur-lokal-" + "x" * 40,
        "IKZ_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "IKZ_BASE_URL": f"http://127.0.0.1:{port}",
        "IKZ_STATIC_ROOT": str(ROOT / "bench" / "loadtest-static"),
        "DATABASE_URL": database_url,
        "IKZ_LOG_LEVEL": "WARNING",
    }


def start_gunicorn(env: dict[str, str], workers: int, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            "ikz.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "-" if os.environ.get("LOADTEST_ACCESS_LOG") else "/dev/null",
        ],
        cwd=ROOT,
        env=env,
    )


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - local
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn antwortet nicht unter {url}")


def markdown(summary: dict[str, Any], args: argparse.Namespace) -> str:
    lines = [
        f"### Lasttest: {summary['users']} Nutzer, {summary['seconds']} s, gunicorn {args.workers} Worker, "
        "PostgreSQL, nationaler Datenbestand",
        "",
        "| Anfragen | Anzahl | Anfragen/s | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    labels = {
        "all": "alle",
        "pages": "Seiten der Rollen",
        "floor": "floor (/status/)",
        "login": "Anmeldung (GET + POST)",
        "pages_steady": f"Seiten nach der letzten Anmeldung ({summary.get('steady_seconds')} s)",
        "floor_steady": "floor nach der letzten Anmeldung",
    }
    for key, label in labels.items():
        f = summary.get(key, {})
        if f.get("requests"):
            lines.append(
                f"| {label} | {f['requests']} | {f['rps']} | {f['p50_ms']} | {f['p95_ms']} "
                f"| {f['p99_ms']} | {f['max_ms']} |"
            )
    lines += ["", f"Fehler: {summary['errors']}"]
    lines += [f"- {e}" for e in summary["error_examples"]]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("WORKERS", 2 * (os.cpu_count() or 1) + 1))
    )
    parser.add_argument("--reuse", action="store_true", help="vorhandene Datenbank ikz_loadtest nutzen")
    parser.add_argument(
        "--register", type=Path, default=ROOT.parent / "shared" / "data" / "GV100AD_30112025.txt"
    )
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    dev = {**os.environ, "IKZ_DEBUG": "1", "DATABASE_URL": f"{args.pg}/ikz_loadtest"}
    prepare(args, dev)
    prod = production_env(dev["DATABASE_URL"], PORT)
    _run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], prod)
    pages = pages_file(dev)
    summary_path = RESULTS / "loadtest-summary.json"
    summary_path.unlink(missing_ok=True)
    gunicorn = start_gunicorn(prod, args.workers, PORT)
    try:
        wait_for(f"http://127.0.0.1:{PORT}/status/")
        print(f"gunicorn läuft (pid {gunicorn.pid}, {args.workers} Worker); locust startet …", flush=True)
        locust = subprocess.run(  # noqa: S603
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                "10",
                "--run-time",
                f"{args.seconds}s",
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--csv",
                str(RESULTS / "loadtest"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**os.environ, "IKZ_LOADTEST_PAGES": str(pages), "IKZ_LOADTEST_SUMMARY": str(summary_path)},
            check=False,
        )
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    summary = json.loads(summary_path.read_text())
    summary["workers"] = args.workers
    summary["users"] = args.users  # the runner has stopped its users when the file is written
    summary_path.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    text = markdown(summary, args)
    (RESULTS / "loadtest.md").write_text(text)
    print("\n" + text)
    if summary["errors"] or locust.returncode not in (0, 1):
        print(f"Lasttest fehlgeschlagen: {summary['errors']} Fehler (locust {locust.returncode}).")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
