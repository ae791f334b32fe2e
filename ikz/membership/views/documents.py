"""The onboarding's generated documents and the office's document templates."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.lib.exports import FORMATS, attachment
from ikz.membership import access, documents, queries, services
from ikz.membership.forms import GenerateForm, TemplateForm
from ikz.membership.models import DocumentKind
from ikz.web import AppRequest, edit_page, post_action

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@require_POST
def document_create(request: AppRequest, pk: int, kind: str) -> HttpResponse:
    onboarding = access.get_onboarding_for(request.user, pk, write=True)
    if kind not in DocumentKind.values:
        raise Http404
    return post_action(
        request,
        lambda _version: services.generate_document(onboarding, kind, actor=request.user),
        success=_("Das Dokument wurde erstellt und beim Beitritt abgelegt."),
        back=onboarding.get_absolute_url() + "#dokumente",
        form=GenerateForm(request.POST),
    )


@login_required
def document_download(request: AppRequest, pk: int, fmt: str) -> HttpResponse:
    document = access.get_document_for(request.user, pk)
    if fmt not in ("docx", "pdf"):
        raise Http404
    content = bytes(document.docx if fmt == "docx" else document.pdf)
    response = HttpResponse(content, content_type=DOCX if fmt == "docx" else FORMATS["pdf"])
    response["Content-Disposition"] = attachment(
        f"{document.get_kind_display()} {document.onboarding.municipality}", fmt
    )
    return response


@login_required
def template_list(request: AppRequest) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    stored = queries.stored_templates(cooperative)
    return render(
        request,
        "membership/template_list.html",
        {"kinds": [(kind, label, stored.get(kind)) for kind, label in DocumentKind.choices]},
    )


@login_required
def template_edit(request: AppRequest, kind: str) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    if kind not in DocumentKind.values:
        raise Http404
    title, body, version = queries.wording(cooperative, kind)
    return edit_page(
        request,
        TemplateForm(
            request.POST or None, initial={"title": title, "body": body, "version": version or None}
        ),
        lambda data: services.save_template(
            cooperative, kind, data, expected_version=data.get("version"), actor=request.user
        ),
        success=_("Die Vorlage wurde gespeichert."),
        template="membership/template_form.html",
        context={"label": DocumentKind(kind).label, "placeholders": documents.PLACEHOLDERS},
        done=lambda _saved: reverse("membership:template_list"),
    )
