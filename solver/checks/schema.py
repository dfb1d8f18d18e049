"""The JSON schema part of the input checks: each breach with its JSON path."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from solver.checks.messages import MESSAGES, Problem, short

CONTRACT_DIR = Path(__file__).parent.parent / "contract"


@cache
def schema_validator(name: str = "instance") -> Draft202012Validator:
    """A validator of `solver/contract/<name>.schema.json`, resolving the other local schema."""
    docs = {p.name: json.loads(p.read_text("utf-8")) for p in CONTRACT_DIR.glob("*.schema.json")}
    registry = Registry().with_resources(
        (key, Resource.from_contents(doc)) for key, doc in docs.items()
    )
    return Draft202012Validator(docs[f"{name}.schema.json"], registry=registry)


def schema_problems(doc: Any, name: str = "instance") -> list[Problem]:
    """Every breach of the JSON schema, each with its JSON path."""
    out: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()
    errors = sorted(schema_validator(name).iter_errors(doc), key=_path_key)
    for err in errors:
        for problem in _problems_of(err):
            key = (problem[0], problem[1]["path"], problem[1].get("field", ""))
            if key not in seen:  # `required` errors come once per missing field
                seen.add(key)
                out.append(problem)
    return out


def _path_key(err: Any) -> list[tuple[int, int, str]]:
    """Sort errors by document order: list indices as numbers, field names as text."""
    return [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in err.path]


def _problems_of(err: Any) -> list[Problem]:
    """The problems of one schema error (one per missing or unknown field)."""
    kind = err.validator
    params: dict[str, Any] = {"path": err.json_path, "value": short(err.instance),
                              "detail": err.message}
    if kind in ("required", "additionalProperties"):
        fields = _fields(err)
        return [(kind, {**params, "field": f}) for f in fields] or [("schema", params)]
    if kind == "type":
        expected = err.validator_value
        params["expected"] = [expected] if isinstance(expected, str) else list(expected)
    else:
        params["limit"] = short(err.validator_value)
        params["pattern"] = err.validator_value
    return [(kind if kind in MESSAGES else "schema", params)]


def _fields(err: Any) -> list[str]:
    """The fields named by a `required` (missing) or `additionalProperties` (unknown) error."""
    have = err.instance if isinstance(err.instance, dict) else {}
    if err.validator == "required":
        return [f for f in err.validator_value if f not in have]
    allowed = err.schema.get("properties", {})
    return [str(k) for k in have if k not in allowed]
