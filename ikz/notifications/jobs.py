"""The jobs of notifications: sending one e-mail of the outbox."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ikz.jobs.models import Job
from ikz.jobs.registry import register
from ikz.notifications.services.outbox import DELIVER, deliver


@register(DELIVER, label=_("E-Mail versenden"), max_attempts=6)
def deliver_job(job: Job) -> str:
    return deliver(int(job.payload["mail"]))
