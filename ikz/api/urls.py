"""``/api/``: our pages (reference, tokens) first, then the NinjaAPI with every app's router."""

from __future__ import annotations

from django.urls import path

from ikz.api import views
from ikz.api.core import api
from ikz.cooperation.api import router as cooperation
from ikz.documents.api import router as documents
from ikz.interests.api import router as interests
from ikz.municipalities.api import router as municipalities
from ikz.network.api import router as network
from ikz.projects.api import router as projects
from ikz.surveys.api import router as surveys

# The router registry: one router per app (ikz/<app>/api.py).
ROUTERS = [municipalities, cooperation, surveys, interests, projects, documents, network]
for _router in ROUTERS:
    api.add_router("/", _router)

app_name = "api"
urlpatterns = [
    path("referenz/", views.reference, name="reference"),
    path("schluessel/", views.token_list, name="token_list"),
    path("schluessel/neu/", views.token_create, name="token_create"),
    path("schluessel/<int:pk>/widerrufen/", views.token_revoke, name="token_revoke"),
    path("", api.urls),
]
