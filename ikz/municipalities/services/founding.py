"""A new region from the register in one step (decision 130): the region, its members with their
abbreviations, the default size classes and — when a region office founds it — that office as
office of the new region. One transaction, one history entry on the region."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.models import Action
from ikz.audit.rules import JsonValue
from ikz.audit.services import create_object, record
from ikz.municipalities import rules
from ikz.municipalities.models import Region, SizeClass
from ikz.municipalities.services.masterdata import MemberRow, make_office, member_errors, write_member_rows
from ikz.municipalities.services.neighbours import compute_neighbours_from_file


@dataclass(frozen=True)
class NewRegion:
    """What the founding form says about the region itself."""

    name: str
    slug: str
    established_on: dt.date | None = None
    description: str = ""


def _region_errors(region: NewRegion, rows: Sequence[MemberRow]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if Region.objects.filter(name=region.name).exists():
        errors["name"] = [_("Eine Region mit diesem Namen gibt es schon.")]
    if Region.objects.filter(slug=region.slug).exists():
        errors["slug"] = [_("Diese Kurzbezeichnung ist schon vergeben.")]
    if not rows:
        errors["__all__"] = [_("Bitte wählen Sie mindestens eine Kommune als Mitglied.")]
    listed = member_errors(rows, region.established_on)
    if listed:
        errors.setdefault("__all__", []).extend(listed)
    return errors


@transaction.atomic
def create_region_from_register(
    region: NewRegion,
    rows: Sequence[MemberRow],
    *,
    actor: User | None,
    office: User | None = None,
    classes: Sequence[rules.SizeClassRule] = rules.DEFAULT_SIZE_CLASSES,
    class_source: str = rules.DEFAULT_CLASS_SOURCE,
    stated_counts: Sequence[int | None] = (),
    message: str = "",
) -> Region:
    """Create the region with ``rows`` as its members (in their order) and ``classes`` as its size
    classes (with the source's counts, if given). ``office``: the person who becomes office of
    the new region (a region office founding a second region). All or nothing; refusals name
    their field (name, slug) or the member."""
    errors = _region_errors(region, rows)
    if errors:
        raise ValidationError(errors)
    created = create_object(
        Region(
            name=region.name,
            slug=region.slug,
            description=region.description,
            established_on=region.established_on,
            class_source=class_source,
        ),
        actor=actor,
        message=message or _("Aus dem Gemeindeverzeichnis angelegt"),
    )
    members = write_member_rows(created, rows)
    counts = list(stated_counts) + [None] * (len(classes) - len(stated_counts))
    SizeClass.objects.bulk_create(
        SizeClass(region=created, position=i, label=c.label, lower=c.lower, upper=c.upper, stated_count=n)
        for i, (c, n) in enumerate(zip(classes, counts, strict=True), start=1)
    )
    changes: dict[str, list[JsonValue]] = {
        _("Mitglieder"): [None, "; ".join(members)],
        _("Größenklassen"): [None, "; ".join(f"{c.label}: {c.lower}–{c.upper or ''}" for c in classes)],
    }
    record(created, Action.UPDATE, actor=actor, changes=changes, message=_("Mitglieder und Größenklassen"))
    if office is not None:
        make_office(created, office, actor=actor)
    # the partner search ranks by shared borders: the new members' neighbours (decision 261)
    keys = created.members.exclude(municipality__key=None).values_list("municipality__key", flat=True)
    compute_neighbours_from_file([str(k) for k in keys], actor=actor)
    return created
