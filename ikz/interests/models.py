"""Interessenbekundungsverfahren: Aufrufe, Bekundungen, Rangfolge."""

from __future__ import annotations
