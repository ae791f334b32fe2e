"""The outcome of a finished project (decision 93): the cooperations it produced, the existing body
the task went to, the follow-up project — checked before a step is written, saved with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import record
from ikz.cooperation.models import Cooperation
from ikz.municipalities.models import Municipality, RegionMember
from ikz.projects import rules
from ikz.projects.models import Project, ProjectOutcome
from ikz.projects.queries import follow_up_links


@dataclass(frozen=True)
class Outcome:
    """What a step into a final state records besides the state.

    ``cooperations``: of the region's inventory (operating: the region-wide one; local: several);
    ``body``/``body_unit``: the existing body the task went to, by name and/or as a unit of the
    register; ``participants``: which participants took part in it (empty: all);
    ``follow_up``: an existing project of the region, or ``follow_up_title`` for a new one (it is
    created as a proposal on the step's effective date)."""

    cooperations: Sequence[Cooperation] = ()
    body: str = ""
    body_unit: Municipality | None = None
    participants: Sequence[Municipality] = ()
    follow_up: Project | None = None
    follow_up_title: str = ""
    note: str = field(default="")


def outcome_errors(project: Project, target: str, outcome: Outcome) -> dict[str, list[str]]:
    """German messages by field: what the outcome of ``target`` needs, and that everything it names
    belongs to the project's region (a follow-up project must not close a circle)."""
    has_follow_up = outcome.follow_up is not None or bool(outcome.follow_up_title.strip())
    errors = rules.outcome_errors(
        target, body=outcome.body, has_body_unit=outcome.body_unit is not None, has_follow_up=has_follow_up
    )
    if any(c.region_id != project.region_id for c in outcome.cooperations):
        errors["cooperations"] = [_("Die Kooperation gehört zu einer anderen Region.")]
    members = set(
        RegionMember.objects.filter(region_id=project.region_id).values_list("municipality_id", flat=True)
    )
    strangers = [m.name for m in outcome.participants if m.pk not in members]
    if strangers:
        errors["participants"] = [_("Kein Mitglied der Region: %(names)s.") % {"names": ", ".join(strangers)}]
    follow_up = outcome.follow_up
    if target == rules.FOLLOWED_UP and follow_up is not None:
        if follow_up.region_id != project.region_id:
            errors["follow_up"] = [_("Das Folgeprojekt gehört zu einer anderen Region.")]
        elif rules.closes_a_cycle(project.pk, follow_up.pk, follow_up_links(project.region_id)):
            errors["follow_up"] = [
                _("„%(title)s“ kann nicht Folgeprojekt sein: die Kette der Projekte liefe im Kreis.")
                % {"title": follow_up.title}
            ]
        elif ProjectOutcome.objects.filter(follow_up=follow_up).exclude(project=project).exists():
            errors["follow_up"] = [
                _("„%(title)s“ ist schon Folgeprojekt eines anderen Projekts.") % {"title": follow_up.title}
            ]
    return errors


def save_outcome(
    project: Project, target: str, outcome: Outcome, *, actor: User | None, effective_on: dt.date
) -> ProjectOutcome:
    """Write the outcome row (replacing one of an earlier step), creating the follow-up project
    named by title; recorded in the project's history."""
    follow_up = outcome.follow_up
    if target == rules.FOLLOWED_UP and follow_up is None:
        from ikz.projects.services.charter import create_project

        follow_up = create_project(
            project.region,
            {
                "title": outcome.follow_up_title.strip()[:200],
                "field": project.field,
                "year": effective_on.year,
            },
            actor=actor,
            effective_on=effective_on,
            message=_("Folgeprojekt von „%(title)s“") % {"title": project.title},
        )
    row, _created = ProjectOutcome.objects.update_or_create(
        project=project,
        defaults={
            "kind": target,
            "body": outcome.body.strip()[:200],
            "body_unit": outcome.body_unit,
            "follow_up": follow_up if target == rules.FOLLOWED_UP else None,
            "note": outcome.note.strip(),
        },
    )
    row.cooperations.set(outcome.cooperations)
    row.participants.set(outcome.participants)
    parts = [str(rules.STATE_LABELS[target])]
    parts += [c.title for c in outcome.cooperations]
    if row.body_label:
        parts.append(row.body_label)
    if row.follow_up is not None:
        parts.append(_("Folgeprojekt: %(title)s") % {"title": row.follow_up.title})
    record(project, Action.UPDATE, actor=actor, message=_("Ergebnis: %(what)s") % {"what": "; ".join(parts)})
    return row
