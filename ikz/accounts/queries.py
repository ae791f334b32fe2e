"""Reads of accounts: a person's role assignments and second factor (the device, the secret of a
set-up not yet confirmed, the recovery codes left), an active account by id; and the pages of
people and access (the list, a person, who has access to a municipality, the export)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts import access, rules
from ikz.accounts.models import Invitation, RecoveryCode, Role, RoleAssignment, TotpDevice, User
from ikz.lib.exports import Cell, Table


def active_user(pk: int) -> User | None:
    return User.objects.filter(pk=pk, is_active=True).first()


def assignments_of(user: User) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(user=user.pk).select_related("region", "municipality")


def device_of(user: User) -> TotpDevice | None:
    return TotpDevice.objects.filter(user=user).first()


def secret_keys() -> list[str]:
    """The keys that seal the authenticator secrets (the current one first)."""
    return [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]


def has_confirmed_device(user: User) -> bool:
    """A confirmed authenticator app."""
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def pending_secret(user: User) -> str | None:
    """The secret of a set-up not yet confirmed (shown on the set-up page), else None."""
    device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=True).first()
    return rules.open_secret(device.secret, secret_keys()) if device else None


def unused_recovery_codes(user: User) -> int:
    return RecoveryCode.objects.filter(device__user=user, used_at__isnull=True).count()


# --- People and access ("Personen und Zugänge") ----------------------------------------------------

PAGE_SIZE = 50


@dataclass(frozen=True)
class RoleRow:
    assignment: RoleAssignment
    label: str
    takeable: bool


@dataclass(frozen=True)
class PersonRow:
    person: User
    roles: list[str]
    two_factor: bool
    status: str
    status_label: str


def _annotated(people: QuerySet[User]) -> QuerySet[User]:
    now = timezone.now()
    open_links = Invitation.objects.filter(
        user=OuterRef("pk"), used_at__isnull=True, replaced_at__isnull=True
    ).order_by("-created_at")
    return people.annotate(
        has_two_factor=Exists(TotpDevice.objects.filter(user=OuterRef("pk"), confirmed_at__isnull=False)),
        link_expires=Subquery(open_links.values("expires_at")[:1]),
        link_open=Exists(open_links.filter(expires_at__gt=now)),
    ).prefetch_related(
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.select_related("region", "municipality").order_by("role", "pk"),
        )
    )


def filter_people(people: QuerySet[User], filters: dict[str, Any] | None) -> QuerySet[User]:
    """The persons matching the list's filters (name or address, role, status), sorted by name."""
    filters = filters or {}
    text = str(filters.get("q") or "").strip()
    if text:
        people = people.filter(
            Q(last_name__icontains=text)
            | Q(first_name__icontains=text)
            | Q(email__icontains=text)
            | Q(username__icontains=text)
        )
    if filters.get("role"):
        people = people.filter(pk__in=RoleAssignment.objects.filter(role=filters["role"]).values("user_id"))
    status = filters.get("status")
    if status == "deactivated":
        people = people.filter(is_active=False)
    elif status == "invited":
        people = people.filter(is_active=True, password__startswith=UNUSABLE_PASSWORD_PREFIX)
    elif status == "active":
        people = people.filter(is_active=True).exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
    return people.order_by("last_name", "first_name", "username")


def _status(person: User) -> str:
    return rules.person_status(
        active=person.is_active,
        has_password=not person.password.startswith(UNUSABLE_PASSWORD_PREFIX),
        link_open=bool(getattr(person, "link_open", False)),
    )


def person_rows(people: Iterable[User]) -> list[PersonRow]:
    """The rows of a page of the list (``people`` from :func:`people_page`)."""
    labels = rules.status_labels
    return [
        PersonRow(
            person=person,
            roles=[a.label for a in person.role_assignments.all()],
            two_factor=bool(getattr(person, "has_two_factor", False)),
            status=(status := _status(person)),
            status_label=str(labels()[status]),
        )
        for person in people
    ]


def people_page(people: QuerySet[User]) -> QuerySet[User]:
    """``people`` with what the list shows (second factor, open link, roles): three queries a page."""
    return _annotated(people)


