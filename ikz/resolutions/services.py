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
from ikz.audit.services import create_object, update_versioned
from ikz.municipalities.models import Municipality
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
    check_resolution(
        resolution.municipality, merged, today=today or timezone.localdate(), exclude_pk=resolution.pk
    )
    if merged["subject"] != Subject.OTHER:
        clean["subject_text"] = ""
    return update_versioned(Resolution, resolution.pk, clean, expected_version=expected_version, actor=actor)
