"""docs/api.md lists exactly the addresses the API has: its table "Alle Adressen" equals the
OpenAPI document's paths and methods (both directions), and every other /api/ address the text
mentions is one of them or one of the api app's pages."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import Resolver404, resolve

from ikz.api.registry import api

DOC = Path(__file__).resolve().parents[3] / "docs" / "api.md"
ROW = re.compile(r"^\| `(/api/[^`]*)` \| ([A-Z, ]+) \|")
MENTION = re.compile(r"/api/[A-Za-z0-9_{}./-]*")


def _documented() -> dict[str, set[str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("\n## Alle Adressen\n", 1)[1].split("\n## ", 1)[0]
    rows = [ROW.match(line) for line in section.splitlines()]
    return {m.group(1): {x.strip() for x in m.group(2).split(",")} for m in rows if m}


def _openapi() -> dict[str, set[str]]:
    paths = api.get_openapi_schema(path_prefix="/api")["paths"]
    return {path: {method.upper() for method in methods} for path, methods in paths.items()}


def test_the_table_of_addresses_equals_the_openapi_document() -> None:
    documented, actual = _documented(), _openapi()
    assert sorted(set(actual) - set(documented)) == [], "im OpenAPI-Dokument, nicht in docs/api.md"
    assert sorted(set(documented) - set(actual)) == [], "in docs/api.md, nicht im OpenAPI-Dokument"
    wrong = {p: (documented[p], actual[p]) for p in actual if documented[p] != actual[p]}
    assert wrong == {}, "Methoden weichen ab (docs/api.md, OpenAPI)"


def _pattern(template: str) -> re.Pattern[str]:
    escaped = re.escape(template).replace(r"\{pk\}", r"(\{pk\}|[0-9]+)").replace(r"\{slug\}", r"[^/]+")
    return re.compile(escaped + "$")


def test_every_address_the_text_mentions_exists() -> None:
    patterns = [_pattern(path) for path in _openapi()]
    unknown = []
    for mention in sorted(set(MENTION.findall(DOC.read_text(encoding="utf-8")))):
        path = mention.rstrip(".")
        if "…" in path or any(p.match(path) for p in patterns):
            continue
        try:
            match = resolve(path)
        except Resolver404:
            unknown.append(path)
            continue
        # a page of the api app (reference, keys) or the OpenAPI document itself
        if match.namespace != "api" and match.view_name != "api-v1:openapi-json":
            unknown.append(path)
    assert unknown == []


def test_the_checker_reads_the_table_and_refuses_an_invented_address() -> None:
    documented = _documented()
    assert "/api/projekte/{pk}/" in documented and documented["/api/projekte/{pk}/"] == {"GET", "PATCH"}
    assert not any(_pattern(p).match("/api/erfunden/") for p in _openapi())
