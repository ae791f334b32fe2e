"""Thin views: access → form → service → redirect or render."""

from __future__ import annotations
