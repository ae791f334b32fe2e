"""Read side of the import pages: the history of a scope and the preview of a run."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from ikz.imports import rules
from ikz.imports.models import ImportRun


def history(runs: QuerySet[ImportRun]) -> list[ImportRun]:
    """The runs of a scope, newest first, without their rows (one query)."""
    return list(runs.defer("rows", "plan").select_related("uploaded_by", "applied_by")[:50])


@dataclass
class Preview:
    counts: dict[str, int]
    changes: list[rules.Entry]  # creating and changing rows, the first SHOWN
    more_changes: int
    problems: list[str]  # "Zeile 7, Spalte „Lead“: …", the first SHOWN
    more_problems: int
    percent: int


def preview(run_id: int) -> Preview:
    """What the preview shows of a run (one query)."""
    run = ImportRun.objects.only("plan", "problems", "checked", "total").get(pk=run_id)
    entries = [rules.Entry.from_json(e) for e in run.plan]
    changing = [e for e in entries if e.action != rules.UNCHANGED]
    problems = sorted(run.problems, key=lambda p: (p[0], p[1]))
    return Preview(
        counts=rules.counts(entries),
        changes=changing[: rules.SHOWN],
        more_changes=max(0, len(changing) - rules.SHOWN),
        problems=[rules.describe(int(r), str(c), str(m)) for r, c, m in problems[: rules.SHOWN]],
        more_problems=max(0, len(problems) - rules.SHOWN),
        percent=rules.progress(run.checked, run.total),
    )
