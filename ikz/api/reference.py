"""The reference page's content, read from the OpenAPI document (no ORM, no templates)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Param:
    name: str
    where: str
    required: bool
    type: str
    description: str


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    anchor: str
    description: str = ""
    params: list[Param] = field(default_factory=list)
    body: list[Param] = field(default_factory=list)
    responses: list[tuple[str, str, list[Param]]] = field(default_factory=list)
    curl: str = ""


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        return dict(document["components"]["schemas"][ref.rsplit("/", 1)[1]])
    return schema


def type_of(schema: dict[str, Any], document: dict[str, Any]) -> str:
    schema = _resolve(schema, document)
    if "anyOf" in schema:
        kinds = [type_of(s, document) for s in schema["anyOf"]]
        return " oder ".join(k for k in kinds if k != "null") + (" (oder null)" if "null" in kinds else "")
    if "enum" in schema:
        return "eins von: " + ", ".join(str(v) for v in schema["enum"])
    kind = str(schema.get("type", schema.get("title", "Objekt")))
    if kind == "array":
        return "Liste von " + type_of(schema.get("items", {}), document)
    if schema.get("format") == "date":
        return "Datum (JJJJ-MM-TT)"
    if schema.get("format") == "date-time":
        return "Zeitpunkt (ISO 8601)"
    limits = []
    if "maxLength" in schema:
        limits.append(f"höchstens {schema['maxLength']} Zeichen")
    if "maximum" in schema:
        limits.append(f"höchstens {schema['maximum']}")
    return kind + (f" ({', '.join(limits)})" if limits else "")


def fields_of(schema: dict[str, Any], document: dict[str, Any]) -> list[Param]:
    schema = _resolve(schema, document)
    required = set(schema.get("required", []))
    return [
        Param(name, "body", name in required, type_of(sub, document), str(sub.get("description", "")))
        for name, sub in schema.get("properties", {}).items()
    ]


def operations(document: dict[str, Any], base: str) -> list[tuple[str, list[Operation]]]:
    """Operations grouped by tag, in the order of the document."""
    groups: dict[str, list[Operation]] = {}
    for path, methods in document.get("paths", {}).items():
        for method, spec in methods.items():
            op = Operation(
                method=method.upper(),
                path=path,
                summary=str(spec.get("summary", "")),
                anchor=str(spec.get("operationId", f"{method}-{path}")),
                description=str(spec.get("description", "")),
            )
            for param in spec.get("parameters", []):
                op.params.append(
                    Param(
                        param["name"],
                        {"path": "Pfad", "query": "Abfrage"}.get(param["in"], param["in"]),
                        bool(param.get("required")),
                        type_of(param.get("schema", {}), document),
                        str(param.get("description", param.get("schema", {}).get("description", ""))),
                    )
                )
            body = spec.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            example_body: Any = {"version": 1}
            if body:
                op.body = fields_of(body, document)
                example_body = (_resolve(body, document).get("examples") or [example_body])[0]
            for status, answer in spec.get("responses", {}).items():
                schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
                resolved = _resolve(schema, document)
                items = resolved.get("properties", {}).get("items", {}).get("items")
                shown = fields_of(items, document) if items else fields_of(schema, document)
                op.responses.append((str(status), str(answer.get("description", "")), shown))
            example = path.replace("{pk}", "1").replace("{slug}", "beispiel")
            curl = f'curl -H "Authorization: Bearer $IKZ_TOKEN" {base}{example}'
            if op.method != "GET":
                payload = json.dumps(example_body, ensure_ascii=False)
                curl = (
                    f'curl -X {op.method} -H "Authorization: Bearer $IKZ_TOKEN" '
                    f"-H \"Content-Type: application/json\" -d '{payload}' {base}{example}"
                )
            op.curl = curl
            groups.setdefault(str((spec.get("tags") or ["Allgemein"])[0]), []).append(op)
    return list(groups.items())
