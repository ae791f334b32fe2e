"""Shared pytest fixtures: the persona world and the location of the official register files."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from ikz.test import World, build_world

# The fixtures `s3` (a bucket in this process) and `s3_down` (an endpoint that is down).
pytest_plugins = ["ikz.documents.tests.s3"]

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
def _no_page_cache(settings: Any) -> None:
    """Tests write fixtures straight through the ORM (no audit entry, so no new data generation):
    the page and read cache (decision 205) are off unless a test turns it on (ikz/pagecache/tests)."""
    settings.IKZ_PAGE_CACHE = False
    settings.IKZ_READ_CACHE = False


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded files of a test go to a temporary folder, never into the project. Against object
    storage (IKZ_S3_BUCKET set, `make test-s3`): to a fresh prefix of the bucket per test."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    if settings.IKZ_S3_BUCKET:
        default = settings.STORAGES["default"]
        options = {**default["OPTIONS"], "location": f"test-{uuid.uuid4().hex}"}
        settings.STORAGES = {**settings.STORAGES, "default": {**default, "OPTIONS": options}}


@pytest.fixture(scope="session", autouse=True)
def _s3_bucket() -> None:
    """Against object storage: the bucket exists before the first test (moto starts empty)."""
    if not settings.IKZ_S3_BUCKET:
        return
    from botocore.exceptions import ClientError
    from django.core.files.storage import storages

    backend = storages.create_storage(settings.STORAGES["default"])
    client = backend.connection.meta.client  # type: ignore[attr-defined]
    try:
        client.head_bucket(Bucket=settings.IKZ_S3_BUCKET)
    except ClientError:
        client.create_bucket(
            Bucket=settings.IKZ_S3_BUCKET,
            CreateBucketConfiguration={"LocationConstraint": settings.IKZ_S3_REGION},
        )


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
