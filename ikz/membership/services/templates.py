"""The document templates and the documents generated from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import create_object, record, update_versioned
from ikz.membership import rules
from ikz.membership.models import (
    Cooperative,
    DocumentKind,
    DocumentTemplate,
    GeneratedDocument,
    Onboarding,
    Payment,
)
from ikz.membership.queries import (
    deadline_of,
    member_of,
    rule_of,
    today_or,
    wording,
)
from ikz.search.rules import fold

# --- document templates --------------------------------------------------------------------------


@transaction.atomic
def save_template(
    cooperative: Cooperative,
    kind: str,
    values: Mapping[str, Any],
    *,
    expected_version: int | None,
    actor: User | None,
) -> DocumentTemplate:
    """Store the office's wording; refused with the German reason if a placeholder is unknown."""
    from ikz.membership.documents import SAMPLE_VALUES

    for field in ("title", "body"):
        try:
            rules.fill(str(values.get(field) or ""), SAMPLE_VALUES)
        except rules.TemplateFault as fault:
            raise ValidationError({field: str(fault)}) from fault
    clean = {"title": values["title"], "body": values["body"]}
    existing = DocumentTemplate.objects.filter(cooperative=cooperative, kind=kind).first()
    if existing is None:
        return create_object(DocumentTemplate(cooperative=cooperative, kind=kind, **clean), actor=actor)
    return update_versioned(
        DocumentTemplate, existing.pk, clean, expected_version=expected_version or 0, actor=actor
    )


@transaction.atomic
def generate_document(
    onboarding: Onboarding, kind: str, *, actor: User | None, today: dt.date | None = None
) -> GeneratedDocument:
    """Fill the template from the onboarding, render DOCX and PDF and store both with it.

    A template the office broke is refused with the reason (nothing stored)."""
    from ikz.membership import documents

    day = today_or(today)
    member = member_of(onboarding)
    payment = Payment.objects.filter(member=member).order_by("-paid_on").first() if member else None
    if kind == DocumentKind.RECEIPT and payment is None:
        raise ValidationError(_("Ein Zahlungsbeleg setzt eine erfasste Einzahlung voraus."))
    values = documents.values_for(
        onboarding,
        authority_rule=rule_of(onboarding.municipality),
        deadline=deadline_of(onboarding),
        member=member,
        paid=(payment.amount, payment.paid_on) if payment else None,
        today=day,
    )
    title, body, version = wording(onboarding.cooperative, kind)
    try:
        title_text = rules.fill(title, values)
        body_text = rules.fill(body, values)
    except rules.TemplateFault as fault:
        raise ValidationError(
            _("Die Vorlage „%(kind)s“ enthält einen Fehler: %(fault)s Bitte korrigieren Sie die Vorlage.")
            % {"kind": DocumentKind(kind).label, "fault": fault}
        ) from fault
    coop = onboarding.cooperative
    sender = f"{coop.name} · {values['Sitz']}"
    document = GeneratedDocument(
        onboarding=onboarding,
        kind=kind,
        title=title_text[:300],
        docx=documents.to_docx(title_text, body_text, sender),
        pdf=documents.to_pdf(title_text, body_text, sender),
        template_version=version,
        created_by=actor,
    )
    document.save()
    record(document, Action.CREATE, actor=actor, changes={"title": [None, document.title]})
    _file_in_library(document, actor=actor)
    return document


def _file_in_library(document: GeneratedDocument, *, actor: User | None) -> None:
    """The PDF also goes into the document library, visible to the office and the municipality
    (internal); generating the same kind again for the same onboarding adds a version there."""
    from ikz.documents.models import DocType, Document, Visibility
    from ikz.documents.services import store_generated_document

    onboarding = document.onboarding
    municipality = onboarding.municipality
    title = _("%(kind)s: %(municipality)s (%(cooperative)s)") % {
        "kind": DocumentKind(document.kind).label,
        "municipality": municipality.name,
        "cooperative": onboarding.cooperative.name,
    }
    doc_type = DocType.AGREEMENT if document.kind == DocumentKind.AGREEMENT else DocType.OTHER
    existing = Document.objects.filter(owner=municipality, doc_type=doc_type, title=title).first()
    store_generated_document(
        title=title,
        doc_type=doc_type,
        filename=f"{document.kind}-{slugify(fold(municipality.name))}.pdf",
        content=bytes(document.pdf),
        actor=actor,
        visibility=Visibility.INTERNAL,
        owner_id=municipality.pk,
        description=_("Im Beitrittsverfahren erzeugt."),
        document=existing,
    )
