"""The sources searched today: documents, cooperations (inventory), solutions and needs.
Each brings its access filter; projects and lessons learned register in ikz/projects/sources.py."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.search.registry import Indexed, Source, register


def _document(doc: Any) -> Indexed:
    latest = doc.versions.order_by("-number").first()
    return Indexed(
        title=doc.title,
        body="\n".join(p for p in [doc.description, latest.text if latest else ""] if p),
        url=doc.get_absolute_url(),
        kind=doc.doc_type,
        region_id=doc.region_id,
        year=doc.date.year,
        field_ids=tuple(doc.fields.values_list("pk", flat=True)),
    )


def _documents_for(user: Any) -> QuerySet[Any]:
    from ikz.documents.access import documents_for

    return documents_for(user)


def _public_documents() -> QuerySet[Any]:
    from ikz.documents.access import public_documents

    return public_documents()


def _document_public_url(entry: Any) -> str:
    return reverse("portal:document_download", args=[entry.object_id])


def _cooperation_public_url(entry: Any) -> str:
    return reverse("portal:region", args=[entry.region_slug]) + f"#kooperation-{entry.object_id}"


def _cooperation(coop: Any) -> Indexed:
    from ikz.cooperation.models import ParticipantStatus

    # Existing participation only: plans may not be public yet (the portal searches this text).
    existing = coop.participants.filter(status=ParticipantStatus.EXISTS).select_related("municipality")
    names = ", ".join(p.municipality.name for p in existing)
    return Indexed(
        title=coop.title,
        body="\n".join(x for x in [coop.description, coop.external_partners, names, coop.field.name] if x),
        url=reverse("cooperation:cooperation_detail", args=[coop.pk]),
        kind="cooperation",
        region_id=coop.region_id,
        year=coop.since_year,
        field_ids=(coop.field_id,),
    )


def _cooperations_for(user: Any) -> QuerySet[Any]:
    from ikz.accounts.access import roles_of
    from ikz.cooperation.models import Cooperation

    # The inventory is open to everyone logged in (ikz/cooperation/access.py).
    return Cooperation.objects.all() if roles_of(user).authenticated else Cooperation.objects.none()


def _published_cooperations() -> QuerySet[Any]:
    from ikz.cooperation.models import Cooperation

    return Cooperation.objects.filter(publication__isnull=False)


def _network_entry(entry: Any) -> Indexed:
    return Indexed(
        title=entry.title,
        body=f"{entry.description}\n{entry.owner.name}",
        url=entry.get_absolute_url(),
        kind=entry._meta.model_name,
        year=entry.created_at.year if entry.created_at else None,
        field_ids=(entry.field_id,),
    )


def _solutions_for(user: Any) -> QuerySet[Any]:
    from ikz.network.access import solutions_for

    return solutions_for(user)


def _needs_for(user: Any) -> QuerySet[Any]:
    from ikz.network.access import needs_for

    return needs_for(user)


def register_builtin() -> None:
    from ikz.cooperation.models import Cooperation
    from ikz.documents.models import Document
    from ikz.network.models import Need, Solution

    register(
        Source(
            "document",
            _("Dokument"),
            Document,
            _document,
            _documents_for,
            public=_public_documents,
            public_url=_document_public_url,
        )
    )
    register(
        Source(
            "cooperation",
            _("Kooperation"),
            Cooperation,
            _cooperation,
            _cooperations_for,
            public=_published_cooperations,
            public_url=_cooperation_public_url,
        )
    )
    register(Source("solution", _("Lösung"), Solution, _network_entry, _solutions_for))
    register(Source("need", _("Bedarf"), Need, _network_entry, _needs_for))
