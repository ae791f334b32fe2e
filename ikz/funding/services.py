"""State changes of the Fördermitteldatenbank. Each takes ``actor=``, checks everything before it
writes (nothing half-written), versions the rows it changes and records the audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import Role, RoleAssignment, User
from ikz.audit.models import Action
from ikz.audit.services import ConflictError, create_object, record, update_versioned
from ikz.costs import queries as cost_queries
from ikz.costs import rules as cost_rules
from ikz.costs.services.keys import key_spec, key_values, parties_for
from ikz.documents.models import DocType, Visibility
from ikz.documents.services import store_generated_document
from ikz.funding import rules
from ikz.funding.models import Application, ApplicationStatus, Call, Deadline, Obligation, Partner, Programme
from ikz.lib.money import format_eur
from ikz.municipalities.models import Municipality
from ikz.notifications.models import Kind
from ikz.notifications.registry import Item
from ikz.notifications.services import notify
from ikz.resolutions.models import Outcome, Resolution

PROGRAMME_FIELDS = [
    "name",
    "short",
    "giver",
    "giver_name",
    "kinds",
    "areas",
    "eligible",
    "territories",
    "all_fields",
    "bodies",
    "min_population",
    "max_population",
    "min_partners",
    "exclusions",
    "resolution_required",
    "rate_percent",
    "max_amount",
    "url",
    "region",
    "legacy",
]
PROGRAMME_FORM_FIELDS = PROGRAMME_FIELDS[:-1]  # the cost side's programme: set by the demo
CALL_FIELDS = ["title", "mode", "opens_on", "closes_on", "url", "note"]
APPLICATION_FIELDS = [
    "title",
    "call",
    "region",
    "lead",
    "group",
    "project",
    "cooperation",
    "total_cost",
    "amount_requested",
    "note",
]
NOTICE_FIELDS = ["awarded_on", "amount_awarded", "notice_ref", "funded_until", "binding_years"]
ADOPTED = (Outcome.ADOPTED_COUNCIL, Outcome.ADOPTED_EXECUTIVE)


def _programme_errors(data: Mapping[str, Any], own: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    if Programme.objects.filter(name__iexact=data["name"]).exclude(pk=own).exists():
        errors["name"] = _("Ein Förderprogramm „%(n)s“ gibt es schon.") % {"n": data["name"]}
    if data.get("giver") not in rules.GIVERS:
        errors["giver"] = _("Bitte den Fördergeber wählen: Bund, EU oder Land.")
    low, high = data.get("min_population"), data.get("max_population")
    if low is not None and high is not None and high < low:
        errors["max_population"] = _("Die Obergrenze der Einwohnerzahl liegt unter der Untergrenze.")
    for name, values in rules.LISTS.items():
        unknown = [code for code in data.get(name) or [] if code not in values]
        if unknown:
            errors[name] = _("Unbekannter Wert: %(v)s") % {"v": ", ".join(unknown)}
    return errors


@transaction.atomic
def save_programme(
    values: Mapping[str, Any],
    fields: Iterable[Any] = (),
    *,
    actor: User | None,
    programme: Programme | None = None,
    expected_version: int | None = None,
    message: str = "",
) -> Programme:
    """A programme, new (``programme`` None) or changed; a stale version raises ``ConflictError``."""
    data: dict[str, Any] = {k: values[k] for k in PROGRAMME_FIELDS if k in values}
    data["name"] = str(data.get("name") or "").strip()
    errors = _programme_errors(data, programme.pk if programme else 0)
    if errors:
        raise ValidationError(errors)
    if programme is None:
        saved = create_object(Programme(**data), actor=actor, message=message or _("Förderprogramm angelegt"))
    else:
        assert expected_version is not None
        saved = update_versioned(
            Programme, programme.pk, data, expected_version=expected_version, actor=actor, message=message
        )
    chosen = sorted(f.pk for f in fields)
    before = sorted(saved.cooperation_fields.values_list("pk", flat=True))
    if chosen != before:
        saved.cooperation_fields.set(chosen)
        record(
            saved, Action.UPDATE, actor=actor, changes={_("Kooperationsfelder"): [_ids(before), _ids(chosen)]}
        )
    return saved


def _ids(pks: Iterable[int]) -> str:
    return ", ".join(str(pk) for pk in pks)


@transaction.atomic
def mark_checked(
    programme: Programme, *, day: dt.date | None = None, expected_version: int, actor: User | None
) -> Programme:
    """Record that ``actor`` checked the programme's data against its source today (or ``day``)."""
    day = day or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"checked_on": _("Das Prüfdatum kann nicht nach heute liegen.")})
    label = (actor.get_full_name() or actor.username) if actor else _("System")
    return update_versioned(
        Programme,
        programme.pk,
        {"checked_on": day, "checked_by": actor, "checked_by_label": label},
        expected_version=expected_version,
        actor=actor,
        message=_("Angaben geprüft"),
    )


