"""The health report: database, migrations, queue, timers — each part with its state, read under a
statement timeout so that a hanging database answers within the monitor's patience."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ikz.health import rules
from ikz.health.models import TimerRun
from ikz.jobs.queries import queue_state

STATEMENT_TIMEOUT_MS = 2000


@dataclass
class Report:
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(part["ok"] for part in self.checks.values())

    def as_json(self, *, details: bool) -> dict[str, Any]:
        body: dict[str, Any] = {"status": "ok" if self.ok else "stale"}
        if details:
            body["checks"] = self.checks
        else:
            body["failing"] = sorted(k for k, part in self.checks.items() if not part["ok"])
        return body


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _limit_statements() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}")


def _migrations() -> dict[str, Any]:
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return {"ok": not pending, "pending": [f"{m.app_label}.{m.name}" for m, _backwards in pending][:20]}


def _queue(now: dt.datetime) -> dict[str, Any]:
    state = queue_state(now)
    age = (now - state.oldest_waiting).total_seconds() if state.oldest_waiting else 0
    return {
        "ok": not rules.queue_stale(state.oldest_waiting, state.workers_alive, now),
        "waiting": state.waiting,
        "running": state.running,
        "retrying": state.retrying,
        "failed": state.failed,
        "oldest_waiting_seconds": round(age),
        "max_wait_seconds": int(rules.QUEUE_MAX_WAIT.total_seconds()),
        "workers_alive": state.workers_alive,
    }


def _timers(now: dt.datetime) -> dict[str, Any]:
    runs = {run.name: run for run in TimerRun.objects.filter(name__in=rules.TIMER_NAMES)}
    timers = {}
    for timer in rules.TIMERS:
        run = runs.get(timer.name)
        succeeded = run.succeeded_at if run else None
        timers[timer.name] = {
            "ok": not rules.timer_stale(timer, succeeded, now),
            "label": timer.label,
            "last_success": _iso(succeeded),
            "max_age_hours": round(timer.max_age.total_seconds() / 3600, 1),
            "last_error": run.error if run and run.error else None,
        }
    return {"ok": all(t["ok"] for t in timers.values()), "timers": timers}


def report(now: dt.datetime | None = None) -> Report:
    now = now or timezone.now()
    result = Report()
    try:
        with transaction.atomic():
            _limit_statements()
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            result.checks["database"] = {"ok": True, "vendor": connection.vendor}
            result.checks["migrations"] = _migrations()
            result.checks["queue"] = _queue(now)
            result.checks["timers"] = _timers(now)
    except DatabaseError as exc:
        result.checks["database"] = {"ok": False, "error": type(exc).__name__}
    return result
