"""State changes of this app; each records who did what and when (the overview reads: queries.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.services import ConflictError, create_object, save_correction, update_versioned
from ikz.lib.stand import correction_errors
from ikz.municipalities.models import Municipality, RegionMember
from ikz.resolutions import rules
from ikz.resolutions.models import Body, Resolution, Subject

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
