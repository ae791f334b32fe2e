"""The document templates and the documents generated from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import ConflictError, create_object, record, update_versioned
from ikz.membership import rules
from ikz.membership.models import (
    Cooperative,
    DocumentKind,
    DocumentTemplate,
    GeneratedDocument,
    Onboarding,
    OnboardingStatus,
    Payment,
)
from ikz.membership.queries import (
    deadline_of,
    docx_template,
    member_of,
    rule_of,
    today_or,
    wording,
)
from ikz.membership.services.onboarding import STEP_FIELDS, check_dates
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
def save_docx_template(
    cooperative: Cooperative,
    kind: str,
    content: bytes,
    filename: str,
    *,
    expected_version: int | None,
    actor: User | None,
) -> DocumentTemplate:
    """Store the office's Word template after filling it once with the sample values: a file that
    is no DOCX, an unknown placeholder or broken Jinja syntax is refused at the field "Datei" with
    the reason (the placeholder named); nothing is stored then."""
    from ikz.membership.documents import SAMPLE_VALUES, render_docx

    try:
        render_docx(content, SAMPLE_VALUES)
    except rules.TemplateFault as fault:
        raise ValidationError({"file": str(fault)}) from fault
    name = filename[-200:]
    existing = DocumentTemplate.objects.select_for_update().filter(cooperative=cooperative, kind=kind).first()
    if existing is None:
        title, body, _version = wording(cooperative, kind)
        template = DocumentTemplate(
            cooperative=cooperative, kind=kind, title=title, body=body, docx=content, docx_name=name
        )
        template.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():  # a second upload at the same moment: refused, not lost
                template.save()
        except IntegrityError as error:
            raise ValidationError(
                {
                    "file": _(
                        "Gerade eben wurde eine Vorlage für dieses Dokument gespeichert. "
                        "Bitte laden Sie die Datei erneut hoch."
                    )
                }
            ) from error
        record(template, Action.CREATE, actor=actor, changes={"Word-Vorlage": [None, name]})
        return template
    return _replace_docx(existing, content, name, expected_version=expected_version, actor=actor)


def _replace_docx(
    template: DocumentTemplate,
    content: bytes | None,
    name: str,
    *,
    expected_version: int | None,
    actor: User | None,
) -> DocumentTemplate:
    """The file changes, the audit records its name (not the bytes); a stale version is refused."""
    if expected_version is not None and template.version != expected_version:
        raise ConflictError(template, {"docx_name": name}, expected_version=expected_version)
    before = template.docx_name or None
    template.docx, template.docx_name = content, name
    template.version += 1
    template.save(update_fields=["docx", "docx_name", "version", "updated_at"])
    record(template, Action.UPDATE, actor=actor, changes={"Word-Vorlage": [before, name or None]})
    return template


@transaction.atomic
def remove_docx_template(
    cooperative: Cooperative, kind: str, *, expected_version: int | None, actor: User | None
) -> DocumentTemplate:
    """Back to the text wording: the Word template is removed (the history keeps its name)."""
    template = DocumentTemplate.objects.select_for_update().filter(cooperative=cooperative, kind=kind).first()
    if template is None or not template.docx_name:
        raise ValidationError(_("Für dieses Dokument ist keine Word-Vorlage hinterlegt."))
    return _replace_docx(template, None, "", expected_version=expected_version, actor=actor)


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
    word = docx_template(onboarding.cooperative, kind)
    try:
        title_text = rules.fill(title, values)
        if word is not None:
            docx = documents.render_docx(word, values)
            pdf = documents.pdf_of_docx(title_text, docx)
        else:
            body_text = rules.fill(body, values)
            sender = documents.letterhead(kind, values)
            docx = documents.to_docx(title_text, body_text, sender)
            pdf = documents.to_pdf(title_text, body_text, sender)
    except rules.TemplateFault as fault:
        raise ValidationError(
            _("Die Vorlage „%(kind)s“ enthält einen Fehler: %(fault)s Bitte korrigieren Sie die Vorlage.")
            % {"kind": DocumentKind(kind).label, "fault": fault}
        ) from fault
    document = GeneratedDocument(
        onboarding=onboarding,
        kind=kind,
        title=title_text[:300],
        docx=docx,
        pdf=pdf,
        template_version=version,
        created_by=actor,
    )
    document.save()
    record(document, Action.CREATE, actor=actor, changes={"title": [None, document.title]})
    _file_in_library(document, actor=actor)
    _tick(onboarding, kind, day, actor=actor)
    return document


# The task a generated document does (decision 102): (the step it belongs to, its date field).
TICKS = {
    DocumentKind.DRAFT_RESOLUTION: (1, "draft_resolution_on"),
    DocumentKind.AUTHORITY_LETTER: (3, "notice_drafted_on"),
    DocumentKind.DECLARATION: (3, "declaration_sent_on"),
    DocumentKind.AGREEMENT: (3, "agreement_sent_on"),
}


def _tick(onboarding: Onboarding, kind: str, day: dt.date, *, actor: User | None) -> None:
    """Generating a document ticks the task that asks for it, with the day it was generated —
    unless that task already has a date, its step is over, or the day would contradict the
    order of the step's dates (the office then enters the day itself)."""
    if kind not in TICKS:
        return
    step, name = TICKS[DocumentKind(kind)]
    locked = Onboarding.objects.select_for_update().get(pk=onboarding.pk)
    if locked.status != OnboardingStatus.ACTIVE or locked.step > step or getattr(locked, name) is not None:
        return
    dated = {f: getattr(locked, f) for f in STEP_FIELDS[step]} | {name: day}
    try:
        check_dates(dated, today=day)
    except ValidationError:
        return
    setattr(locked, name, day)
    locked.version += 1
    locked.save(update_fields=[name, "version", "updated_at"])
    record(
        locked,
        Action.UPDATE,
        actor=actor,
        changes={
            str(getattr(Onboarding._meta.get_field(name), "verbose_name", name)): [None, day.isoformat()]
        },
        message=_("erledigt durch das erstellte Dokument „%(kind)s“") % {"kind": DocumentKind(kind).label},
    )


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
