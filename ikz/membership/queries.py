"""The read side of the cooperative: the candidate's eligibility, state rule, authority, deadline and
progress; the pipeline (every candidate with step, next due date and blockers, in a constant number
of queries); the register, the catalogue, the requests and the turnover."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ikz.membership import rules
from ikz.membership.models import (
    CheckIn,
    CommitteeSession,
    Cooperative,
    DocumentTemplate,
    LetterOfIntent,
    Member,
    Offer,
    OfferLine,
    Onboarding,
    OnboardingStatus,
    OpenQuestion,
    Order,
    OtherTurnover,
    Payment,
    Service,
    ServiceCategory,
    ServiceRequest,
    SessionOutcome,
)
from ikz.municipalities.models import Level, Municipality

TERRITORIAL_LEVELS = {Level.LAND, Level.REGION, Level.KREIS, Level.VERBAND, Level.GEMEINDE}

ITEM_MODELS: dict[str, type[CommitteeSession] | type[CheckIn] | type[OpenQuestion]] = {
    "sitzung": CommitteeSession,
    "check-in": CheckIn,
    "frage": OpenQuestion,
}


def today_or(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def current_cooperative() -> Cooperative:
    """The platform's cooperative (one per installation, decision 42); DoesNotExist if none."""
    cooperative = Cooperative.objects.order_by("pk").first()
    if cooperative is None:
        raise Cooperative.DoesNotExist
    return cooperative


# --- eligibility, rule and authority of a candidate ----------------------------------------------


def member_numbers(cooperative: Cooperative) -> list[str]:
    return list(Member.objects.filter(cooperative=cooperative).values_list("number", flat=True))


def next_member_number(cooperative: Cooperative) -> str:
    """The number the next member would get (proposed on the page that completes an onboarding)."""
    return rules.next_member_number(member_numbers(cooperative))


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
    return rules.rule_for((unit.key or "")[:2], on=today_or(on))


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


def onboarding_candidates(cooperative: Cooperative, today: dt.date) -> QuerySet[Municipality]:
    """Who may start an onboarding: current units (Gemeinden, Kreise, Verbände) and municipal
    organisations that are not members (admitted, or admitted later, and not left by ``today``) and
    have no onboarding under way. Loads only what the label needs ("Groß-Gerau, Stadt (06433006)"
    vs "Landkreis Groß-Gerau (06433)"): 12,000 options with the whole register."""
    members = Member.objects.filter(cooperative=cooperative).not_left_by(today).values("municipality_id")
    under_way = Onboarding.objects.filter(cooperative=cooperative, status=OnboardingStatus.ACTIVE).values(
        "municipality_id"
    )
    return (
        Municipality.objects.filter(
            level__in=[Level.GEMEINDE, Level.KREIS, Level.VERBAND, Level.ORGANISATION], is_historical=False
        )
        .exclude(pk__in=members)
        .exclude(pk__in=under_way)
        .order_by("short_name", "key")
        .only(*Municipality.CHOICE_FIELDS)
    )


def active_member(municipality_id: int, on: dt.date, cooperative: Cooperative) -> Member | None:
    return (
        Member.objects.filter(cooperative=cooperative, municipality_id=municipality_id, admitted_on__lte=on)
        .not_left_by(on)
        .first()
    )


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
        return _("Vollzug frühestens am %(d)s") % {"d": rules.format_day(d.earliest_execution)}


def facts_of(
    onboarding: Onboarding,
    sessions: Sequence[CommitteeSession],
    checkins: int,
    questions_open: int,
    member: Member | None,
    paid_on: dt.date | None,
    today: dt.date | None = None,
) -> rules.OnboardingFacts:
    """The facts of the task lists as of ``today``: a session or meeting whose day has not come
    yet is planned, not held (``checkins``: the held check-ins)."""
    o = onboarding
    day = today_or(today)
    held = [s for s in sessions if s.date <= day]
    return rules.OnboardingFacts(
        kickoff_on=o.kickoff_on,
        presentation_on=o.presentation_on,
        draft_resolution_on=o.draft_resolution_on,
        sessions_planned=len(sessions),
        sessions_open=sum(
            1
            for s in sessions
            if s.outcome in (SessionOutcome.PLANNED, SessionOutcome.POSTPONED) or s.date > day
        ),
        sessions_rejected=sum(1 for s in held if s.outcome == SessionOutcome.REJECTED),
        sessions_held=len(held),
        last_session_on=max((s.date for s in held), default=None),
        checkins=checkins,
        questions_open=questions_open,
        resolution_on=o.resolution_on,
        notice_drafted_on=o.notice_drafted_on,
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
        today=day,
    )


