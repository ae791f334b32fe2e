"""Two workers on PostgreSQL with real parallel connections: every job is run exactly once, and a
key queued by two callers at the same moment gives one job (a timer started twice)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from django.db import connection

from ikz.jobs import registry, services
from ikz.jobs.models import Job, JobStatus

RUNS: list[int] = []
_lock = threading.Lock()

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises all writers, so there is no parallel claim to test; CI runs this "
        "on PostgreSQL (the second pass of .ci/run)",
    ),
]


@registry.register("test.parallel", label="Parallel")
def _parallel(job: Job) -> str:
    with _lock:
        RUNS.append(job.pk)
    return "ok"


def _in_threads(*targets: Callable[[], object]) -> list[object]:
    barrier = threading.Barrier(len(targets))
    results: list[object] = [None] * len(targets)
    errors: list[BaseException] = []

    def run(i: int, target: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[i] = target()
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    return results


def test_two_workers_run_every_job_exactly_once() -> None:
    RUNS.clear()
    jobs = [services.enqueue("test.parallel", {"n": n}, label=f"Auftrag {n}", actor=None) for n in range(60)]
    done = _in_threads(lambda: services.work_off(worker="a"), lambda: services.work_off(worker="b"))
    assert sum(done) == 60  # type: ignore[arg-type]
    assert Counter(RUNS) == Counter(job.pk for job in jobs)
    assert set(Job.objects.values_list("status", flat=True)) == {JobStatus.DONE}
    # both workers took part (SKIP LOCKED hands each its own rows)
    assert set(Job.objects.values_list("worker", flat=True)) == {"a", "b"}


def test_the_same_key_from_two_callers_at_once_gives_one_job() -> None:
    RUNS.clear()

    def queue() -> int:
        return services.enqueue("test.parallel", {}, label="Timer", actor=None, key="timer:2026-12-06").pk

    first, second = _in_threads(queue, queue)
    assert first == second
    assert Job.objects.filter(key="timer:2026-12-06").count() == 1
    services.work_off()
    assert len(RUNS) == 1
