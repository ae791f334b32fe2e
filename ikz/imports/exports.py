"""The downloadable template of a kind: its headings, example rows and what each column means."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ikz.imports.registry import ImportKind
from ikz.lib.exports import Table


def template_table(kind: ImportKind) -> Table:
    return Table(
        title=_("Vorlage: %(label)s") % {"label": str(kind.label)},
        columns=[c.name for c in kind.columns],
        rows=[list(row) for row in kind.example()],
        notes=[
            f"{c.name}: {c.help or '–'} ({_('Pflichtspalte') if c.required else _('optional')})"
            for c in kind.columns
        ]
        + ([str(kind.description)] if kind.description else []),
    )
