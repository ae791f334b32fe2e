"""Import pages: upload with the scope's history → check in chunks (progress bar) → preview →
apply (queued as a background job, decision 167) or reject; the template and the scope's current
table as downloads."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.imports import access, queries, services
from ikz.imports.exports import template_table
from ikz.imports.forms import ApplyForm, UploadForm
from ikz.imports.models import Status
from ikz.lib.exports import download
from ikz.web import AppRequest, Cleaned, edit_page, post_action, post_button


@login_required
def run_create(request: AppRequest, kind: str, scope: int) -> HttpResponse:
    import_kind, found = access.get_scope_for(request.user, kind, scope)
    form = UploadForm(request.POST or None, request.FILES or None)
    if import_kind.upload_hint:
        form.fields["file"].help_text = str(import_kind.upload_hint)

    def save(data: Cleaned) -> Any:
        filename, content = data["file"]
        return services.start_run(import_kind, found, filename, content, actor=request.user)

    return edit_page(
        request,
        form,
        save,
        template="imports/run_create.html",
        success=_("Die Datei wurde gelesen; die Zeilen werden jetzt geprüft."),
        context={
            "kind": import_kind,
            "scope": found,
            "runs": queries.history(access.runs_for(import_kind, found)),
        },
    )


@login_required
def template_download(request: AppRequest, kind: str, scope: int) -> HttpResponse:
    import_kind, found = access.get_scope_for(request.user, kind, scope)
    table = import_kind.template(found) or template_table(import_kind)
    return download(table, "xlsx", f"vorlage-{import_kind.slug}")


@login_required
def current_export(request: AppRequest, kind: str, scope: int, fmt: str) -> HttpResponse:
    import_kind, found = access.get_scope_for(request.user, kind, scope)
    table = import_kind.export(found)
    if table is None or fmt not in ("csv", "xlsx"):
        raise Http404
    return download(table, fmt, f"{import_kind.slug}-{found.pk}")


@login_required
def run_detail(request: AppRequest, pk: int) -> HttpResponse:
    run, kind, scope = access.get_run_for(request.user, pk)
    return render(
        request,
        "imports/run_detail.html",
        {
            "run": run,
            "kind": kind,
            "scope": scope,
            "preview": queries.preview(run.pk),
            "form": ApplyForm(initial={"version": run.version}),
            "checking": run.status == Status.CHECKING,
            "ready": run.status == Status.READY,
            "failed": run.status == Status.FAILED,
            "applied": run.status == Status.APPLIED,
            "applying": run.status == Status.APPLYING,
            "job": run.apply_job if run.status == Status.APPLYING else None,
        },
    )


@login_required
@require_POST
def run_check(request: AppRequest, pk: int) -> HttpResponse:
    run, kind, scope = access.get_run_for(request.user, pk)
    services.check_next(run.pk, kind, scope, actor=request.user)
    return redirect("imports:run_detail", pk=run.pk)


@login_required
@require_POST
def run_apply(request: AppRequest, pk: int) -> HttpResponse:
    run, kind, scope = access.get_run_for(request.user, pk)
    return post_action(
        request,
        lambda version: services.queue_apply(
            run.pk, kind, scope, expected_version=version, actor=request.user
        ),
        success=_("Die Übernahme läuft im Hintergrund; das Ergebnis erscheint auf dieser Seite."),
        back=run,
    )


@login_required
@require_POST
def run_reject(request: AppRequest, pk: int) -> HttpResponse:
    run, _kind, _scope = access.get_run_for(request.user, pk)
    return post_button(
        request,
        lambda: services.reject_run(run.pk, actor=request.user),
        success=_("Der Import wurde verworfen; es wurde nichts übernommen."),
        back=run,
    )
