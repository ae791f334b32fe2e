"""Seed 003, Interessenbekundungsverfahren 2013: the call and its ranking.

Idempotent: what exists is left alone."""

from __future__ import annotations

from ikz.demo.context import DemoContext


def load(ctx: DemoContext) -> None:
    """Create what is missing, through the services (so it is audited)."""
