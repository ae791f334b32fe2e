"""API fuzzing with schemathesis: every operation of the OpenAPI document, examples generated
from the schema, sent through the WSGI app as the office (token): no 5xx, answers match the
document. Bounded (10 examples per operation, derandomised) so the run stays reproducible."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ikz.api.registry import api
from ikz.api.services import create_token
from ikz.test import World
from ikz.tests.test_persona_matrix import _objects

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api"))
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


@pytest.fixture
def office_headers(world: World) -> Iterator[dict[str, str]]:
    _objects(world)  # the matrix's objects of Kommune A, so lists and details have content
    _token, secret = create_token(world.office, "schemathesis", actor=world.office)
    # Like django.test.Client: a request must not close the test's connection (its transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield {"Authorization": f"Bearer {secret}"}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


APP = WSGIHandler()


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_the_api_keeps_its_document(case: Any, office_headers: dict[str, str]) -> None:
    case.call_and_validate(app=APP, headers=office_headers, checks=CHECKS)
