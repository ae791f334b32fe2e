"""Pure rules of the page cache (decision 205): which pages, the key, the form tokens."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

# The pages kept: read-only views (no side effect of a GET but the API's rate count, which its gate
# in ``registry`` keeps; no reading log) whose content is written only through
# ``ikz.audit.services.record`` or a writer that changes the generation itself (search index,
# failed jobs, bulk audit entries). Not here: the people pages (they show the last login, written
# without an audit entry), import runs (their state changes in background jobs), notifications.
# A form's page is kept as first shown: its tokens are renewed on every answer, its version field
# changes with the generation.
CACHED_VIEWS = frozenset(
    {
        "home",
        "municipalities:municipality_list",
        "municipalities:municipality_detail",
        "municipalities:region_detail",
        "municipalities:municipality_history",
        "accounts:municipality_access",
        "cooperation:taskarea_list",
        "cooperation:matrix",
        "cooperation:inventory_overview",
        "cooperation:operation_list",
        "cooperation:cooperation_detail",
        "surveys:tracking",
        "surveys:response_edit",
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
        "documents:document_list",
        "network:overview",
        "portal:index",
        "portal:region",
        "portal:search",
        "portal:project_detail",
        "portal:publishing",
        "portal:news_list",
        "api-v1:municipality_list",
        "api-v1:region_list",
        "api-v1:cooperation_list",
        "api-v1:project_list",
        "api-v1:milestone_list",
        "api-v1:solution_list",
        "api-v1:document_list",
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
