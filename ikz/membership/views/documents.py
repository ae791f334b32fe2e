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
from ikz.membership.forms import GenerateForm, TemplateForm, WordTemplateForm
from ikz.membership.models import Cooperative, DocumentKind
from ikz.membership.rules import TemplateFault
from ikz.web import AppRequest, VersionForm, edit_page, post_action

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
        context={"label": DocumentKind(kind).label, "kind": kind, "placeholders": documents.PLACEHOLDERS},
        done=lambda _saved: reverse("membership:template_list"),
    )


def _kind_of(kind: str) -> DocumentKind:
    if kind not in DocumentKind.values:
        raise Http404
    return DocumentKind(kind)


@login_required
def template_upload(request: AppRequest, kind: str) -> HttpResponse:
    """The office's own Word template: checked on upload, then shown in the preview."""
    cooperative = access.get_cooperative_for(request.user)
    label = _kind_of(kind).label
    stored = queries.stored_templates(cooperative).get(kind)
    return edit_page(
        request,
        WordTemplateForm(
            request.POST or None,
            request.FILES or None,
            initial={"version": stored.version if stored else None},
        ),
        lambda data: services.save_docx_template(
            cooperative,
            kind,
            data["file"][1],
            data["file"][0],
            expected_version=data.get("version"),
            actor=request.user,
        ),
        success=_(
            "Die Word-Vorlage wurde geprüft und gespeichert. Die Vorschau zeigt sie mit Beispielwerten."
        ),
        template="membership/template_upload.html",
        context={"label": label, "kind": kind, "stored": stored, "placeholders": documents.PLACEHOLDERS},
        done=lambda _saved: reverse("membership:template_preview", args=[kind]),
    )


@login_required
@require_POST
def template_word_remove(request: AppRequest, kind: str) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    _kind_of(kind)
    return post_action(
        request,
        lambda version: services.remove_docx_template(
            cooperative, kind, expected_version=version, actor=request.user
        ),
        success=_("Die Word-Vorlage wurde entfernt; es gilt wieder der Text der Vorlage."),
        back=reverse("membership:template_list"),
        form=VersionForm(request.POST),
    )


def _preview(cooperative: Cooperative, kind: str) -> tuple[documents.Preview | None, str]:
    """The template filled with the sample values, or the German reason it cannot be filled."""
    title, body, _version = queries.wording(cooperative, kind)
    try:
        return documents.preview(kind, title, body, queries.docx_template(cooperative, kind)), ""
    except TemplateFault as fault:
        return None, str(fault)


@login_required
def template_preview(request: AppRequest, kind: str) -> HttpResponse:
    """The template filled with sample values, as generation will make it."""
    cooperative = access.get_cooperative_for(request.user)
    label = _kind_of(kind).label
    shown, fault = _preview(cooperative, kind)
    return render(
        request,
        "membership/template_preview.html",
        {
            "kind": kind,
            "label": label,
            "preview": shown,
            "fault": fault,
            "stored": queries.stored_templates(cooperative).get(kind),
        },
    )


@login_required
def template_preview_download(request: AppRequest, kind: str, fmt: str) -> HttpResponse:
    cooperative = access.get_cooperative_for(request.user)
    label = _kind_of(kind).label
    if fmt not in ("docx", "pdf"):
        raise Http404
    shown, fault = _preview(cooperative, kind)
    if shown is None:
        raise Http404(fault)
    response = HttpResponse(
        shown.docx if fmt == "docx" else shown.pdf, content_type=DOCX if fmt == "docx" else FORMATS["pdf"]
    )
    response["Content-Disposition"] = attachment(_("Vorschau %(label)s") % {"label": label}, fmt)
    return response
