"""State changes of the money app: key, allocations (draft → released, versioned), grants, savings,
staffing. Each takes ``actor=``, checks everything before writing and records the audit entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import ConflictError, create_object, record, update_versioned
from ikz.cooperation.models import Cooperation
from ikz.costs import rules
from ikz.costs.models import (
    Allocation,
    AllocationKey,
    AllocationShare,
    AllocationStatus,
    CaseCount,
    GrantApplication,
    GrantProgramme,
    KeyKind,
    SavingsEntry,
    StaffingRow,
    StaffingStudy,
)
from ikz.costs.queries import cases_of as cases_of  # re-exported, as the next ones
from ikz.costs.queries import participants_of as participants_of
from ikz.costs.queries import populations_at as populations_at
from ikz.costs.queries import staffing_result as staffing_result  # re-exported: callers import it from here
from ikz.municipalities.models import Municipality

M = TypeVar("M", AllocationKey, StaffingStudy)

KEY_FIELDS = [
    "kind",
    "base_percent",
    "stichtag",
    "size_classes",
    "combination",
    "case_years",
    "caps",
    "clause",
    "illustrative",
]


# --- reading the key (the reads participants_of, populations_at, cases_of live in queries.py) ------


def key_spec(values: Mapping[str, Any]) -> rules.Key:
    """A stored key (model or its values) as the pure rule's :class:`rules.Key`."""
    kind = str(values["kind"])
    if kind == KeyKind.COMBINED:
        components = tuple(
            rules.Component(str(c["kind"]), Decimal(str(c["weight"])))
            for c in values.get("combination") or []
        )
    else:
        components = (rules.Component(kind),)
    classes = tuple(
        rules.SizeClass(
            str(c["label"]),
            int(c["lower"]),
            None if c.get("upper") in (None, "") else int(c["upper"]),
            Decimal(str(c["weight"])),
        )
        for c in values.get("size_classes") or []
    )
    return rules.Key(
        components=components,
        base_percent=Decimal(str(values.get("base_percent") or 0)),
        classes=classes,
        case_years=tuple(sorted(int(y) for y in values.get("case_years") or [])),
    )


def key_values(key: AllocationKey) -> dict[str, Any]:
    return {name: getattr(key, name) for name in KEY_FIELDS}


def parties_for(
    municipalities: Sequence[Municipality],
    values: Mapping[str, Any],
    cases: Mapping[int, Mapping[int, Decimal]],
) -> list[rules.Party]:
    populations = populations_at(municipalities, values.get("stichtag"))
    caps = values.get("caps") or {}
    return [
        rules.Party(
            ags=m.key or str(m.pk),
            name=m.name,
            population=populations.get(m.pk),
            cases=dict(cases.get(m.pk, {})),
            cap=Decimal(str(caps[m.key])) if m.key in caps else None,
        )
        for m in municipalities
    ]


def _validation(exc: rules.AllocationError, field: str | None = None) -> ValidationError:
    if field:
        return ValidationError({field: exc.messages})
    return ValidationError(exc.messages)


def _one_per_cooperation(
    model: type[M],
    cooperation: Cooperation,
    values: Mapping[str, Any],
    expected_version: int | None,
    actor: User | None,
    message: str,
) -> M:
    """Create the cooperation's only object of ``model``, or update it (version-checked, audited)."""
    existing = model._default_manager.filter(cooperation=cooperation).first()
    if existing is None:
        return create_object(model(cooperation=cooperation, **values), actor=actor, message=message)
    current: int = getattr(existing, "version")  # noqa: B009 - versioned models only
    return update_versioned(
        model,
        existing.pk,
        values,
        expected_version=expected_version if expected_version is not None else current,
        actor=actor,
        message=message,
    )


# --- the key --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseRow:
    municipality: Municipality
    year: int
    cases: Decimal


