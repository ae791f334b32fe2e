"""The demo is loaded once for the demo tests, not once per test (a load takes 20-40 s and the
suite runs twice in CI; decision 209). It is loaded outside the tests' transactions when the first
module that uses it starts; each test runs in its own transaction over it and is rolled back, so
every test sees the demo exactly as loaded. A module that needs an empty database (the test of
loading from scratch, the national seed) says ``EMPTY_DATABASE = True``: the demo is removed
(``flush``) before it and loaded again for the next module that uses it; the package's end removes
it for the rest of the suite. That a second run of ``load_demo`` changes nothing is checked once, for
every model, in test_demo.py."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

# the folder of the loaded demo's files while the demo is in the database, else None
_LOADED: dict[str, Path | None] = {"media": None}


def _flush(django_db_blocker: Any) -> None:
    if _LOADED["media"] is not None:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
        _LOADED["media"] = None


@pytest.fixture(scope="package", autouse=True)
def _demo_removed_at_the_end(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    yield
    _flush(django_db_blocker)


@pytest.fixture(scope="module", autouse=True)
def _demo_loaded(
    request: pytest.FixtureRequest,
    _demo_removed_at_the_end: None,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path | None:
    if getattr(request.module, "EMPTY_DATABASE", False):
        _flush(django_db_blocker)
        return None
    if _LOADED["media"] is None:
        media = tmp_path_factory.mktemp("demo-media")
        fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        with (
            django_db_blocker.unblock(),
            override_settings(
                MEDIA_ROOT=media, PASSWORD_HASHERS=fast, IKZ_PAGE_CACHE=False, IKZ_READ_CACHE=False
            ),
        ):
            call_command("load_demo", stdout=io.StringIO())
        _LOADED["media"] = media
    return _LOADED["media"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory, _demo_loaded: Path | None) -> None:
    """The demo's files stay where the demo put them (the project's fixture otherwise)."""
    settings.MEDIA_ROOT = _demo_loaded or tmp_path_factory.mktemp("media")
