"""The only door to municipalities and regions.

Master data of the official register is visible to everyone who is logged in. A contact person
edits the master data of their own municipality only; the office edits all. Regions are edited
by their office only. Invisible → 404, visible but not writable → 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.accounts.access import roles_of
from ikz.accounts.models import Role
from ikz.municipalities.models import Municipality, Region, RegionMember


def contact_regions(user: Any) -> frozenset[int]:
    """The regions whose member municipalities this person is a contact of (one query, then
    cached on the user object like the roles). The one place this is computed."""
    roles = roles_of(user)
    if not roles.contact_municipalities:
        return frozenset()
    cached: frozenset[int] | None = getattr(user, "_ikz_contact_regions", None)
    if cached is None:
        cached = frozenset(
            RegionMember.objects.filter(municipality_id__in=roles.contact_municipalities).values_list(
                "region_id", flat=True
            )
        )
        user._ikz_contact_regions = cached
    return cached


def regions_of(user: Any) -> frozenset[int]:
    """The ids of the regions a person works in: as office of the region, in its steering group or
    as contact of a member municipality (the platform-wide office: no particular region)."""
    roles = roles_of(user)
    return roles.office_regions | roles.steering_regions | contact_regions(user)


def municipalities_for(user: Any) -> QuerySet[Municipality]:
    if not roles_of(user).authenticated:
        return Municipality.objects.none()
    return Municipality.objects.all()


def can_edit_municipality(user: Any, municipality: Municipality) -> bool:
    roles = roles_of(user)
    return roles.is_office or municipality.pk in roles.contact_municipalities


def can_manage_register(user: Any) -> bool:
    """Official fields, population figures and organisations: the office only."""
    return roles_of(user).is_office


def can_update_register(user: Any) -> bool:
    """The official register as a whole (a GV100AD file): the platform-wide office only."""
    return roles_of(user).office_global


def check_update_register(user: Any) -> None:
    """403 with the reason unless ``user`` may update the register from a GV100AD file."""
    if not can_update_register(user):
        raise PermissionDenied(
            _(
                "Das Gemeindeverzeichnis aktualisiert die landesweite Geschäftsstelle; die "
                "Geschäftsstelle einer Region ändert nur deren Daten. Ihnen fehlt die Rolle "
                "„Geschäftsstelle“ ohne Bindung an eine Region."
            )
        )


def check_manage_register(user: Any) -> None:
    """403 with the reason unless ``user`` may change official fields, figures and organisations."""
    if not can_manage_register(user):
        raise PermissionDenied(
            _(
                "Amtliche Angaben, Einwohnerzahlen und kommunale Organisationen pflegt die "
                "Geschäftsstelle. Ihnen fehlt die Rolle „%(role)s“."
            )
            % {"role": Role.OFFICE.label}
        )


def can_view_municipality_history(user: Any, municipality: Municipality) -> bool:
    roles = roles_of(user)
    return roles.is_office or roles.is_steering or municipality.pk in roles.contact_municipalities


def check_municipality_history(user: Any, municipality: Municipality) -> None:
    if not can_view_municipality_history(user, municipality):
        raise PermissionDenied(
            _(
                "Den Verlauf von „%(name)s“ sehen die Geschäftsstelle, die Lenkungsgruppe und die "
                "Ansprechpersonen dieser Kommune."
            )
            % {"name": municipality.name}
        )


def get_municipality_for(user: Any, pk: int, *, write: bool = False) -> Municipality:
    try:
        municipality = (
            municipalities_for(user)
            .select_related("parent", "land", "regierungsbezirk", "kreis", "verband", "current_population")
            .get(pk=pk)
        )
    except Municipality.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit_municipality(user, municipality):
        raise PermissionDenied(
            _(
                "Die Stammdaten von „%(name)s“ pflegen die Geschäftsstelle und die Ansprechpersonen "
                "dieser Kommune. Ihnen fehlt die Rolle „%(role)s“ für diese Kommune."
            )
            % {"name": municipality.name, "role": Role.CONTACT.label}
        )
    return municipality


def regions_for(user: Any) -> QuerySet[Region]:
    if not roles_of(user).authenticated:
        return Region.objects.none()
    return Region.objects.all()


def can_edit_region(user: Any, region: Region) -> bool:
    return roles_of(user).is_office_of(region.pk)


def region_refusal(user: Any, region: Region) -> str:
    """Why ``user`` may not change ``region``: the role they lack for this region (decision 131)."""
    return str(
        _(
            "Die Region „%(region)s“ pflegt ihre Geschäftsstelle (oder die landesweite "
            "Geschäftsstelle). Ihnen fehlt die Rolle „%(role)s“ für diese Region."
        )
        % {"region": region.name, "role": Role.OFFICE.label}
    )


def can_create_region(user: Any) -> bool:
    """The platform-wide office and the office of any region (which becomes office of the new one)."""
    return roles_of(user).is_office


def check_create_region(user: Any) -> None:
    """403 with the reason unless ``user`` may found a region."""
    if not can_create_region(user):
        raise PermissionDenied(
            _(
                "Eine neue Region legt die Geschäftsstelle einer Region oder die landesweite "
                "Geschäftsstelle an. Ihnen fehlt die Rolle „%(role)s“."
            )
            % {"role": Role.OFFICE.label}
        )


def founder_becomes_office(user: Any) -> bool:
    """A region office founding a region becomes its office; the platform-wide office is already."""
    return not roles_of(user).office_global


def editable_regions_for(user: Any) -> QuerySet[Region]:
    """The regions ``user`` may change (their office): all for the platform-wide office."""
    roles = roles_of(user)
    if roles.office_global:
        return Region.objects.all()
    return Region.objects.filter(pk__in=roles.office_regions)


def can_view_region_history(user: Any, region: Region) -> bool:
    return roles_of(user).sees_region_fully(region.pk)


def check_region_history(user: Any, region: Region) -> None:
    if not can_view_region_history(user, region):
        raise PermissionDenied(
            _("Den Verlauf der Region „%(region)s“ sehen ihre Geschäftsstelle und ihre Lenkungsgruppe.")
            % {"region": region.name}
        )


def get_region_for(user: Any, slug: str, *, write: bool = False) -> Region:
    try:
        region = regions_for(user).get(slug=slug)
    except Region.DoesNotExist as exc:
        raise Http404 from exc
    if write and not can_edit_region(user, region):
        raise PermissionDenied(region_refusal(user, region))
    return region


def can_see_project_portfolio(user: Any) -> bool:
    """The link to a region's project portfolio: office, steering group, contacts, project leads."""
    roles = roles_of(user)
    return roles.is_office or roles.is_steering or roles.is_contact or roles.project_lead


def can_see_project_dashboard(user: Any) -> bool:
    """The link to the projects overview: office and steering group."""
    roles = roles_of(user)
    return roles.is_office or roles.is_steering
