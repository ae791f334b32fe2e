"""Pure rules of the page cache (decision 205): which pages, the key, the form tokens."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

# The pages kept: read-only views (no side effect of a GET, no rate limit, no reading log) whose
# content is written only through ``ikz.audit.services.record`` (or a writer that bumps the
# generation itself). Not here: the API (every request counts for its rate limit), people and
# access pages (security-relevant, small), forms that are being filled in, import runs and
# documents (their state changes in background jobs), notifications.
CACHED_VIEWS = frozenset(
    {
        "home",
        "municipalities:municipality_list",
        "municipalities:municipality_detail",
        "municipalities:region_detail",
        "municipalities:municipality_history",
        "cooperation:taskarea_list",
        "cooperation:matrix",
        "cooperation:inventory_overview",
        "cooperation:operation_list",
        "cooperation:cooperation_detail",
        "surveys:tracking",
        "interests:ranking",
        "resolutions:overview",
        "projects:project_list",
        "projects:participation_matrix",
        "projects:dashboard",
        "projects:project_detail",
        "reports:report_detail",
        "costs:cooperation_costs",
        "costs:allocation_detail",
        "costs:region_savings",
        "costs:programme_list",
        "membership:pipeline",
        "membership:member_list",
        "membership:service_list",
        "search:search",
        "network:overview",
        "portal:index",
        "portal:region",
        "portal:search",
        "portal:project_detail",
    }
)

CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]+)(")')


def key(*, generation: str, viewer: str, language: str, today: str, host: str, path: str, accept: str) -> str:
    """The cache key of a page: the data generation, who looks (a user id, or "anon" for every
    visitor without login, who all see the same), the language, today's date (pages "as of today"
    change at midnight; a past Stand is part of the path), the host and the full path with its
    query."""
    raw = "\x1f".join((generation, viewer, language, today, host, path, accept))
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def with_fresh_tokens(html: str, token: Callable[[], str]) -> str:
    """``html`` with every form's CSRF token replaced by one of the current session (a stored page
    may come from another session of the same person or from another visitor)."""
    return CSRF_VALUE.sub(lambda m: m.group(1) + token() + m.group(3), html)
