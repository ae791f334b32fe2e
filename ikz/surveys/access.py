"""Who may see and change what in this app (web pages and, later, the API)."""

from __future__ import annotations
