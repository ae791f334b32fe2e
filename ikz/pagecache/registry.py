"""What an app runs before one of its pages is answered from the page cache (decision 205): the
API counts the request for its rate limit, as its view would have. Registered from the app's
``AppConfig.ready()``; the page cache knows no domain app."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

Gate = Callable[[HttpRequest], HttpResponse | None]  # a response refuses the request
GATES: dict[str, Gate] = {}  # URL namespace → gate


def register_gate(namespace: str, gate: Gate) -> None:
    GATES[namespace] = gate
