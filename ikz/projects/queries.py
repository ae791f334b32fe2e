"""Read side of the portfolio, the participation matrix and the dashboard: a constant number of
queries whatever the number of projects and municipalities, then the pure rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.cooperation.queries import NoticeDeadline, upcoming_notice_deadlines
from ikz.interests.models import Proposal, ProposalStatus
from ikz.lib.exports import Table
from ikz.municipalities.models import Municipality, Region, RegionMember
from ikz.projects import access, rules
from ikz.projects.links import decision_links
from ikz.projects.models import (
    Milestone,
    Participation,
    ParticipationStatus,
    Project,
    ProjectOutcome,
    Status,
    TransitionLog,
)
from ikz.projects.rules.history_rows import STAGE_COLUMNS, History

# the legend of seed 003, part C, word for word (the text copy wrote "Aufgaben-zuständigkeit")
LEGEND_WITH_STAFF = (
    "Projektbeteiligung der Kommune UND personelle Vertretung in der Projektgruppe / Arbeitsgruppe:"
)
LEGEND_ROLES = [
    ("PL", "Projektleitung"),
    ("PG", "Projektgruppe"),
    ("AG", "Arbeitsgruppe"),
    ("LKG", "Lenkungsgruppe"),
]
LEGEND_WITHOUT_STAFF = (
    "Projektbeteiligung der Kommune OHNE personelle Vertretung in der Projektgruppe / Arbeitsgruppe"
)
LEGEND_NONE = "keine Projektbeteiligung"
LEGEND_NOT_RESPONSIBLE = "keine Aufgabenzuständigkeit"
# what a cell shows besides "X (…)": a visible mark for the two kinds of non-participation
MARK_NONE = "–"
MARK_NOT_RESPONSIBLE = "∅"


@dataclass
class Cell:
    participation: Participation | None

    @property
    def status(self) -> str | None:
        return self.participation.status if self.participation else None

    @property
    def text(self) -> str:
        p = self.participation
        return rules.cell_text(p.status, p.roles) if p else ""

    @property
    def mark(self) -> str:
        """What the page and exports show: "X (PG)", "X", "–", "∅", or empty for no entry."""
        if self.status == rules.NOT_PARTICIPATING:
            return MARK_NONE
        if self.status == rules.NOT_RESPONSIBLE:
            return MARK_NOT_RESPONSIBLE
        return self.text

    @property
    def label(self) -> str:
        """The cell read out (screen readers, title): status and roles in words."""
        p = self.participation
        if p is None:
            return _("keine Angabe")
        words = str(ParticipationStatus(p.status).label)
        names = dict(LEGEND_ROLES)
        if p.roles:
            words += ": " + ", ".join(names[r] for r in p.roles)
        if not p.confirmed:
            words += " – " + _("Erklärung der Kommune, noch nicht bestätigt")
        return words


def unit_label(unit: Municipality) -> str:
    return rules.unit_label(unit.level, str(unit.get_kind_display()), unit.short_name)


@dataclass
class MatrixRow:
    member: RegionMember
    cells: list[Cell]

    @property
    def label(self) -> str:
        return unit_label(self.member.municipality)


@dataclass(frozen=True)
class Member:
    """A member of the region as the forms list it."""

    municipality: Municipality
    label: str

    @property
    def municipality_id(self) -> int:
        return int(self.municipality.pk)


def members(region: Region) -> list[Member]:
    """The region's members in their order, named as the project pages name them (one query)."""
    rows = RegionMember.objects.filter(region=region).select_related("municipality").order_by("position")
    return [Member(m.municipality, unit_label(m.municipality)) for m in rows]


@dataclass
class Matrix:
    region: Region
    projects: list[Project]
    rows: list[MatrixRow]
    sums: list[int] = field(default_factory=list)


def matrix(
    user: Any,
    region: Region,
    projects: list[Project],
    *,
    confirmed_only: bool = False,
    day: dt.date | None = None,
) -> Matrix:
    """Members in the region's order × ``projects``; cells the user may see (two queries).
    ``confirmed_only``: what goes to the councils (the annual report), without declarations.
    ``day``: only the participations held on that day (``Participation.valid_on``)."""
    members = list(
        RegionMember.objects.filter(region=region).select_related("municipality").order_by("position")
    )
    visible = access.visible_participations(user, projects)
    if confirmed_only:
        visible = visible.filter(confirmed_at__isnull=False)
    cells = {(p.project_id, p.municipality_id): p for p in visible if day is None or p.valid_on(day)}
    rows = [
        MatrixRow(m, [Cell(cells.get((project.pk, m.municipality_id))) for project in projects])
        for m in members
    ]
    sums = [rules.summe(row.cells[i].status for row in rows) for i in range(len(projects))]
    return Matrix(region, projects, rows, sums)


