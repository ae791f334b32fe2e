"""The demo names its sources as a reader knows them, never by an internal file name (issue 18, 7)."""

from __future__ import annotations

import re
from pathlib import Path

from ikz.demo import citations

# loads the demo itself or needs none: the loaded demo is removed before this module (conftest.py)
EMPTY_DATABASE = True

DEMO = Path(__file__).resolve().parents[1]
INTERNAL = re.compile(r"[Ss]eed 00\d|00[03]_c[0-9a-f]{6}")


def _strings(text: str) -> list[str]:
    """String literals of a module (comments and docstrings are for developers)."""
    import ast

    tree = ast.parse(text)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def test_no_text_of_the_demo_names_a_seed_file() -> None:
    found = [
        (path.name, text)
        for path in sorted(DEMO.glob("*.py"))
        for text in _strings(path.read_text(encoding="utf-8"))
        if INTERNAL.search(text)
    ]
    assert not found, found


def test_the_talk_and_the_guide_are_named_with_occasion_and_date() -> None:
    assert "Fachtagung des Hessischen Ministeriums des Innern und für Sport, 27.09.2023" in citations.TALK
    assert citations.talk("Bestandsaufnahme 2013").endswith(": Bestandsaufnahme 2013")
    assert "K4K eG" in citations.GUIDE
    assert citations.PRESS_2013.startswith("Mainspitze vom 25.10.2013")
