"""Read side of the portal pages (lazy querysets; the templates evaluate them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.cooperation.models import Cooperation, ParticipantStatus
from ikz.cooperation.queries import participants_on, spans_by_cooperation
from ikz.lib.stand import Stand
from ikz.municipalities.models import Municipality, Region
from ikz.portal import access
from ikz.portal.models import News
from ikz.projects import queries as project_queries
from ikz.projects import rules as project_rules
from ikz.projects.models import Project, ProjectOutcome, Status


def index() -> dict[str, Any]:
    """The portal's start page: the regions and the five newest news items that are out."""
    return {
        "regions": Region.objects.order_by("name"),
        "news": access.published_news().select_related("region").order_by("-date", "title")[:5],
    }


@dataclass(frozen=True)
class PublicCooperation:
    """A published cooperation as the portal shows it on a day: who took part then."""

    cooperation: Cooperation
    participants: list[str]

    @property
    def since(self) -> str:
        c = self.cooperation
        if c.started_on is not None:
            return f"{c.started_on:%d.%m.%Y}"
        return str(c.since_year) if c.since_year else "–"


def public_cooperations(region: Region, day: dt.date) -> list[PublicCooperation]:
    """The region's published cooperations that existed on ``day``, with the municipalities taking
    part then — three queries (cooperations with their existing participants, spans, the names of
    municipalities that have left since)."""
    cooperations = access.published_cooperations().filter(region=region).order_by("title")
    spans = spans_by_cooperation(cooperations)
    shown = []
    for c in cooperations:
        ids = [
            m
            for m, status, _lead in participants_on(c, spans.get(c.pk, {}), day)
            if status == ParticipantStatus.EXISTS
        ]
        if ids:
            shown.append((c, ids))
    names = {p.municipality_id: p.municipality.name for c, _ids in shown for p in c.participants.all()}
    missing = {m for _c, ids in shown for m in ids} - set(names)
    names |= dict(Municipality.objects.filter(pk__in=missing).values_list("pk", "name")) if missing else {}
    return [PublicCooperation(c, sorted(names.get(m, "") for m in ids)) for c, ids in shown]


@dataclass(frozen=True)
class PublicProject:
    """A published project as the portal shows it on a day: its state then, since when, and what
    it led to (only when it had ended by then)."""

    project: Project
    began: dt.date | None
    since: dt.date | None  # the effective date of the state shown
    outcome: ProjectOutcome | None

    @property
    def years(self) -> str:
        if self.began is None:
            return str(self.project.year or "–")
        return project_queries.ChainLink(self.project, self.began, self.project.finished_on, False).years


def public_projects(region: Region, day: dt.date) -> list[PublicProject]:
    """The region's published projects that existed on ``day`` (by the effective dates of their
    steps, decision 108), each in its state of that day, newest first — three queries (projects,
    their steps, their outcomes), the same for today and a past day."""
    projects = list(access.published_projects().filter(region=region).order_by("-year", "title", "pk"))
    steps = project_queries.steps_by_project([p.pk for p in projects])
    shown = project_queries.as_of(projects, day, steps)
    outcomes = {
        o.project_id: o
        for o in ProjectOutcome.objects.filter(project__in=[p.pk for p in shown]).select_related(
            "body_unit", "follow_up"
        )
    }
    published = {p.pk for p in projects}
    for o in outcomes.values():
        if o.follow_up_id not in published:
            o.follow_up = None  # the portal never names what the office has not published
    rows = []
    for p in shown:
        done = project_rules.steps_until(steps.get(p.pk, []), day)
        began = done[0].effective_on if done else None
        since = done[-1].effective_on if done else None
        ended = p.status in project_rules.FINAL_STATES
        rows.append(PublicProject(p, began, since, outcomes.get(p.pk) if ended else None))
    fallback = dt.date.min
    return sorted(
        rows,
        key=lambda r: r.began or (dt.date(r.project.year, 1, 1) if r.project.year else fallback),
        reverse=True,
    )


@dataclass
class PublicProjectPage:
    """What the portal's project page shows: the outcome, the chain of published projects, the
    dated steps (states and days only: the reasons typed into the log stay internal)."""

    outcome: ProjectOutcome | None
    chain: list[project_queries.ChainLink]
    steps: list[project_rules.Step]
    published_cooperations: set[int]

    @property
    def paused_since(self) -> dt.date | None:
        last = self.steps[-1] if self.steps else None
        return last.effective_on if last is not None and last.target == Status.PAUSED else None

    @property
    def history(self) -> list[tuple[dt.date, str]]:
        return [(s.effective_on, str(Status(s.target).label)) for s in self.steps]

    @property
    def paused_from(self) -> str:
        return str(Status(project_rules.paused_from(self.steps)).label) if self.paused_since else ""


def project_page(project: Project) -> PublicProjectPage:
    """The public page of a published project; links only to what is published."""
    published = set(
        access.published_projects().filter(region_id=project.region_id).values_list("pk", flat=True)
    )
    chain = [link for link in project_queries.chain_of(project) if link.project.pk in published]
    outcome = project_queries.outcome_of(project)
    if outcome is not None and outcome.follow_up_id not in published:
        outcome.follow_up = None
    shown = {c.pk for c in outcome.cooperations.all()} if outcome is not None else set()
    return PublicProjectPage(
        outcome=outcome,
        chain=chain if len(chain) > 1 else [],
        steps=project_queries.steps_by_project([project.pk]).get(project.pk, []),
        published_cooperations=set(
            access.published_cooperations().filter(pk__in=shown).values_list("pk", flat=True)
        ),
    )


def region_page(region: Region, stand: Stand | None = None) -> dict[str, Any]:
    """The public page of ``region`` as of the Stand (default today): cooperations that existed
    then, news and documents dated up to that day, projects that existed then in their state."""
    day = stand.day if stand is not None else timezone.localdate()
    return {
        "region": region,
        "cooperations": public_cooperations(region, day),
        "documents": access.documents().filter(region=region, date__lte=day).order_by("-date", "title"),
        "news": access.published_news().filter(region=region, date__lte=day).order_by("-date", "title")[:20],
        "projects": public_projects(region, day),
    }


# --- the office's side (decision 120) ---------------------------------------------------------------


def news_state(news: News, today: dt.date) -> str:
    """How the portal treats a news item today: shown, waiting for its day, or a draft."""
    if not news.published:
        return str(_("Entwurf (nicht im Portal)"))
    if news.date > today:
        return str(_("erscheint am %(d)s") % {"d": f"{news.date:%d.%m.%Y}"})
    return str(_("im Portal"))


def news_rows(region: Region, today: dt.date) -> list[tuple[News, str]]:
    """Every news item of the region, newest first, with its state (one query)."""
    return [(n, news_state(n, today)) for n in News.objects.filter(region=region).order_by("-date", "title")]


def publishing_page(region: Region, today: dt.date) -> dict[str, Any]:
    """What the office of ``region`` can show on the portal and what it shows: news, the
    cooperations of the inventory, the projects and the public documents (four queries)."""
    return {
        "news": news_rows(region, today),
        "cooperations": Cooperation.objects.filter(region=region)
        .select_related("field", "publication")
        .order_by("title", "pk"),
        "projects": Project.objects.filter(region=region).order_by("-year", "title", "pk"),
        "documents": access.documents().filter(region=region).order_by("-date", "title"),
    }
