"""Thin views of data-protection requests (office only)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ikz.privacy import access, documents, queries, rules, services
from ikz.privacy.forms import AccessForm, ErasureForm, FindForm
from ikz.web import AppRequest


@login_required
def overview(request: AppRequest) -> HttpResponse:
    access.require_office(request.user)
    form = FindForm(request.GET or None)
    users: list[Any] = []
    contacts: list[Any] = []
    if form.is_valid():
        users, contacts = queries.find_people(form.cleaned_data["q"])
    requests = queries.recent_requests()
    return render(
        request,
        "privacy/overview.html",
        {"form": form, "users": users, "contacts": contacts, "requests": requests, "searched": form.is_bound},
    )


def _context(request: AppRequest, kind: str, pk: int) -> dict[str, object]:
    person = access.person_or_404(request.user, kind, pk)
    rows = queries.referencing_rows(person)
    tables = Counter(str(row._meta.verbose_name_plural) for row in rows)
    kept = [
        (str(row._meta.verbose_name), str(row), rules.retained()[row._meta.label_lower].reason)
        for row in rows
        if row._meta.label_lower in rules.retained()
    ]
    return {"person": person, "kind": kind, "pk": pk, "tables": sorted(tables.items()), "kept": kept}


@login_required
def person(request: AppRequest, kind: str, pk: int) -> HttpResponse:
    return render(request, "privacy/person.html", _context(request, kind, pk))


@login_required
def export(request: AppRequest, kind: str, pk: int) -> HttpResponse:
    context = _context(request, kind, pk)
    form = AccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data_request, document = services.export_person_data(
            context["person"],  # type: ignore[arg-type]
            actor=request.user,
            requested_on=form.cleaned_data["requested_on"],
        )
        name = f"auskunft-art15-{data_request.pk}"
        if form.cleaned_data["fmt"] == AccessForm.PDF:
            pdf = documents.summary_pdf(
                json.loads(document), request_number=data_request.pk, requested_on=data_request.requested_on
            )
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
            return response
        response = HttpResponse(document, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    return render(request, "privacy/export.html", context | {"form": form})


@login_required
def erase(request: AppRequest, kind: str, pk: int) -> HttpResponse:
    context = _context(request, kind, pk)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data_request, kept = services.erase_person(
            context["person"],  # type: ignore[arg-type]
            actor=request.user,
            confirmed=form.cleaned_data["confirm"],
            requested_on=form.cleaned_data["requested_on"],
        )
        messages.success(request, data_request.outcome)
        if kept:
            messages.warning(
                request,
                _("Nicht gelöscht (gesetzliche Aufbewahrung): %(items)s")
                % {"items": "; ".join(f"{k.table} {k.object_label}: {', '.join(k.fields)}" for k in kept)},
            )
        return redirect("privacy:overview")
    return render(request, "privacy/erase.html", context | {"form": form})
