"""Who sees which document (the only door to documents and their files).

- office (any office role): every document;
- steering group: public ones and those of visibility "region" of its regions;
- contact of a municipality: public, "region" of the regions the municipality belongs to, and
  the internal ones its municipality owns;
- member (cooperative): public and "members";
- everyone else logged in, and anonymous visitors (portal): public only.

Writing (metadata, new versions): the office; the contact of the owning municipality.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.accounts.access import Roles, roles_of
from ikz.documents.models import Document, DocumentVersion, Visibility
from ikz.municipalities.models import RegionMember


def visibility_filter(roles: Roles) -> Q | None:
    """``None``: everything; otherwise the documents these roles may see."""
    if roles.is_office:
        return None
    q = Q(visibility=Visibility.PUBLIC)
    if roles.steering_regions:
        q |= Q(visibility=Visibility.REGION, region_id__in=roles.steering_regions)
    if roles.contact_municipalities:
        regions = RegionMember.objects.filter(municipality_id__in=roles.contact_municipalities).values(
            "region_id"
        )
        q |= Q(visibility=Visibility.REGION, region_id__in=regions)
        q |= Q(visibility=Visibility.INTERNAL, owner_id__in=roles.contact_municipalities)
    if roles.member_municipalities:
        q |= Q(visibility=Visibility.MEMBERS)
    return q


def documents_for(user: Any) -> QuerySet[Document]:
    q = visibility_filter(roles_of(user))
    return Document.objects.all() if q is None else Document.objects.filter(q)


def public_documents() -> QuerySet[Document]:
    return Document.objects.filter(visibility=Visibility.PUBLIC)


def can_upload(user: Any) -> bool:
    roles = roles_of(user)
    return roles.is_office or roles.is_contact


def can_edit(user: Any, document: Document) -> bool:
    roles = roles_of(user)
    return roles.is_office or (
        document.owner_id is not None and document.owner_id in roles.contact_municipalities
    )


def can_publish(user: Any) -> bool:
    """Only the office sets a document public or for members (what the portal shows)."""
    return roles_of(user).is_office


def get_document_for(user: Any, pk: int, *, write: bool = False) -> Document:
    try:
        document = documents_for(user).select_related("region", "owner", "cooperation").get(pk=pk)
    except Document.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit(user, document):
        raise PermissionDenied(_("Ein Dokument ändern, wer es hochgeladen hat, und die Geschäftsstelle."))
    return document


def get_version_for(user: Any, document_pk: int, pk: int) -> DocumentVersion:
    document = get_document_for(user, document_pk)
    try:
        return document.versions.select_related("document").get(pk=pk)
    except DocumentVersion.DoesNotExist as exc:
        raise Http404 from exc
