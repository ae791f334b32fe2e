"""The import kinds: each app registers its own in ``ikz/<app>/imports.py`` (found at start-up by
:class:`ikz.imports.apps.ImportsConfig`), as the search and date sources do in ``sources.py``.

A kind says which columns its table has, who may import for which scope (delegating to its app's
``access.py``), what each row would do (``check``: plan entries and problems by row and column,
without writing) and how the plan is carried out (``apply``: through its app's services, never
by writing models). The framework (``ikz.imports.services``) reads the file, checks it in chunks,
shows the preview, refuses stale plans and runs ``apply`` in one transaction. See docs/imports.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from ikz.imports.rules import Entry, Problem
from ikz.lib.tables_in import Column, Records, read_table, records

if TYPE_CHECKING:
    from django.db.models import Model

    from ikz.accounts.models import User
    from ikz.lib.exports import Table


@dataclass(frozen=True)
class Scope:
    """What an import is for (a region, a cooperation …): the object, its id, how pages name it and
    the page to go back to."""

    obj: Any
    pk: int
    label: str
    back_url: str


@dataclass(frozen=True)
class Row:
    """One row of the file: its number as Excel shows it and its cells by column name."""

    number: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()


@dataclass(frozen=True)
class Link:
    label: str
    url: str


class ImportKind:
    """Base class of an import kind; subclass it and :func:`register` an instance."""

    slug: ClassVar[str]
    label: ClassVar[str | Promise]
    description: ClassVar[str | Promise] = ""
    columns: ClassVar[tuple[Column, ...]]
    extra_columns: ClassVar[bool] = False  # keep headings not in ``columns`` (e.g. municipalities)
    sheet: ClassVar[str | None] = None  # None: the first sheet of an XLSX
    exports: ClassVar[bool] = False  # True when ``export`` gives the scope's current table
    keep_notes: ClassVar[bool] = False  # keep the lines below the table (e.g. a matrix's legend)
    # rows per check request (None: rules.CHUNK, 500); a kind that needs the whole file at once
    # (a matrix with its legend below it) sets a larger number
    chunk: ClassVar[int | None] = None
    template_offered: ClassVar[bool] = True  # False: no XLSX template (a file of its own format)
    whole_file: ClassVar[bool] = False  # True: ``apply`` gets every entry, the unchanged ones too
    upload_hint: ClassVar[str | Promise] = ""  # the file field's hint when not XLSX/CSV

    def read(self, filename: str, data: bytes) -> Records:
        """The rows of the uploaded file (default: an XLSX or German CSV under the kind's header;
        a kind with a file format of its own reads it here). Raises ``TableError`` (German)."""
        return records(
            read_table(filename, data, sheet=self.sheet),
            self.columns,
            extra=self.extra_columns,
            notes=self.keep_notes,
        )

    def scope(self, user: User, pk: int, *, write: bool) -> Scope:
        """The scope ``pk`` for ``user`` — Http404 when invisible, PermissionDenied when not writable
        (from the app's access.py)."""
        raise NotImplementedError

    def prepare(self, scope: Scope) -> Any:
        """What ``check`` looks things up in (loaded once per chunk, a constant number of queries)."""
        return None

    def check(self, rows: Sequence[Row], context: Any) -> tuple[list[Entry], list[Problem]]:
        """What each row would do, and every problem by row and column. Writes nothing. By default
        row by row (:meth:`check_row`); a kind that looks across rows overrides this."""
        entries: list[Entry] = []
        problems: list[Problem] = []
        for row in rows:
            entry, found = self.check_row(row, context)
            problems += found
            if entry is not None:
                entries.append(entry)
        return entries, problems

    def check_row(self, row: Row, context: Any) -> tuple[Entry | None, list[Problem]]:
        """What one row would do (``None``: nothing) and its problems by column."""
        raise NotImplementedError

    def current(self, scope: Scope, refs: Sequence[str]) -> dict[str, str]:
        """The fingerprint of each referenced object now ("" when it does not exist)."""
        raise NotImplementedError

    def apply(self, scope: Scope, entries: Sequence[Entry], *, actor: User) -> list[Link]:
        """Carry out the creating and changing entries through the app's services (the caller holds
        the transaction); returns links for the summary."""
        raise NotImplementedError

    def example(self) -> list[list[str]]:
        """Example rows of the downloadable template."""
        return []

    def template(self, scope: Scope) -> Table | None:
        """A template of the scope's own (e.g. a matrix with the region's members as columns);
        None: the generic one of ``columns`` and ``example()`` (ikz.imports.exports)."""
        return None

    def export(self, scope: Scope) -> Table | None:
        """The platform's own table of the scope in this format (imports back without change)."""
        return None

    def audit_object(self, scope: Scope, ref: str) -> Model | None:
        """The object whose history tells who changed ``ref`` (default: ``app_label.model:pk…``)."""
        label, _sep, rest = ref.partition(":")
        pk = rest.split(":")[0]
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            return None
        return model._default_manager.filter(pk=pk).first() if pk.isdigit() else None


_KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    _KINDS[kind.slug] = kind
    return kind


def get(slug: str) -> ImportKind:
    try:
        return _KINDS[slug]
    except KeyError:
        raise Http404 from None


def kinds() -> list[ImportKind]:
    return sorted(_KINDS.values(), key=lambda k: k.slug)


def refused_at_row(row: int, exc: ValidationError) -> ValidationError:
    """A service's refusal during ``apply``, prefixed with the row of the file it came from."""
    return ValidationError(_("Zeile %(row)s: %(reason)s") % {"row": row, "reason": " ".join(exc.messages)})
