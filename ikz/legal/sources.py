"""What the legal pages give the start page: the platform-wide office sees each page the operator
has not written yet ("Impressum fehlt"; the public page shows a placeholder until then) and an
accessibility statement not reviewed for a year. Registered in ``LegalConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.legal import access, queries
from ikz.tasks import OFFICE, Task, TaskSource
from ikz.tasks import register as register_task


def _names(labels: list[str]) -> str:
    """ "Impressum", "Impressum und Datenschutzerklärung", "A, B und C"."""
    return (
        labels[0]
        if len(labels) == 1
        else _("%(first)s und %(last)s")
        % {
            "first": ", ".join(labels[:-1]),
            "last": labels[-1],
        }
    )


def legal_tasks(user: Any, today: dt.date) -> list[Task]:
    if not access.can_edit(user):
        return []
    rows = queries.overview(today)
    missing = [row.label for row in rows if row.missing]
    due = [row for row in rows if row.review_due]
    overview = reverse("legal:overview")
    tasks = []
    if missing:
        label = _("%(pages)s fehlt") if len(missing) == 1 else _("%(pages)s fehlen")
        tasks.append(
            Task(
                label=label % {"pages": _names(missing)},
                count=len(missing),
                url=f"{overview}?{queries.MISSING}=1",
                note=_("bis dahin zeigen die öffentlichen Seiten einen Hinweis"),
                urgent=True,
            )
        )
    if due:
        tasks.append(
            Task(
                label=_("Erklärung zur Barrierefreiheit überprüfen"),
                count=len(due),
                url=f"{overview}?{queries.DUE}=1",
                note=_("mindestens einmal im Jahr; Datum der Überprüfung eintragen"),
            )
        )
    return tasks


def register() -> None:
    register_task(TaskSource("legal-pages", OFFICE, legal_tasks, order=1))
