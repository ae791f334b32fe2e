"""A draft resolution (Paper) followed through the steering group and each member council."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.services import ConflictError, create_object, update_versioned
from ikz.meetings.models import Consultation, Paper
from ikz.municipalities.models import Region, RegionMember
from ikz.resolutions import services as resolution_services
from ikz.resolutions.models import Resolution, Subject

PAPER_FIELDS = ["reference", "name", "paper_type", "date", "subject", "text", "project"]
COUNCIL_FIELDS = ["body", "date", "outcome", "note"]


@transaction.atomic
def create_paper(region: Region, values: Mapping[str, Any], *, actor: User | None) -> Paper:
    clean = {k: values[k] for k in PAPER_FIELDS if k in values and values[k] is not None}
    errors: dict[str, list[str]] = {}
    reference = str(clean.get("reference") or "").strip()
    if not reference:
        errors["reference"] = [_("Drucksachen-Nr.: Bitte angeben.")]
    elif Paper.objects.filter(region=region, reference=reference).exists():
        errors["reference"] = [_("Drucksachen-Nr.: Diese Nummer ist in der Region schon vergeben.")]
    if clean.get("subject") not in Subject.values:
        errors["subject"] = [_("Gegenstand in den Gremien: Bitte einen der angebotenen wählen.")]
    project = clean.get("project")
    if project is not None and project.region_id != region.pk:
        errors["project"] = [_("Projekt: Das Projekt gehört zu einer anderen Region.")]
    if errors:
        raise ValidationError(errors)
    clean["reference"] = reference
    return create_object(Paper(region=region, **clean), actor=actor)


@transaction.atomic
def add_councils(paper: Paper, municipality_ids: Iterable[int], *, actor: User | None) -> list[Consultation]:
    """The paper goes to the councils of these member municipalities (each decides for itself);
    a council already on the paper is kept as it is."""
    Paper.objects.select_for_update().filter(pk=paper.pk).first()
    ids = set(municipality_ids)
    members = set(
        RegionMember.objects.filter(region_id=paper.region_id, municipality_id__in=ids).values_list(
            "municipality_id", flat=True
        )
    )
    if not ids or ids - members:
        raise ValidationError(
            {"municipalities": [_("Räte: Bitte Kommunen wählen, die Mitglied der Region sind.")]}
        )
    present = set(
        paper.consultations.filter(municipality__isnull=False).values_list("municipality_id", flat=True)
    )
    return [
        create_object(
            Consultation(paper=paper, municipality_id=mid, role=_("Beschlussfassung"), authoritative=True),
            actor=actor,
        )
        for mid in sorted(ids - present)
    ]


def _subject(paper: Paper) -> dict[str, str]:
    if paper.subject == Subject.OTHER:
        return {"subject": Subject.OTHER, "subject_text": paper.name[:300]}
    return {"subject": paper.subject}


@transaction.atomic
def record_council_result(
    consultation: Consultation,
    values: Mapping[str, Any],
    *,
    expected_version: int,
    actor: User | None,
) -> Consultation:
    """A member council's result on the paper: written as that municipality's ``Resolution`` (the
    same checks as on the resolutions' pages: body for its kind, date, outcome) and linked here."""
    locked = (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("paper", "municipality")
        .get(pk=consultation.pk)
    )
    clean = {k: values[k] for k in COUNCIL_FIELDS if k in values}
    if locked.version != expected_version:
        raise ConflictError(locked, clean, expected_version=expected_version)
    paper = locked.paper
    subject = _subject(paper)
    resolution_values = {
        **subject,
        **clean,
        "source": _("Vorlage %(ref)s: %(name)s") % {"ref": paper.reference, "name": paper.name},
    }
    resolution_values["source"] = str(resolution_values["source"])[:500]
    existing = (
        locked.resolution or Resolution.objects.filter(municipality=locked.municipality, **subject).first()
    )
    municipality = locked.municipality
    assert municipality is not None  # a council consultation names its municipality
    if existing is not None and existing.source:
        del resolution_values["source"]  # the municipality's own source (Drucksache, minutes) stays
    if existing is None:
        resolution = resolution_services.create_resolution(municipality, resolution_values, actor=actor)
    else:
        resolution = resolution_services.update_resolution(
            existing, resolution_values, expected_version=existing.version, actor=actor
        )
    return update_versioned(
        Consultation,
        locked.pk,
        {"resolution": resolution},
        expected_version=expected_version,
        actor=actor,
        message=_("Ergebnis des Rates festgehalten"),
    )
