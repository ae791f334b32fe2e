"""State changes of the cooperative's membership part. Each takes ``actor=``, checks everything
before writing, locks and version-checks the rows it changes and writes the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.rules import changed_fields
from ikz.audit.services import ConflictError, create_object, field_values, record, update_versioned
from ikz.membership import rules
from ikz.membership.models import (
    CheckIn,
    CommitteeSession,
    Cooperative,
    DocumentKind,
    DocumentTemplate,
    GeneratedDocument,
    Member,
    Offer,
    OfferLine,
    OfferStatus,
    Onboarding,
    OnboardingStatus,
    OpenQuestion,
    Order,
    OtherTurnover,
    Payment,
    RequestStatus,
    Service,
    ServiceRequest,
    SessionOutcome,
    ShareEvent,
    Step,
)
from ikz.municipalities.models import Level, Municipality
from ikz.search.rules import fold

TERRITORIAL_LEVELS = {Level.LAND, Level.REGION, Level.KREIS, Level.VERBAND, Level.GEMEINDE}


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def current_cooperative() -> Cooperative:
    """The platform's cooperative (one per installation, decision 42); DoesNotExist if none."""
    cooperative = Cooperative.objects.order_by("pk").first()
    if cooperative is None:
        raise Cooperative.DoesNotExist
    return cooperative


# --- eligibility, rule and authority of a candidate ----------------------------------------------


def eligibility_of(municipality: Municipality) -> rules.Eligibility:
    return rules.check_eligibility(
        name=municipality.name,
        territorial=municipality.level in TERRITORIAL_LEVELS,
        legal_person=municipality.level == Level.ORGANISATION,
        territorial_share=municipality.municipal_share,
    )


def _carrier(municipality: Municipality) -> Municipality:
    """The territorial authority behind an organisation (its parent), else the unit itself."""
    unit = municipality
    while unit.level == Level.ORGANISATION and unit.parent is not None:
        unit = unit.parent
    return unit


def rule_of(municipality: Municipality, on: dt.date | None = None) -> rules.SupervisionRule | None:
    unit = _carrier(municipality)
    return rules.rule_for((unit.key or "")[:2], on=_today(on))


def proposed_authority(municipality: Municipality) -> rules.Authority:
    unit = _carrier(municipality)
    key = unit.key or ""
    if key.startswith("06"):
        population = unit.current_population.total if unit.current_population else None
        kreis = unit.kreis or (unit.parent if unit.parent and unit.parent.level == Level.KREIS else None)
        return rules.hessen_authority(
            key=key,
            name=unit.name,
            level=unit.level,
            kind=unit.kind,
            population=population,
            kreis_name=kreis.short_name if kreis else "",
        )
    rule = rule_of(municipality)
    reason = _("Für dieses Land ist keine Zuständigkeitsregel hinterlegt.")
    if rule is not None:
        reason = _(
            "Für dieses Land ist keine Zuständigkeitsregel hinterlegt; Anzeigepflicht nach %(rule)s."
        ) % {"rule": rule.citation}
    return rules.Authority(_("zuständige Kommunalaufsichtsbehörde (bitte prüfen)"), reason)


def deadline_of(
    onboarding: Onboarding, sessions: Sequence[CommitteeSession] | None = None
) -> rules.Deadline | None:
    """The deadline of the candidate's state rule. Before the resolution is recorded, the last
    planned committee session stands in for the decision date, so that rules counting before the
    decision (Schleswig-Holstein, Sachsen-Anhalt) warn during the committee run."""
    rule = rule_of(onboarding.municipality)
    if rule is None:
        return None
    decision_on = onboarding.resolution_on
    if decision_on is None:
        planned = [
            s.date
            for s in (onboarding.sessions.all() if sessions is None else sessions)
            if s.outcome == SessionOutcome.PLANNED
        ]
        decision_on = max(planned) if planned else None
    return rules.supervision_deadline(
        rule,
        notice_sent_on=onboarding.notice_sent_on,
        notice_received_on=onboarding.notice_received_on,
        reply_on=onboarding.reply_on,
        planned_execution_on=onboarding.planned_execution_on,
        decision_on=decision_on,
    )


