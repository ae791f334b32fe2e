"""The background job behind "Import übernehmen" (decision 167): the request only checks the
version and queues it; the job carries out the plan with :func:`ikz.imports.services.apply_run`,
all or nothing in one transaction. Run again after a worker restart, it finds the run applied and
ends at once."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.imports import registry, rules, services
from ikz.imports.models import ImportRun, Status
from ikz.jobs.models import Job
from ikz.jobs.registry import Done, InputGone, register


def _done(run: ImportRun) -> Done:
    counts = run.counts or {}
    return Done(
        _("%(create)s angelegt, %(change)s geändert")
        % {"create": counts.get(rules.CREATE, 0), "change": counts.get(rules.CHANGE, 0)},
        link=run.get_absolute_url(),
    )


def _gone(run: ImportRun, reason: str) -> InputGone:
    """The run cannot be applied by this job: it is "bereit" again with the reason."""
    services.give_back(run.pk, reason, actor=None)
    return InputGone(reason)


@register("imports.apply", label=_("Import übernehmen"), max_attempts=3)
def apply_import(job: Job) -> Done:
    run = ImportRun.objects.defer("rows", "plan", "problems").filter(pk=job.payload.get("run")).first()
    if run is None:
        raise InputGone(_("Der Import wurde gelöscht."))
    if run.status == Status.APPLIED:
        return _done(run)
    actor = job.created_by
    if actor is None or not actor.is_active:
        raise _gone(run, _("Die Person, die den Import übernehmen wollte, hat kein Konto mehr."))
    try:
        kind = registry.get(run.kind)
        scope = kind.scope(actor, run.scope_id, write=True)
    except (Http404, PermissionDenied):
        raise _gone(run, _("Sie dürfen diesen Import nicht mehr übernehmen.")) from None
    try:
        applied = services.apply_run(
            run.pk, kind, scope, expected_version=int(job.payload.get("version", 0)), actor=actor
        )
    except ValidationError as exc:
        raise InputGone(" ".join(exc.messages)) from None
    return _done(applied)
