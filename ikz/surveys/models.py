"""Bestandsaufnahmen: Erhebungen, Fragebögen, Rücklauf."""

from __future__ import annotations