def matrix_table(m: Matrix, title: str) -> Table:
    """The matrix as the seed prints it, for CSV/XLSX/PDF."""
    rows: list[list[Any]] = [[row.label] + [c.mark for c in row.cells] for row in m.rows]
    rows.append(["SUMME", *m.sums])
    notes = [
        "X " + LEGEND_WITH_STAFF,
        *(f"({code}) = {name}" for code, name in LEGEND_ROLES),
        "X " + LEGEND_WITHOUT_STAFF,
        f"{MARK_NONE} {LEGEND_NONE}",
        f"{MARK_NOT_RESPONSIBLE} {LEGEND_NOT_RESPONSIBLE}",
        _(
            "leer: keine Angabe. SUMME: Kommunen mit Projektbeteiligung "
            "(mit oder ohne personelle Vertretung)."
        ),
    ]
    return Table(
        title=title,
        subtitle=m.region.name,
        columns=[_("Kommune"), *(p.title for p in m.projects)],
        rows=rows,
        notes=notes,
    )


def matrix_years(projects: QuerySet[Project]) -> list[int]:
    """The years that have a matrix: project years of projects with recorded participation."""
    return sorted(
        {y for y in projects.filter(participations__isnull=False).values_list("year", flat=True) if y},
        reverse=True,
    )


def matrix_projects(projects: QuerySet[Project], year: int | None) -> list[Project]:
    """The matrix's columns for ``year``: as of 31 December of that year (:func:`matrix_columns`)."""
    if year is None:
        return []
    return matrix_columns(projects, dt.date(year, 12, 31))


def matrix_columns(projects: QuerySet[Project], day: dt.date) -> list[Project]:
    """The matrix's columns as of ``day`` (decision 92): projects with recorded participation that
    were running on that day — begun and not yet in a final state — in the order in which they
    began (effective date of their first step), then title; each with its state as of ``day``
    (two queries)."""
    candidates = list(projects.filter(participations__isnull=False).distinct().order_by("title", "pk"))
    steps = steps_by_project(projects.filter(participations__isnull=False).values("pk"))
    running = [
        p
        for p in candidates
        if (rules.running_on(steps[p.pk], day) if steps.get(p.pk) else p.status not in rules.FINAL_STATES)
    ]
    shown = as_of(running, day, steps)
    order = rules.order_by_start((rules.began_on(steps.get(p.pk, [])), p.title, p.pk) for p in shown)
    by_pk = {p.pk: p for p in shown}
    return [by_pk[pk] for pk in order]


def as_of(projects: list[Project], day: dt.date, steps: Mapping[int, list[rules.Step]]) -> list[Project]:
    """The projects that existed on ``day``, each showing its state, verdict and end as of that day.

    The values are set on the instances in memory for display and are never saved. A project
    recorded without steps (before effective dates existed) is shown as it stands."""
    shown = []
    for project in projects:
        own = steps.get(project.pk)
        if not own:
            shown.append(project)
            continue
        state = rules.state_on(own, day)
        if state is None:
            continue
        project.status = state
        project.verdict = rules.verdict_on(own, day)
        project.finished_on = rules.ended_on(own, day)
        shown.append(project)
    return shown


# --- portfolio and one project ------------------------------------------------------------------------


def portfolio(
    projects: QuerySet[Project], choice: Mapping[str, Any] | None, day: dt.date | None = None
) -> list[Project]:
    """The portfolio's rows as of ``day`` (default: today): ``projects`` narrowed by the filter
    form's ``choice`` (field, status as of that day, lead municipality, year; ``None``: no filter),
    newest year first; projects that did not exist yet are absent (two queries)."""
    if choice:
        if choice["field"]:
            projects = projects.filter(field=choice["field"])
        if choice["lead"]:
            projects = projects.filter(lead_municipality=choice["lead"])
        if choice["year"]:
            projects = projects.filter(year=choice["year"])
    rows = list(
        projects.select_related("field", "lead", "lead_municipality").order_by("-year", "title", "pk")
    )
    rows = as_of(rows, day or timezone.localdate(), steps_by_project(projects.values("pk")))
    if choice and choice["status"]:
        rows = [p for p in rows if p.status == choice["status"]]
    return rows


