"""State changes of this app; each records who did what and when (the overview reads: queries.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.services import ConflictError, create_object, save_correction, update_versioned
from ikz.documents.models import DocType, Document, Visibility
from ikz.documents.services import store_generated_document
from ikz.jobs.models import OPEN, Job
from ikz.jobs.services import enqueue
from ikz.lib.stand import correction_errors
from ikz.municipalities.models import Municipality, Region, RegionMember
from ikz.resolutions import rules
from ikz.resolutions.documents import council_draft
from ikz.resolutions.models import Body, Resolution, Subject

COUNCIL_DRAFTS = "resolutions.council_drafts"

FIELDS = ["subject", "subject_text", "body", "date", "outcome", "note", "source"]


def check_resolution(
    municipality: Municipality,
    values: Mapping[str, Any],
    *,
    today: dt.date,
    exclude_pk: int | None = None,
) -> None:
    """Refuse inconsistent input with German messages at the fields, before anything is written."""
    subject = str(values.get("subject") or Subject.PRINCIPLE)
    subject_text = str(values.get("subject_text") or "")
    errors = rules.resolution_errors(
        kind=municipality.kind,
        kind_label=str(municipality.get_kind_display()),
        subject=subject,
        subject_text=subject_text,
        body=str(values.get("body") or ""),
        body_labels={k: str(v) for k, v in Body.choices},
        date=values.get("date"),
        outcome=str(values.get("outcome") or ""),
        today=today,
        process_start=process_start(municipality),
    )
    twins = Resolution.objects.filter(municipality=municipality, subject=subject)
    if subject == Subject.OTHER:
        twins = twins.filter(subject_text=subject_text)
    if exclude_pk is not None:
        twins = twins.exclude(pk=exclude_pk)
    if "subject" not in errors and twins.exists():
        errors["subject"] = _(
            "Für %(m)s gibt es zu diesem Gegenstand schon einen Beschluss; bitte ändern Sie ihn."
        ) % {"m": municipality.name}
    if errors:
        raise ValidationError(errors)


def process_start(municipality: Municipality) -> dt.date | None:
    """The day the IKZ process of the member's regions began (the earliest; none without a bound)."""
    established = list(
        RegionMember.objects.filter(municipality=municipality).values_list(
            "region__established_on", flat=True
        )
    )
    return rules.process_start_of(established)


@transaction.atomic
def create_resolution(
    municipality: Municipality,
    values: Mapping[str, Any],
    *,
    actor: User | None,
    today: dt.date | None = None,
) -> Resolution:
    clean = {k: values[k] for k in FIELDS if k in values}
    check_resolution(municipality, clean, today=today or timezone.localdate())
    if clean.get("subject", Subject.PRINCIPLE) != Subject.OTHER:
        clean["subject_text"] = ""
    return create_object(Resolution(municipality=municipality, **clean), actor=actor)


