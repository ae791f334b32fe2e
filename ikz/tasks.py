"""Sources of the start page "Meine Aufgaben" (decision 124).

Each app registers what it has to do for a role in its ``sources.py`` (like its search and date
sources): ``register(TaskSource("surveys-office", OFFICE, collect))``, where ``collect(user, today)``
returns the person's tasks for that role, each a count with the address of the list filtered to
exactly those items. The start page asks only for the blocks of the roles the person holds, in the
order of :data:`BLOCKS`; each source answers with a constant number of queries, whatever the data
size (the start pages are in ``ikz/demo/pages.py``). The registry knows no domain app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ikz.accounts.access import Roles, roles_of

OFFICE = "office"
COOPERATIVE = "cooperative"
STEERING = "steering"
PROJECT_LEAD = "project_lead"
CONTACT = "contact"
MEMBER = "member"

# the blocks in the order of the page, with their headings
BLOCKS: dict[str, Any] = {
    OFFICE: _("Geschäftsstelle"),
    COOPERATIVE: _("Team der Genossenschaft"),
    STEERING: _("Lenkungsgruppe"),
    PROJECT_LEAD: _("Projektleitung"),
    CONTACT: _("Kontaktperson"),
    MEMBER: _("Mitglied der Genossenschaft"),
}
# the friendly sentence of a block without tasks
EMPTY: dict[str, Any] = {
    OFFICE: _("Alles erledigt: keine laufenden Erhebungen, Fristen oder offenen Entscheidungen."),
    COOPERATIVE: _("Alles erledigt: kein Beitritt im Gang und keine Anfrage wartet auf Sie."),
    STEERING: _("Zurzeit wartet kein Projekt auf eine Entscheidung der Lenkungsgruppe."),
    PROJECT_LEAD: _("Ihre Projekte haben keine offenen Meilensteine."),
    CONTACT: _("Für Ihre Kommune ist gerade nichts zu tun – schön!"),
    MEMBER: _("Sie haben keine offenen Anfragen und kein Angebot wartet auf Ihre Antwort."),
}
LIMIT = 12  # tasks shown per block; the rest is counted ("und 3 weitere"), so the page stays small


@dataclass(frozen=True)
class Item:
    """One thing behind a count, with its date (a questionnaire and its deadline)."""

    text: str
    url: str
    date: dt.date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class Task:
    """A count of things to do and the list filtered to exactly those (``url``). ``done`` of
    ``total`` draws a progress bar (the response rate of a survey); ``items`` name the things
    with their dates; ``note`` adds a short text (a deadline, the next step)."""

    label: str
    count: int
    url: str
    note: str = ""
    done: int | None = None
    total: int | None = None
    items: tuple[Item, ...] = ()
    urgent: bool = False

    @property
    def percent(self) -> int | None:
        if self.done is None or not self.total:
            return None
        return round(100 * self.done / self.total)


@dataclass(frozen=True)
class TaskSource:
    key: str
    block: str
    collect: Callable[[Any, dt.date], list[Task]]
    order: int = 1000  # the place within the block, whichever app is ready first


@dataclass
class Block:
    key: str
    title: str
    empty: str
    tasks: list[Task] = field(default_factory=list)
    more: int = 0  # tasks not shown (over LIMIT)


SOURCES: dict[str, TaskSource] = {}


def register(source: TaskSource) -> None:
    if source.block not in BLOCKS:
        raise ValueError(f"unknown block {source.block!r}")
    SOURCES[source.key] = source


def office_regions(user: Any) -> frozenset[int] | None:
    """The regions a person runs as office (``None``: every region, the platform-wide office)."""
    roles = roles_of(user)
    return None if roles.office_global else roles.office_regions


def steering_regions(user: Any) -> frozenset[int]:
    return roles_of(user).steering_regions


def in_regions(lookup: str, regions: frozenset[int] | None) -> Q:
    """A filter to ``regions`` on the field ``lookup`` (``None``: no filter)."""
    return Q() if regions is None else Q(**{f"{lookup}__in": regions})


def held_blocks(roles: Roles) -> list[str]:
    """The blocks of the roles a person holds (several roles: several blocks). The platform-wide
    office is the cooperative's team as well."""
    held = {
        OFFICE: roles.is_office,
        COOPERATIVE: roles.office_global,
        STEERING: roles.is_steering,
        PROJECT_LEAD: roles.project_lead,
        CONTACT: roles.is_contact,
        MEMBER: roles.is_member,
    }
    return [key for key in BLOCKS if held[key]]


def blocks_for(user: Any, today: dt.date) -> list[Block]:
    """The start page's blocks of ``user`` as of ``today``: each source of a held block, in order."""
    ordered = sorted(SOURCES.values(), key=lambda s: (s.order, s.key))
    blocks = []
    for key in held_blocks(roles_of(user)):
        tasks = [t for s in ordered if s.block == key for t in s.collect(user, today) if t.count]
        blocks.append(
            Block(key, str(BLOCKS[key]), str(EMPTY[key]), tasks[:LIMIT], max(0, len(tasks) - LIMIT))
        )
    return blocks
