"""Thin views of the document library. Files are only ever sent by :func:`version_download`,
after the access check; the media folder is not published by the web server."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from ikz.audit.views import history_page
from ikz.documents import access, queries, services
from ikz.documents.forms import DocumentForm, FilterForm, UploadForm, VersionForm
from ikz.documents.models import DocumentVersion
from ikz.lib.storage import NOT_READABLE, StorageUnavailable
from ikz.web import AppRequest, Cleaned, edit_page, pick

FORM_FIELDS = DocumentForm.Meta.fields


def _values(data: Cleaned) -> dict[str, Any]:
    return pick(data, [name for name in FORM_FIELDS if name != "fields"])


@login_required
def document_list(request: AppRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    documents = queries.document_list(request.user, form.cleaned_data["doc_type"] if form.is_valid() else "")
    page = Paginator(documents, 50).get_page(request.GET.get("seite"))
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
def document_create(request: AppRequest) -> HttpResponse:
    if not access.can_upload(request.user):
        raise PermissionDenied(
            _("Dokumente laden die Geschäftsstelle und die Kontaktpersonen der Kommunen hoch.")
        )
    return edit_page(
        request,
        UploadForm(request.POST or None, request.FILES or None, user=request.user),
        lambda data: services.upload_document(
            _values(data), data["fields"], data["file"], actor=request.user
        ),
        template="documents/document_form.html",
        success=_("Das Dokument wurde gespeichert."),
        context={"document": None},
    )


@login_required
def document_detail(request: AppRequest, pk: int) -> HttpResponse:
    document = access.get_document_for(request.user, pk)
    versions = list(document.versions.select_related("uploaded_by"))
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "versions": versions,
            "awaiting_text": queries.awaiting_text(v.pk for v in versions),
            "fields": document.fields.select_related("task_area"),
            "can_edit": access.can_edit(request.user, document),
            "version_form": VersionForm(initial={"version": document.version}),
        },
    )


@login_required
def document_edit(request: AppRequest, pk: int) -> HttpResponse:
    document = access.get_document_for(request.user, pk, write=True)
    form = DocumentForm(
        request.POST or None, instance=document, initial={"version": document.version}, user=request.user
    )
    return edit_page(
        request,
        form,
        lambda data: services.update_document(
            document,
            _values(data),
            data["fields"],
            expected_version=data["version"] or 0,
            actor=request.user,
        ),
        template="documents/document_form.html",
        success=_("Das Dokument wurde gespeichert."),
        context={"document": document},
        fresh=lambda current: DocumentForm(
            instance=current, initial={"version": current.version}, user=request.user
        ),
    )


@login_required
def version_create(request: AppRequest, pk: int) -> HttpResponse:
    document = access.get_document_for(request.user, pk, write=True)
    return edit_page(
        request,
        VersionForm(request.POST or None, request.FILES or None, initial={"version": document.version}),
        lambda data: services.add_version(
            document, data["file"], expected_version=data["version"], actor=request.user
        ),
        template="documents/version_form.html",
        success=_("Die neue Fassung wurde gespeichert."),
        context={"document": document, "conflict": None},
        done=lambda _version: document,
    )


def send_version(request: HttpRequest, version: DocumentVersion) -> HttpResponseBase:
    """The file as a download, with the original name and no content sniffing; a German error
    page (503) when the file store cannot deliver it right now."""
    try:
        handle = services.open_version(version)
    except StorageUnavailable:
        unavailable = render(
            request,
            "documents/storage_unavailable.html",
            {"message": NOT_READABLE, "version": version},
            status=503,
        )
        unavailable["Retry-After"] = "60"
        return unavailable
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.filename,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def version_download(request: AppRequest, pk: int, version_pk: int) -> HttpResponseBase:
    return send_version(request, access.get_version_for(request.user, pk, version_pk))


@login_required
def document_history(request: AppRequest, pk: int) -> HttpResponse:
    document = access.get_document_for(request.user, pk, write=True)
    return history_page(request, document, back_url=document.get_absolute_url(), title=document.title)
