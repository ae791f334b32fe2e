"""Who holds which role where. Loaded once per request and cached on the user object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from ikz.accounts.models import Role, RoleAssignment


@dataclass(frozen=True)
class Roles:
    """The roles of one person. ``office_global`` is the platform-wide office (no region)."""

    authenticated: bool = False
    office_global: bool = False
    office_regions: frozenset[int] = field(default_factory=frozenset)
    steering_regions: frozenset[int] = field(default_factory=frozenset)
    contact_municipalities: frozenset[int] = field(default_factory=frozenset)
    member_municipalities: frozenset[int] = field(default_factory=frozenset)
    project_lead: bool = False

    @property
    def is_office(self) -> bool:
        return self.office_global or bool(self.office_regions)

    @property
    def is_steering(self) -> bool:
        return bool(self.steering_regions)

    @property
    def is_contact(self) -> bool:
        return bool(self.contact_municipalities)

    @property
    def is_member(self) -> bool:
        return bool(self.member_municipalities)

    def is_office_of(self, region_id: int) -> bool:
        return self.office_global or region_id in self.office_regions

    def sees_region_fully(self, region_id: int) -> bool:
        return self.is_office_of(region_id) or region_id in self.steering_regions

    def labels(self) -> list[str]:
        names = []
        if self.is_office:
            names.append(str(Role.OFFICE.label))
        if self.is_steering:
            names.append(str(Role.STEERING.label))
        if self.is_contact:
            names.append(str(Role.CONTACT.label))
        if self.project_lead:
            names.append(str(Role.PROJECT_LEAD.label))
        if self.is_member:
            names.append(str(Role.MEMBER.label))
        return names


ANONYMOUS = Roles()


def roles_of(user: Any) -> Roles:
    """The roles of ``user`` (one query per request, then cached on the object)."""
    if not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached: Roles | None = getattr(user, "_ikz_roles", None)
    if cached is not None:
        return cached
    office_global = False
    office: set[int] = set()
    steering: set[int] = set()
    contact: set[int] = set()
    member: set[int] = set()
    lead = False
    for role, region_id, municipality_id in RoleAssignment.objects.filter(user=user).values_list(
        "role", "region_id", "municipality_id"
    ):
        if role == Role.OFFICE:
            if region_id is None:
                office_global = True
            else:
                office.add(region_id)
        elif role == Role.STEERING and region_id is not None:
            steering.add(region_id)
        elif role == Role.CONTACT and municipality_id is not None:
            contact.add(municipality_id)
        elif role == Role.MEMBER and municipality_id is not None:
            member.add(municipality_id)
        elif role == Role.PROJECT_LEAD:
            lead = True
    roles = Roles(
        authenticated=True,
        office_global=office_global,
        office_regions=frozenset(office),
        steering_regions=frozenset(steering),
        contact_municipalities=frozenset(contact),
        member_municipalities=frozenset(member),
        project_lead=lead,
    )
    user._ikz_roles = roles
    return roles


@dataclass(frozen=True)
class MenuRights:
    """What the menu offers a person (ikz/accounts/context_processors.py)."""

    cooperative_pipeline: bool = False  # the cooperative's team: the membership pipeline
    cooperative_services: bool = False  # a member municipality: the services of the cooperative
    own_municipality_id: int | None = None  # a contact person: their (first) municipality
    transfer: bool = False
    admin: bool = False  # the office with a staff account: Django's admin


def menu_rights_for(user: Any) -> MenuRights:
    roles = roles_of(user)
    if not roles.authenticated:
        return MenuRights()
    own = sorted(roles.contact_municipalities)
    return MenuRights(
        cooperative_pipeline=roles.office_global,
        cooperative_services=not roles.office_global and roles.is_member,
        own_municipality_id=own[0] if own else None,
        transfer=roles.office_global,
        admin=roles.is_office and bool(user.is_staff),
    )


def two_factor_required(user: Any) -> bool:
    """The office must use a second factor when the platform asks for it (IKZ_2FA_REQUIRED_FOR_OFFICE)."""
    return bool(settings.IKZ_2FA_REQUIRED_FOR_OFFICE) and roles_of(user).is_office
