"""State changes of an import: upload (read the file), check the next chunk, apply (one
transaction, all or nothing, refused when an object changed since the preview), reject.

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


def apply_run(
    run_id: int, kind: ImportKind, scope: Scope, *, expected_version: int, actor: User
) -> ImportRun:
    """Carry out the plan in one transaction. Refused (nothing written) when the run is not ready,
    the page was stale, or any object the plan changes is no longer as the preview saw it — then
    the run is "abgelehnt" with the reason, naming the object and who changed it."""
    try:
        with transaction.atomic():
            run = ImportRun.objects.select_for_update().get(pk=run_id)
            if run.status != Status.READY or run.version != expected_version:
                raise ValidationError(
                    _("Dieser Import ist nicht (mehr) bereit zur Übernahme (Status: %(status)s).")
                    % {"status": str(Status(run.status).label)}
                )
            todo = [e for e in map(rules.Entry.from_json, run.plan) if e.action != rules.UNCHANGED]
            changed = rules.stale(todo, kind.current(scope, [e.ref for e in todo if e.ref]))
            if changed:
                raise _Stale(_stale_message(kind, scope, changed[0], len(changed)))
            every = [rules.Entry.from_json(e) for e in run.plan] if kind.whole_file else todo
            try:
                links = kind.apply(scope, every, actor=actor)
            except ValidationError as exc:
                raise ValidationError(
                    _("Der Import wurde nicht übernommen, nichts wurde gespeichert: %(reason)s")
                    % {"reason": " ".join(exc.messages)}
                ) from exc
            run.status, run.applied_by, run.applied_at = Status.APPLIED, actor, timezone.now()
            run.links = [[link.label, link.url] for link in links]
            run.version += 1
            run.save(update_fields=["status", "applied_by", "applied_at", "links", "version"])
            record(
                run,
                Action.UPDATE,
                actor=actor,
                changes={_("Status"): [str(Status.READY.label), str(Status.APPLIED.label)]},
            )
            return run
    except _Stale as stale:
        _close(run_id, Status.REJECTED, stale.message, actor=actor)
        raise ValidationError(stale.message) from None


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
    return _close(run_id, Status.REJECTED, _("verworfen"), actor=actor)


def _close(run_id: int, status: str, note: str, *, actor: User) -> ImportRun:
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
