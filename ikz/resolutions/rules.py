"""Pure rules of this app: no database, no request."""

from __future__ import annotations
