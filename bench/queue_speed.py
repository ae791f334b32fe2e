"""The queue's figures behind ``make bench-queue`` (issue 20), on PostgreSQL:

  1. jobs per second with one worker and with two: N probe jobs of zero seconds (``jobs.probe``,
     no history entry) are queued while no worker runs, then the workers are started; the rate is
     taken from the jobs' own ``finished_at`` (first to last done), so the workers' start-up does
     not count. The DONE jobs per second are listed too.
  2. survey reminders for 400 municipalities (one contact e-mail each, made with bulk_create in the
     bench's own database): the office sends them through the web (gunicorn, production settings)
     while two workers run; measured from the request to the last message handed to the SMTP sink
     (scale/smtp_sink.py), and how long the request itself took.

Database ikz_bench_queue on SCALE_PG/BENCH_PG (dropped and created). The processes are those of the
scale test (scale/stack.py). Writes bench/results/queue.md and queue.json.

Usage: python bench/queue_speed.py [--jobs 1000] [--municipalities 400]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scale"))
sys.path.insert(0, str(ROOT))

from browser import Browser  # noqa: E402 - scale/browser.py, beside the scale test
from smtp_sink import SinkServer  # noqa: E402
from stack import PG, Stack, pg, run  # noqa: E402

RESULTS = ROOT / "bench" / "results"
DB = "ikz_bench_queue"


def db(sql: str, *params: object) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = pg([sql], DB, params)
    return rows


def enqueue_probes(count: int) -> tuple[int, int]:
    """Queue ``count`` probe jobs in this process (Django set up on the bench database)."""
    from django.db import transaction

    from ikz.jobs import services

    ids = []
    for start in range(0, count, 100):
        with transaction.atomic():
            for _ in range(min(100, count - start)):
                job = services.enqueue(
                    "jobs.probe", {"seconds": 0, "record": False}, label="Probe (Messung)", actor=None
                )
                ids.append(job.pk)
    return min(ids), max(ids)


def drain(stack: Stack, workers: list[str], count: int) -> dict[str, Any]:
    first, last = enqueue_probes(count)
    for name in workers:
        stack.start_worker(name)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        done = db(
            "SELECT count(*) FROM jobs_job WHERE id BETWEEN %s AND %s AND status = 'done'", first, last
        )[0][0]
        if done == count:
            break
        time.sleep(0.5)
    for name in workers:
        stack.procs[name].terminate()
        stack.procs.pop(name).wait(timeout=30)
    rows = db(
        "SELECT finished_at, worker FROM jobs_job WHERE id BETWEEN %s AND %s AND status = 'done' "
        "ORDER BY finished_at",
        first,
        last,
    )
    span = (rows[-1][0] - rows[0][0]).total_seconds() if len(rows) > 1 else 0.0
    per_second = Counter(int((r[0] - rows[0][0]).total_seconds()) for r in rows)
    return {
        "workers": len(workers),
        "jobs": count,
        "done": len(rows),
        "seconds": round(span, 2),
        "jobs_per_second": round((len(rows) - 1) / span, 1) if span else None,
        "done_per_second": [per_second[s] for s in range(max(per_second) + 1)] if per_second else [],
        "by_worker": dict(Counter(str(r[1]) for r in rows)),
    }


def reminders(stack: Stack, sink: SinkServer, world: dict[str, Any]) -> dict[str, Any]:
    stack.start_server("A", timeout=600)  # before the outbox, the request itself sent every mail
    for name in ("w1", "w2"):
        stack.start_worker(name)
    stack.wait_servers(("A",))
    base = f"http://127.0.0.1:{stack.ports['A']}"
    browser = Browser()
    browser.login(base, world["office"], world["password"])
    tracking = browser.get(f"{base}/bestandsaufnahmen/{world['campaign']}/ruecklauf/")
    ids = world["municipalities"]
    start = time.time()
    response = browser.post(
        f"{base}/bestandsaufnahmen/{world['campaign']}/erinnern/",
        [("csrfmiddlewaretoken", tracking.csrf()), *(("kommune", str(i)) for i in ids)],
        referer=tracking.url,
    )
    request_s = time.time() - start
    deadline = time.monotonic() + 600
    while len(sink.mailbox) < len(ids) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)
    messages = sink.mailbox.since(0)
    last = max((m.at for m in messages), default=start)
    return {
        "municipalities": len(ids),
        "status": response.status,
        "request_s": round(request_s, 2),
        "messages": len(messages),
        "distinct_recipients": len({m.recipients for m in messages}),
        "last_message_s": round(last - start, 2),
    }


def markdown(figures: dict[str, Any]) -> str:
    lines = [
        f"### Warteschlange (PostgreSQL), {figures['date']}",
        "",
        f"Rechner: {figures['machine']}. Probeaufträge von 0 s ohne Verlaufseintrag; Rate aus "
        "`finished_at` der Aufträge (erster bis letzter erledigt), Start der Arbeitsprozesse "
        "nicht mitgezählt.",
        "",
        "| Arbeitsprozesse | Aufträge | erledigt | Sekunden | Aufträge/s | je Arbeitsprozess |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for r in figures["throughput"]:
        by = ", ".join(f"{k}: {v}" for k, v in sorted(r["by_worker"].items()))
        lines.append(
            f"| {r['workers']} | {r['jobs']} | {r['done']} | {r['seconds']} | {r['jobs_per_second']} | {by} |"
        )
    lines += ["", "Erledigt je Sekunde:"]
    lines += [f"- {r['workers']} Arbeitsprozess(e): {r['done_per_second']}" for r in figures["throughput"]]
    r = figures["reminders"]
    lines += [
        "",
        f"Erinnerungen an {r['municipalities']} Kommunen (je eine Kontakt-E-Mail), zwei Arbeitsprozesse, "
        f"ein gunicorn: Anfrage {r['request_s']} s (Status {r['status']}), letzte E-Mail beim SMTP-Server "
        f"nach {r['last_message_s']} s; {r['messages']} Nachrichten an {r['distinct_recipients']} "
        "verschiedene Empfänger.",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--municipalities", type=int, default=400)
    args = parser.parse_args()
    import tempfile

    logs = Path(tempfile.mkdtemp(prefix="ikz-bench-queue-"))
    sink = SinkServer().start()
    stack = Stack(logs=logs, sink_port=sink.port, db_name=DB, stale_seconds=30)
    pg([f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)", f"CREATE DATABASE {DB}"])
    stack.manage("migrate", "--noinput", "-v0")
    stack.manage("collectstatic", "--noinput", "-v0")
    world = json.loads(
        run(
            [sys.executable, "scale/world.py", "--municipalities", str(args.municipalities)],
            stack.env("world"),
            logs / "manage.log",
        )
    )
    os.environ.update(
        {"DATABASE_URL": f"{PG}/{DB}", "IKZ_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "ikz.settings"}
    )
    import django

    django.setup()
    try:
        throughput = [drain(stack, ["w1"], args.jobs), drain(stack, ["w1", "w2"], args.jobs)]
        mails = reminders(stack, sink, world)
    finally:
        stack.stop()
        sink.stop()
    figures = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{os.cpu_count()} Kerne, Python {platform.python_version()}",
        "throughput": throughput,
        "reminders": mails,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "queue.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    text = markdown(figures)
    (RESULTS / "queue.md").write_text(text)
    print("\n" + text + f"\nLogs: {logs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
