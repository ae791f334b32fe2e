"""Thin views of the document library. Files are only ever sent by :func:`version_download`,
after the access check; the media folder is not published by the web server."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ikz.audit.views import history_page
from ikz.documents import access, services
from ikz.documents.forms import DocumentForm, FilterForm, UploadForm, VersionForm
from ikz.documents.models import DocumentVersion
from ikz.forms import submit

FORM_FIELDS = DocumentForm.Meta.fields


def _values(form: Any) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in FORM_FIELDS if name != "fields"}


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    documents = access.documents_for(request.user).select_related("region", "owner")
    if form.is_valid() and form.cleaned_data["doc_type"]:
        documents = documents.filter(doc_type=form.cleaned_data["doc_type"])
    page = Paginator(documents.order_by("-date", "title", "pk"), 50).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "documents/document_list.html",
        {
            "form": form,
            "page": page,
            "documents": page.object_list,
            "query_without_page": query.urlencode(),
            "can_upload": access.can_upload(request.user),
        },
    )


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    if not access.can_upload(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        result = submit(
            request,
            form,
            lambda: services.upload_document(
                _values(form),
                form.cleaned_data["fields"],
                form.cleaned_data["file"],
                actor=request.user,  # type: ignore[arg-type]
            ),
            success=_("Das Dokument wurde gespeichert."),
        )
        if result.saved is not None:
            return redirect(result.saved)
        form = result.form
    return render(request, "documents/document_form.html", {"form": form, "document": None}, status=200)


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document_for(request.user, pk)
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "versions": document.versions.select_related("uploaded_by"),
            "fields": document.fields.select_related("task_area"),
            "can_edit": access.can_edit(request.user, document),
            "version_form": VersionForm(initial={"version": document.version}),
        },
    )


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document_for(request.user, pk, write=True)
    form = DocumentForm(
        request.POST or None, instance=document, initial={"version": document.version}, user=request.user
    )
    context: dict[str, Any] = {"form": form, "document": document}
    status = 200
    if request.method == "POST" and form.is_valid():
        result = submit(
            request,
            form,
            lambda: services.update_document(
                document,
                _values(form),
                form.cleaned_data["fields"],
                expected_version=form.cleaned_data["version"] or 0,
                actor=request.user,  # type: ignore[arg-type]
            ),
            success=_("Das Dokument wurde gespeichert."),
            fresh=lambda current: DocumentForm(
                instance=current, initial={"version": current.version}, user=request.user
            ),
        )
        if result.saved is not None:
            return redirect(result.saved)
        context.update(form=result.form, conflict=result.conflict)
        status = result.status
    return render(request, "documents/document_form.html", context, status=status)


@login_required
def version_create(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document_for(request.user, pk, write=True)
    form = VersionForm(request.POST or None, request.FILES or None, initial={"version": document.version})
    status = 200
    conflict = None
    if request.method == "POST" and form.is_valid():
        result = submit(
            request,
            form,
            lambda: services.add_version(
                document,
                form.cleaned_data["file"],
                expected_version=form.cleaned_data["version"],
                actor=request.user,  # type: ignore[arg-type]
            ),
            success=_("Die neue Fassung wurde gespeichert."),
        )
        if result.saved is not None:
            return redirect(document)
        form, conflict, status = result.form, result.conflict, result.status
    return render(
        request,
        "documents/version_form.html",
        {"form": form, "document": document, "conflict": conflict},
        status=status,
    )


def send_version(version: DocumentVersion) -> FileResponse:
    """The file as a download, with the original name and no content sniffing."""
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.filename,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def version_download(request: HttpRequest, pk: int, version_pk: int) -> FileResponse:
    return send_version(access.get_version_for(request.user, pk, version_pk))


@login_required
def document_history(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document_for(request.user, pk, write=True)
    return history_page(request, document, back_url=document.get_absolute_url(), title=document.title)
