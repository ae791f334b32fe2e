"""Read side of the Fördermitteldatenbank: the programme list with its filters, a programme with its
calls as of a day, the matches of a project, cooperation, need or municipality with their reasons,
and an application with its partners and obligations. A constant number of queries per page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from ikz.cooperation.models import Cooperation, Participant, ParticipantStatus
from ikz.funding import rules
from ikz.funding.models import Application, Call, Deadline, Obligation, Partner, Programme
from ikz.municipalities.models import Kind, Municipality
from ikz.network.models import Need
from ikz.projects.models import ParticipationStatus, Project

FILTERS = ("giver", "kinds", "areas", "eligible", "territories")


@dataclass
class CallRow:
    call: Call
    state: rules.CallState
    deadlines: list[Deadline]


@dataclass
class ProgrammeRow:
    programme: Programme
    calls: list[CallRow]
    giver: str
    kinds: list[str]
    areas: list[str]
    eligible: list[str]
    territories: list[str]

    @property
    def open_calls(self) -> list[CallRow]:
        return [c for c in self.calls if c.state.is_open]

    @property
    def next_deadline(self) -> tuple[dt.date, str] | None:
        ahead = [c.state.next_deadline for c in self.calls if c.state.next_deadline]
        return min(ahead) if ahead else None


def with_calls(programmes: QuerySet[Programme]) -> QuerySet[Programme]:
    calls = Call.objects.prefetch_related("deadlines").order_by("opens_on", "pk")
    return programmes.prefetch_related(
        Prefetch("calls", queryset=calls), "cooperation_fields"
    ).select_related("region")


def facts_of(call: Call) -> rules.CallFacts:
    return rules.CallFacts(
        call.mode, call.opens_on, call.closes_on, [(d.date, d.label) for d in call.deadlines.all()]
    )


def row_of(programme: Programme, day: dt.date) -> ProgrammeRow:
    return ProgrammeRow(
        programme,
        [
            CallRow(c, rules.call_state(facts_of(c), day), list(c.deadlines.all()))
            for c in programme.calls.all()
        ],
        rules.GIVERS.get(programme.giver, programme.giver),
        rules.labels(programme.kinds, rules.KINDS),
        rules.labels(programme.areas, rules.AREAS),
        rules.labels(programme.eligible, rules.ELIGIBLE),
        rules.labels(programme.territories, rules.TERRITORIES),
    )


def _passes(programme: Programme, chosen: Mapping[str, str]) -> bool:
    for name in FILTERS:
        value = chosen.get(name, "")
        if not value:
            continue
        if name == "giver":
            if programme.giver != value:
                return False
        elif name == "territories":
            if (
                programme.territories
                and value not in programme.territories
                and rules.NATIONWIDE not in programme.territories
            ):
                return False
        elif value not in getattr(programme, name):
            return False
    return True


def programme_list(
    programmes: QuerySet[Programme],
    chosen: Mapping[str, str],
    day: dt.date,
    *,
    text: str = "",
    open_only: bool = False,
) -> list[ProgrammeRow]:
    """The programmes that pass the filters (the federal lists), with their calls' state on ``day``."""
    needle = text.strip().casefold()
    rows = []
    for programme in with_calls(programmes):
        if not _passes(programme, chosen):
            continue
        if needle and needle not in f"{programme.name} {programme.short} {programme.giver_name}".casefold():
            continue
        row = row_of(programme, day)
        if open_only and not row.open_calls:
            continue
        rows.append(row)
    return rows


def applications_of(programme: Programme, visible: QuerySet[Application]) -> list[Application]:
    return list(visible.filter(programme=programme).select_related("lead", "region", "project"))


# --- matching ----------------------------------------------------------------------------------------


def _unit(m: Municipality) -> rules.Unit:
    population = m.current_population.total if m.current_population_id else None  # type: ignore[union-attr]
    label = str(Kind(m.kind).label) if m.kind in Kind.values else m.kind
    return rules.Unit(m.name, m.key or "", m.kind, label, population)


def _units(municipalities: Iterable[Municipality]) -> list[rules.Unit]:
    return [_unit(m) for m in sorted(set(municipalities), key=lambda m: m.name)]


def target_of_project(project: Project) -> rules.Target:
    members = [
        p.municipality
        for p in project.participations.select_related("municipality__current_population")
        if p.status in (ParticipationStatus.WITH_STAFF, ParticipationStatus.WITHOUT_STAFF)
    ]
    if project.lead_municipality_id:
        members.append(
            Municipality.objects.select_related("current_population").get(pk=project.lead_municipality_id)
        )
    if project.cooperation_id and len(members) < 2:  # a project run as a cooperation: its participants
        members += target_of_cooperation_units(project.cooperation_id)
    return rules.Target(
        project.title, _units(members), project.field_id, project.field.name if project.field else ""
    )


