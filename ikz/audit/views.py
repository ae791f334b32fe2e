"""The "Verlauf" page of any object; the apps decide who may see it and call :func:`history_page`."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ikz.audit.models import AuditEntry


def history_page(request: HttpRequest, obj: models.Model, *, back_url: str, title: str) -> HttpResponse:
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).order_by("-at", "-id")
    page = Paginator(entries, 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "audit/history.html",
        {"object": obj, "page": page, "back_url": back_url, "title": title},
    )
