"""State changes of grants, savings and staffing studies of a cooperation. Each takes ``actor=``,
checks everything before writing and records the audit entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import create_object, record, update_versioned
from ikz.cooperation.models import Cooperation
from ikz.costs import rules
from ikz.costs.models import (
    GrantApplication,
    GrantProgramme,
    SavingsEntry,
    StaffingRow,
    StaffingStudy,
)
from ikz.costs.services.keys import _one_per_cooperation
from ikz.municipalities.models import Municipality

# --- grants, savings ------------------------------------------------------------------------------

GRANT_FIELDS = [
    "programme",
    "status",
    "applied_on",
    "amount_requested",
    "amount_awarded",
    "awarded_on",
    "duration_years",
    "expenditure_before",
    "savings_per_year",
    "source",
    "note",
]


def check_grant(values: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    programme = values.get("programme")
    if programme is not None and programme.retired_on is not None:
        errors["programme"] = _("Das Förderprogramm ist seit %(d)s eingestellt.") % {
            "d": f"{programme.retired_on:%d.%m.%Y}"
        }
    if values.get("status") == "awarded" and values.get("amount_awarded") is None:
        errors["amount_awarded"] = _("Bitte geben Sie den bewilligten Betrag an.")
    if values.get("amount_awarded") is not None and values.get("status") not in ("awarded",):
        errors["status"] = _("Ein bewilligter Betrag setzt den Stand „bewilligt“ voraus.")
    applied, awarded = values.get("applied_on"), values.get("awarded_on")
    if applied and awarded and awarded < applied:
        errors["awarded_on"] = _("Die Bewilligung kann nicht vor dem Antrag liegen.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_grant_application(
    cooperation: Cooperation, values: Mapping[str, Any], *, actor: User | None, message: str = ""
) -> GrantApplication:
    clean = {k: values[k] for k in GRANT_FIELDS if k in values}
    check_grant(clean)
    return create_object(GrantApplication(cooperation=cooperation, **clean), actor=actor, message=message)


PROGRAMME_FIELDS = [
    "name",
    "giver",
    "min_participants",
    "min_duration_years",
    "min_savings_percent",
    "valid_from",
    "source",
    "verified_on",
    "notes",
]


@transaction.atomic
def save_programme(
    values: Mapping[str, Any],
    tiers: Sequence[rules.GrantTier],
    *,
    actor: User | None,
    programme: GrantProgramme | None = None,
    expected_version: int | None = None,
) -> GrantProgramme:
    """A grant programme with its tiers (decision 119): new (``programme`` None) or changed;
    the platform office keeps them for every region. A stale version raises ``ConflictError``."""
    data: dict[str, Any] = {k: values[k] for k in PROGRAMME_FIELDS if k in values}
    data["name"] = str(data.get("name") or "").strip()
    own = programme.pk if programme else 0
    taken = GrantProgramme.objects.filter(name__iexact=data["name"]).exclude(pk=own)
    errors: dict[str, Any] = {"tiers": rules.tier_errors(tiers)} if rules.tier_errors(tiers) else {}
    if taken.exists():
        errors["name"] = _("Ein Förderprogramm „%(n)s“ gibt es schon.") % {"n": data["name"]}
    if errors:
        raise ValidationError(errors)
    ordered = sorted(tiers, key=lambda t: t.min_participants)
    data["tiers"] = [{"min_participants": t.min_participants, "amount": str(t.amount)} for t in ordered]
    if programme is None:
        return create_object(GrantProgramme(**data), actor=actor, message=_("Förderprogramm angelegt"))
    assert expected_version is not None
    return update_versioned(
        GrantProgramme, programme.pk, data, expected_version=expected_version, actor=actor
    )


@transaction.atomic
def set_programme_retired(
    programme: GrantProgramme, retired_on: Any, *, expected_version: int, actor: User | None
) -> GrantProgramme:
    """Retire a programme from ``retired_on`` (no new applications; the existing ones keep it) or,
    with ``None``, offer it again. Programmes are never deleted: applications refer to them."""
    return update_versioned(
        GrantProgramme,
        programme.pk,
        {"retired_on": retired_on},
        expected_version=expected_version,
        actor=actor,
        message=_("Förderprogramm eingestellt") if retired_on else _("Förderprogramm wieder angeboten"),
    )


SAVINGS_FIELDS = [
    "year_from",
    "year_to",
    "amount",
    "kind",
    "evidence",
    "document_ref",
    "non_monetary",
    "source",
    "illustrative",
]


@transaction.atomic
def add_savings(
    cooperation: Cooperation, values: Mapping[str, Any], *, actor: User | None, message: str = ""
) -> SavingsEntry:
    clean = {k: values[k] for k in SAVINGS_FIELDS if k in values}
    if clean.get("year_from") and clean.get("year_to") and clean["year_to"] < clean["year_from"]:
        raise ValidationError({"year_to": _("Das Ende des Zeitraums liegt vor seinem Anfang.")})
    return create_object(SavingsEntry(cooperation=cooperation, **clean), actor=actor, message=message)


# --- staffing -------------------------------------------------------------------------------------

STUDY_FIELDS = [
    "task",
    "net_hours_per_fte",
    "hours_source",
    "pooled_grade",
    "overhead",
    "fte_step",
    "note",
    "illustrative",
]


@dataclass(frozen=True)
class WorkloadInput:
    municipality: Municipality
    cases: Decimal
    minutes_per_case: Decimal
    current_fte: Decimal
    current_grade: Any  # PositionCost


@transaction.atomic
def save_staffing(
    cooperation: Cooperation,
    values: Mapping[str, Any],
    rows: Sequence[WorkloadInput],
    *,
    actor: User | None,
    expected_version: int | None = None,
    message: str = "",
) -> StaffingStudy:
    clean = {k: values[k] for k in STUDY_FIELDS if k in values}
    if clean.get("net_hours_per_fte") is not None and clean["net_hours_per_fte"] <= 0:
        raise ValidationError(
            {"net_hours_per_fte": _("Die Netto-Jahresarbeitszeit muss größer als null sein.")}
        )
    if len({r.municipality.pk for r in rows}) != len(rows):
        raise ValidationError({"rows": _("Eine Kommune ist doppelt angegeben.")})
    existing = StaffingStudy.objects.filter(cooperation=cooperation).first()
    before = (
        _rows_text(list(existing.rows.select_related("municipality", "current_grade"))) if existing else ""
    )
    study = _one_per_cooperation(StaffingStudy, cooperation, clean, expected_version, actor, message)
    study.rows.all().delete()
    created = StaffingRow.objects.bulk_create(
        StaffingRow(
            study=study,
            municipality=r.municipality,
            cases=r.cases,
            minutes_per_case=r.minutes_per_case,
            current_fte=r.current_fte,
            current_grade=r.current_grade,
        )
        for r in rows
    )
    after = _rows_text(created)
    if before != after:
        record(study, Action.UPDATE, actor=actor, changes={_("Fallzahlen und Stellen"): [before, after]})
    return study


def _rows_text(rows: Sequence[StaffingRow]) -> str:
    return "; ".join(
        f"{r.municipality.key}: {r.cases} × {r.minutes_per_case} min, "
        f"{r.current_fte} St. {r.current_grade.pay_grade}"
        for r in sorted(rows, key=lambda r: r.municipality.key or "")
    )
