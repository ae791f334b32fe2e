"""Grundsatzbeschlüsse und andere Gremienbeschlüsse je Kommune, mit Karte."""

from __future__ import annotations
