"""Organisations of a region, the people in them and their memberships."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.services import create_object, update_versioned
from ikz.meetings.models import Membership, Organization, Person
from ikz.municipalities.models import Region, RegionMember

ORGANIZATION_FIELDS = ["name", "short_name", "kind", "start_date", "end_date"]
MEMBER_FIELDS = ["role", "voting_right", "start_date", "end_date"]


def _raise(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise ValidationError(dict(errors))


@transaction.atomic
def create_organization(region: Region, values: Mapping[str, Any], *, actor: User | None) -> Organization:
    clean = {k: values[k] for k in ORGANIZATION_FIELDS if k in values}
    errors: dict[str, list[str]] = {}
    name = str(clean.get("name") or "").strip()
    if not name:
        errors["name"] = [_("Name: Bitte das Gremium benennen.")]
    elif Organization.objects.filter(region=region, name=name).exists():
        errors["name"] = [_("Name: Ein Gremium dieses Namens gibt es in der Region schon.")]
    start, end = clean.get("start_date"), clean.get("end_date")
    if start and end and end < start:
        errors["end_date"] = [_("Besteht bis: Das Ende liegt vor dem Beginn.")]
    _raise(errors)
    clean["name"] = name
    return create_object(Organization(region=region, **clean), actor=actor)


@transaction.atomic
def add_member(
    organization: Organization,
    values: Mapping[str, Any],
    *,
    actor: User | None,
) -> Membership:
    """A person joins the body with a role and (or without) a voting right. The person is found by
    name in the region or created; ``municipality`` (whom they represent) must be a member of the
    region; ``user`` links the account that receives invitations."""
    name = str(values.get("name") or "").strip()
    municipality = values.get("municipality")
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Name: Bitte den Namen der Person angeben.")]
    if (
        municipality is not None
        and not RegionMember.objects.filter(
            region_id=organization.region_id, municipality=municipality
        ).exists()
    ):
        errors["municipality"] = [_("Vertritt: Die Kommune gehört nicht zur Region.")]
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        errors["end_date"] = [_("Mitglied bis: Das Ende liegt vor dem Beginn.")]
    _raise(errors)
    person = Person.objects.filter(region_id=organization.region_id, name=name).first()
    if person is None:
        person = create_object(
            Person(
                region_id=organization.region_id,
                name=name,
                municipality=municipality,
                user=values.get("user"),
            ),
            actor=actor,
        )
    if Membership.objects.filter(organization=organization, person=person, end_date__isnull=True).exists():
        _raise({"name": [_("Name: %(name)s ist bereits Mitglied dieses Gremiums.") % {"name": name}]})
    clean = {k: values[k] for k in MEMBER_FIELDS if k in values and values[k] is not None}
    return create_object(Membership(organization=organization, person=person, **clean), actor=actor)


@transaction.atomic
def end_membership(
    membership: Membership, end_date: dt.date | None, *, expected_version: int, actor: User | None
) -> Membership:
    """A member leaves the body on ``end_date`` (not before joining); the membership is kept with its
    period, so older meetings still show who sat in the body."""
    if end_date is None:
        _raise({"end_date": [_("Mitglied bis: Bitte das Datum angeben.")]})
    elif membership.start_date and end_date < membership.start_date:
        _raise({"end_date": [_("Mitglied bis: Das Ende liegt vor dem Beginn der Mitgliedschaft.")]})
    return update_versioned(
        Membership, membership.pk, {"end_date": end_date}, expected_version=expected_version, actor=actor
    )
