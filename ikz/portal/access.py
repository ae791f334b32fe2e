"""What the public portal shows (no login): only what the office published — news marked published
whose date has come, published projects, cooperations with a publication, documents of visibility
"public". Every read of the portal starts from one of these.

The office of a region (or the platform-wide office) edits what its region shows: the functions at
the end decide that (decision 120)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.cooperation.models import Cooperation, Participant, ParticipantStatus
from ikz.documents.access import public_documents
from ikz.documents.models import Document, DocumentVersion
from ikz.municipalities import access as region_access
from ikz.municipalities.models import Region
from ikz.portal.models import News
from ikz.projects import access as project_access
from ikz.projects.models import Project


def published_news() -> QuerySet[News]:
    """Published news whose day has come (a news item published for a later day waits for it)."""
    return News.objects.filter(published=True, date__lte=timezone.localdate())


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


# --- the office's side: what its region shows on the portal ---------------------------------------


def get_region_for_office(user: Any, slug: str) -> Region:
    """A region whose portal the user edits: its office or the platform-wide office (others 403;
    an unknown region 404)."""
    return region_access.get_region_for(user, slug, write=True)


def get_news_for(user: Any, slug: str, pk: int) -> tuple[Region, News]:
    """A news item of the region (draft or published) for its office; another region's item 404."""
    region = get_region_for_office(user, slug)
    try:
        return region, News.objects.get(region=region, pk=pk)
    except News.DoesNotExist as exc:
        raise Http404 from exc


def get_cooperation_for(user: Any, slug: str, pk: int) -> tuple[Region, Cooperation]:
    """A cooperation of the region's inventory, to publish or take off the portal."""
    region = get_region_for_office(user, slug)
    try:
        return region, Cooperation.objects.get(region=region, pk=pk)
    except Cooperation.DoesNotExist as exc:
        raise Http404 from exc


def get_project_for(user: Any, slug: str, pk: int) -> tuple[Region, Project]:
    """A project of the region to publish: the office of the region, as the project page decides."""
    region = get_region_for_office(user, slug)
    project = project_access.get_project_for(user, pk)
    if project.region_id != region.pk:
        raise Http404
    if not project_access.can_publish(user, project):
        raise PermissionDenied(_("Projekte im Portal veröffentlicht nur die Geschäftsstelle der Region."))
    return region, project
