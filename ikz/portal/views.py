"""The public portal: no login, only what the office published. Every query here filters on
"published" (news, cooperations, projects) or visibility "public" (documents) first."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ikz.cooperation.models import Cooperation, Participant, ParticipantStatus
from ikz.documents.access import public_documents
from ikz.documents.views import send_version
from ikz.municipalities.models import Region
from ikz.portal.models import News
from ikz.projects.models import Project
from ikz.search.views import run_search


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/portal_index.html",
        {
            "regions": Region.objects.order_by("name"),
            "news": News.objects.filter(published=True)
            .select_related("region")
            .order_by("-date", "title")[:5],
        },
    )


def region(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_object_or_404(Region, slug=slug)
    participants = Participant.objects.filter(status=ParticipantStatus.EXISTS).select_related("municipality")
    cooperations = (
        Cooperation.objects.filter(region=region, publication__isnull=False)
        .select_related("field", "field__task_area")
        .prefetch_related(Prefetch("participants", queryset=participants.order_by("municipality__name")))
    )
    return render(
        request,
        "portal/portal_region.html",
        {
            "region": region,
            "cooperations": cooperations,
            "documents": public_documents().filter(region=region).order_by("-date", "title"),
            "news": News.objects.filter(region=region, published=True).order_by("-date", "title")[:20],
            "projects": _published_projects().filter(region=region).order_by("-year", "title"),
        },
    )


def _published_projects() -> QuerySet[Project]:
    """Published projects with what the portal shows of them: results, never the charter."""
    return Project.objects.filter(published_at__isnull=False).select_related(
        "region", "field", "cooperation", "cooperation__publication"
    )


def project_detail(request: HttpRequest, slug: str, project_slug: str) -> HttpResponse:
    project = get_object_or_404(_published_projects(), region__slug=slug, slug=project_slug)
    return render(request, "portal/project_detail.html", {"project": project, "region": project.region})


def news_detail(request: HttpRequest, slug: str, news_slug: str) -> HttpResponse:
    news = get_object_or_404(
        News.objects.select_related("region"), region__slug=slug, slug=news_slug, published=True
    )
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
    document = get_object_or_404(public_documents(), pk=pk)
    version = document.versions.order_by("-number").first()
    if version is None:
        raise Http404
    return send_version(version)
