"""Object storage for tests: an S3 bucket in this process (moto), and an S3 endpoint that is down.

The fixtures ``s3`` and ``s3_down`` are available to every test (ikz/conftest.py loads this module
as a plugin). The storage options are those of settings.py (IKZ_S3_*), so the tests run the
production code path."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from botocore.config import Config
from moto import mock_aws

BUCKET = "ikz-test"
REGION = "eu-central-1"


def s3_storage(*, endpoint_url: str | None = None, attempts: int = 3, timeout: int = 10) -> dict[str, Any]:
    """STORAGES["default"] as settings.py builds it when IKZ_S3_BUCKET is set."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET,
            "endpoint_url": endpoint_url,
            "access_key": "test",
            "secret_key": "test",
            "region_name": REGION,
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
            "client_config": Config(
                s3={"addressing_style": "path" if endpoint_url else "auto"},
                connect_timeout=timeout,
                read_timeout=timeout,
                retries={"mode": "standard", "max_attempts": attempts},
            ),
        },
    }


@dataclass(frozen=True)
class Bucket:
    client: Any
    name: str

    def objects(self) -> list[str]:
        answer = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in answer.get("Contents", []))

    def read(self, key: str) -> bytes:
        body: bytes = self.client.get_object(Bucket=self.name, Key=key)["Body"].read()
        return body


@pytest.fixture
def s3(settings: Any) -> Iterator[Bucket]:
    """The default storage is an S3 bucket (moto, in this process) for the test."""
    with mock_aws():
        client = boto3.client(
            "s3", region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test"
        )
        client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        settings.STORAGES = {**settings.STORAGES, "default": s3_storage()}
        yield Bucket(client, BUCKET)


def closed_port() -> int:
    """A local port nobody listens on (bound and released: connections are refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def s3_down(settings: Any) -> None:
    """The default storage is an S3 endpoint that is down (nothing listens on its port)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(endpoint_url=f"http://127.0.0.1:{closed_port()}", attempts=1, timeout=2),
    }
