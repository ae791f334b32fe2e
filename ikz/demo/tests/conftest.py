"""The demo is loaded once per test module, not once per test (it takes 20-35 s; the suite runs
twice in CI). Each test runs in its own transaction over the loaded demo and is rolled back, so
every test sees the demo as loaded; the module's end empties the database for the next module.

A module that loads the demo itself (the test of loading: twice, the output) or does not need it
says ``DEMO_PER_MODULE = False``. A test that calls ``load_demo`` again checks that a second run
changes nothing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings


@pytest.fixture(scope="module", autouse=True)
def _demo_loaded(
    request: pytest.FixtureRequest,
    django_db_setup: None,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Path | None]:
    if not getattr(request.module, "DEMO_PER_MODULE", True):
        yield None
        return
    media = tmp_path_factory.mktemp("demo-media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media, PASSWORD_HASHERS=fast, IKZ_PAGE_CACHE=False, IKZ_READ_CACHE=False
        ),
    ):
        call_command("load_demo", stdout=io.StringIO())
    yield media
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory, _demo_loaded: Path | None) -> None:
    """The demo's files stay where the module's demo put them (the project's fixture otherwise)."""
    settings.MEDIA_ROOT = _demo_loaded or tmp_path_factory.mktemp("media")
