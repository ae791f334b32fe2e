"""Who may import what: the kind decides through its app's access.py (``ImportKind.scope``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from ikz.imports import registry
from ikz.imports.models import ImportRun
from ikz.imports.registry import ImportKind, Scope

if TYPE_CHECKING:  # accounts registers an import kind itself: no import back at run time
    from ikz.accounts.models import User


def get_scope_for(user: User, slug: str, pk: int, *, write: bool = True) -> tuple[ImportKind, Scope]:
    """The kind and its scope; 404 for an unknown kind or an invisible scope, 403 when the user
    may see but not import."""
    kind = registry.get(slug)
    return kind, kind.scope(user, pk, write=write)


def get_run_for(user: User, pk: int, *, write: bool = True) -> tuple[ImportRun, ImportKind, Scope]:
    """A run with its kind and scope, as far as the user may import for that scope."""
    run = get_object_or_404(ImportRun.objects.defer("rows", "plan"), pk=pk)
    kind, scope = get_scope_for(user, run.kind, run.scope_id, write=write)
    return run, kind, scope


def runs_for(kind: ImportKind, scope: Scope) -> QuerySet[ImportRun]:
    return ImportRun.objects.filter(kind=kind.slug, scope_id=scope.pk)
