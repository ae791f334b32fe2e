"""Links from other apps on an object's page (decision 211): an app that refers to a project (the
funding applications, later meetings) registers ``register("projects.project", collect)`` in its
``sources.py``, where ``collect(user, obj)`` returns the ``RelatedLink``s the person may follow; the
project page shows them under "Verknüpft". The owning app (projects) imports only this module, so
no app has to import the apps that point at it. The registry knows no domain app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RelatedLink:
    label: str
    url: str
    note: str = ""


Collect = Callable[[Any, Any], list[RelatedLink]]
SOURCES: dict[str, list[Collect]] = {}


def register(model_label: str, collect: Collect) -> None:
    """Add ``collect`` for objects of ``model_label`` ("projects.project"); registering twice is harmless."""
    collectors = SOURCES.setdefault(model_label, [])
    if collect not in collectors:
        collectors.append(collect)


def links_for(user: Any, obj: Any) -> list[RelatedLink]:
    """Every link the registered apps offer for ``obj`` to ``user``, in the order of registration."""
    label = f"{obj._meta.app_label}.{obj._meta.model_name}"
    return [link for collect in SOURCES.get(label, []) for link in collect(user, obj)]
