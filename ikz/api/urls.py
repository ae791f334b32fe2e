"""``/api/``: our pages (reference, tokens). The NinjaAPI itself is mounted in ``ikz/urls.py``
(namespace ``api-v1``) from :mod:`ikz.api.registry`."""

from __future__ import annotations

from django.urls import path

from ikz.api import views

app_name = "api"
urlpatterns = [
    path("referenz/", views.reference, name="reference"),
    path("schluessel/", views.token_list, name="token_list"),
    path("schluessel/neu/", views.token_create, name="token_create"),
    path("schluessel/technisch/neu/", views.technical_create, name="technical_create"),
    path("schluessel/<int:pk>/widerrufen/", views.token_revoke, name="token_revoke"),
]
