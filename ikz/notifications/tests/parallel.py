"""Helpers for tests with real parallel database connections (PostgreSQL only)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Braucht PostgreSQL (echte parallele Verbindungen und Zeilensperren); SQLite lässt nur "
            "einen Schreiber zu. CI führt diesen Test im PostgreSQL-Lauf aus (DATABASE_URL=postgres://…)."
        )


def side_by_side(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads (own database connections) that start at the same moment."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = calls[i]()
        except BaseException as exc:  # reported to the test below
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hangs"
    assert not [r for r in results if isinstance(r, BaseException)], results
    return results
