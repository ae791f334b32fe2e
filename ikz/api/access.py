"""Who manages which keys, and with which rights a key reads.

Personal keys: everyone logged in manages their own only; someone else's key is 404. Keys of
technical accounts: the office manages those of its regions (the platform-wide office all of them).
A technical account reads with the rights of the office of its region — and only reads."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from ikz.accounts.access import Roles, roles_of
from ikz.api.models import ApiToken, TechnicalAccount


class TechnicalPrincipal:
    """The caller behind a technical account's key: no person, no row in the people's list. The
    apps' access rules see it through ``roles_of`` (the cached roles), as the office of its region."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    pk = None
    id = None
    email = ""

    def __init__(self, account: TechnicalAccount) -> None:
        self.account = account
        self._ikz_roles = Roles(authenticated=True, office_regions=frozenset({account.region_id}))

    def get_full_name(self) -> str:
        return str(self.account.name)

    def get_username(self) -> str:
        return f"technisch:{self.account.pk}"

    def __str__(self) -> str:
        return self.get_full_name()


def principal_of(token: ApiToken) -> Any:
    """Whom a valid key acts for: its person, or its technical account."""
    if token.account is not None:
        return TechnicalPrincipal(token.account)
    return token.user


def manages_technical_accounts(user: Any) -> bool:
    return roles_of(user).is_office


def _regions_of(user: Any) -> Q:
    roles = roles_of(user)
    if roles.office_global:
        return Q()
    return Q(account__region_id__in=roles.office_regions)


def tokens_for(user: Any) -> QuerySet[ApiToken]:
    """The person's own keys."""
    if not roles_of(user).authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)


def technical_tokens_for(user: Any) -> QuerySet[ApiToken]:
    """The technical accounts' keys the person manages (the office: of its regions)."""
    if not manages_technical_accounts(user):
        return ApiToken.objects.none()
    return (
        ApiToken.objects.filter(account__isnull=False)
        .filter(_regions_of(user))
        .select_related("account", "account__region")
        .order_by("account__name", "-created_at", "-pk")
    )


def regions_for_technical_accounts(user: Any) -> QuerySet[Any]:
    """The regions for which the person may create a technical account (reached through the
    account's own foreign key: the api app imports no app that builds on it)."""
    region_model: Any = TechnicalAccount._meta.get_field("region").related_model
    roles = roles_of(user)
    regions: QuerySet[Any] = region_model._default_manager.order_by("name", "pk")
    if roles.office_global:
        return regions
    return regions.filter(pk__in=roles.office_regions)


def get_token_for(user: Any, pk: int) -> ApiToken:
    """One of the person's own keys, or a technical key the person manages; else 404."""
    for queryset in (tokens_for(user), technical_tokens_for(user)):
        token = queryset.filter(pk=pk).first()
        if token is not None:
            return token
    raise Http404
