"""Shared pytest fixtures: the persona world and the location of the official register files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from ikz.test import World, build_world

# Property tests assert results, never times: Hypothesis' 200 ms deadline per example made them
# fail on a loaded CI machine (two cores, parallel workers) without any change of behaviour; for the
# same reason the "too slow" health check (time to generate examples) is off.
hypothesis_settings.register_profile("ikz", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("ikz")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings: Any) -> None:
    """Hashing passwords properly is slow by design; tests use a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded files of a test go to a temporary folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    """``work_off()`` in a test runs django-tasks' worker loop, which calls
    ``close_old_connections()``; inside the transaction that wraps a test the connection's
    autocommit differs from the settings, so on PostgreSQL the test's own connection was closed
    ("the connection is closed"). In a transaction the worker leaves the connection alone."""
    from django.db import connection
    from django_tasks_db.management.commands import db_worker

    real = db_worker.close_old_connections

    def close_outside_transactions(**kwargs: Any) -> None:
        if not connection.in_atomic_block:
            real(**kwargs)

    monkeypatch.setattr(db_worker, "close_old_connections", close_outside_transactions)


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (or IKZ_SHARED_DATA_DIR); tests that need it skip with a reason when absent."""
    path = Path(settings.IKZ_SHARED_DATA_DIR)
    if not (path / "GV100AD_30112025.txt").exists():
        pytest.skip(
            f"Amtliche Registerdateien nicht gefunden unter {path} – "
            "IKZ_SHARED_DATA_DIR auf den Ordner shared/data setzen, um diese Tests auszuführen."
        )
    return path
