"""Transfer of a region's set-up into another region (e.g. from Kreis Groß-Gerau to the
Wetteraukreis of seed 003, just created from the register by its office): the way of working,
never the old region's data about people.

Copied: size classes, the description of the classification, questionnaires (survey campaigns
with their task-area selection and variants, as drafts, without responses), interest calls with
their topics (as drafts, without declarations), document templates (documents of type "model
draft" with visibility "region", latest version). Not copied: members, steering group, role
assignments, contact data, responses, declarations, resolutions, cooperations, other documents.
Task areas, fields and legends are shared by all regions and need no copy."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import record
from ikz.documents.models import DocType, Document, Visibility
from ikz.documents.services import read_version, store_generated_document
from ikz.interests.models import InterestCall
from ikz.interests.services import copy_call_as_draft
from ikz.lib.storage import NOT_READABLE, StorageUnavailable
from ikz.municipalities.models import Region
from ikz.municipalities.services import SizeClassRow, set_size_classes, update_region
from ikz.surveys.models import Campaign
from ikz.surveys.services import copy_campaign_as_draft


@dataclass
class TransferResult:
    region: Region
    counts: dict[str, int] = field(default_factory=dict)


@transaction.atomic
def transfer_setup(source: Region, *, target: Region, actor: User) -> TransferResult:
    """Copy the set-up of ``source`` into the existing region ``target`` (e.g. one just created
    from the register): its size classes replace those of ``target`` (with their source text),
    questionnaires and interest calls are added as drafts, model drafts as documents. All or
    nothing; one history entry on ``target``."""
    if source.pk == target.pk:
        raise ValidationError({"source": _("Bitte wählen Sie eine andere Region als Vorlage.")})
    result = TransferResult(region=target)
    result.counts["Größenklassen"] = _copy_size_classes(source, target, actor=actor)
    _copy_campaigns(source, result, actor=actor)
    _copy_calls(source, result, actor=actor)
    result.counts["Dokumentvorlagen"] = _copy_templates(source, target, actor=actor)
    record(
        target,
        Action.UPDATE,
        actor=actor,
        changes={k: [None, v] for k, v in result.counts.items()},
        message=_("Einrichtung aus %(region)s übernommen") % {"region": source.name},
    )
    return result


def _copy_size_classes(source: Region, target: Region, *, actor: User) -> int:
    """The size classes of ``source`` replace those of ``target``, through the municipalities'
    service (audited, the region's version bumped); none in ``source``: ``target`` keeps its own."""
    rows = [SizeClassRow(c.label, c.lower, c.upper) for c in source.size_classes.order_by("position")]
    if not rows:
        return 0
    current = Region.objects.get(pk=target.pk)
    current = set_size_classes(current, rows, expected_version=current.version, actor=actor)
    if source.class_source and source.class_source != current.class_source:
        update_region(
            current, {"class_source": source.class_source}, expected_version=current.version, actor=actor
        )
    return len(rows)


def _copy_campaigns(source: Region, result: TransferResult, *, actor: User | None) -> None:
    n_campaigns = n_variants = 0
    for campaign in Campaign.objects.filter(region=source).prefetch_related("task_areas", "variants__fields"):
        copy_campaign_as_draft(
            campaign, result.region, source=_("Vorlage aus %(region)s") % {"region": source.name}, actor=actor
        )
        n_variants += len(campaign.variants.all())
        n_campaigns += 1
    result.counts["Bestandsaufnahmen (Vorlagen)"] = n_campaigns
    result.counts["Fragebogen-Varianten"] = n_variants


def _copy_calls(source: Region, result: TransferResult, *, actor: User | None) -> None:
    n_calls = n_topics = 0
    for call in InterestCall.objects.filter(region=source).prefetch_related("topics"):
        copy_call_as_draft(
            call, result.region, source=_("Vorlage aus %(region)s") % {"region": source.name}, actor=actor
        )
        n_topics += call.topics.count()
        n_calls += 1
    result.counts["Interessenbekundungsverfahren (Vorlagen)"] = n_calls
    result.counts["Themen"] = n_topics


def _copy_templates(source: Region, region: Region, *, actor: User | None) -> int:
    """The region's model drafts (latest version) as new documents of ``region``, through the
    documents app's service."""
    n_templates = 0
    templates = Document.objects.filter(
        region=source, doc_type=DocType.MODEL_DRAFT, visibility=Visibility.REGION
    )
    for template in templates.prefetch_related("fields"):
        latest = template.versions.order_by("-number").first()
        if latest is None:
            continue
        try:
            content = read_version(latest)
        except StorageUnavailable as exc:
            raise ValidationError(str(NOT_READABLE)) from exc
        store_generated_document(
            title=template.title,
            doc_type=DocType.MODEL_DRAFT,
            filename=latest.filename,
            content=content,
            actor=actor,
            visibility=Visibility.REGION,
            date=template.date,
            region_id=region.pk,
            field_ids=[f.pk for f in template.fields.all()],
            description=template.description,
        )
        n_templates += 1
    return n_templates
