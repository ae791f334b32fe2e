"""Who sees the details of the health report: a monitor with the operator's token
(``Authorization: Bearer <IKZ_HEALTH_TOKEN>``) and the platform-wide office. Everyone else sees
only "ok" or "stale" and the names of the failing parts (no counts, no host names)."""

from __future__ import annotations

import hmac
from typing import Any

from django.conf import settings

from ikz.accounts.access import roles_of


def sees_details(user: Any, authorization: str) -> bool:
    token = settings.IKZ_HEALTH_TOKEN
    if token and authorization.startswith("Bearer "):
        return hmac.compare_digest(authorization.removeprefix("Bearer ").strip(), token)
    return roles_of(user).office_global