def check_key(
    cooperation: Cooperation, values: Mapping[str, Any], cases: Sequence[CaseRow] | None = None
) -> None:
    """The key's rules against today's participants, with their figures at the key's Stichtag."""
    municipalities = participants_of(cooperation)
    kind = values.get("kind")
    errors: dict[str, list[str]] = {}
    uses_population = kind in (KeyKind.POPULATION, KeyKind.SIZE_CLASS) or (
        kind == KeyKind.COMBINED
        and any(
            c["kind"] in (rules.POPULATION, rules.SIZE_CLASS) and c["weight"] for c in values["combination"]
        )
    )
    if uses_population and not values.get("stichtag"):
        errors["stichtag"] = [_("Bitte geben Sie an, welcher Stichtag der Einwohnerzahl gilt.")]
    unknown = sorted(set(values.get("caps") or {}) - {m.key for m in municipalities})
    if unknown:
        errors["caps"] = [_("Nicht an der Kooperation beteiligt: %(ags)s") % {"ags": ", ".join(unknown)}]
    if errors:
        raise ValidationError(errors)
    case_map = cases_of(cooperation) if cases is None else _case_map(cases)
    try:
        spec = key_spec(values)
        problems = rules.key_errors(spec, parties_for(municipalities, values, case_map))
    except (KeyError, ValueError, ArithmeticError) as exc:
        raise ValidationError(_("Der Schlüssel ist unvollständig: %(e)s") % {"e": exc}) from exc
    if problems:
        raise ValidationError(problems)


def _case_map(rows: Sequence[CaseRow]) -> dict[int, dict[int, Decimal]]:
    result: dict[int, dict[int, Decimal]] = {}
    for row in rows:
        result.setdefault(row.municipality.pk, {})[row.year] = row.cases
    return result


@transaction.atomic
def save_key(
    cooperation: Cooperation,
    values: Mapping[str, Any],
    *,
    actor: User | None,
    cases: Sequence[CaseRow] | None = None,
    expected_version: int | None = None,
    message: str = "",
) -> AllocationKey:
    """Create or change the cooperation's key (and replace its case numbers when ``cases`` is given)."""
    clean = {k: values[k] for k in KEY_FIELDS if k in values}
    check_key(cooperation, clean, cases)
    key = _one_per_cooperation(AllocationKey, cooperation, clean, expected_version, actor, message)
    if cases is not None:
        before = _cases_text(cases_of(cooperation))
        CaseCount.objects.filter(cooperation=cooperation).delete()
        CaseCount.objects.bulk_create(
            CaseCount(cooperation=cooperation, municipality=r.municipality, year=r.year, cases=r.cases)
            for r in cases
        )
        after = _cases_text(_case_map(cases))
        if before != after:
            record(
                key, Action.UPDATE, actor=actor, changes={_("Fallzahlen"): [before, after]}, message=message
            )
    return key


def _cases_text(cases: Mapping[int, Mapping[int, Decimal]]) -> str:
    return "; ".join(f"{m}/{y}: {v}" for m, years in sorted(cases.items()) for y, v in sorted(years.items()))


