"""Thin views: the API reference (from the OpenAPI document), the person's own keys and the keys
of technical accounts (the office)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.api import access, services
from ikz.api import reference as ref
from ikz.api.forms import TechnicalTokenForm, TokenForm
from ikz.api.registry import api


def _user(request: HttpRequest) -> Any:
    return request.user


def reference(request: HttpRequest) -> HttpResponse:
    """Public: what the API offers (no data), rendered by our template — no script needed."""
    document = api.get_openapi_schema(path_prefix="/api")
    base = request.build_absolute_uri("/").rstrip("/")
    return render(
        request,
        "api/reference.html",
        {"groups": ref.operations(document, base), "document": document, "base": base},
    )


def _technical_form(request: HttpRequest, data: Any = None) -> TechnicalTokenForm | None:
    if not access.manages_technical_accounts(request.user):
        return None
    regions = access.regions_for_technical_accounts(request.user)
    return TechnicalTokenForm(data, regions=regions, prefix="technisch")  # beside the personal form


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    context = {
        "tokens": access.tokens_for(request.user),
        "form": TokenForm(),
        "technical_tokens": access.technical_tokens_for(request.user),
        "technical_form": _technical_form(request),
    }
    return render(request, "api/token_list.html", context)


@login_required
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, secret = services.create_token(_user(request), form.cleaned_data["name"], actor=_user(request))
        # Rendered, not redirected: the secret is never stored, not even in the session.
        return render(request, "api/token_created.html", {"token": token, "secret": secret})
    status = 400 if request.method == "POST" else 200
    return render(request, "api/token_form.html", {"form": form}, status=status)


@login_required
def technical_create(request: HttpRequest) -> HttpResponse:
    """The office creates a read-only key of a technical account (shown once, like a personal one)."""
    form = _technical_form(request, request.POST or None)
    if form is None:
        raise PermissionDenied(
            _("Schlüssel technischer Konten legt nur die Geschäftsstelle einer Region an.")
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        token, secret = services.create_technical_token(
            data["name"], data["region"], data["expires_on"], actor=_user(request)
        )
        return render(request, "api/token_created.html", {"token": token, "secret": secret})
    status = 400 if request.method == "POST" else 200
    return render(request, "api/technical_form.html", {"form": form}, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = access.get_token_for(request.user, pk)
    services.revoke_token(token, actor=_user(request))
    messages.success(request, _("Der API-Schlüssel „%(name)s“ wurde widerrufen.") % {"name": token.name})
    return redirect("api:token_list")
