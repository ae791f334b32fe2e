"""Text documents as PDF only: the one builder is :mod:`ikz.lib.textdoc` (``TextDocument``, whose
``output()`` is the PDF). This name stays for the callers that only print."""

from __future__ import annotations

from ikz.lib.textdoc import TextDocument as Document

__all__ = ["Document"]