def target_of_cooperation_units(cooperation_id: int) -> list[Municipality]:
    return [
        p.municipality
        for p in Participant.objects.filter(
            cooperation_id=cooperation_id, status=ParticipantStatus.EXISTS
        ).select_related("municipality__current_population")
    ]


def target_of_cooperation(cooperation: Cooperation) -> rules.Target:
    members = target_of_cooperation_units(cooperation.pk)
    name = cooperation.field.name if cooperation.field else ""
    return rules.Target(cooperation.title, _units(members), cooperation.field_id, name)


def target_of_need(need: Need) -> rules.Target:
    owner = Municipality.objects.select_related("current_population").get(pk=need.owner_id)
    return rules.Target(need.title, _units([owner]), need.field_id, need.field.name if need.field_id else "")


def target_of_municipality(municipality: Municipality) -> rules.Target:
    unit = Municipality.objects.select_related("current_population").get(pk=municipality.pk)
    return rules.Target(municipality.name, _units([unit]))


def programme_facts(row: ProgrammeRow) -> rules.ProgrammeFacts:
    p = row.programme
    return rules.ProgrammeFacts(
        name=p.name,
        field_ids=frozenset(f.pk for f in p.cooperation_fields.all()),
        all_fields=p.all_fields,
        areas=p.areas,
        eligible=p.eligible,
        territories=p.territories,
        bodies=p.bodies,
        min_population=p.min_population,
        max_population=p.max_population,
        min_partners=p.min_partners,
        exclusions=p.exclusions,
        open_calls=len(row.open_calls),
        rolling=not row.calls,
    )


@dataclass
class MatchRow:
    row: ProgrammeRow
    fit: rules.Fit
    applications: list[Application] = field(default_factory=list)


def matches(programmes: QuerySet[Programme], target: rules.Target, day: dt.date) -> list[MatchRow]:
    """Every programme with the rule's verdict on ``target``: the fitting ones first (most reasons)."""
    rows = [
        MatchRow(row, rules.match(programme_facts(row), target))
        for row in programme_list(programmes, {}, day)
    ]
    return sorted(rows, key=lambda r: (not r.fit.fits, -len(r.fit.reasons), r.row.programme.name))


# --- applications ------------------------------------------------------------------------------------


@dataclass
class ApplicationPage:
    application: Application
    partners: list[Partner]
    obligations: list[Obligation]
    missing_resolutions: list[str]

    @property
    def share_total(self) -> object:
        given = [p.share_percent for p in self.partners if p.share_percent is not None]
        return sum(given) if given else None


def application_page(application: Application) -> ApplicationPage:
    partners = list(application.partners.select_related("municipality", "resolution"))
    missing = (
        [
            p.municipality.name
            for p in partners
            if p.resolution is None or p.resolution.outcome not in _adopted()
        ]
        if application.programme.resolution_required
        else []
    )
    obligations = list(application.obligations.select_related("municipality", "evidence"))
    return ApplicationPage(application, partners, obligations, missing)


def _adopted() -> Sequence[str]:
    from ikz.resolutions.models import Outcome

    return (Outcome.ADOPTED_COUNCIL, Outcome.ADOPTED_EXECUTIVE)


def funding_of_project(project: Project, visible: QuerySet[Application]) -> list[Application]:
    """The applications of a project (a funded project links to its programme)."""
    return list(visible.filter(project=project).select_related("programme"))


DUE_DAYS = 30  # "fällig": open obligations due within this many days, or overdue


def due_obligations(applications: QuerySet[Application], today: dt.date) -> QuerySet[Obligation]:
    return Obligation.objects.filter(
        application__in=applications, done_on__isnull=True, due_on__lte=today + dt.timedelta(days=DUE_DAYS)
    )


@dataclass
class ApplicationRow:
    application: Application
    open_obligations: list[Obligation]

    @property
    def next_due(self) -> Obligation | None:
        return self.open_obligations[0] if self.open_obligations else None


def application_rows(
    applications: QuerySet[Application], today: dt.date, *, due_only: bool
) -> list[ApplicationRow]:
    """The applications with their open obligations (earliest first); ``due_only``: only those with
    an obligation due within 30 days or overdue (the start page's task links here)."""
    open_ones = Obligation.objects.filter(done_on__isnull=True).order_by("due_on", "pk")
    chosen = applications.select_related("programme", "lead").prefetch_related(
        Prefetch("obligations", queryset=open_ones, to_attr="open_list")
    )
    if due_only:
        chosen = chosen.filter(pk__in=due_obligations(applications, today).values("application_id"))
    return [ApplicationRow(a, list(getattr(a, "open_list", []))) for a in chosen.order_by("title", "pk")]
