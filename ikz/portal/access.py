"""What the public portal shows (no login): only what the office published — news and projects
marked published, cooperations with a publication, documents of visibility "public". Every read of
the portal starts from one of these."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from ikz.cooperation.models import Cooperation, Participant, ParticipantStatus
from ikz.documents.access import public_documents
from ikz.documents.models import Document, DocumentVersion
from ikz.municipalities.models import Region
from ikz.portal.models import News
from ikz.projects.models import Project


def published_news() -> QuerySet[News]:
    return News.objects.filter(published=True)


def published_projects() -> QuerySet[Project]:
    """Published projects with what the portal shows of them: results, never the charter."""
    return Project.objects.filter(published_at__isnull=False).select_related(
        "region", "field", "cooperation", "cooperation__publication"
    )


def published_cooperations() -> QuerySet[Cooperation]:
    """Cooperations with a publication, with their existing participants by name."""
    participants = Participant.objects.filter(status=ParticipantStatus.EXISTS).select_related("municipality")
    return (
        Cooperation.objects.filter(publication__isnull=False)
        .select_related("field", "field__task_area")
        .prefetch_related(Prefetch("participants", queryset=participants.order_by("municipality__name")))
    )


def documents() -> QuerySet[Document]:
    return public_documents()


def get_region(slug: str) -> Region:
    """Regions are public (their name and what was published in them)."""
    try:
        return Region.objects.get(slug=slug)
    except Region.DoesNotExist as exc:
        raise Http404 from exc


def get_project(region_slug: str, slug: str) -> Project:
    try:
        return published_projects().get(region__slug=region_slug, slug=slug)
    except Project.DoesNotExist as exc:
        raise Http404 from exc


def get_news(region_slug: str, slug: str) -> News:
    try:
        return published_news().select_related("region").get(region__slug=region_slug, slug=slug)
    except News.DoesNotExist as exc:
        raise Http404 from exc


def get_document_version(pk: int) -> DocumentVersion:
    """The newest version of a public document (404 for any other document or none)."""
    try:
        document = public_documents().get(pk=pk)
    except Document.DoesNotExist as exc:
        raise Http404 from exc
    version = document.versions.order_by("-number").first()
    if version is None:
        raise Http404
    return version