@dataclass
class ChainLink:
    """One project of a chain of follow-up projects, with its years and outcome."""

    project: Project
    began: dt.date | None
    ended: dt.date | None
    current: bool

    @property
    def years(self) -> str:
        if self.began is None:
            return "–"
        if self.ended is None:
            return _("seit %(year)s") % {"year": self.began.year}
        if self.ended.year == self.began.year:
            return str(self.began.year)
        return f"{self.began.year}–{self.ended.year}"


def follow_up_links(region_id: int) -> dict[int, int]:
    """Project → its follow-up project, for the whole region (one query)."""
    return dict(
        ProjectOutcome.objects.filter(project__region_id=region_id, follow_up__isnull=False).values_list(
            "project_id", "follow_up_id"
        )
    )


def steps_by_project(project_ids: Any) -> dict[int, list[rules.Step]]:
    """The steps of the projects (``ids`` or a queryset of ids), in recorded order (one query)."""
    steps: dict[int, list[rules.Step]] = {}
    for log in TransitionLog.objects.filter(project_id__in=project_ids).order_by("pk"):
        steps.setdefault(log.project_id, []).append(log.step)
    return steps


def chain_of(project: Project) -> list[ChainLink]:
    """The chain of follow-up projects ``project`` belongs to, oldest first (three queries); empty
    when it has neither a predecessor nor a follow-up."""
    pks = rules.chain(project.pk, follow_up_links(project.region_id))
    if len(pks) == 1:
        return []
    projects = {p.pk: p for p in Project.objects.filter(pk__in=pks)}
    steps = steps_by_project(pks)
    return [
        ChainLink(
            projects[pk],
            rules.began_on(steps.get(pk, [])),
            rules.ended_on(steps.get(pk, [])),
            pk == project.pk,
        )
        for pk in pks
    ]


def outcome_of(project: Project) -> ProjectOutcome | None:
    """What the finished project led to, with its cooperations and participants (three queries)."""
    return (
        ProjectOutcome.objects.filter(project=project)
        .select_related("body_unit", "follow_up")
        .prefetch_related("cooperations", "participants")
        .first()
    )


@dataclass
class ProjectPage:
    """What the project page lists besides the project itself."""

    milestones: list[tuple[Milestone, bool]]  # with "overdue"
    decisions: list[Any]
    lessons: list[Any]
    transitions: list[Any]
    participants: list[tuple[RegionMember, str, Cell]]
    outcome: ProjectOutcome | None = None
    chain: list[ChainLink] = field(default_factory=list)


def _decisions(project: Project, today: dt.date) -> list[Any]:
    """The decision log: each decision with where it was taken (``taken_in``: label and URL, from
    the registry of ``projects.links``) and, when someone must act, the Beschlusskontrolle state."""
    decisions = list(project.decisions.select_related("milestone"))
    links = decision_links(project.pk)
    for d in decisions:
        d.taken_in = links.get(d.pk)  # type: ignore[attr-defined]
        d.action = (  # type: ignore[attr-defined]
            rules.action_state(d.due_on, d.done_on, today) if d.responsible or d.due_on else None
        )
    return decisions


def project_page(user: Any, project: Project, today: dt.date) -> ProjectPage:
    milestones = list(project.milestones.all())
    return ProjectPage(
        milestones=[(m, m.is_overdue(today)) for m in milestones],
        decisions=_decisions(project, today),
        lessons=list(project.lessons.all()),
        transitions=list(project.transitions.order_by("pk")),
        participants=participants(user, project),
        outcome=outcome_of(project),
        chain=chain_of(project),
    )


def paused_from(project: Project) -> str:
    """The state a paused project resumes into ("" when it is not paused; one query)."""
    if project.status != rules.PAUSED:
        return ""
    return rules.paused_from(
        [log.step for log in TransitionLog.objects.filter(project=project).order_by("pk")]
    )


def open_proposals(region: Region) -> list[Proposal]:
    """Proposals of the region's interest procedure not yet taken over (to start a project from)."""
    return list(
        Proposal.objects.filter(call__region=region, status=ProposalStatus.OPEN).select_related("call")
    )


