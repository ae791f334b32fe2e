"""State changes of this app; each records who did what and when."""

from __future__ import annotations
