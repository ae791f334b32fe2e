"""State changes of an import: upload (read the file), check the next chunk, queue the apply
(a background job, ``ikz/imports/jobs.py``), apply (one transaction, all or nothing, refused when an
object changed since the preview), reject.

The rows are read and checked by the kind registered for ``run.kind``; writing the data is the
kind's ``apply`` through its app's services. Each step records who did it (audit on the run)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.audit.models import Action, AuditEntry
from ikz.audit.services import record
from ikz.imports import rules
from ikz.imports.models import ImportChunk, ImportRun, Status
from ikz.imports.registry import ImportKind, Row, Scope
from ikz.jobs.services import enqueue
from ikz.lib.tables_in import TableError

if TYPE_CHECKING:  # accounts registers an import kind itself: no import back at run time
    from ikz.accounts.models import User


def start_run(kind: ImportKind, scope: Scope, filename: str, data: bytes, *, actor: User) -> ImportRun:
    """Read the file and keep its rows for the check; a file that cannot be read, or has no
    rows, is refused at the field ``file`` and nothing is stored. Missing required columns end
    the run at once ("mit Fehlern") so the preview names them."""
    try:
        found = kind.read(filename, data)
    except TableError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    if not found.rows:
        raise ValidationError({"file": _("Die Datei enthält unter der Kopfzeile keine Zeilen.")})
    problems = rules.header_problems(
        found.missing, [] if kind.extra_columns else found.unknown, found.header_row
    )
    run = ImportRun.objects.create(
        kind=kind.slug,
        scope_id=scope.pk,
        scope_label=scope.label[:300],
        filename=filename[:255],
        header_row=found.header_row,
        rows=[[number, row] for number, row in zip(found.numbers, found.rows, strict=True)],
        total=len(found.rows),
        status=Status.FAILED if found.missing else Status.CHECKING,
        problems=[[p.row, p.column, p.message] for p in problems],
        uploaded_by=actor,
    )
    if run.status == Status.CHECKING:
        size = kind.chunk or rules.CHUNK
        ImportChunk.objects.bulk_create(
            ImportChunk(run=run, index=i // size, rows=run.rows[i : i + size])
            for i in range(0, run.total, size)
        )
    record(
        run,
        Action.CREATE,
        actor=actor,
        changes={_("Datei"): [None, run.filename], _("Zeilen"): [None, run.total]},
        message=str(kind.label),
    )
    return run


@transaction.atomic
def check_next(run_id: int, kind: ImportKind, scope: Scope, *, actor: User) -> ImportRun:
    """Check the next chunk of rows; after the last one the run is "bereit" or "mit Fehlern"."""
    run = ImportRun.objects.select_for_update().defer("rows", "plan", "problems").get(pk=run_id)
    if run.status != Status.CHECKING:
        return run
    part = run.chunks.filter(done=False).order_by("index").first()
    if part is not None:
        rows = [Row(int(n), dict(values)) for n, values in part.rows]
        entries, problems = kind.check(rows, kind.prepare(scope))
        earlier: dict[str, int] = {}
        for keys in run.chunks.filter(done=True).values_list("keys", flat=True):
            earlier.update(keys)
        problems = problems + rules.duplicates(entries, earlier)
        first: dict[str, int] = {}
        for entry in entries:
            if entry.key not in earlier:
                first.setdefault(entry.key, entry.row)
        part.plan = [e.as_json() for e in entries]
        part.problems = [[p.row, p.column, p.message] for p in problems]
        part.keys, part.rows, part.done = first, [], True
        part.save(update_fields=["plan", "problems", "keys", "rows", "done"])
        run.checked = min(run.total, run.checked + len(rows))
        run.save(update_fields=["checked"])
    if run.checked >= run.total or part is None:
        _finish_check(run, actor=actor)
    return run


def _finish_check(run: ImportRun, *, actor: User) -> None:
    """Merge the chunks' plans and problems into the run, decide its status, record it."""
    plan: list[dict[str, object]] = []
    problems = list(run.problems)
    for part_plan, part_problems in run.chunks.order_by("index").values_list("plan", "problems"):
        plan += part_plan
        problems += part_problems
    run.plan, run.problems, run.checked = plan, problems, run.total
    run.status = Status.FAILED if problems else Status.READY
    run.counts = rules.counts(rules.Entry.from_json(e) for e in plan)
    run.version += 1
    run.save(update_fields=["plan", "problems", "checked", "status", "counts", "version"])
    run.chunks.all().delete()
    record(
        run,
        Action.UPDATE,
        actor=actor,
        changes={_("Status"): [str(Status.CHECKING.label), str(Status(run.status).label)]},
        message=_("%(problems)s Fehler, %(create)s neu, %(change)s geändert, %(same)s unverändert")
        % {
            "problems": len(problems),
            "create": run.counts[rules.CREATE],
            "change": run.counts[rules.CHANGE],
            "same": run.counts[rules.UNCHANGED],
        },
    )


