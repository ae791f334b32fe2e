"""Fixtures of the accounts tests."""

from __future__ import annotations

from typing import Any

import pytest

from ikz.accounts.tests.sso_provider import configure


@pytest.fixture
def sso(settings: Any) -> Any:
    """Single sign-on switched on against the simulated Keycloak of ``sso_provider``."""
    return configure(settings)
