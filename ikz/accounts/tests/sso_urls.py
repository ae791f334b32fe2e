"""The project's URLs as they are with ``IKZ_OIDC_ENABLED=1`` (the real URLconf is read once at start)."""

from __future__ import annotations

from django.urls import URLResolver, include, path

from ikz import urls as project
from ikz.accounts import urls as accounts

urlpatterns = [
    path("konto/", include((accounts.urlpatterns + accounts.sso_patterns(), "accounts"))),
    *(p for p in project.urlpatterns if not (isinstance(p, URLResolver) and p.namespace == "accounts")),
]
