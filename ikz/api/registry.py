"""The router registry: one router per app (``ikz/<app>/api.py``), added to the one NinjaAPI."""

from __future__ import annotations

from ikz.api.core import api
from ikz.cooperation.api import router as cooperation
from ikz.costs.api import router as costs
from ikz.documents.api import router as documents
from ikz.interests.api import router as interests
from ikz.membership.api import router as membership
from ikz.municipalities.api import router as municipalities
from ikz.network.api import router as network
from ikz.projects.api import router as projects
from ikz.resolutions.api import router as resolutions
from ikz.surveys.api import router as surveys

ROUTERS = [
    municipalities,
    cooperation,
    surveys,
    interests,
    resolutions,
    projects,
    costs,
    membership,
    documents,
    network,
]
for _router in ROUTERS:
    api.add_router("/", _router)


__all__ = ["api"]
