"""Seed 003, Bestandsaufnahme 2013: the inventory behind the two matrices.

Idempotent: what exists is left alone."""

from __future__ import annotations

from ikz.demo.context import DemoContext


def load(ctx: DemoContext) -> None:
    """Create what is missing, through the services (so it is audited)."""