def member_of(onboarding: Onboarding) -> Member | None:
    return Member.objects.filter(onboarding=onboarding).first()


def progress_of(onboarding: Onboarding, today: dt.date | None = None) -> Progress:
    day = today_or(today)
    member = member_of(onboarding)
    paid = Payment.objects.filter(member=member).aggregate(last=Max("paid_on"))["last"] if member else None
    sessions = list(onboarding.sessions.all())
    facts = facts_of(
        onboarding,
        sessions,
        onboarding.checkins.filter(date__lte=day).count(),
        onboarding.questions.filter(answered_on__isnull=True).count(),
        member,
        paid,
        day,
    )
    return Progress(facts, deadline_of(onboarding, sessions), rule_of(onboarding.municipality))


def totals_of(offer: Offer) -> rules.OfferTotals:
    return rules.offer_totals(
        [(line.quantity, line.unit_price) for line in offer.lines.all()], offer.vat_treatment
    )


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


def wording(cooperative: Cooperative, kind: str) -> tuple[str, str, int]:
    """(title, text, template version; 0 = the built-in wording)."""
    from ikz.membership.documents import DEFAULTS

    stored = DocumentTemplate.objects.filter(cooperative=cooperative, kind=kind).first()
    if stored is not None:
        return stored.title, stored.body, stored.version
    default = DEFAULTS[kind]
    return default.title, default.body, 0


@dataclass
class PipelineRow:
    onboarding: Onboarding
    progress: Progress
    next_date: dt.date | None
    next_label: str
    blockers: list[str]

    @property
    def days_left(self) -> int | None:
        d = self.progress.deadline
        return d.days_left(dt.date.today()) if d and self.onboarding.step >= 3 else None


def pipeline(cooperative: Cooperative, today: dt.date, *, include_done: bool = False) -> list[PipelineRow]:
    onboardings = list(
        Onboarding.objects.filter(cooperative=cooperative)
        .filter(
            Q(status=OnboardingStatus.ACTIVE) | Q(status=OnboardingStatus.MEMBER)
            if include_done
            else Q(status=OnboardingStatus.ACTIVE)
        )
        .select_related("municipality__parent", "municipality__kreis", "municipality__current_population")
        .order_by("-step", "municipality__short_name")
    )
    ids = [o.pk for o in onboardings]
    sessions: dict[int, list[CommitteeSession]] = defaultdict(list)
    for session in CommitteeSession.objects.filter(onboarding_id__in=ids):
        sessions[session.onboarding_id].append(session)
    checkins = dict(
        CheckIn.objects.filter(onboarding_id__in=ids, date__lte=today)
        .values("onboarding_id")
        .annotate(n=Count("pk"))
        .values_list("onboarding_id", "n")
    )
    questions = dict(
        OpenQuestion.objects.filter(onboarding_id__in=ids, answered_on__isnull=True)
        .values("onboarding_id")
        .annotate(n=Count("pk"))
        .values_list("onboarding_id", "n")
    )
    members = {m.onboarding_id: m for m in Member.objects.filter(onboarding_id__in=ids)}
    paid = dict(
        Payment.objects.filter(member__onboarding_id__in=ids)
        .values("member__onboarding_id")
        .annotate(last=Max("paid_on"))
        .values_list("member__onboarding_id", "last")
    )
    rows = []
    for o in onboardings:
        facts = facts_of(
            o,
            sessions[o.pk],
            checkins.get(o.pk, 0),
            questions.get(o.pk, 0),
            members.get(o.pk),
            paid.get(o.pk),
            today,
        )
        progress = Progress(facts, deadline_of(o, sessions[o.pk]), rule_of(o.municipality, today))
        next_date, label = _next_due(o, sessions[o.pk], progress, today)
        rows.append(PipelineRow(o, progress, next_date, label, progress.blockers(o.step, today)))
    return rows


