"""The page "Partner finden" (thin: form → query → template)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from ikz.partners import access, queries
from ikz.partners.forms import SearchForm
from ikz.web import AppRequest


@login_required
def search(request: AppRequest) -> HttpResponse:
    data = request.GET.copy()
    home = access.default_home(request.user)
    if "feld" in data and "kommune" not in data and home is not None:
        data["kommune"] = str(home)  # a link "Partner finden ?feld=…" ranks from one's own municipality
    form = SearchForm(data if "feld" in data else None, user=request.user, initial={"kommune": home})
    result = None
    if form.is_bound and form.is_valid():
        size = form.cleaned_data["groesse"]
        result = queries.partner_search(
            request.user,
            form.cleaned_data["feld"],
            form.cleaned_data["kommune"],
            land=form.cleaned_data["land"],
            kreis=form.cleaned_data["kreis"],
            size=queries.SIZE_CLASSES[size] if size is not None else None,
        )
    return render(request, "partners/search.html", {"form": form, "result": result})
