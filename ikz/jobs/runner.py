"""The one django-tasks task: it carries a :class:`~ikz.jobs.models.Job` to a worker. Whatever
happens, the job's own row says how it went (the task's result is not read by users)."""

from __future__ import annotations

import threading

from django_tasks import task


class _Current(threading.local):
    name = "im-prozess"


# The worker running in this thread (``manage.py run_worker`` sets it; in-process runs: "im-prozess").
CURRENT = _Current()


@task()
def run(job_id: int) -> str:
    from ikz.jobs.services import execute

    return execute(job_id, worker=CURRENT.name)
