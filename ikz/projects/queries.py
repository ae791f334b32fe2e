"""Read side of the portfolio, the participation matrix and the dashboard: a constant number of
queries whatever the number of projects and municipalities, then the pure rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from ikz.cooperation.queries import NoticeDeadline, upcoming_notice_deadlines
from ikz.interests.models import Proposal, ProposalStatus
from ikz.lib.exports import Table
from ikz.municipalities.models import Municipality, Region, RegionMember
from ikz.projects import access, rules
from ikz.projects.models import (
    Milestone,
    Participation,
    ParticipationStatus,
    Project,
    ProjectOutcome,
    Status,
    TransitionLog,
)

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


def matrix(user: Any, region: Region, projects: list[Project], *, confirmed_only: bool = False) -> Matrix:
    """Members in the region's order × ``projects``; cells the user may see (two queries).
    ``confirmed_only``: what goes to the councils (the annual report), without declarations."""
    members = list(
        RegionMember.objects.filter(region=region).select_related("municipality").order_by("position")
    )
    visible = access.visible_participations(user, projects)
    if confirmed_only:
        visible = visible.filter(confirmed_at__isnull=False)
    cells = {(p.project_id, p.municipality_id): p for p in visible}
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
    """The matrix's columns for ``year``: projects with recorded participation that were running at
    the end of that year (``rules.in_matrix``), in title order (one query)."""
    if year is None:
        return []
    candidates = (
        projects.filter(participations__isnull=False, year__lte=year).distinct().order_by("title", "pk")
    )
    return [p for p in candidates if rules.in_matrix(year, p.year, p.finished_on)]


# --- portfolio and one project ------------------------------------------------------------------------


def portfolio(projects: QuerySet[Project], choice: Mapping[str, Any] | None) -> QuerySet[Project]:
    """The portfolio's rows: ``projects`` narrowed by the filter form's ``choice`` (field, status,
    lead municipality, year; ``None``: no filter), newest year first."""
    if choice:
        if choice["field"]:
            projects = projects.filter(field=choice["field"])
        if choice["status"]:
            projects = projects.filter(status=choice["status"])
        if choice["lead"]:
            projects = projects.filter(lead_municipality=choice["lead"])
        if choice["year"]:
            projects = projects.filter(year=choice["year"])
    return projects.select_related("field", "lead", "lead_municipality").order_by("-year", "title", "pk")


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


def project_page(user: Any, project: Project, today: dt.date) -> ProjectPage:
    milestones = list(project.milestones.all())
    return ProjectPage(
        milestones=[(m, m.is_overdue(today)) for m in milestones],
        decisions=list(project.decisions.select_related("milestone")),
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


def own_participation(user: Any, projects: list[Project], municipality_id: int) -> list[tuple[Project, Cell]]:
    """A municipality's participation in each of ``projects``: the running ones and the finished ones
    it took part in (one query)."""
    cells = {
        p.project_id: p
        for p in access.participations_for(user).filter(project__in=projects, municipality_id=municipality_id)
    }
    return [
        (p, Cell(cells.get(p.pk))) for p in projects if p.status not in rules.FINAL_STATES or p.pk in cells
    ]


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
    """Projects per status, overdue milestones, participation per member, upcoming notice deadlines of
    the region's operating cooperations (five queries)."""
    counts = dict(
        Project.objects.filter(region=region)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    status_counts = [(value, str(label), counts.get(value, 0)) for value, label in Status.choices]
    overdue = [
        m
        for m in Milestone.objects.filter(
            Q(planned__lt=today) | Q(forecast__lt=today), project__region=region, reached__isnull=True
        ).select_related("project")
        if m.is_overdue(today)
    ]
    overdue.sort(key=lambda m: (m.due, m.project.title, m.pk))
    members = list(
        RegionMember.objects.filter(region=region).select_related("municipality").order_by("position")
    )
    per: dict[int, dict[str, int]] = {}
    for municipality_id, status, n in (
        Participation.objects.filter(project__region=region, status__in=rules.PARTICIPATING)
        .values_list("municipality_id", "status")
        .annotate(n=Count("pk"))
        .values_list("municipality_id", "status", "n")
    ):
        per.setdefault(municipality_id, {})[status] = n
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
    return Dashboard(status_counts, overdue, per_member, sum(counts.values()), deadlines)
