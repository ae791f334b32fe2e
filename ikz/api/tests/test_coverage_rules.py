"""The API's pure rules: the bearer header, secrets and their hashes (no database)."""

from __future__ import annotations

import hashlib

import pytest

from ikz.api import rules


@pytest.mark.parametrize(
    ("header", "secret"),
    [
        ("Bearer abc123", "abc123"),
        ("bearer   abc123  ", "abc123"),
        ("BEARER abc123", "abc123"),
        ("Basic dXNlcjpwYXNz", None),
        ("Bearer", None),
        ("Bearer    ", None),
        ("", None),
    ],
)
def test_the_secret_is_read_only_from_a_bearer_header(header: str, secret: str | None) -> None:
    assert rules.bearer_secret(header) == secret


def test_a_new_secret_is_long_random_and_stored_only_as_its_hash() -> None:
    first, second = rules.new_secret(), rules.new_secret()
    assert first != second and len(first) == 43
    assert rules.hash_secret(first) == hashlib.sha256(first.encode()).hexdigest()
    assert rules.hash_secret(first) != rules.hash_secret(second)
    assert rules.prefix_of(first) == first[: rules.PREFIX_LENGTH] and len(rules.prefix_of(first)) == 8