def _next_due(
    o: Onboarding, sessions: list[CommitteeSession], progress: Progress, today: dt.date
) -> tuple[dt.date | None, str]:
    if o.step == 1 and o.kickoff_on and o.kickoff_on >= today:
        return o.kickoff_on, _("Auftaktmeeting")
    d = progress.deadline
    counts_before_decision = progress.rule is not None and progress.rule.anchor in (
        rules.Anchor.BEFORE_COUNCIL_DECISION,
        rules.Anchor.BEFORE_DECISION,
    )
    warn = o.step <= 2 and o.notice_sent_on is None and counts_before_decision
    if warn and d is not None and d.latest_notice and d.latest_notice >= today:
        return d.latest_notice, _("spätester Tag der Anzeige (vor dem Beschluss)")
    if o.step == 2:
        upcoming = [s for s in sessions if s.outcome == SessionOutcome.PLANNED and s.date >= today]
        if upcoming:
            first = min(upcoming, key=lambda s: s.date)
            return first.date, _("Sitzung %(body)s") % {"body": first.body}
    if o.step >= 3 and d is not None:
        if d.without_delay:
            return None, _("Anzeige unverzüglich")
        if o.notice_sent_on is None and d.latest_notice:
            return d.latest_notice, _("spätester Tag der Anzeige")
        if d.earliest_execution and o.executed_on is None:
            return d.earliest_execution, _("frühester Vollzug")
    return None, ""


def deadline_summary(deadline: rules.Deadline | None, today: dt.date) -> str:
    if deadline is None:
        return ""
    days = deadline.days_left(today)
    if days is None:
        return ""
    return (
        _("heute möglich") if days == 0 else ngettext("noch %(n)d Tag", "noch %(n)d Tage", days) % {"n": days}
    )


# --- the onboarding page -------------------------------------------------------------------------


def step_rows(onboarding: Onboarding, progress: Progress) -> list[dict[str, Any]]:
    """The four steps with their task lists, the current one and those done."""
    return [
        {
            "number": number,
            "title": rules.step_title(number),
            "tasks": progress.tasks(number),
            "current": number == onboarding.step,
            "done": number < onboarding.step or onboarding.status == OnboardingStatus.MEMBER,
            "completed_on": getattr(onboarding, rules.COMPLETED_FIELDS[number])
            if number in rules.COMPLETED_FIELDS
            else onboarding.executed_on,
        }
        for number in (1, 2, 3, 4)
    ]


def item_of(
    onboarding: Onboarding, kind: str, item_pk: int
) -> CommitteeSession | CheckIn | OpenQuestion | None:
    """A committee session, check-in or open question of ``onboarding`` (None: not one of its own)."""
    return ITEM_MODELS[kind].objects.filter(onboarding=onboarding, pk=item_pk).first()


def docx_template(cooperative: Cooperative, kind: str) -> bytes | None:
    """The office's Word template of the kind, if it uploaded one."""
    stored = (
        DocumentTemplate.objects.filter(cooperative=cooperative, kind=kind)
        .exclude(docx_name="")
        .values_list("docx", flat=True)
        .first()
    )
    return bytes(stored) if stored else None


def stored_templates(cooperative: Cooperative) -> dict[str, DocumentTemplate]:
    """The office's own wordings by kind (the others use the built-in wording)."""
    return {t.kind: t for t in DocumentTemplate.objects.filter(cooperative=cooperative)}


# --- the register --------------------------------------------------------------------------------


def register(cooperative: Cooperative) -> QuerySet[Member]:
    """The member register by number, each entry with the sum of its payments (``paid``)."""
    return (
        Member.objects.filter(cooperative=cooperative)
        .annotate(paid=Sum("payments__amount"))
        .order_by("number")
    )