class _Stale(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Refused(_Stale):
    """The kind's services refused the plan (nothing was written): the run stays ready."""


def _not_ready(run: ImportRun) -> ValidationError:
    return ValidationError(
        _("Dieser Import ist nicht (mehr) bereit zur Übernahme (Status: %(status)s).")
        % {"status": str(Status(run.status).label)}
    )


def _region_id(scope: Scope) -> int | None:
    """The region of the scope (the region itself, or the region of a cooperation …), for the job:
    the region's office sees it too. No import of the region model (it imports this app)."""
    obj = scope.obj
    if getattr(getattr(obj, "_meta", None), "label", "") == "municipalities.Region":
        return int(scope.pk)
    region_id = getattr(obj, "region_id", None)
    return int(region_id) if isinstance(region_id, int) else None


@transaction.atomic
def queue_apply(
    run_id: int, kind: ImportKind, scope: Scope, *, expected_version: int, actor: User
) -> ImportRun:
    """ "Import übernehmen": check that the page showed the current, ready run, then queue the job
    ``imports.apply`` that carries out the plan (:func:`apply_run`) and mark the run "wird
    übernommen". A second click on the same page returns the job already queued (decision 167)."""
    run = ImportRun.objects.select_for_update().defer("rows", "plan", "problems").get(pk=run_id)
    if run.status == Status.APPLYING and run.version == expected_version and run.apply_job_id:
        return run
    if run.status != Status.READY or run.version != expected_version:
        raise _not_ready(run)
    run.apply_job = enqueue(
        "imports.apply",
        {"run": run.pk, "version": run.version},
        label=_("Import übernehmen: %(file)s (%(scope)s)") % {"file": run.filename, "scope": run.scope_label},
        actor=actor,
        region_id=_region_id(scope),
        key=f"import-apply:{run.pk}:{run.version}",
    )
    run.status, run.note = Status.APPLYING, ""
    run.save(update_fields=["status", "note", "apply_job"])
    record(
        run,
        Action.UPDATE,
        actor=actor,
        changes={_("Status"): [str(Status.READY.label), str(Status.APPLYING.label)]},
    )
    return run


def apply_run(
    run_id: int, kind: ImportKind, scope: Scope, *, expected_version: int, actor: User
) -> ImportRun:
    """Carry out the plan in one transaction (the job ``imports.apply``; the demo directly).
    Refused (nothing written) when the run is not ready or queued, the version differs, or any
    object the plan changes is no longer as the preview saw it — then the run is "abgelehnt" with
    the reason, naming the object and who changed it. A refusal of the kind's services leaves the
    run "bereit" with the reason as its note. A run already applied is returned at once (a worker
    that restarts after the commit runs the job again)."""
    try:
        with transaction.atomic():
            run = ImportRun.objects.select_for_update().get(pk=run_id)
            if run.status == Status.APPLIED:
                return run
            if run.status not in (Status.READY, Status.APPLYING) or run.version != expected_version:
                raise _not_ready(run)
            todo = [e for e in map(rules.Entry.from_json, run.plan) if e.action != rules.UNCHANGED]
            changed = rules.stale(todo, kind.current(scope, [e.ref for e in todo if e.ref]))
            if changed:
                raise _Stale(_stale_message(kind, scope, changed[0], len(changed)))
            every = [rules.Entry.from_json(e) for e in run.plan] if kind.whole_file else todo
            try:
                links = kind.apply(scope, every, actor=actor)
            except ValidationError as exc:
                raise _Refused(
                    _("Der Import wurde nicht übernommen, nichts wurde gespeichert: %(reason)s")
                    % {"reason": " ".join(exc.messages)}
                ) from exc
            before = str(Status(run.status).label)
            run.status, run.applied_by, run.applied_at = Status.APPLIED, actor, timezone.now()
            run.links = [[link.label, link.url] for link in links]
            run.version += 1
            run.note = ""
            run.save(update_fields=["status", "applied_by", "applied_at", "links", "version", "note"])
            record(
                run, Action.UPDATE, actor=actor, changes={_("Status"): [before, str(Status.APPLIED.label)]}
            )
            return run
    except _Refused as refused:
        give_back(run_id, refused.message, actor=actor)
        raise ValidationError(refused.message) from None
    except _Stale as stale:
        _close(run_id, Status.REJECTED, stale.message, actor=actor)
        raise ValidationError(stale.message) from None


@transaction.atomic
def give_back(run_id: int, note: str, *, actor: User | None) -> ImportRun | None:
    """A queued run that could not be applied (refused, or its job cannot run any more) is "bereit"
    again, with the reason as its note, so that the page says why and offers the button again."""
    run = ImportRun.objects.select_for_update().defer("rows", "plan", "problems").filter(pk=run_id).first()
    if run is None or run.status not in (Status.APPLYING, Status.READY):
        return run
    return _close(run_id, Status.READY, note, actor=actor)


def _stale_message(kind: ImportKind, scope: Scope, entry: rules.Entry, count: int) -> str:
    obj = kind.audit_object(scope, entry.ref)
    last = None
    if obj is not None:
        last = (
            AuditEntry.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name)
            .filter(content_type__app_label=obj._meta.app_label)
            .exclude(action=Action.CONFLICT)
            .first()
        )
    who = last.actor_label if last is not None else _("einer anderen Person")
    text = _(
        "„%(what)s“ (Zeile %(row)s) wurde seit der Vorschau von %(who)s geändert; der Import wurde "
        "nicht übernommen. Bitte laden Sie die Datei erneut hoch."
    ) % {"what": entry.summary, "row": entry.row, "who": who}
    if count > 1:
        text += " " + _("Betroffen sind %(count)s Zeilen.") % {"count": count}
    return text


@transaction.atomic
def reject_run(run_id: int, *, actor: User) -> ImportRun:
    """Discard a run that was not applied (the file's rows stay in the history)."""
    run = ImportRun.objects.select_for_update().get(pk=run_id)
    if run.status == Status.APPLIED:
        raise ValidationError(_("Ein übernommener Import kann nicht mehr verworfen werden."))
    if run.status == Status.APPLYING:
        raise ValidationError(_("Der Import wird gerade übernommen und kann nicht mehr verworfen werden."))
    return _close(run_id, Status.REJECTED, _("verworfen"), actor=actor)


def _close(run_id: int, status: str, note: str, *, actor: User | None) -> ImportRun:
    run = ImportRun.objects.select_for_update().get(pk=run_id)
    before = str(Status(run.status).label)
    run.status, run.note, run.version = status, note[:1000], run.version + 1
    run.save(update_fields=["status", "note", "version"])
    record(
        run,
        Action.UPDATE,
        actor=actor,
        changes={_("Status"): [before, str(Status(status).label)]},
        message=note,
    )
    return run