@transaction.atomic
def import_case_counts(
    cooperation: Cooperation, rows: Sequence[CaseRow], *, actor: User | None, message: str = ""
) -> AllocationKey | Cooperation:
    """Set the case numbers of ``rows`` (municipality and year) and keep all others; one audit entry
    with the changed numbers on the key (on the cooperation while it has none)."""
    allowed = {m.pk for m in participants_of(cooperation)}
    strangers = sorted(
        {r.municipality.key or str(r.municipality) for r in rows if r.municipality.pk not in allowed}
    )
    if strangers:
        raise ValidationError(
            _("Nicht an der Kooperation beteiligt: %(ags)s") % {"ags": ", ".join(strangers)}
        )
    if any(r.cases < 0 for r in rows):
        raise ValidationError(_("Fallzahlen können nicht negativ sein."))
    existing = {
        (c.municipality_id, c.year): c
        for c in CaseCount.objects.select_for_update().filter(cooperation=cooperation)
    }
    new: list[CaseCount] = []
    changed: list[CaseCount] = []
    before: dict[int, dict[int, Decimal]] = {}
    after: dict[int, dict[int, Decimal]] = {}
    for row in rows:
        count = existing.get((row.municipality.pk, row.year))
        if count is not None and count.cases == row.cases:
            continue
        if count is None:
            new.append(
                CaseCount(
                    cooperation=cooperation, municipality=row.municipality, year=row.year, cases=row.cases
                )
            )
        else:
            before.setdefault(count.municipality_id, {})[row.year] = count.cases
            count.cases = row.cases
            changed.append(count)
        after.setdefault(row.municipality.pk, {})[row.year] = row.cases
    CaseCount.objects.bulk_create(new)
    CaseCount.objects.bulk_update(changed, ["cases"])
    target: AllocationKey | Cooperation = (
        AllocationKey.objects.filter(cooperation=cooperation).first() or cooperation
    )
    if new or changed:
        record(
            target,
            Action.IMPORT,
            actor=actor,
            changes={_("Fallzahlen"): [_cases_text(before), _cases_text(after)]},
            message=message,
        )
    return target


# --- allocations ----------------------------------------------------------------------------------

ALLOCATION_FIELDS = ["total", "fees", "fines", "grants", "other_income", "note", "illustrative"]


def calculate(cooperation: Cooperation, values: Mapping[str, Any]) -> rules.Result:
    """The allocation of ``values`` by the cooperation's key (nothing written); German errors."""
    key = AllocationKey.objects.filter(cooperation=cooperation).first()
    if key is None:
        raise ValidationError(_("Für diese Kooperation ist noch kein Umlageschlüssel festgelegt."))
    municipalities = participants_of(cooperation)
    income = rules.Income(
        fees=Decimal(values.get("fees") or 0),
        fines=Decimal(values.get("fines") or 0),
        grants=Decimal(values.get("grants") or 0),
        other=Decimal(values.get("other_income") or 0),
    )
    try:
        return rules.calculate(
            Decimal(values["total"]),
            key_spec(key_values(key)),
            parties_for(municipalities, key_values(key), cases_of(cooperation)),
            income,
        )
    except rules.AllocationError as exc:
        raise _validation(exc) from exc


def _snapshot(key: AllocationKey) -> dict[str, Any]:
    values = key_values(key)
    values["stichtag"] = key.stichtag.isoformat() if key.stichtag else None
    values["base_percent"] = str(key.base_percent)
    return values


def _store_shares(allocation: Allocation, result: rules.Result) -> None:
    by_key = {m.key: m for m in participants_of(allocation.cooperation)}
    AllocationShare.objects.bulk_create(
        AllocationShare(
            allocation=allocation,
            municipality=by_key[s.ags],
            ags=s.ags,
            name=s.name,
            key_value=s.key_value[:300],
            percent=s.percent,
            exact=s.exact_display,
            amount=s.amount,
            adjustment=s.adjustment,
            formula=s.formula,
            capped=s.capped,
        )
        for s in result.shares
    )


def _result_fields(result: rules.Result, key: AllocationKey) -> dict[str, Any]:
    return {
        "net": result.net,
        "key_description": result.description[:300],
        "key_snapshot": _snapshot(key),
        "stichtag": key.stichtag,
    }


