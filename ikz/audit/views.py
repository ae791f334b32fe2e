"""The "Verlauf" page of any object; the apps decide who may see it and call :func:`history_page`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.shortcuts import render

from ikz.audit.models import AuditEntry

if TYPE_CHECKING:  # annotations only: the audit sits below ikz.web
    from ikz.web import AppRequest


def field_label(model: type[models.Model], name: str) -> str:
    """The German label of a recorded field (``kreis_id`` → "Kreis"); free-text names stay as they are."""
    try:
        field = model._meta.get_field(name.removesuffix("_id"))
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))


def history_page(request: AppRequest, obj: models.Model, *, back_url: str, title: str) -> HttpResponse:
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).order_by("-at", "-id")
    page = Paginator(entries, 50).get_page(request.GET.get("seite"))
    for entry in page:
        entry.rows = [  # type: ignore[attr-defined]
            (field_label(type(obj), name), values[0], values[1]) for name, values in entry.changes.items()
        ]
    return render(
        request,
        "audit/history.html",
        {"object": obj, "page": page, "back_url": back_url, "title": title},
    )