def active_member(municipality_id: int, on: dt.date, cooperative: Cooperative) -> Member | None:
    return (
        Member.objects.filter(cooperative=cooperative, municipality_id=municipality_id, admitted_on__lte=on)
        .not_left_by(on)
        .first()
    )


# --- onboarding ----------------------------------------------------------------------------------


@transaction.atomic
def start_onboarding(
    cooperative: Cooperative, municipality: Municipality, values: Mapping[str, Any], *, actor: User | None
) -> Onboarding:
    """Enter a candidate: refused with the reason if it may not join or is already on its way."""
    eligibility = eligibility_of(municipality)
    if not eligibility.eligible:
        raise ValidationError({"municipality": eligibility.reason})
    if Onboarding.objects.filter(
        cooperative=cooperative, municipality=municipality, status=OnboardingStatus.ACTIVE
    ).exists():
        raise ValidationError(
            {"municipality": _("Für %(m)s läuft bereits ein Beitritt.") % {"m": municipality}}
        )
    if active_member(municipality.pk, timezone.localdate(), cooperative):
        raise ValidationError({"municipality": _("%(m)s ist bereits Mitglied.") % {"m": municipality}})
    onboarding = Onboarding(
        cooperative=cooperative,
        municipality=municipality,
        eligibility_reason=eligibility.reason,
        authority=proposed_authority(municipality).name,
        **{k: v for k, v in values.items() if k in {"contact_name", "note", "kickoff_on", "is_illustrative"}},
    )
    return create_object(onboarding, actor=actor)


DATE_ORDER = [
    ("notice_sent_on", "notice_received_on", _("Der Eingang kann nicht vor dem Versand liegen.")),
    ("notice_sent_on", "reply_on", _("Die Antwort kann nicht vor der Anzeige liegen.")),
    ("resolution_on", "notice_sent_on", _("Die Anzeige folgt dem Beschluss; bitte Datum prüfen.")),
    ("declaration_sent_on", "declaration_signed_on", _("Unterzeichnet vor dem Versand? Bitte Datum prüfen.")),
    ("declaration_signed_on", "declaration_received_on", _("Eingang vor der Unterzeichnung? Bitte prüfen.")),
    ("agreement_sent_on", "agreement_signed_on", _("Unterzeichnet vor dem Versand? Bitte Datum prüfen.")),
    ("agreement_signed_on", "agreement_received_on", _("Eingang vor der Unterzeichnung? Bitte prüfen.")),
]
STEP_FIELDS = {
    1: [
        "contact_name",
        "kickoff_on",
        "kickoff_participants",
        "presentation_on",
        "draft_resolution_on",
        "note",
    ],
    2: ["note"],
    3: [
        "resolution_on",
        "resolution_body",
        "authority",
        "planned_execution_on",
        "notice_sent_on",
        "notice_received_on",
        "reply_on",
        "reply_note",
        "declaration_sent_on",
        "declaration_signed_on",
        "declaration_received_on",
        "agreement_sent_on",
        "agreement_signed_on",
        "agreement_received_on",
    ],
    4: ["invoice_on", "receipt_on", "note"],
}


