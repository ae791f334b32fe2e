"""Background job of the search: the index rebuilt outside a request or a terminal session."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ikz.jobs.models import Job
from ikz.jobs.registry import register
from ikz.search import index


@register("search.rebuild", label=_("Suchindex neu aufbauen"), max_attempts=3)
def rebuild_job(job: Job) -> str:
    """Index every object of the given sources again (``payload["keys"]``; all when empty)."""
    count = index.rebuild(list(job.payload.get("keys") or []) or None)
    return _("Suchindex neu aufgebaut: %(count)s Einträge") % {"count": count}
