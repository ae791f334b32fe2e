"""What the legal pages give the start page: the platform-wide office sees each page the operator
has not written yet ("Impressum fehlt"; the public page shows a placeholder until then) and an
accessibility statement not reviewed for a year. Registered in ``LegalConfig.ready()``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.legal import access, queries, rules
from ikz.legal.models import PageKind
from ikz.tasks import OFFICE, Task, TaskSource
from ikz.tasks import register as register_task


def legal_tasks(user: Any, today: dt.date) -> list[Task]:
    if not access.can_edit(user):
        return []
    placeholder = _("bis dahin zeigt die öffentliche Seite einen Hinweis")
    missing = {
        PageKind.IMPRINT: (_("Impressum fehlt"), "legal:imprint_edit"),
        PageKind.PRIVACY: (_("Datenschutzerklärung fehlt"), "legal:privacy_policy_edit"),
    }
    absent = queries.missing_pages()
    tasks = [
        Task(label=label, count=1, url=reverse(name), note=placeholder, urgent=True)
        for kind, (label, name) in missing.items()
        if kind in absent
    ]
    statement = queries.statement()
    if statement is None:
        tasks.append(
            Task(
                label=_("Erklärung zur Barrierefreiheit fehlt"),
                count=1,
                url=reverse("legal:accessibility_edit"),
                note=placeholder,
                urgent=True,
            )
        )
    elif rules.review_due(statement.statement_date, statement.reviewed_on, today):
        tasks.append(
            Task(
                label=_("Erklärung zur Barrierefreiheit überprüfen"),
                count=1,
                url=reverse("legal:accessibility_edit"),
                note=_("mindestens einmal im Jahr; Datum der Überprüfung eintragen"),
            )
        )
    return tasks


def register() -> None:
    register_task(TaskSource("legal-pages", OFFICE, legal_tasks, order=1))