def check_dates(values: Mapping[str, Any], *, today: dt.date) -> None:
    errors: dict[str, str] = {}
    for before, after, message in DATE_ORDER:
        if values.get(before) and values.get(after) and values[after] < values[before]:
            errors[after] = str(message)
    for name in ("notice_sent_on", "notice_received_on", "reply_on", "resolution_on"):
        if values.get(name) and values[name] > today:
            errors.setdefault(name, _("Das Datum liegt in der Zukunft."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update_onboarding(
    onboarding: Onboarding,
    values: Mapping[str, Any],
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Onboarding:
    allowed = {f for fields in STEP_FIELDS.values() for f in fields}
    clean = {k: v for k, v in values.items() if k in allowed}
    check_dates({k: getattr(onboarding, k) for k in allowed} | clean, today=_today(today))
    return update_versioned(Onboarding, onboarding.pk, clean, expected_version=expected_version, actor=actor)


def _lock(
    onboarding: Onboarding, expected_version: int, values: Mapping[str, object] | None = None
) -> Onboarding:
    locked = Onboarding.objects.select_for_update().get(pk=onboarding.pk)
    if locked.version != expected_version:
        raise ConflictError(
            locked, values or {"version": expected_version}, expected_version=expected_version
        )
    return locked


def _bump(onboarding: Onboarding) -> None:
    onboarding.version += 1
    onboarding.save(update_fields=["version", "updated_at"])


ITEM_MODELS: dict[str, type[CommitteeSession] | type[CheckIn] | type[OpenQuestion]] = {
    "sitzung": CommitteeSession,
    "check-in": CheckIn,
    "frage": OpenQuestion,
}
ITEM_FIELDS = {
    "sitzung": ["body", "date", "outcome", "note"],
    "check-in": ["date", "note"],
    "frage": ["question", "asked_on", "answered_on", "answer"],
}


@transaction.atomic
def save_item(
    onboarding: Onboarding,
    kind: str,
    item: CommitteeSession | CheckIn | OpenQuestion | None,
    values: Mapping[str, Any],
    *,
    expected_version: int,
    actor: User | None,
) -> CommitteeSession | CheckIn | OpenQuestion:
    """Add or change a committee session, check-in or open question (the onboarding's version
    guards against two people editing the same onboarding at once)."""
    locked = _lock(onboarding, expected_version)
    clean = {k: values[k] for k in ITEM_FIELDS[kind] if k in values}
    asked, answered = clean.get("asked_on"), clean.get("answered_on")
    if kind == "frage" and asked and answered and answered < asked:
        raise ValidationError({"answered_on": _("Die Antwort kann nicht vor der Frage liegen.")})
    if item is None:
        saved = create_object(ITEM_MODELS[kind](onboarding=locked, **clean), actor=actor)
    else:
        before = field_values(item, clean.keys())
        for name, value in clean.items():
            setattr(item, name, value)
        item.full_clean()
        item.save()
        changes = changed_fields(before, field_values(item, clean.keys()))
        if changes:
            record(item, Action.UPDATE, actor=actor, changes=changes)
        saved = item
    _bump(locked)
    return saved


@dataclass
class Progress:
    """Task lists, blockers and the deadline of one onboarding."""

    facts: rules.OnboardingFacts
    deadline: rules.Deadline | None
    rule: rules.SupervisionRule | None

    def tasks(self, step: int) -> list[rules.Task]:
        return rules.tasks(step, self.facts)

    def blockers(self, step: int, today: dt.date) -> list[str]:
        found = rules.blockers(step, self.facts)
        d = self.deadline
        if (
            step == 4
            and self.facts.executed_on is None
            and d is not None
            and not d.allows_execution_on(today)
        ):
            found.insert(0, self.deadline_text())
        return found

    def deadline_text(self) -> str:
        d = self.deadline
        if d is None:
            return _("keine Regel für dieses Land hinterlegt")
        if d.without_delay:
            return _("Anzeige unverzüglich – keine Wartefrist")
        if d.waiting_for_approval:
            return _("wartet auf die Genehmigung der Aufsichtsbehörde")
        if d.earliest_execution is None:
            return _("Frist beginnt mit der Anzeige")
        return _("Vollzug frühestens am %(d)s") % {"d": _date(d.earliest_execution)}


def facts_of(
    onboarding: Onboarding,
    sessions: Sequence[CommitteeSession],
    checkins: int,
    questions_open: int,
    member: Member | None,
    paid_on: dt.date | None,
) -> rules.OnboardingFacts:
    o = onboarding
    return rules.OnboardingFacts(
        kickoff_on=o.kickoff_on,
        presentation_on=o.presentation_on,
        draft_resolution_on=o.draft_resolution_on,
        sessions_planned=len(sessions),
        sessions_open=sum(
            1 for s in sessions if s.outcome in (SessionOutcome.PLANNED, SessionOutcome.POSTPONED)
        ),
        sessions_rejected=sum(1 for s in sessions if s.outcome == SessionOutcome.REJECTED),
        checkins=checkins,
        questions_open=questions_open,
        resolution_on=o.resolution_on,
        notice_sent_on=o.notice_sent_on,
        reply_on=o.reply_on,
        declaration_sent_on=o.declaration_sent_on,
        declaration_signed_on=o.declaration_signed_on,
        declaration_received_on=o.declaration_received_on,
        agreement_sent_on=o.agreement_sent_on,
        agreement_signed_on=o.agreement_signed_on,
        agreement_received_on=o.agreement_received_on,
        executed_on=o.executed_on,
        member_number=member.number if member else "",
        invoice_on=o.invoice_on,
        paid_on=paid_on,
        receipt_on=o.receipt_on,
        registered_on=member.admitted_on if member else None,
    )


def member_of(onboarding: Onboarding) -> Member | None:
    return Member.objects.filter(onboarding=onboarding).first()


def progress_of(onboarding: Onboarding) -> Progress:
    member = member_of(onboarding)
    paid = Payment.objects.filter(member=member).aggregate(last=Max("paid_on"))["last"] if member else None
    sessions = list(onboarding.sessions.all())
    facts = facts_of(
        onboarding,
        sessions,
        onboarding.checkins.count(),
        onboarding.questions.filter(answered_on__isnull=True).count(),
        member,
        paid,
    )
    return Progress(facts, deadline_of(onboarding, sessions), rule_of(onboarding.municipality))


@transaction.atomic
def advance(
    onboarding: Onboarding, *, expected_version: int, actor: User | None, today: dt.date | None = None
) -> Onboarding:
    """Move to the next step when every required task of the current one is done."""
    locked = _lock(onboarding, expected_version)
    if locked.status != OnboardingStatus.ACTIVE or locked.step >= Step.MEMBERSHIP:
        raise ValidationError(_("Dieser Beitritt kann nicht weitergeschaltet werden."))
    open_tasks = progress_of(locked).blockers(locked.step, _today(today))
    if open_tasks:
        raise ValidationError(
            _("Schritt %(n)d ist noch nicht abgeschlossen. Offen: %(tasks)s.")
            % {"n": locked.step, "tasks": ", ".join(open_tasks)}
        )
    return update_versioned(
        Onboarding,
        locked.pk,
        {"step": locked.step + 1},
        expected_version=locked.version,
        actor=actor,
        message=_("Weiter zu Schritt %(n)d") % {"n": locked.step + 1},
    )


@transaction.atomic
def withdraw_onboarding(
    onboarding: Onboarding, *, expected_version: int, actor: User | None, reason: str = ""
) -> Onboarding:
    """The candidate does not join (for now); the onboarding leaves the pipeline, its data stays."""
    locked = _lock(onboarding, expected_version)
    if locked.status != OnboardingStatus.ACTIVE:
        raise ValidationError(_("Nur ein laufender Beitritt kann zurückgezogen werden."))
    return update_versioned(
        Onboarding,
        locked.pk,
        {"status": OnboardingStatus.WITHDRAWN},
        expected_version=locked.version,
        actor=actor,
        message=reason or _("Beitritt zurückgezogen"),
    )


@transaction.atomic
def complete_membership(
    onboarding: Onboarding,
    *,
    executed_on: dt.date,
    number: str,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Member:
    """Execute the membership: the entry in the register with its date and the first share.

    Refused before the earliest execution date of the state's rule unless the authority's
    earlier reply is recorded."""
    locked = _lock(onboarding, expected_version)
    errors: dict[str, str] = {}
    if locked.status != OnboardingStatus.ACTIVE or locked.step != Step.MEMBERSHIP:
        raise ValidationError(_("Der Vollzug ist erst in Schritt 4 möglich."))
    deadline = deadline_of(locked)
    if executed_on > _today(today):
        errors["executed_on"] = _("Der Vollzug kann nicht in der Zukunft eingetragen werden.")
    elif deadline is not None and deadline.waiting_for_approval:
        errors["executed_on"] = _("Vor dem Vollzug muss die Genehmigung der Aufsichtsbehörde erfasst sein.")
    elif deadline is not None and not deadline.allows_execution_on(executed_on):
        assert deadline.earliest_execution is not None
        errors["executed_on"] = _(
            "Der Vollzug ist frühestens am %(d)s möglich (%(rule)s), außer die Aufsichtsbehörde hat "
            "vorher geantwortet – dann bitte die Antwort in Schritt 3 erfassen."
        ) % {"d": _date(deadline.earliest_execution), "rule": rule_of(locked.municipality).citation}  # type: ignore[union-attr]
    cooperative = locked.cooperative
    if Member.objects.filter(cooperative=cooperative, number=number).exists():
        errors["number"] = _("Die Mitgliedsnummer %(n)s ist schon vergeben.") % {"n": number}
    if errors:
        raise ValidationError(errors)
    member = _register(
        cooperative,
        locked.municipality,
        number=number,
        admitted_on=executed_on,
        onboarding=locked,
        actor=actor,
    )
    update_versioned(
        Onboarding,
        locked.pk,
        {"executed_on": executed_on, "status": OnboardingStatus.MEMBER},
        expected_version=locked.version,
        actor=actor,
        message=_("Mitgliedschaft vollzogen"),
    )
    return member


def _register(
    cooperative: Cooperative,
    unit: Municipality,
    *,
    number: str,
    admitted_on: dt.date,
    actor: User | None,
    onboarding: Onboarding | None = None,
    source: str = "",
) -> Member:
    """The register entry with name, address and key of the unit and the compulsory shares."""
    member = create_object(
        Member(
            cooperative=cooperative,
            municipality=unit,
            onboarding=onboarding,
            number=number,
            legal_name=unit.name,
            street=unit.street,
            postal_code=unit.postal_code,
            city=unit.city,
            official_key=unit.key or "",
            shares=cooperative.min_shares,
            admitted_on=admitted_on,
            source=source,
        ),
        actor=actor,
        message=_("Eintrag in die Mitgliederliste (§ 30 GenG)"),
    )
    create_object(
        ShareEvent(member=member, delta=cooperative.min_shares, effective_on=admitted_on, note=_("Beitritt")),
        actor=actor,
    )
    return member


# --- member register -----------------------------------------------------------------------------


@transaction.atomic
def record_payment(
    member: Member, values: Mapping[str, Any], *, actor: User | None, today: dt.date | None = None
) -> Payment:
    amount = values.get("amount")
    paid_on = values.get("paid_on")
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = _("Bitte einen Betrag über 0 € angeben.")
    if paid_on is None or paid_on > _today(today):
        errors["paid_on"] = _("Bitte das Datum des Zahlungseingangs angeben (nicht in der Zukunft).")
    if errors:
        raise ValidationError(errors)
    assert amount is not None and paid_on is not None
    return create_object(
        Payment(member=member, amount=amount, paid_on=paid_on, reference=values.get("reference", "")),
        actor=actor,
    )


@transaction.atomic
def record_exit_notice(
    member: Member,
    *,
    notice_on: dt.date,
    reason: str,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Member:
    """The notice was received: the exit date follows from the statutes (§ 65 GenG)."""
    if member.exit_on is not None:
        raise ValidationError(_("Für dieses Mitglied ist der Austritt bereits eingetragen."))
    if notice_on > _today(today):
        raise ValidationError({"notice_on": _("Der Eingang der Kündigung liegt in der Zukunft.")})
    if notice_on < member.admitted_on:
        raise ValidationError({"notice_on": _("Die Kündigung kann nicht vor dem Eintritt liegen.")})
    coop = member.cooperative
    exit_on = rules.exit_date(
        notice_on,
        notice_months=coop.notice_months,
        year_end_month=coop.year_end_month,
        year_end_day=coop.year_end_day,
    )
    return update_versioned(
        Member,
        member.pk,
        {
            "exit_notice_on": notice_on,
            "exit_on": exit_on,
            "exit_reason": reason or _("Kündigung (§ 65 GenG)"),
            "retention_until": rules.retention_until(exit_on),
        },
        expected_version=expected_version,
        actor=actor,
        message=_("Kündigung eingegangen; Austritt zum %(d)s") % {"d": _date(exit_on)},
    )


# --- commissions ---------------------------------------------------------------------------------


def inhouse_refusal(name: str) -> str:
    return _(
        "%(name)s ist nicht Mitglied der Genossenschaft. Leistungen werden ausschließlich an Mitglieder "
        "erbracht und im Wege der Inhouse-Vergabe (§ 108 GWB) beauftragt; ohne Mitgliedschaft ist keine "
        "Beauftragung möglich – bitte zuerst beitreten."
    ) % {"name": name}


@transaction.atomic
def request_service(
    cooperative: Cooperative,
    municipality: Municipality,
    values: Mapping[str, Any],
    *,
    actor: User | None,
    today: dt.date | None = None,
) -> ServiceRequest:
    day = _today(today)
    member = active_member(municipality.pk, day, cooperative)
    if member is None:
        raise ValidationError(inhouse_refusal(municipality.name))
    service = values.get("service")
    errors = {}
    if not isinstance(service, Service) or not service.is_active or service.cooperative_id != cooperative.pk:
        errors["service"] = _("Bitte eine bestellbare Leistung aus dem Katalog wählen.")
    if not str(values.get("description") or "").strip():
        errors["description"] = _("Bitte beschreiben Sie kurz Ihren Bedarf.")
    if errors:
        raise ValidationError(errors)
    return create_object(
        ServiceRequest(
            cooperative=cooperative,
            member=member,
            service=service,
            description=str(values["description"]).strip(),
            requested_by=actor,
            requested_on=day,
            is_illustrative=bool(values.get("is_illustrative", False)),
        ),
        actor=actor,
    )


@dataclass(frozen=True)
class LineInput:
    text: str
    quantity: Decimal
    unit: str
    unit_price: Decimal


def _lock_request(request: ServiceRequest, expected_version: int) -> ServiceRequest:
    locked = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if locked.version != expected_version:
        raise ConflictError(locked, {"version": expected_version}, expected_version=expected_version)
    return locked


@transaction.atomic
def save_offer(
    request: ServiceRequest,
    values: Mapping[str, Any],
    lines: Sequence[LineInput],
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Offer:
    """Write or rewrite the draft offer of a request (positions replaced as a whole)."""
    locked = _lock_request(request, expected_version)
    existing = Offer.objects.filter(request=locked).first()
    errors: dict[str, str] = {}
    if existing is not None and existing.status != OfferStatus.DRAFT:
        raise ValidationError(_("Das Angebot ist schon versandt und kann nicht mehr geändert werden."))
    if not lines:
        errors["lines"] = _("Ein Angebot braucht mindestens eine Position.")
    for line in lines:
        if line.quantity <= 0 or line.unit_price < 0:
            errors["lines"] = _("Menge über 0 und Einzelpreis ab 0 € angeben.")
    valid_until = values.get("valid_until")
    if valid_until is None or valid_until < _today(today):
        errors["valid_until"] = _("Das Angebot muss mindestens bis heute gültig sein.")
    if errors:
        raise ValidationError(errors)
    clean = {k: values[k] for k in ("title", "vat_treatment", "valid_until", "note") if k in values}
    if existing is None:
        number = f"A-{_today(today).year}-{locked.pk:04d}"
        offer = create_object(Offer(request=locked, number=number, **clean), actor=actor)
    else:
        offer = update_versioned(Offer, existing.pk, clean, expected_version=existing.version, actor=actor)
        offer.lines.all().delete()
    OfferLine.objects.bulk_create(
        [
            OfferLine(
                offer=offer,
                position=i,
                text=line.text,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
            )
            for i, line in enumerate(lines, start=1)
        ]
    )
    totals = totals_of(offer)
    record(
        offer,
        Action.UPDATE,
        actor=actor,
        changes={"Positionen": [None, "; ".join(line.text for line in lines)]},
        message=_("Angebot: %(n)s netto") % {"n": rules.euro(totals.net)},
    )
    locked.version += 1
    locked.save(update_fields=["version"])
    return offer


def totals_of(offer: Offer) -> rules.OfferTotals:
    return rules.offer_totals(
        [(line.quantity, line.unit_price) for line in offer.lines.all()], offer.vat_treatment
    )


@transaction.atomic
def send_offer(
    request: ServiceRequest, *, expected_version: int, actor: User | None, today: dt.date | None = None
) -> Offer:
    locked = _lock_request(request, expected_version)
    offer = Offer.objects.filter(request=locked).first()
    if offer is None or offer.status != OfferStatus.DRAFT:
        raise ValidationError(_("Es gibt kein Angebot im Entwurf, das versandt werden könnte."))
    offer = update_versioned(
        Offer,
        offer.pk,
        {"status": OfferStatus.SENT, "sent_on": _today(today)},
        expected_version=offer.version,
        actor=actor,
    )
    update_versioned(
        ServiceRequest,
        locked.pk,
        {"status": RequestStatus.OFFERED},
        expected_version=locked.version,
        actor=actor,
    )
    return offer


@transaction.atomic
def decide_offer(
    request: ServiceRequest,
    *,
    accept: bool,
    expected_version: int,
    actor: User | None,
    today: dt.date | None = None,
) -> Offer:
    """The member accepts (→ order) or declines the sent offer."""
    day = _today(today)
    locked = _lock_request(request, expected_version)
    offer = Offer.objects.filter(request=locked).first()
    if offer is None or offer.status != OfferStatus.SENT:
        raise ValidationError(_("Es liegt kein versandtes Angebot zur Entscheidung vor."))
    if accept:
        if offer.valid_until < day:
            raise ValidationError(
                _("Das Angebot war nur bis %(d)s gültig; bitte ein neues anfordern.")
                % {"d": _date(offer.valid_until)}
            )
        if active_member(locked.member.municipality_id, day, locked.cooperative) is None:
            raise ValidationError(inhouse_refusal(locked.member.legal_name))
    status = OfferStatus.ACCEPTED if accept else OfferStatus.DECLINED
    offer = update_versioned(
        Offer, offer.pk, {"status": status, "decided_on": day}, expected_version=offer.version, actor=actor
    )
    update_versioned(
        ServiceRequest,
        locked.pk,
        {"status": RequestStatus.ORDERED if accept else RequestStatus.DECLINED},
        expected_version=locked.version,
        actor=actor,
    )
    if accept:
        totals = totals_of(offer)
        create_object(
            Order(
                offer=offer,
                member=locked.member,
                number=offer.number.replace("A-", "B-", 1),
                ordered_on=day,
                net=totals.net,
                gross=totals.gross,
            ),
            actor=actor,
            message=_("Inhouse-Beauftragung (§ 108 GWB)"),
        )
    return offer


def turnover_report(cooperative: Cooperative) -> list[rules.TurnoverRow]:
    """Members' and others' turnover per year (two queries) and the 80 % criterion."""
    years: dict[int, tuple[Decimal, Decimal]] = {}
    for order in (
        Order.objects.filter(member__cooperative=cooperative)
        .values("ordered_on__year")
        .annotate(total=Sum("net"))
    ):
        years[order["ordered_on__year"]] = (order["total"], Decimal(0))
    for other in (
        OtherTurnover.objects.filter(cooperative=cooperative).values("year").annotate(total=Sum("amount"))
    ):
        members, _others = years.get(other["year"], (Decimal(0), Decimal(0)))
        years[other["year"]] = (members, other["total"])
    return rules.inhouse_report(years)


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


def wording(cooperative: Cooperative, kind: str) -> tuple[str, str, int]:
    """(title, text, template version; 0 = the built-in wording)."""
    from ikz.membership.documents import DEFAULTS

    stored = DocumentTemplate.objects.filter(cooperative=cooperative, kind=kind).first()
    if stored is not None:
        return stored.title, stored.body, stored.version
    default = DEFAULTS[kind]
    return default.title, default.body, 0


@transaction.atomic
def generate_document(
    onboarding: Onboarding, kind: str, *, actor: User | None, today: dt.date | None = None
) -> GeneratedDocument:
    """Fill the template from the onboarding, render DOCX and PDF and store both with it.

    A template the office broke is refused with the reason (nothing stored)."""
    from ikz.membership import documents

    day = _today(today)
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


@transaction.atomic
def enter_member(
    cooperative: Cooperative,
    municipality: Municipality,
    *,
    number: str,
    admitted_on: dt.date,
    source: str,
    actor: User | None,
) -> Member:
    """Enter a member that joined before the platform (founders, earlier admissions) directly in
    the register, with the date its entry took effect; eligibility is checked all the same."""
    eligibility = eligibility_of(municipality)
    if not eligibility.eligible:
        raise ValidationError({"municipality": eligibility.reason})
    if Member.objects.filter(cooperative=cooperative, number=number).exists():
        raise ValidationError({"number": _("Die Mitgliedsnummer %(n)s ist schon vergeben.") % {"n": number}})
    return _register(
        cooperative, municipality, number=number, admitted_on=admitted_on, source=source, actor=actor
    )