def participants(user: Any, project: Project) -> list[tuple[RegionMember, str, Cell]]:
    """Every member of the project's region with its label and the cell the user may see (two queries)."""
    cells = {p.municipality_id: p for p in access.visible_participations(user, [project])}
    members = (
        RegionMember.objects.filter(region_id=project.region_id)
        .select_related("municipality")
        .order_by("position")
    )
    return [(m, unit_label(m.municipality), Cell(cells.get(m.municipality_id))) for m in members]


def participation_cell(project: Project, municipality: Municipality) -> Participation | None:
    return Participation.objects.filter(project=project, municipality=municipality).first()


def own_participation(
    user: Any, projects: list[Project], municipality_id: int, *, undeclared: bool = False
) -> list[tuple[Project, Cell]]:
    """A municipality's participation in each of ``projects``: the running ones and the finished ones
    it took part in (one query). ``undeclared`` (``?offen=1``): only the running projects the
    municipality has not declared its participation in (the contact's task on the start page)."""
    cells = {
        p.project_id: p
        for p in access.participations_for(user).filter(project__in=projects, municipality_id=municipality_id)
    }
    if undeclared:
        return [(p, Cell(None)) for p in projects if p.status not in rules.FINAL_STATES and p.pk not in cells]
    return [
        (p, Cell(cells.get(p.pk))) for p in projects if p.status not in rules.FINAL_STATES or p.pk in cells
    ]


def undeclared_participations(user: Any, municipality_ids: frozenset[int]) -> list[tuple[Project, int]]:
    """(running project, municipality) for each of ``municipality_ids`` and each running project of
    its regions it has not declared its participation in — what :func:`own_participation` lists with
    ``undeclared`` (three queries)."""
    regions: dict[int, list[int]] = {}
    for region_id, municipality_id in RegionMember.objects.filter(
        municipality_id__in=municipality_ids
    ).values_list("region_id", "municipality_id"):
        regions.setdefault(region_id, []).append(municipality_id)
    projects = list(
        access.projects_for(user)
        .filter(region_id__in=regions)
        .exclude(status__in=rules.FINAL_STATES)
        .select_related("region")
        .order_by("-year", "title", "pk")
    )
    cells = set(
        access.participations_for(user)
        .filter(project__in=projects, municipality_id__in=municipality_ids)
        .values_list("project_id", "municipality_id")
    )
    return [(p, m) for p in projects for m in sorted(regions[p.region_id]) if (p.pk, m) not in cells]


def open_milestones(milestones: list[tuple[Milestone, bool]]) -> list[tuple[Milestone, bool]]:
    """The rows of a project's milestone plan not reached yet (``?meilensteine=offen``)."""
    return [(m, overdue) for m, overdue in milestones if m.reached is None]


@dataclass(frozen=True)
class RegionCount:
    """How many of something a region has (the start page's counts, aggregated in the database)."""

    region_id: int
    slug: str
    name: str
    key: str  # a state, or "" for overdue milestones
    count: int
    oldest: dt.date | None = None


def states_by_region(projects: QuerySet[Project]) -> list[RegionCount]:
    """The number of ``projects`` per region and state — the state the portfolio shows today (a
    step's effective date never lies after the day it is recorded, so today's state is the
    recorded one) — one grouped query, however many regions."""
    rows = (
        projects.order_by()
        .values("region_id", "region__slug", "region__name", "status")
        .annotate(n=Count("pk"))
        .order_by("region__name", "region_id")
    )
    return [
        RegionCount(r["region_id"], r["region__slug"], r["region__name"], r["status"], r["n"]) for r in rows
    ]


def overdue_by_region(milestones: QuerySet[Milestone], today: dt.date) -> list[RegionCount]:
    """The milestones among ``milestones`` that :func:`overdue_milestones` lists, counted per region
    with the oldest date that counts — :func:`rules.milestone_overdue` as a database filter (the
    date that counts, forecast else plan, before ``today``; not reached by then), one grouped query."""
    rows = (
        milestones.annotate(counts=Coalesce("forecast", "planned"))
        .filter(Q(reached__isnull=True) | Q(reached__gt=today), counts__lt=today)
        .order_by()
        .values("project__region_id", "project__region__slug", "project__region__name")
        .annotate(n=Count("pk"), oldest=Min("counts"))
        .order_by("project__region__name", "project__region_id")
    )
    return [
        RegionCount(
            r["project__region_id"],
            r["project__region__slug"],
            r["project__region__name"],
            "",
            r["n"],
            r["oldest"],
        )
        for r in rows
    ]


