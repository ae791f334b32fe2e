"""Seed 003, IKZ-Grundsatzbeschlüsse of the 15 municipalities.

Idempotent: what exists is left alone."""

from __future__ import annotations

from ikz.demo.context import DemoContext


def load(ctx: DemoContext) -> None:
    """Create what is missing, through the services (so it is audited)."""
