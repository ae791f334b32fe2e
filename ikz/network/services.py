"""State changes of the reuse network. Publishing or changing a need or solution looks for
matches (ikz.network.rules) and notifies all three sides: the need's owner, the solution's
owner and the parties interested in reusing the solution."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.services import create_object, record, update_versioned
from ikz.documents.models import Document
from ikz.municipalities.models import Municipality
from ikz.network.models import Match, Need, ReuseInterest, Solution
from ikz.network.queries import candidates_for
from ikz.notifications.models import Kind
from ikz.notifications.registry import Item
from ikz.notifications.services import notify
from ikz.notifications.sources import municipality_users
from ikz.search import index

SOLUTION_FIELDS = ["title", "description", "field", "since", "owner", "contact", "source"]
NEED_FIELDS = ["title", "description", "field", "owner", "source"]


def _today() -> dt.date:
    return timezone.localdate()


def _refresh_matches(needs: Iterable[Need]) -> list[Match]:
    """Store the current matches of ``needs``; notify the three sides of every new one."""
    new = []
    for need in needs:
        found = {c.solution_id: c.score for c in candidates_for(need)}
        Match.objects.filter(need=need).exclude(solution_id__in=found).delete()
        known = set(Match.objects.filter(need=need).values_list("solution_id", flat=True))
        for solution_id, score in found.items():
            if solution_id in known:
                Match.objects.filter(need=need, solution_id=solution_id).update(score=score)
            else:
                new.append(Match.objects.create(need=need, solution_id=solution_id, score=score))
    _notify_matches(new)
    return new


def _notify_matches(matches: list[Match]) -> None:
    if not matches:
        return
    solutions = {s.pk: s for s in Solution.objects.filter(pk__in={m.solution_id for m in matches})}
    interested: dict[int, set[int]] = {}
    for solution_id, municipality_id in ReuseInterest.objects.filter(solution_id__in=solutions).values_list(
        "solution_id", "municipality_id"
    ):
        interested.setdefault(solution_id, set()).add(municipality_id)
    owners = {m.need.owner_id for m in matches} | {s.owner_id for s in solutions.values()}
    users = municipality_users(owners | {m for ms in interested.values() for m in ms})
    items = []
    for match in matches:
        solution = solutions[match.solution_id]
        sides = [
            (
                match.need.owner_id,
                _("Für Ihren Bedarf „%(need)s“ gibt es eine Lösung: „%(solution)s“."),
                match.need,
            ),
            (solution.owner_id, _("Ihre Lösung „%(solution)s“ passt zum Bedarf „%(need)s“."), match.need),
        ] + [
            (
                m,
                _("Die Lösung „%(solution)s“, für die Sie sich interessieren, passt zum Bedarf „%(need)s“."),
                solution,
            )
            for m in sorted(interested.get(solution.pk, ()))
        ]
        for municipality_id, text, target in sides:
            for user_id in sorted(users.get(municipality_id, ())):
                items.append(
                    Item(
                        user_id=user_id,
                        kind=Kind.MATCH,
                        text=text % {"need": match.need.title, "solution": solution.title},
                        link=target.get_absolute_url(),
                        key=f"match:{match.need_id}:{match.solution_id}",
                    )
                )
    notify(items)


def _check_owner(owner: Municipality | None, allowed: Iterable[int] | None) -> None:
    if owner is not None and allowed is not None and owner.pk not in set(allowed):
        raise ValidationError({"owner": _("Sie können nur für Ihre eigene Kommune veröffentlichen.")})


@transaction.atomic
def publish_solution(
    values: Mapping[str, object],
    users: Iterable[Municipality],
    material: Iterable[Document],
    *,
    actor: User | None,
    allowed_owners: Iterable[int] | None = None,
) -> Solution:
    _check_owner(values.get("owner"), allowed_owners)  # type: ignore[arg-type]
    solution = Solution(last_confirmed=_today(), **values)
    create_object(solution, actor=actor)
    solution.users.set(list(users))
    solution.material.set(list(material))
    index.refresh(solution)
    _refresh_matches(Need.objects.filter(field_id=solution.field_id).select_related("owner"))
    return solution


@transaction.atomic
def update_solution(
    solution: Solution,
    values: Mapping[str, object],
    users: Iterable[Municipality],
    material: Iterable[Document],
    *,
    expected_version: int,
    actor: User | None,
    allowed_owners: Iterable[int] | None = None,
) -> Solution:
    _check_owner(values.get("owner"), allowed_owners)  # type: ignore[arg-type]
    updated = update_versioned(
        Solution,
        solution.pk,
        {**values, "last_confirmed": _today()},
        expected_version=expected_version,
        actor=actor,
    )
    updated.users.set(list(users))
    updated.material.set(list(material))
    index.refresh(updated)
    _refresh_matches(Need.objects.filter(field_id=updated.field_id))
    return updated


@transaction.atomic
def publish_need(
    values: Mapping[str, object], *, actor: User | None, allowed_owners: Iterable[int] | None = None
) -> Need:
    _check_owner(values.get("owner"), allowed_owners)  # type: ignore[arg-type]
    need = Need(last_confirmed=_today(), **values)
    create_object(need, actor=actor)
    index.refresh(need)
    _refresh_matches([need])
    return need


@transaction.atomic
def update_need(
    need: Need,
    values: Mapping[str, object],
    *,
    expected_version: int,
    actor: User | None,
    allowed_owners: Iterable[int] | None = None,
) -> Need:
    _check_owner(values.get("owner"), allowed_owners)  # type: ignore[arg-type]
    updated = update_versioned(
        Need, need.pk, {**values, "last_confirmed": _today()}, expected_version=expected_version, actor=actor
    )
    index.refresh(updated)
    _refresh_matches([updated])
    return updated


@transaction.atomic
def confirm(entry: Solution | Need, *, expected_version: int, actor: User | None) -> Solution | Need:
    """The owner says: still current. Resets "last confirmed" (and with it the stale mark)."""
    return update_versioned(
        type(entry), entry.pk, {"last_confirmed": _today()}, expected_version=expected_version, actor=actor
    )


@transaction.atomic
def declare_interest(
    solution: Solution, municipality: Municipality, note: str, *, actor: User | None
) -> ReuseInterest:
    if ReuseInterest.objects.filter(solution=solution, municipality=municipality).exists():
        raise ValidationError(
            {
                "municipality": _("%(m)s hat das Interesse an dieser Lösung schon bekundet.")
                % {"m": municipality}
            }
        )
    interest = ReuseInterest(solution=solution, municipality=municipality, note=note, created_by=actor)
    create_object(interest, actor=actor)
    record(solution, Action.UPDATE, actor=actor, changes={"Interesse": [None, str(municipality)]})
    owners = municipality_users([solution.owner_id])
    matched_needs = Match.objects.filter(solution=solution).select_related("need")
    need_owners = municipality_users({m.need.owner_id for m in matched_needs})
    items = [
        Item(
            user_id=user_id,
            kind=Kind.REUSE_INTEREST,
            text=_("%(m)s interessiert sich für Ihre Lösung „%(s)s“.")
            % {"m": municipality, "s": solution.title},
            link=solution.get_absolute_url(),
            key=f"interest:{interest.pk}",
        )
        for user_id in sorted(owners.get(solution.owner_id, ()))
    ]
    # Interested parties and municipalities with the same need learn of each other.
    for match in matched_needs:
        for user_id in sorted(need_owners.get(match.need.owner_id, ())):
            items.append(
                Item(
                    user_id=user_id,
                    kind=Kind.REUSE_INTEREST,
                    text=_("%(m)s interessiert sich ebenfalls für „%(s)s“, die Lösung zu Ihrem Bedarf.")
                    % {"m": municipality, "s": solution.title},
                    link=solution.get_absolute_url(),
                    key=f"interest:{interest.pk}:need:{match.need_id}",
                )
            )
    notify(items)
    return interest
