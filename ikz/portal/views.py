"""The public portal: no login, only what the office published (see ``access.py``: every read here
starts from the published news, cooperations and projects or the public documents)."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from ikz.documents.views import send_version
from ikz.portal import access, queries
from ikz.search.views import run_search
from ikz.web import stand_of


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/portal_index.html", queries.index())


def region(request: HttpRequest, slug: str) -> HttpResponse:
    region = access.get_region(slug)
    stand = stand_of(request)
    return render(
        request, "portal/portal_region.html", {**queries.region_page(region, stand.stand), "stand": stand}
    )


def project_detail(request: HttpRequest, slug: str, project_slug: str) -> HttpResponse:
    project = access.get_project(slug, project_slug)
    return render(
        request,
        "portal/project_detail.html",
        {"project": project, "region": project.region, "page": queries.project_page(project)},
    )


def news_detail(request: HttpRequest, slug: str, news_slug: str) -> HttpResponse:
    news = access.get_news(slug, news_slug)
    return render(request, "portal/news_detail.html", {"news": news, "region": news.region})


def search(request: HttpRequest) -> HttpResponse:
    form, results, rest = run_search(request, public=True)
    return render(
        request,
        "portal/portal_search.html",
        {
            "form": form,
            "results": results,
            "page": results.page if results else None,
            "query_without_page": rest,
        },
    )


def document_download(request: HttpRequest, pk: int) -> FileResponse:
    return send_version(access.get_document_version(pk))
