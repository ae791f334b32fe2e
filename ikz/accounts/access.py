"""Who holds which role where (loaded once per request and cached on the user object), and who
may see and manage which persons and their roles ("Personen und Zugänge")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ikz.accounts import rules
from ikz.accounts.models import Role, RoleAssignment, User


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
    people: bool = False  # every office: "Personen und Zugänge"
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
        people=roles.is_office,
        admin=roles.is_office and bool(user.is_staff),
    )


def two_factor_required(user: Any) -> bool:
    """The office must use a second factor when the platform asks for it (IKZ_2FA_REQUIRED_FOR_OFFICE)."""
    return bool(settings.IKZ_2FA_REQUIRED_FOR_OFFICE) and roles_of(user).is_office


# --- People and access ("Personen und Zugänge") ----------------------------------------------------
# Regions and municipalities are reached through the role's own foreign keys (accounts sits below
# the municipalities app, which imports it: an import back would close a cycle).


def password_login_allowed(user: Any) -> bool:
    """May ``user`` (password already checked) log in with the password? (``IKZ_PASSWORD_LOGIN``)"""
    return rules.password_login_allowed(
        settings.IKZ_PASSWORD_LOGIN,
        sso_enabled=settings.IKZ_OIDC_ENABLED,
        is_office=roles_of(user).is_office,
        sso_linked=getattr(user, "sso_linked_at", None) is not None,
    )


def region_model() -> Any:
    return RoleAssignment._meta.get_field("region").related_model


def municipality_model() -> Any:
    return RoleAssignment._meta.get_field("municipality").related_model


def scope_of(user: Any) -> rules.Scope:
    """Where ``user`` may give and take roles (cached on the user object; one query for an office
    of a region, none otherwise)."""
    cached: rules.Scope | None = getattr(user, "_ikz_scope", None)
    if cached is not None:
        return cached
    roles = roles_of(user)
    if roles.office_global:
        scope = rules.Scope(everything=True)
    elif roles.office_regions:
        members = municipality_model().objects.filter(region_memberships__region__in=roles.office_regions)
        scope = rules.Scope(
            regions=roles.office_regions, municipalities=frozenset(members.values_list("pk", flat=True))
        )
    else:
        scope = rules.Scope()
    if roles.authenticated:
        user._ikz_scope = scope
    return scope


def can_manage_people(user: Any) -> bool:
    """The page "Personen und Zugänge": every office (of a region, or platform-wide)."""
    return scope_of(user).any


def _require_office(user: Any) -> rules.Scope:
    scope = scope_of(user)
    if not scope.any:
        raise PermissionDenied(_("Personen und Zugänge verwaltet nur eine Geschäftsstelle."))
    return scope


def _in_scope(scope: rules.Scope) -> Q:
    return Q(role_assignments__region__in=scope.regions) | Q(
        role_assignments__municipality__in=scope.municipalities
    )


def people_for(user: Any) -> QuerySet[User]:
    """The persons an office sees: everyone (platform-wide office) or those with a role in its
    regions or their member municipalities. Others: 403."""
    scope = _require_office(user)
    if scope.everything:
        return User.objects.all()
    ids = User.objects.filter(_in_scope(scope)).values("pk")
    return User.objects.filter(pk__in=ids)


def manages(user: Any, person: User, assignments: Iterable[RoleAssignment]) -> bool:
    """Whether ``user`` may deactivate ``person``, reset the second factor or send a new
    invitation: every role of the person lies in the office's scope (and nobody acts on the
    own account or, below the platform-wide office, on a superuser)."""
    scope = scope_of(user)
    if not scope.any or person.pk == getattr(user, "pk", None):
        return False
    if person.is_superuser and not scope.everything:
        return False
    return scope.covers((a.role, a.region_id, a.municipality_id) for a in assignments)


def get_person_for(user: Any, pk: int, *, write: bool = False) -> User:
    """A person the office sees (404 otherwise); ``write``: the office manages the person (403)."""
    person = people_for(user).filter(pk=pk).first()
    if person is None:
        raise Http404
    if write and not manages(user, person, RoleAssignment.objects.filter(user=person)):
        raise PermissionDenied(
            _(
                "Diese Person hat auch Rollen außerhalb Ihrer Region; ändern kann sie nur die "
                "plattformweite Geschäftsstelle."
            )
        )
    return person


def get_assignment_for(user: Any, person: User, pk: int) -> RoleAssignment:
    """A role of ``person`` that the office may take (404 when not the person's, 403 outside)."""
    assignment = RoleAssignment.objects.filter(user=person, pk=pk).first()
    if assignment is None:
        raise Http404
    if not scope_of(user).allows(assignment.role, assignment.region_id, assignment.municipality_id):
        raise PermissionDenied(_("Diese Rolle liegt außerhalb Ihrer Region; Sie können sie nicht entziehen."))
    return assignment


def can_take(user: Any, assignment: RoleAssignment) -> bool:
    return scope_of(user).allows(assignment.role, assignment.region_id, assignment.municipality_id)


def grantable_regions(user: Any) -> QuerySet[Any]:
    """The regions for which the office may give region-bound roles."""
    scope = scope_of(user)
    regions: QuerySet[Any] = region_model().objects.order_by("name")
    return regions if scope.everything else regions.filter(pk__in=scope.regions)


def grantable_municipalities(user: Any) -> QuerySet[Any]:
    """The municipalities for which the office may give municipal roles (platform-wide: every
    current one of the register below the Land, and the municipal organisations)."""
    scope = scope_of(user)
    units: QuerySet[Any] = municipality_model().objects.order_by("name", "key")
    if scope.everything:
        return units.filter(is_historical=False).exclude(level__in=["land", "regierungsbezirk"])
    return units.filter(pk__in=scope.municipalities)


def can_grant_platform_roles(user: Any) -> bool:
    return scope_of(user).everything


def get_municipality_access_for(user: Any, pk: int) -> Any:
    """The page "who has access to what" of a municipality: the offices whose scope holds it and
    its own contact persons (others 403, unknown 404)."""
    municipality = municipality_model().objects.filter(pk=pk).first()
    if municipality is None:
        raise Http404
    if not can_see_municipality_access(user, municipality):
        raise PermissionDenied(
            _(
                "Wer Zugang zu einer Kommune hat, sehen die Geschäftsstelle ihrer Region und die "
                "Ansprechpersonen der Kommune."
            )
        )
    return municipality


def can_see_municipality_access(user: Any, municipality: Any) -> bool:
    roles = roles_of(user)
    if roles.office_global or municipality.pk in roles.contact_municipalities:
        return True
    return roles.is_office and municipality.pk in scope_of(user).municipalities


def can_see_people_of(user: Any, municipality: Any) -> bool:
    """Whether the access page links the persons to their pages (the office), not only lists them."""
    return can_see_municipality_access(user, municipality) and scope_of(user).any


def import_regions(user: Any) -> QuerySet[Any]:
    """The regions for which the office may import persons with roles."""
    return grantable_regions(user)


def get_import_region_for(user: Any, pk: int) -> Any:
    """The region of an import of persons: 404 when unknown, 403 unless the office of it (or the
    platform-wide office)."""
    region = region_model().objects.filter(pk=pk).first()
    if region is None:
        raise Http404
    scope = scope_of(user)
    if not (scope.everything or region.pk in scope.regions):
        raise PermissionDenied(_("Personen einer Region importiert nur die Geschäftsstelle dieser Region."))
    return region
