"""The queue's own job kind: a probe for operators to check the queue end to end
(``manage.py queue_probe``; the scale test kills a worker in the middle of one)."""

from __future__ import annotations

import time

from django.utils.translation import gettext as _

from ikz.audit.models import Action
from ikz.audit.services import record
from ikz.jobs.models import Job
from ikz.jobs.registry import InputGone, register

PROBE_MAX_SECONDS = 300


@register("jobs.probe", label=_("Probeauftrag"), max_attempts=3)
def probe(job: Job) -> str:
    """Wait ``payload["seconds"]``, then note in the job's history which worker finished it (unless
    ``payload["record"]`` is false, as in the queue benchmark)."""
    try:
        seconds = float(job.payload.get("seconds", 0))
    except (TypeError, ValueError):
        seconds = -1.0
    if not 0 <= seconds <= PROBE_MAX_SECONDS:
        raise InputGone(
            _("Dauer des Probeauftrags ungültig: %(value)s (0 bis %(max)s Sekunden)")
            % {"value": job.payload.get("seconds"), "max": PROBE_MAX_SECONDS}
        )
    time.sleep(seconds)
    text = _("Probe beendet von %(worker)s nach %(seconds)s s") % {"worker": job.worker, "seconds": seconds}
    if job.payload.get("record", True):
        record(job, Action.UPDATE, actor=None, message=text)
    return text