def register_export(cooperative: Cooperative) -> list[Member]:
    """The whole register for the export, with the changes of the shares."""
    return list(register(cooperative).prefetch_related("share_events"))


@dataclass(frozen=True)
class Growth:
    """The growth goal of seed 000 (10 members, more than 15 with a letter of intent, up to 50)."""

    members: int
    letters: int
    goal: int | None
    goal_by: dt.date | None
    today: dt.date

    @property
    def missing(self) -> int:
        return max((self.goal or 0) - self.members, 0)

    @property
    def overdue(self) -> bool:
        return bool(self.goal_by and self.goal_by < self.today and self.missing)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.members / self.goal)) if self.goal else 0


def growth_of(cooperative: Cooperative, today: dt.date) -> Growth:
    """Members today and open letters of intent (not withdrawn, from bodies not yet members)."""
    members = Member.objects.filter(cooperative=cooperative, admitted_on__lte=today).not_left_by(today)
    letters = LetterOfIntent.objects.filter(
        cooperative=cooperative, withdrawn_on__isnull=True, signed_on__lte=today
    ).exclude(municipality_id__in=members.values("municipality_id"))
    return Growth(
        members.count(), letters.count(), cooperative.growth_goal, cooperative.growth_goal_by, today
    )


def letters_of_intent(cooperative: Cooperative) -> QuerySet[LetterOfIntent]:
    return LetterOfIntent.objects.filter(cooperative=cooperative).select_related("municipality", "onboarding")


def active_count(cooperative: Cooperative, today: dt.date) -> int:
    """How many are members on ``today`` (not yet left)."""
    return Member.objects.filter(cooperative=cooperative).not_left_by(today).count()


# --- catalogue and commissions -------------------------------------------------------------------


def orderable_services(cooperative: Cooperative) -> QuerySet[Service]:
    return Service.objects.filter(cooperative=cooperative, is_active=True)


def catalogue_for_team(cooperative: Cooperative) -> list[tuple[Any, list[Service]]]:
    """Every service by category, retired ones included (the team's view of the catalogue)."""
    services = list(Service.objects.filter(cooperative=cooperative))
    return [(label, [s for s in services if s.category == key]) for key, label in ServiceCategory.choices]


def member_candidates(cooperative: Cooperative) -> QuerySet[Municipality]:
    """Who can be entered as an existing member: municipalities, Kreise, associations and municipal
    organisations that are not a member now (only the columns the long select shows)."""
    current = Member.objects.filter(cooperative=cooperative, exit_on__isnull=True).values("municipality_id")
    return (
        Municipality.objects.filter(level__in=[*TERRITORIAL_LEVELS, Level.ORGANISATION], is_historical=False)
        .exclude(pk__in=current)
        .order_by("short_name")
        .only("id", "name", "short_name")
    )


def catalogue(cooperative: Cooperative) -> list[tuple[Any, list[Service]]]:
    """The orderable services by category, in the order of the categories."""
    return [
        (label, [s for s in orderable_services(cooperative) if s.category == key])
        for key, label in ServiceCategory.choices
    ]


def request_rows(requests: QuerySet[ServiceRequest]) -> list[ServiceRequest]:
    """The requests of a list with member, service, offer and order (four queries)."""
    return list(
        requests.select_related("member", "service").prefetch_related(
            Prefetch("offer", queryset=Offer.objects.select_related("order"))
        )
    )


def offer_of(service_request: ServiceRequest) -> Offer | None:
    return Offer.objects.filter(request=service_request).prefetch_related("lines").first()


@dataclass
class OfferView:
    """The offer of a request with its positions, sums and the order it led to."""

    offer: Offer | None
    order: Order | None
    lines: list[tuple[OfferLine, Decimal]]
    totals: rules.OfferTotals | None


def offer_view(service_request: ServiceRequest) -> OfferView:
    offer = offer_of(service_request)
    if offer is None:
        return OfferView(None, None, [], None)
    return OfferView(
        offer,
        Order.objects.filter(offer=offer).first(),
        [(x, rules.line_total(x.quantity, x.unit_price)) for x in offer.lines.all()],
        totals_of(offer),
    )