@transaction.atomic
def create_allocation(
    cooperation: Cooperation, year: int, values: Mapping[str, Any], *, actor: User | None, message: str = ""
) -> Allocation:
    """A new draft for ``year``; refused when a draft of that year exists (recalculate that one)."""
    Cooperation.objects.select_for_update().get(pk=cooperation.pk)
    if Allocation.objects.filter(cooperation=cooperation, year=year, status=AllocationStatus.DRAFT).exists():
        raise ValidationError(
            {
                "year": _("Für %(year)s gibt es schon einen Entwurf; bitte berechnen Sie diesen neu.")
                % {"year": year}
            }
        )
    clean = {k: values[k] for k in ALLOCATION_FIELDS if k in values}
    result = calculate(cooperation, clean)
    key = AllocationKey.objects.get(cooperation=cooperation)
    number = (
        Allocation.objects.filter(cooperation=cooperation, year=year).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    allocation = create_object(
        Allocation(cooperation=cooperation, year=year, number=number, **clean, **_result_fields(result, key)),
        actor=actor,
        message=message,
    )
    _store_shares(allocation, result)
    return allocation


@transaction.atomic
def recalculate(
    allocation: Allocation,
    values: Mapping[str, Any],
    *,
    expected_version: int,
    actor: User | None,
    message: str = "",
) -> Allocation:
    """Recalculate with the key as it is now. A draft is recalculated in place; a released one is
    never overwritten: the result is a new draft (next Fassung), the released one stays as it is."""
    locked = Allocation.objects.select_for_update().get(pk=allocation.pk)
    clean = {k: values[k] for k in ALLOCATION_FIELDS if k in values}
    if locked.version != expected_version:
        raise ConflictError(locked, clean, expected_version=expected_version)
    if locked.status == AllocationStatus.SUPERSEDED:
        raise ValidationError(_("Diese Fassung ist ersetzt; bitte berechnen Sie die aktuelle Fassung neu."))
    if locked.status == AllocationStatus.RELEASED:
        merged = {k: getattr(locked, k) for k in ALLOCATION_FIELDS} | clean
        return create_allocation(
            locked.cooperation,
            locked.year,
            merged,
            actor=actor,
            message=message or _("Neuberechnung der freigegebenen Fassung %(n)s") % {"n": locked.number},
        )
    merged = {k: getattr(locked, k) for k in ALLOCATION_FIELDS} | clean
    result = calculate(locked.cooperation, merged)
    key = AllocationKey.objects.get(cooperation=locked.cooperation)
    before = _shares_text(locked)
    updated = update_versioned(
        Allocation,
        locked.pk,
        clean | _result_fields(result, key),
        expected_version=expected_version,
        actor=actor,
        message=message or _("Neuberechnung"),
    )
    updated.shares.all().delete()
    _store_shares(updated, result)
    after = _shares_text(updated)
    if before != after:
        if updated.version == expected_version:
            Allocation.objects.filter(pk=updated.pk).update(version=expected_version + 1)
            updated.version = expected_version + 1
        record(
            updated,
            Action.UPDATE,
            actor=actor,
            changes={_("Anteile"): [before, after]},
            message=_("Neuberechnung"),
        )
    return updated


def _shares_text(allocation: Allocation) -> str:
    return "; ".join(f"{s.ags}: {s.amount}" for s in allocation.shares.order_by("ags"))


@transaction.atomic
def release(
    allocation: Allocation, *, expected_version: int, actor: User | None, message: str = ""
) -> Allocation:
    """Release a draft (the contacts then see their share); the year's earlier release is superseded."""
    locked = Allocation.objects.select_for_update().get(pk=allocation.pk)
    if locked.version != expected_version:
        raise ConflictError(locked, {"status": AllocationStatus.RELEASED}, expected_version=expected_version)
    if locked.status != AllocationStatus.DRAFT:
        raise ValidationError(_("Nur ein Entwurf kann freigegeben werden."))
    for earlier in Allocation.objects.select_for_update().filter(
        cooperation=locked.cooperation, year=locked.year, status=AllocationStatus.RELEASED
    ):
        update_versioned(
            Allocation,
            earlier.pk,
            {"status": AllocationStatus.SUPERSEDED},
            expected_version=earlier.version,
            actor=actor,
            message=_("ersetzt durch Fassung %(n)s") % {"n": locked.number},
        )
    return update_versioned(
        Allocation,
        locked.pk,
        {"status": AllocationStatus.RELEASED, "released_at": timezone.now(), "released_by": actor},
        expected_version=expected_version,
        actor=actor,
        message=message or _("Freigabe"),
    )


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