# --- calls -------------------------------------------------------------------------------------------


def _audience() -> set[int]:
    """Who hears of new and changed calls: every office, steering group and contact person."""
    return set(
        RoleAssignment.objects.filter(
            role__in=[Role.OFFICE, Role.STEERING, Role.CONTACT], user__is_active=True
        ).values_list("user_id", flat=True)
    )


def _tell(call: Call, new: bool) -> None:
    text = (_("Neuer Förderaufruf: %(t)s (%(p)s)") if new else _("Förderaufruf geändert: %(t)s (%(p)s)")) % {
        "t": call.title,
        "p": call.programme.name,
    }
    link = call.get_absolute_url()
    key = f"funding-call-{call.pk}-v{call.version}"
    notify(Item(user, Kind.FUNDING_CALL, text, link, key) for user in sorted(_audience()))


@transaction.atomic
def save_call(
    programme: Programme,
    values: Mapping[str, Any],
    deadlines: Sequence[tuple[dt.date, str]],
    *,
    actor: User | None,
    call: Call | None = None,
    expected_version: int | None = None,
    message: str = "",
) -> Call:
    """A call with its deadlines (replaced as a whole); everybody who reads programmes is told."""
    data: dict[str, Any] = {k: values[k] for k in CALL_FIELDS if k in values}
    facts = rules.CallFacts(data.get("mode", ""), data.get("opens_on"), data.get("closes_on"), deadlines)
    errors = rules.call_errors(facts)
    if errors:
        raise ValidationError(errors)
    data["changed_on"] = timezone.localdate()
    if call is None:
        saved = create_object(
            Call(programme=programme, **data), actor=actor, message=message or _("Förderaufruf angelegt")
        )
        before: list[str] = []
    else:
        assert expected_version is not None
        before = [str(d) for d in call.deadlines.all()]
        saved = update_versioned(Call, call.pk, data, expected_version=expected_version, actor=actor)
    after = [f"{d:%d.%m.%Y} {label}" for d, label in sorted(deadlines)]
    if before != after:
        saved.deadlines.all().delete()
        Deadline.objects.bulk_create(
            Deadline(call=saved, date=d, label=label) for d, label in sorted(deadlines)
        )
        if call is not None and saved.version == expected_version:  # only the deadlines changed
            Call.objects.filter(pk=saved.pk).update(version=F("version") + 1)
            saved.version += 1
        record(
            saved, Action.UPDATE, actor=actor, changes={_("Fristen"): ["; ".join(before), "; ".join(after)]}
        )
    if call is None or saved.version != expected_version:
        _tell(saved, new=call is None)
    return saved


# --- applications ----------------------------------------------------------------------------------


