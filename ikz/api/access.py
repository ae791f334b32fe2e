"""Tokens: everyone logged in manages their own tokens only; someone else's token is 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from ikz.accounts.access import roles_of
from ikz.api.models import ApiToken


def tokens_for(user: Any) -> QuerySet[ApiToken]:
    if not roles_of(user).authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)


def get_token_for(user: Any, pk: int) -> ApiToken:
    try:
        return tokens_for(user).get(pk=pk)
    except ApiToken.DoesNotExist as exc:
        raise Http404 from exc
