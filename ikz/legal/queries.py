"""Reads of the legal pages: a page or the statement (``None``: not written yet), which are
missing, and the overview of all three for the platform-wide office (two queries each)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ikz.legal import rules
from ikz.legal.models import AccessibilityStatement, LegalPage, PageKind

STATEMENT = "barrierefreiheit"  # the statement's key beside the PageKinds
MISSING, DUE = "fehlt", "pruefen"  # the overview's filters (?fehlt=1: only pages not written)


@dataclass(frozen=True)
class Row:
    """One legal page on the overview: written (when, by version) or missing, review due."""

    key: str
    label: str
    changed: dt.datetime | None
    version: int | None
    review_due: bool = False

    @property
    def missing(self) -> bool:
        return self.changed is None


def page(kind: str) -> LegalPage | None:
    return LegalPage.objects.filter(kind=kind).first()


def statement() -> AccessibilityStatement | None:
    return AccessibilityStatement.objects.filter(key=AccessibilityStatement.KEY).first()


def overview(today: dt.date, only: str = "") -> list[Row]:
    """The three pages in the order of the footer; ``only``: the missing ones (``MISSING``) or
    those whose review is due (``DUE``)."""
    pages = {p.kind: p for p in LegalPage.objects.all()}
    rows = [
        Row(
            kind.value,
            str(kind.label),
            getattr(pages.get(kind), "changed_at", None),
            getattr(pages.get(kind), "version", None),
        )
        for kind in PageKind
    ]
    current = statement()
    label = _("Erklärung zur Barrierefreiheit")
    if current is None:
        rows.append(Row(STATEMENT, label, None, None))
    else:
        due = rules.review_due(current.statement_date, current.reviewed_on, today)
        rows.append(Row(STATEMENT, label, current.changed_at, current.version, review_due=due))
    if only == MISSING:
        return [row for row in rows if row.missing]
    if only == DUE:
        return [row for row in rows if row.review_due]
    return rows
