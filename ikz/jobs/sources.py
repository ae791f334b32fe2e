"""What the queue gives the start page: the office sees how many of its background jobs failed
for good (a mail server refused a message five times, a document was deleted before its text was
read), with the list to try them again. Registered in ``JobsConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.jobs import access
from ikz.jobs.models import JobStatus
from ikz.tasks import OFFICE, Task, TaskSource
from ikz.tasks import register as register_task


def failed_jobs(user: Any, today: dt.date) -> list[Task]:
    count = access.jobs_for(user).filter(status=JobStatus.FAILED).count()
    if not count:
        return []
    return [
        Task(
            label=_("Fehlgeschlagene Aufträge im Hintergrund prüfen"),
            count=count,
            url=reverse("jobs:failed_list"),
            note=_("mit Grund; erneut versuchen oder Angaben korrigieren"),
            urgent=True,
        )
    ]


def register() -> None:
    register_task(TaskSource("jobs-failed", OFFICE, failed_jobs, order=5))
