"""Reads of the legal pages: a page or the statement (``None``: not written yet) and which are
missing, for the start page (two queries, whatever is written)."""

from __future__ import annotations

from ikz.legal.models import AccessibilityStatement, LegalPage, PageKind


def page(kind: str) -> LegalPage | None:
    return LegalPage.objects.filter(kind=kind).first()


def statement() -> AccessibilityStatement | None:
    return AccessibilityStatement.objects.filter(key=AccessibilityStatement.KEY).first()


def missing_pages() -> list[str]:
    """The kinds of page (``PageKind``) not written yet, in the order of the footer."""
    written = set(LegalPage.objects.values_list("kind", flat=True))
    return [kind for kind in PageKind.values if kind not in written]