def overdue_milestones(milestones: QuerySet[Milestone], today: dt.date) -> list[Milestone]:
    """The milestones among ``milestones`` overdue on ``today`` (not reached by then, date before),
    soonest first, with project and region — the list of the overview page (one query)."""
    overdue = [
        m
        for m in milestones.filter(
            Q(planned__lt=today) | Q(forecast__lt=today), Q(reached__isnull=True) | Q(reached__gt=today)
        ).select_related("project__region")
        if rules.milestone_overdue(m.planned, m.forecast, None, today)
    ]
    overdue.sort(key=lambda m: (m.due, m.project.title, m.pk))
    return overdue


# --- dashboard ---------------------------------------------------------------------------------------

NOTICE_HORIZON_DAYS = 365  # the same twelve months as "Laufende Kooperationen"


@dataclass
class Dashboard:
    status_counts: list[tuple[str, str, int]]  # value, label, count
    overdue: list[Milestone]
    per_member: list[tuple[RegionMember, str, int, int]]  # member, label, participating, with staff
    total: int
    notice_deadlines: list[NoticeDeadline]  # operating cooperations: notice due within a year


def dashboard(region: Region, today: dt.date) -> Dashboard:
    """As of ``today`` (the Stand of the page; decision 92): projects per state, milestones overdue
    on that day, participation per member in the projects that existed then (participations held
    on that day), upcoming notice deadlines of the region's operating cooperations (six queries)."""
    projects = as_of(
        list(Project.objects.filter(region=region)),
        today,
        steps_by_project(Project.objects.filter(region=region).values("pk")),
    )
    counts: dict[str, int] = {}
    for project in projects:
        counts[project.status] = counts.get(project.status, 0) + 1
    status_counts = [(value, str(label), counts.get(value, 0)) for value, label in Status.choices]
    overdue = overdue_milestones(Milestone.objects.filter(project__region=region), today)
    members = list(
        RegionMember.objects.filter(region=region).select_related("municipality").order_by("position")
    )
    existing = {p.pk for p in projects}
    per: dict[int, dict[str, int]] = {}
    for cell in Participation.objects.filter(project__region=region, status__in=rules.PARTICIPATING):
        if cell.project_id in existing and cell.valid_on(today):
            own = per.setdefault(cell.municipality_id, {})
            own[cell.status] = own.get(cell.status, 0) + 1
    per_member = [
        (
            m,
            unit_label(m.municipality),
            sum(per.get(m.municipality_id, {}).values()),
            per.get(m.municipality_id, {}).get(rules.WITH_STAFF, 0),
        )
        for m in members
    ]
    deadlines = upcoming_notice_deadlines(region, today, NOTICE_HORIZON_DAYS)
    return Dashboard(status_counts, overdue, per_member, len(projects), deadlines)


# --- the projects with their history as the import kind "projekte" reads them (decision 151) -------


def project_histories(region: Region) -> list[tuple[Project, History]]:
    """Every project of ``region`` with its history in the terms of the import's file (four
    queries whatever the number of projects)."""
    projects = (
        Project.objects.filter(region=region)
        .select_related("outcome__body_unit", "outcome__follow_up")
        .prefetch_related("transitions", "participations")
    )
    return [(p, stored_history(p)) for p in projects]


def stored_history(project: Project) -> History:
    """The history of a stored project in the terms of the file (first day of each stage)."""
    stages: dict[str, str] = {}
    for log in sorted(project.transitions.all(), key=lambda t: (t.effective_on, t.pk)):
        if log.to_status in STAGE_COLUMNS:
            stages.setdefault(log.to_status, log.effective_on.isoformat())
    outcome = getattr(project, "outcome", None)
    successor = ""
    if outcome is not None and project.status == rules.TRANSFERRED:
        successor = outcome.body_label
    elif outcome is not None and project.status == rules.FOLLOWED_UP and outcome.follow_up is not None:
        successor = outcome.follow_up.title
    final = project.status in rules.FINAL_STATES
    return History(
        title=project.title,
        field_id=project.field_id,
        year=project.year,
        lead=project.lead_municipality_id,
        stages=stages,
        verdict=project.verdict,
        verdict_reasons=project.verdict_reasons,
        final_state=project.status if final else "",
        date_final=project.finished_on.isoformat() if final and project.finished_on else "",
        closing_reason=project.closing_reason if project.status == rules.CLOSED else "",
        successor=successor,
        cells={
            p.municipality_id: (p.status, tuple(p.roles), p.joined_on.isoformat() if p.joined_on else "")
            for p in project.participations.all()
        },
    )
