"""Capacity without think time (``make capacity``, issue 21): a closed loop at increasing
concurrency against gunicorn (production settings) and PostgreSQL with the national data set.

Every virtual user issues its next request as soon as the last one answered. Two workloads in the
same run, step by step (floor first, then the mix, at each concurrency, so both meet the same
machine): (a) the page mix — the pages of the load test's personas (bench/loadtest.py, the same
pages as ``make bench``), weighted like locustfile.py; (b) the floor page /status/. For each step:
requests per second and p50/p95/p99 latency. The capacity of a workload is the highest request
rate of a step whose p95 stays <= the limit (300 ms). Goal: the mix reaches at least half of the
floor's capacity.

The personas log in once before the measurement (the production password hasher costs about as
much as 20 page views); their sessions are shared by the virtual users of that persona. A
workload stops after the first step above the limit (in a closed loop the latency only grows with
more users once the server is saturated); ``--all-steps`` runs every step anyway.

The driver runs on the same machine (threads, one connection per request: gunicorn's sync workers
do not keep connections alive); its own CPU time is reported, so a reader can see what it took
from the server. The load average before and after is in the report too.

Usage: python bench/capacity.py [--steps 1,2,4,8,16,32] [--seconds 20] [--warmup 3] [--workers 5]
                                [--reuse] [--register FILE] [--limit-ms 300] [--all-steps] [--docs]
(--docs writes the report into docs/performance.md between <!-- capacity --> and <!-- /capacity -->)
Short check: make capacity CAPACITY_ARGS="--reuse --steps 1,4,16 --seconds 10"
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import resource
import shlex
import signal
import sys
import threading
import time
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import loadtest

ROOT = loadtest.ROOT
RESULTS = loadtest.RESULTS
DATABASE = os.environ.get("IKZ_CAPACITY_DB", "ikz_capacity")  # another name: a helper's own copy
PORT = 8766
FLOOR_URL = "/status/"
PASSWORD = os.environ.get("IKZ_LOADTEST_PASSWORD", "Demo-IKZ-2026!")  # ikz.demo.data.DEMO_PASSWORD
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The personas of locustfile.py with their weights ("" = anonymous visitor of the portal).
WEIGHTS = {
    "kommune-raunheim": 10,
    "kommune-kelsterbach": 8,
    "lenkungsgruppe": 8,
    "geschaeftsstelle": 8,
    "genossenschaft": 6,
    "mitglied": 4,
    "": 6,
}


class Server:
    def __init__(self, port: int) -> None:
        self.port = port

    def request(
        self, method: str, url: str, headers: dict[str, str], body: str | None = None
    ) -> tuple[int, dict[str, str], str, list[str]]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, url, body=body, headers={"X-Forwarded-Proto": "https", **headers})
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            cookies = response.msg.get_all("Set-Cookie") or []
            return response.status, dict(response.getheaders()), text, cookies
        finally:
            conn.close()


def _keep(jar: dict[str, str], set_cookies: list[str]) -> None:
    for header in set_cookies:
        parsed: SimpleCookie = SimpleCookie()
        parsed.load(header)
        for name, morsel in parsed.items():
            jar[name] = morsel.value


def _cookie_header(jar: dict[str, str]) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())} if jar else {}


def login(server: Server, username: str) -> dict[str, str]:
    """The cookies of a fresh session of ``username`` (empty for the anonymous visitor)."""
    jar: dict[str, str] = {}
    if not username:
        return jar
    status, _h, text, cookies = server.request("GET", "/konto/anmelden/", {})
    _keep(jar, cookies)
    found = CSRF_FIELD.search(text)
    if status != 200 or not found:
        raise SystemExit(f"Anmeldeseite: HTTP {status}")
    origin = f"https://127.0.0.1:{server.port}"
    form = urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": found.group(1)})
    status, _h, _t, cookies = server.request(
        "POST",
        "/konto/anmelden/",
        {
            **_cookie_header(jar),
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": f"{origin}/konto/anmelden/",
        },
        form,
    )
    _keep(jar, cookies)
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"Anmeldung {username}: HTTP {status}")
    return jar


def schedule(pages: dict[str, list[list[str]]], length: int = 2000, seed: int = 21) -> list[tuple[str, str]]:
    """(persona, url) requests of the mix: a persona drawn by weight, then its next page in order."""
    rng = random.Random(seed)
    personas = [p for p in WEIGHTS if p in pages]
    weights = [WEIGHTS[p] for p in personas]
    cursor = dict.fromkeys(personas, 0)
    out = []
    for _ in range(length):
        persona = rng.choices(personas, weights)[0]
        _name, url = pages[persona][cursor[persona] % len(pages[persona])]
        cursor[persona] += 1
        out.append((persona, url))
    return out


def run_step(
    server: Server, requests: list[tuple[str, str]], jars: dict[str, dict[str, str]], users: int,
    seconds: float, warmup: float,
) -> dict[str, Any]:  # fmt: skip
    """``users`` virtual users in a closed loop for warmup + seconds; figures of the last ``seconds``."""
    samples: list[tuple[float, float]] = []  # (finished at, ms)
    # per (persona, url): "/" is the start page of every persona, each its own page
    by_url: dict[str, list[float]] = {}
    errors: list[str] = []
    hits = [0]  # answers from the page cache (decision 205)
    lock = threading.Lock()
    start = time.monotonic()
    measure_from = start + warmup
    stop = measure_from + seconds

    def user(index: int) -> None:
        position = index * len(requests) // users
        while True:
            persona, url = requests[position % len(requests)]
            position += 1
            began = time.monotonic()
            if began >= stop:
                return
            try:
                status, headers, _t, _c = server.request("GET", url, _cookie_header(jars.get(persona, {})))
                problem = None if status == 200 else f"HTTP {status} für {url}"
                stored = headers.get("X-Page-Cache") == "hit"
            except OSError as exc:
                problem = f"{type(exc).__name__} für {url}"
            done = time.monotonic()
            if measure_from <= done <= stop:
                with lock:
                    samples.append((done, (done - began) * 1000))
                    by_url.setdefault(f"{persona} {url}", []).append((done - began) * 1000)
                    hits[0] += stored
                    if problem:
                        errors.append(problem)

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(ms for _at, ms in samples)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(len(ordered) * p))], 1) if ordered else 0.0

    return {
        "users": users,
        "requests": len(ordered),
        "rps": round(len(ordered) / seconds, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": round(ordered[-1], 1) if ordered else 0.0,
        "errors": len(errors),
        "cache_hits": round(hits[0] / max(1, len(ordered)), 2),
        "error_examples": sorted(set(errors))[:5],
        # where the time went: the pages with the largest share of all response time
        "heaviest": [
            {
                "url": url,
                "requests": len(ms),
                "median_ms": round(sorted(ms)[len(ms) // 2], 1),
                "share": round(sum(ms) / max(1e-9, sum(ordered)), 3),
            }
            for url, ms in sorted(by_url.items(), key=lambda kv: -sum(kv[1]))[:8]
        ],
    }


def warm_up(
    server: Server, pages: list[tuple[str, str]], jars: dict[str, dict[str, str]], threads: int, rounds: int
) -> None:
    """Every page ``rounds`` times, ``threads`` at a time (not measured)."""
    queue = [page for _ in range(rounds) for page in pages]
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                if not queue:
                    return
                persona, url = queue.pop()
            server.request("GET", url, _cookie_header(jars.get(persona, {})))

    running = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()


def capacity(steps: list[dict[str, Any]], limit_ms: float) -> dict[str, Any] | None:
    """The step with the highest request rate whose p95 stays within the limit (None if none)."""
    within = [s for s in steps if s["p95_ms"] <= limit_ms and not s["errors"]]
    return max(within, key=lambda s: s["rps"]) if within else None


def machine(pg: str) -> dict[str, Any]:
    version = loadtest._pg(pg, ["SHOW server_version"])[0][0]
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    model = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "")
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "postgresql": version,
        "system": f"{platform.system()} {platform.release()}",
    }


def markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        f"### Kapazität ohne Denkzeit ({report['date']})",
        "",
        f"Maschine: {m['cores']} Kerne ({m['cpu']}), Python {m['python']}, PostgreSQL {m['postgresql']}, "
        f"{m['system']}; gunicorn {report['workers']} Sync-Worker, nationaler Datenbestand. "
        f"Lastmittel vorher {report['load_before']}, nachher {report['load_after']}. "
        f"Treiber (Threads, auf derselben Maschine): {report['driver_cpu_s']} s CPU in {report['wall_s']} s.",
        "",
        f"Befehl: `{report['command']}`",
        "",
        f"Je Stufe {report['seconds']} s gemessen nach {report['warmup']} s Anlauf; Kapazität = höchste "
        f"Rate einer Stufe mit p95 ≤ {report['limit_ms']:g} ms und ohne Fehler.",
        "",
        "| Last | Nutzer gleichzeitig | Anfragen | Anfragen/s | p50 ms | p95 ms | p99 ms | max ms | Fehler "
        "| aus dem Seitenspeicher |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, label in (("floor", "floor (/status/)"), ("mix", "Seitenmix")):
        for s in report["workloads"][key]["steps"]:
            lines.append(
                f"| {label} | {s['users']} | {s['requests']} | {s['rps']} | {s['p50_ms']} | {s['p95_ms']} "
                f"| {s['p99_ms']} | {s['max_ms']} | {s['errors']} | {s.get('cache_hits', 0):.0%} |"
            )
    floor, mix = report["workloads"]["floor"]["capacity"], report["workloads"]["mix"]["capacity"]
    lines += [
        "",
        "| Last | Kapazität (Anfragen/s, p95 ≤ Grenze) | bei Nutzern | p95 ms |",
        "|---|---:|---:|---:|",
    ]
    for label, cap in (("floor (/status/)", floor), ("Seitenmix", mix)):
        lines.append(
            f"| {label} | {cap['rps']} | {cap['users']} | {cap['p95_ms']} |"
            if cap
            else f"| {label} | – | – | – |"
        )
    ratio = report["ratio"]
    lines += [
        "",
        f"Verhältnis Seitenmix/floor: {ratio if ratio is not None else '–'} "
        f"(Ziel ≥ 0.5: {'erreicht' if report['goal_met'] else 'verfehlt'}).",
    ]
    heaviest = (
        report["workloads"]["mix"]["steps"][-1]["heaviest"] if report["workloads"]["mix"]["steps"] else []
    )
    if heaviest:
        users = report["workloads"]["mix"]["steps"][-1]["users"]
        lines += [
            "",
            f"Seitenmix, letzte Stufe ({users} Nutzer): die Seiten mit dem größten Anteil an der Antwortzeit",
            "",
            "| Seite | Anfragen | Median ms | Anteil |",
            "|---|---:|---:|---:|",
        ]
        names = report.get("page_names", {})
        lines += [
            f"| {names.get(h['url'], h['url'])} | {h['requests']} | {h['median_ms']} | {h['share']:.0%} |"
            for h in heaviest
        ]
    errors = report["workloads"]["floor"]["errors"] + report["workloads"]["mix"]["errors"]
    if errors:
        lines += ["", "Fehler:"] + [f"- {e}" for e in errors]
    return "\n".join(lines) + "\n"


def splice_docs(text: str, path: Path = ROOT / "docs" / "performance.md") -> None:
    """The report between the markers <!-- capacity --> and <!-- /capacity --> of the docs page."""
    start, end = "<!-- capacity -->\n", "<!-- /capacity -->"
    page = path.read_text()
    if start not in page or end not in page:
        raise SystemExit(f"Marken {start.strip()} … {end} fehlen in {path}")
    head, rest = page.split(start, 1)
    path.write_text(head + start + text.replace("### ", "#### ", 1) + end + rest.split(end, 1)[1])


def measure(args: argparse.Namespace, pages: dict[str, list[list[str]]]) -> dict[str, Any]:
    server = Server(PORT)
    jars = {persona: login(server, persona) for persona in WEIGHTS if persona in pages}
    mix = schedule(pages)
    floor = [("", FLOOR_URL)]
    # warm-up: every page of the mix, as many at a time as there are workers, a few rounds (templates
    # and the page cache of decision 205 are per worker process: a cold cache is not the steady state)
    warm_up(server, list(dict.fromkeys(mix)), jars, threads=args.workers, rounds=3)
    workloads: dict[str, dict[str, Any]] = {"floor": {"steps": []}, "mix": {"steps": []}}
    done = {"floor": False, "mix": False}
    for users in args.steps:
        for key, requests in (("floor", floor), ("mix", mix)):
            if done[key]:
                continue
            step = run_step(server, requests, jars, users, args.seconds, args.warmup)
            workloads[key]["steps"].append(step)
            print(
                f"  {key:5} {users:3} Nutzer: {step['rps']:7.1f} Anfragen/s, p95 {step['p95_ms']:7.1f} ms, "
                f"{step['cache_hits']:.0%} gespeichert"
                f"{', ' + str(step['errors']) + ' Fehler' if step['errors'] else ''}",
                flush=True,
            )
            if step["p95_ms"] > args.limit_ms and not args.all_steps:
                done[key] = True
    for entry in workloads.values():
        entry["capacity"] = capacity(entry["steps"], args.limit_ms)
        entry["errors"] = sorted({e for s in entry["steps"] for e in s["error_examples"]})
    return workloads


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--steps", default="1,2,4,8,16,32", help="gleichzeitige Nutzer je Stufe")
    parser.add_argument("--seconds", type=float, default=20, help="Messdauer je Stufe und Last")
    parser.add_argument("--warmup", type=float, default=3, help="Anlauf je Stufe (nicht gezählt)")
    parser.add_argument("--limit-ms", type=float, default=300)
    parser.add_argument("--all-steps", action="store_true", help="auch nach Überschreiten der Grenze weiter")
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("WORKERS", 2 * (os.cpu_count() or 1) + 1))
    )
    parser.add_argument("--reuse", action="store_true", help=f"vorhandene Datenbank {DATABASE} nutzen")
    parser.add_argument(
        "--docs", action="store_true", help="den Bericht in docs/performance.md eintragen (<!-- capacity -->)"
    )
    parser.add_argument(
        "--register", type=Path, default=ROOT.parent / "shared" / "data" / "GV100AD_30112025.txt"
    )
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    args = parser.parse_args()
    args.steps = [int(s) for s in str(args.steps).split(",") if s.strip()]
    command = "python bench/capacity.py " + shlex.join(sys.argv[1:])
    RESULTS.mkdir(parents=True, exist_ok=True)
    dev = {**os.environ, "IKZ_DEBUG": "1", "DATABASE_URL": f"{args.pg}/{DATABASE}"}
    loadtest.prepare(args, dev, database=DATABASE)
    prod = loadtest.production_env(dev["DATABASE_URL"], PORT)
    loadtest._run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], prod)
    pages = json.loads(loadtest.pages_file(dev).read_text())
    load_before = os.getloadavg()
    began = time.monotonic()
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    gunicorn = loadtest.start_gunicorn(prod, args.workers, PORT)
    try:
        loadtest.wait_for(f"http://127.0.0.1:{PORT}{FLOOR_URL}")
        print(
            f"gunicorn läuft (pid {gunicorn.pid}, {args.workers} Worker); Stufen {args.steps} …", flush=True
        )
        workloads = measure(args, pages)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    floor, mix = workloads["floor"]["capacity"], workloads["mix"]["capacity"]
    ratio = round(mix["rps"] / floor["rps"], 2) if floor and mix else None
    report = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": command,
        "machine": machine(args.pg),
        "workers": args.workers,
        "steps": args.steps,
        "seconds": args.seconds,
        "warmup": args.warmup,
        "limit_ms": args.limit_ms,
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "wall_s": round(time.monotonic() - began, 1),
        "driver_cpu_s": round(cpu.ru_utime + cpu.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime, 1),
        "workloads": workloads,
        "page_names": {
            f"{persona} {url}": name for persona, entries in pages.items() for name, url in entries
        },
        "ratio": ratio,
        "goal_met": ratio is not None and ratio >= 0.5,
    }
    (RESULTS / "capacity.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    text = markdown(report)
    (RESULTS / "capacity.md").write_text(text)
    if args.docs:
        splice_docs(text)
    print("\n" + text)
    if any(s["errors"] for w in workloads.values() for s in w["steps"]):
        print("Kapazitätsmessung fehlgeschlagen: Anfragen mit Fehlern.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
