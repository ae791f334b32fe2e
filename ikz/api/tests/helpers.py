"""Test helpers: a token client per persona and the matrix's objects of Kommune A."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from ikz.api.services import create_token
from ikz.test import World


class ApiClient:
    """JSON requests with ``Authorization: Bearer <secret>`` (no session, no CSRF)."""

    def __init__(self, secret: str | None) -> None:
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}

    def get(self, url: str, **params: Any) -> Any:
        return self.client.get(url, params, **self.headers)

    def patch(self, url: str, body: Any) -> Any:
        data = body if isinstance(body, str) else json.dumps(body)
        return self.client.patch(url, data, content_type="application/json", **self.headers)

    def post(self, url: str, body: Any) -> Any:
        data = body if isinstance(body, str) else json.dumps(body)
        return self.client.post(url, data, content_type="application/json", **self.headers)


def api_client(world: World, persona: str) -> ApiClient:
    user = world.users()[persona]
    if user is None:
        return ApiClient(None)
    _token, secret = create_token(user, f"Test {persona}", actor=user)
    return ApiClient(secret)