def _application_errors(
    programme: Programme, data: Mapping[str, Any], partners: Sequence[Municipality]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    call = data.get("call")
    if call is not None and call.programme_id != programme.pk:
        errors["call"] = _("Der Aufruf gehört zu einem anderen Programm.")
    if data.get("group") and len({m.pk for m in partners} | {data["lead"].pk}) < 2:
        errors["partners"] = _(
            "Ein Gruppenantrag braucht neben der federführenden Kommune mindestens einen Partner."
        )
    if not data.get("group") and partners and any(m.pk != data["lead"].pk for m in partners):
        errors["group"] = _("Mit Partnern ist es ein Gruppenantrag: bitte „Gruppenantrag“ ankreuzen.")
    requested, cost = data.get("amount_requested"), data.get("total_cost")
    if programme.max_amount is not None and requested is not None and requested > programme.max_amount:
        errors["amount_requested"] = _("Der Betrag liegt über dem Höchstbetrag des Programms (%(m)s).") % {
            "m": format_eur(programme.max_amount)
        }
    if requested is not None and cost is not None and requested > cost:
        errors["amount_requested"] = _("Der beantragte Betrag liegt über den zuwendungsfähigen Ausgaben.")
    return errors


@transaction.atomic
def create_application(
    programme: Programme,
    values: Mapping[str, Any],
    partners: Sequence[Municipality] = (),
    *,
    actor: User | None,
    message: str = "",
) -> Application:
    """An application with its lead as the first partner (and the group's partners)."""
    data: dict[str, Any] = {k: values[k] for k in APPLICATION_FIELDS if k in values}
    errors = _application_errors(programme, data, partners)
    if errors:
        raise ValidationError(errors)
    application = create_object(
        Application(programme=programme, **data), actor=actor, message=message or _("Förderantrag angelegt")
    )
    for municipality in [data["lead"], *[m for m in partners if m.pk != data["lead"].pk]]:
        Partner.objects.create(application=application, municipality=municipality)
    return application


def _bump(
    application: Application, expected_version: int, actor: User | None, changes: dict[str, Any]
) -> Application:
    """Lock the application, check its version, bump it and record one entry for its partners."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.version != expected_version:
        raise ConflictError(locked, {}, expected_version=expected_version)
    Application.objects.filter(pk=locked.pk).update(version=F("version") + 1)
    locked.version += 1
    record(locked, Action.UPDATE, actor=actor, changes=changes)
    return locked


@transaction.atomic
def add_partner(
    application: Application,
    municipality: Municipality,
    *,
    share_percent: Decimal | None = None,
    resolution: Resolution | None = None,
    expected_version: int,
    actor: User | None,
) -> Partner:
    """Add a partner to a group application (or change its share and resolution)."""
    if not application.group:
        raise ValidationError({"municipality": _("Partner hat nur ein Gruppenantrag.")})
    if application.status != ApplicationStatus.PLANNED:
        raise ValidationError({"municipality": _("Nach dem Einreichen ändern sich die Partner nicht mehr.")})
    if resolution is not None and resolution.municipality_id != municipality.pk:
        raise ValidationError({"resolution": _("Der Beschluss ist einer anderen Kommune.")})
    partner, _new = Partner.objects.get_or_create(application=application, municipality=municipality)
    partner.share_percent = share_percent
    partner.resolution = resolution
    partner.share_note = _("von Hand") if share_percent is not None else ""
    partner.full_clean()
    partner.save()
    _bump(
        application,
        expected_version,
        actor,
        {
            _("Partner"): [
                "",
                f"{municipality.name}: {share_percent or '–'} %, {resolution or _('ohne Beschluss')}",
            ]
        },
    )
    return partner


@transaction.atomic
def shares_from_key(application: Application, *, expected_version: int, actor: User | None) -> list[Partner]:
    """Each partner's share as the cost key of the application's cooperation allocates the requested
    amount (or the awarded one): the same key the partners pay the cooperation's costs by."""
    key = cost_queries.key_of(application.cooperation) if application.cooperation else None
    if key is None:
        raise ValidationError(
            _("Die Kooperation des Antrags hat keinen Kostenschlüssel: bitte die Anteile von Hand eintragen.")
        )
    partners = list(application.partners.select_related("municipality"))
    amount = application.amount_awarded or application.amount_requested or Decimal(100)
    values = key_values(key)
    parties = parties_for([p.municipality for p in partners], values, cost_queries.cases_of(key.cooperation))
    try:
        result = cost_rules.calculate(amount, key_spec(values), parties)
    except cost_rules.AllocationError as exc:
        raise ValidationError(exc.messages) from exc
    by_ags = {s.ags: s for s in result.shares}
    described = result.description
    for partner in partners:
        share = by_ags.get(partner.municipality.key or str(partner.municipality.pk))
        partner.share_percent = share.percent if share else Decimal(0)
        partner.share_note = described[:300]
    Partner.objects.bulk_update(partners, ["share_percent", "share_note"])
    _bump(
        application,
        expected_version,
        actor,
        {_("Anteile"): ["", "; ".join(f"{p.municipality.name} {p.share_percent} %" for p in partners)]},
    )
    return partners


def missing_resolutions(application: Application) -> list[str]:
    """The partners without an adopted council resolution, where the programme demands one."""
    if not application.programme.resolution_required:
        return []
    return [
        p.municipality.name
        for p in application.partners.select_related("municipality", "resolution")
        if p.resolution is None or p.resolution.outcome not in ADOPTED
    ]


@transaction.atomic
def submit_application(
    application: Application,
    *,
    submitted_on: dt.date,
    expected_version: int,
    actor: User | None,
) -> Application:
    """Submit: every share given (together 100 %), each partner's resolution where demanded."""
    errors: dict[str, Any] = {}
    if application.status != ApplicationStatus.PLANNED:
        errors["submitted_on"] = _("Der Antrag ist schon eingereicht.")
    if submitted_on > timezone.localdate():
        errors["submitted_on"] = _("Das Einreichungsdatum kann nicht nach heute liegen.")
    shares = list(application.partners.values_list("share_percent", flat=True))
    problems = rules.share_errors(shares) if application.group else []
    if application.group and all(s is None for s in shares):
        problems = [_("Bitte die Anteile der Partner eintragen oder aus dem Kostenschlüssel übernehmen.")]
    missing = missing_resolutions(application)
    if missing:
        problems.append(
            _("Das Programm verlangt den Beschluss jeder beteiligten Kommune; es fehlt: %(m)s")
            % {"m": ", ".join(missing)}
        )
    if problems:
        errors["partners"] = problems
    if errors:
        raise ValidationError(errors)
    return update_versioned(
        Application,
        application.pk,
        {"status": ApplicationStatus.SUBMITTED, "submitted_on": submitted_on},
        expected_version=expected_version,
        actor=actor,
        message=_("Antrag eingereicht"),
    )


@transaction.atomic
def record_notice(
    application: Application, values: Mapping[str, Any], *, expected_version: int, actor: User | None
) -> Application:
    """The grant notice (Bewilligung): its date, amount, funded period and Zweckbindung; it creates
    the obligations with their due dates (draw, passing on to each partner, proof, binding)."""
    data = {k: values[k] for k in NOTICE_FIELDS if k in values}
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError({"awarded_on": _("Einen Bescheid gibt es erst zu einem eingereichten Antrag.")})
    errors = rules.notice_errors(
        awarded_on=data.get("awarded_on"),
        submitted_on=application.submitted_on,
        amount=data.get("amount_awarded"),
        requested=application.amount_requested,
        funded_until=data.get("funded_until"),
        max_amount=application.programme.max_amount,
        today=timezone.localdate(),
    )
    if errors:
        raise ValidationError(errors)
    data["status"] = ApplicationStatus.AWARDED
    saved = update_versioned(
        Application,
        application.pk,
        data,
        expected_version=expected_version,
        actor=actor,
        message=_("Bescheid erfasst"),
    )
    partners = list(saved.partners.select_related("municipality"))
    percents = [(p.municipality_id, p.share_percent) for p in partners if p.share_percent is not None]
    amounts = rules.share_amounts(saved.amount_awarded or Decimal(0), percents) if saved.group else {}
    specs = rules.obligations_for_notice(
        awarded_on=saved.awarded_on or timezone.localdate(),
        amount=saved.amount_awarded or Decimal(0),
        funded_until=saved.funded_until or saved.awarded_on or timezone.localdate(),
        binding_years=saved.binding_years or 0,
        lead_id=saved.lead_id,
        shares=[
            (p.municipality_id, p.municipality.name, amounts.get(p.municipality_id, Decimal(0)))
            for p in partners
        ],
    )
    for spec in specs:
        create_object(
            Obligation(
                application=saved,
                kind=spec.kind,
                title=spec.title,
                due_on=spec.due_on,
                municipality_id=spec.municipality_id,
                amount=spec.amount,
            ),
            actor=actor,
            message=_("aus dem Bescheid"),
        )
    return saved


@transaction.atomic
def complete_obligation(
    obligation: Obligation,
    *,
    done_on: dt.date,
    evidence: tuple[str, bytes] | None,
    note: str = "",
    expected_version: int,
    actor: User | None,
) -> Obligation:
    """Mark an obligation "erledigt" with its evidence file (filed in the library, visible to the
    region); the Verwendungsnachweis needs its file and marks the application as proven."""
    application = obligation.application
    errors: dict[str, str] = {}
    if obligation.done_on is not None:
        errors["done_on"] = _("Die Pflicht ist schon erledigt.")
    if done_on > timezone.localdate():
        errors["done_on"] = _("Das Datum der Erledigung kann nicht nach heute liegen.")
    if application.awarded_on and done_on < application.awarded_on:
        errors["done_on"] = _("Erledigt vor dem Bescheid (%(d)s)?") % {
            "d": f"{application.awarded_on:%d.%m.%Y}"
        }
    if obligation.kind == "proof" and evidence is None:
        errors["evidence"] = _("Bitte den Verwendungsnachweis als Datei beifügen.")
    if errors:
        raise ValidationError(errors)
    document = None
    if evidence is not None:
        filename, content = evidence
        version = store_generated_document(
            title=f"{obligation.title} – {application.title}",
            doc_type=DocType.REPORT if obligation.kind == "proof" else DocType.OTHER,
            filename=filename,
            content=content,
            actor=actor,
            visibility=Visibility.REGION,
            date=done_on,
            region_id=application.region_id,
            cooperation_id=application.cooperation_id,
            owner_id=application.lead_id,
        )
        document = version.document
    label = (actor.get_full_name() or actor.username) if actor else _("System")
    saved = update_versioned(
        Obligation,
        obligation.pk,
        {"done_on": done_on, "done_by_label": label, "evidence": document, "note": note},
        expected_version=expected_version,
        actor=actor,
        message=_("erledigt"),
    )
    if obligation.kind == "proof":
        update_versioned(
            Application,
            application.pk,
            {"status": ApplicationStatus.PROVEN},
            expected_version=Application.objects.get(pk=application.pk).version,
            actor=actor,
            message=_("Verwendungsnachweis eingereicht"),
        )
    return saved


def obligation_link(obligation: Obligation) -> str:
    return (
        reverse("funding:application_detail", args=[obligation.application_id]) + f"#pflicht-{obligation.pk}"
    )
