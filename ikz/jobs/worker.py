"""The worker process: django-tasks' database worker, plus a heartbeat (every few seconds the
worker and its running job report that they live) and the take-over of jobs whose worker died."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Worker as DbWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from ikz.jobs import rules, runner, services

logger = logging.getLogger(__name__)


class QueueWorker(DbWorker):
    def __init__(
        self, *, name: str, interval: float = 1.0, batch: bool = False, limit: int | None = None
    ) -> None:
        super().__init__(
            queue_names=["*"],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=limit,
            worker_id=name[:64],
            excluded_queue_names=[],
        )
        self.name = name
        self._stop = threading.Event()

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        runner.CURRENT.name = self.name
        super().run_task(db_task_result)

    def _heartbeat(self) -> None:
        """In its own thread (and database connection): report, and take over stale jobs."""
        while not self._stop.wait(rules.HEARTBEAT.total_seconds()):
            try:
                services.beat(self.name, jobs_done=self._run_tasks)
                services.reclaim_stale()
            except Exception:  # a lost connection must not stop the worker
                logger.exception("Heartbeat of %s failed", self.name)
            finally:
                close_old_connections()
        connection.close()

    def serve(self) -> None:
        services.beat(self.name)
        services.reclaim_stale()
        beat = threading.Thread(target=self._heartbeat, name="heartbeat", daemon=True)
        beat.start()
        try:
            self.run()
        finally:
            self._stop.set()

    def drain(self) -> int:
        """Run what is due now, in this process, without the library's loop: that loop closes the
        connection between tasks, which would end a test's transaction."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        while self.max_tasks is None or self._run_tasks < self.max_tasks:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is None:
                    break
                task_result.claim(self.worker_id)
            self.run_task(task_result)
        return self._run_tasks

    @classmethod
    def batch_run(cls, name: str, *, limit: int | None = None) -> int:
        """Run what is due now in this process and return how many attempts ran."""
        worker = cls(name=name, interval=0, batch=True, limit=limit)
        previous = runner.CURRENT.name
        try:
            return worker.drain()
        finally:
            runner.CURRENT.name = previous
