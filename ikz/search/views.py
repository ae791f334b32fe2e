"""One search box over everything the user may see (logged-in users; the portal has its own)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ikz.search.forms import SearchForm
from ikz.search.queries import Results, search
from ikz.web import AppRequest


def run_search(request: HttpRequest, *, public: bool) -> tuple[SearchForm, Results | None, str]:
    form = SearchForm(request.GET or None, public=public)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        try:
            page = int(request.GET.get("seite", "1"))
        except ValueError:
            page = 1
        results = search(request.user, form.cleaned_data["q"], form.filters(), page=page, public=public)
    query = request.GET.copy()
    query.pop("seite", None)
    return form, results, query.urlencode()


@login_required
def search_page(request: AppRequest) -> HttpResponse:
    form, results, rest = run_search(request, public=False)
    context: dict[str, Any] = {"form": form, "results": results, "query_without_page": rest}
    if results is not None:
        context["page"] = results.page
    return render(request, "search/search.html", context)
