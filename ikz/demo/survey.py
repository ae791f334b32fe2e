"""Seed 003, Bestandsaufnahme 2013: the campaign with its questionnaires and answers.

Idempotent: what exists is left alone."""

from __future__ import annotations

from ikz.demo.context import DemoContext


def load(ctx: DemoContext) -> None:
    """Create what is missing, through the services (so it is audited)."""
