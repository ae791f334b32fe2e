"""The one django-tasks task: it carries a :class:`~ikz.jobs.models.Job` to a worker. Whatever
happens, the job's own row says how it went (the task's result is not read by users)."""

from __future__ import annotations

from django_tasks import task

# Set by the worker process (``manage.py run_worker``); in-process runs use "im-prozess".
WORKER_NAME = {"name": "im-prozess"}


@task()
def run(job_id: int) -> str:
    from ikz.jobs.services import execute

    return execute(job_id, worker=WORKER_NAME["name"])