@transaction.atomic
def update_resolution(
    resolution: Resolution,
    values: Mapping[str, Any],
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Resolution:
    clean = {k: values[k] for k in FIELDS if k in values}
    merged = {k: getattr(resolution, k) for k in FIELDS} | clean
    # as stored (a model form has already written the typed values onto ``resolution``)
    stored = Resolution.objects.filter(pk=resolution.pk).values("outcome", "date").get()
    moved = rules.date_change_errors(
        old_outcome=stored["outcome"],
        new_outcome=str(merged["outcome"]),
        old_date=stored["date"],
        new_date=merged["date"],
    )
    if moved:
        raise ValidationError(moved)
    check_resolution(
        resolution.municipality, merged, today=today or timezone.localdate(), exclude_pk=resolution.pk
    )
    if merged["subject"] != Subject.OTHER:
        clean["subject_text"] = ""
    return update_versioned(Resolution, resolution.pk, clean, expected_version=expected_version, actor=actor)


@transaction.atomic
def correct_resolution_date(
    resolution: Resolution,
    *,
    date: dt.date,
    reason: str,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Resolution:
    """Correct the date of a resolution (decision 92): a reason, the same checks as an edit (not
    in the future unless still open, a principle resolution not before the region's IKZ process),
    an audit entry "berichtigt (mit Begründung)" with the old and the new date. Refused: nothing
    written; a stale version raises ConflictError."""
    today = today or timezone.localdate()
    locked = Resolution.objects.select_for_update().select_related("municipality").get(pk=resolution.pk)
    if locked.version != expected_version:
        raise ConflictError(locked, {"date": date}, expected_version=expected_version)
    if locked.date is None:
        raise ValidationError(
            {
                "date": _(
                    "Sitzungsdatum: Der Beschluss hat noch kein Datum; bitte über „Bearbeiten“ eintragen."
                )
            }
        )
    old = locked.date
    errors = correction_errors(reason, old, date, field="date")
    values = {k: getattr(locked, k) for k in FIELDS} | {"date": date}
    try:
        check_resolution(locked.municipality, values, today=today, exclude_pk=locked.pk)
    except ValidationError as exc:
        for name, texts in exc.message_dict.items():
            errors.setdefault(name, []).extend(texts)
    if errors:
        raise ValidationError(errors)
    return save_correction(
        locked, "date", old, date, reason=reason, actor=actor, label=_("Sitzungsdatum"), touch=["updated_at"]
    )


# --- council drafts for every member (a background job, decision 168) -----------------------------


def draft_title(municipality: Municipality, region: Region) -> str:
    return _("Muster-Gremienvorlage: %(municipality)s (%(region)s)") % {
        "municipality": municipality.name,
        "region": region.name,
    }


def draft_body(municipality: Municipality, resolution: Resolution | None) -> str:
    """The body as the single draft page suggests it: the recorded resolution's, else the council."""
    if resolution is not None:
        return resolution.body
    bodies = rules.bodies_for(municipality.kind)
    return bodies[0] if bodies else Body.OTHER


@transaction.atomic
def queue_council_drafts(region: Region, session_date: dt.date, *, actor: User) -> Job:
    """Queue the job that stores a council draft for every member of ``region`` in the document
    library. While one for the same region and date waits or runs, that one is returned (a double
    click queues once; the region's row lock orders two clicks at the same moment)."""
    Region.objects.select_for_update().filter(pk=region.pk).first()
    day = session_date.isoformat()
    waiting = Job.objects.filter(
        kind=COUNCIL_DRAFTS, region_id=region.pk, status__in=OPEN, payload__session_date=day
    ).first()
    if waiting is not None:
        return waiting
    members = list(
        RegionMember.objects.filter(region=region)
        .order_by("position")
        .values_list("municipality_id", flat=True)
    )
    return enqueue(
        COUNCIL_DRAFTS,
        {"region": region.pk, "session_date": day, "municipalities": members, "done": []},
        label=_("Gremienvorlagen für alle Kommunen: %(region)s, Sitzung am %(date)s")
        % {"region": region.name, "date": session_date.strftime("%d.%m.%Y")},
        actor=actor,
        region_id=region.pk,
    )


@transaction.atomic
def store_council_draft(job: Job, region: Region, municipality: Municipality, session_date: dt.date) -> Any:
    """One member's council draft into the library (new document, or a new version of the one with
    this title), visible like the single draft: the region (its office, steering group and member
    contacts), editable by the municipality. In the same transaction the member is noted as done in
    the job, so that a worker restart does not store it twice."""
    title = draft_title(municipality, region)
    existing = Document.objects.filter(owner=municipality, doc_type=DocType.MODEL_DRAFT, title=title).first()
    resolution = Resolution.objects.filter(municipality=municipality, subject=Subject.PRINCIPLE).first()
    content = council_draft(municipality, region, draft_body(municipality, resolution), session_date)
    version = store_generated_document(
        title=title,
        doc_type=DocType.MODEL_DRAFT,
        filename=slugify(f"muster-gremienvorlage-{municipality.short_name}") + ".docx",
        content=content,
        actor=job.created_by,
        visibility=Visibility.REGION,
        region_id=region.pk,
        owner_id=municipality.pk,
        description=_("Für alle Kommunen der Region erzeugt (Sitzung am %(date)s).")
        % {"date": session_date.strftime("%d.%m.%Y")},
        document=existing,
    )
    locked = Job.objects.select_for_update().get(pk=job.pk)
    locked.payload = {**locked.payload, "done": [*locked.payload.get("done", []), municipality.pk]}
    locked.save(update_fields=["payload"])
    job.payload = locked.payload
    return version
