"""The router registry: one router per app (``ikz/<app>/api.py``, its ``router``), added to the
one NinjaAPI in the order of ``INSTALLED_APPS``. The api app names none of them: it finds the
``api`` module of every installed app."""

from __future__ import annotations

import importlib
import importlib.util

from django.apps import apps
from ninja import Router

from ikz.api.core import api


def _app_routers() -> list[Router]:
    routers: list[Router] = []
    for config in apps.get_app_configs():
        name = f"{config.name}.api"
        if config.name == "ikz.api" or importlib.util.find_spec(name) is None:
            continue
        router = getattr(importlib.import_module(name), "router", None)
        if isinstance(router, Router):
            routers.append(router)
    return routers


ROUTERS = _app_routers()
for _router in ROUTERS:
    api.add_router("/", _router)


__all__ = ["api"]