@dataclass(frozen=True)
class PersonDetail:
    person: User
    roles: list[RoleRow]
    two_factor: bool
    status: str
    status_label: str
    invitations: list[tuple[Invitation, str]]
    active_tokens: int


def person_detail(person: User, takeable: Callable[[RoleAssignment], bool]) -> PersonDetail:
    """A person's page: roles (which the office may take), second factor, links sent, API keys."""
    annotated = _annotated(User.objects.filter(pk=person.pk)).annotate(
        active_tokens=Count("api_tokens", filter=Q(api_tokens__revoked_at__isnull=True))
    )
    found = annotated.get()
    now = timezone.now()
    invitations = [
        (
            invitation,
            rules.invitation_state(
                now,
                expires_at=invitation.expires_at,
                used_at=invitation.used_at,
                replaced_at=invitation.replaced_at,
            ),
        )
        for invitation in Invitation.objects.filter(user=person).select_related("invited_by")[:10]
    ]
    status = _status(found)
    return PersonDetail(
        person=found,
        roles=[RoleRow(a, a.label, takeable(a)) for a in found.role_assignments.all()],
        two_factor=bool(getattr(found, "has_two_factor", False)),
        status=status,
        status_label=str(rules.status_labels()[status]),
        invitations=invitations,
        active_tokens=int(getattr(found, "active_tokens", 0)),
    )


def invitation_by_token(token: str) -> tuple[Invitation | None, str]:
    """The invitation of a link and its state (``unknown`` when there is none)."""
    invitation = (
        Invitation.objects.select_related("user").filter(token_hash=rules.hash_token(token)).first()
        if len(token) <= 100
        else None
    )
    if invitation is None:
        return None, "unknown"
    state = rules.invitation_state(
        timezone.now(),
        expires_at=invitation.expires_at,
        used_at=invitation.used_at,
        replaced_at=invitation.replaced_at,
    )
    if state == "open" and not invitation.user.is_active:
        state = "deactivated"
    return invitation, state


@dataclass(frozen=True)
class AccessRow:
    person: User
    role: str
    via: str
    allows: str


def municipality_access(municipality: Any) -> list[AccessRow]:
    """Who has access to what of one municipality: its contact persons and members, the office,
    steering group and project leads of every region it belongs to, and the platform-wide office."""
    regions = access.region_model().objects.filter(members__municipality=municipality).values("pk")
    assignments = (
        RoleAssignment.objects.filter(
            Q(municipality=municipality)
            | Q(region__in=regions)
            | Q(role=Role.OFFICE, region__isnull=True, municipality__isnull=True)
        )
        .select_related("user", "region")
        .order_by("role", "user__last_name", "user__first_name", "pk")
    )
    rows = []
    for a in assignments:
        via = str(a.region) if a.region is not None else ""
        if a.municipality_id is not None:
            via = str(_("diese Kommune"))
        elif a.region is None:
            via = str(_("plattformweit"))
        rows.append(AccessRow(a.user, str(Role(a.role).label), via, str(rules.role_allows()[a.role])))
    return rows


EXPORT_COLUMNS = ["Nachname", "Vorname", "E-Mail", "Funktion", "Rolle", "Region/AGS"]


def people_table(people: QuerySet[User], title: str, grants: rules.Scope, *, subtitle: str = "") -> Table:
    """The persons with their roles inside ``grants`` (the office's or one region's scope), one row
    per role; a person without such a role: one row with an empty role. The columns are those of
    the import "Personen mit Rollen", so the file imports back unchanged."""
    rows: list[list[Cell]] = []
    for person in _annotated(people.order_by("last_name", "first_name", "username")):
        assignments = [
            a for a in person.role_assignments.all() if grants.allows(a.role, a.region_id, a.municipality_id)
        ]
        base: list[Cell] = [person.last_name, person.first_name, person.email, person.function]
        if not assignments:
            rows.append([*base, "", ""])
        for a in assignments:
            target = ""
            if a.municipality is not None:
                target = a.municipality.key or ""
            elif a.region is not None:
                target = a.region.slug
            rows.append([*base, str(Role(a.role).label), target])
    return Table(title=title, columns=EXPORT_COLUMNS, rows=rows, subtitle=subtitle)
