"""Input checks of the contract (CONTRACT.md, INVALID_INPUT): every problem of an instance."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from solver.checks.messages import LANGS, MESSAGES, Problem, Word, render
from solver.checks.rules import (
    date_problems,
    id_problems,
    reference_problems,
    topic_problems,
)
from solver.checks.schema import schema_problems, schema_validator
from solver.instance import Instance, from_dict
from solver.solution import Solution

__all__ = [
    "LANGS", "MESSAGES", "InvalidInstance", "document_name", "instance_errors",
    "invalid_solution", "load_instance", "parse_source", "schema_validator",
]

log = logging.getLogger(__name__)
JSON_KINDS = {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer",
              float: "number", type(None): "null"}

class InvalidInstance(Exception):
    """An instance document that breaks the contract; `.errors` says how, one line per problem."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = list(errors)


# ---- the public entry points --------------------------------------------------------------
def problems(doc: Any) -> list[Problem]:
    """Every problem of an instance document, unrendered."""
    if not isinstance(doc, dict):
        return [("not_object", {"kind": Word(JSON_KINDS.get(type(doc), "null"))})]
    out = schema_problems(doc)
    for check in (id_problems, reference_problems, date_problems, topic_problems):
        out.extend(check(doc))
    return out


def instance_errors(doc: Any, lang: str = "en") -> list[str]:
    """Every problem of an instance document in words (record and field); [] when it is valid."""
    try:
        found = problems(doc)
    except Exception as exc:  # a safety net: never crash on input, whatever it is
        log.exception("input check failed")
        found = [("internal", {"detail": repr(exc)[:200]})]
    return [render(p, lang) for p in found]


def parse_source(source: Any, lang: str = "en") -> Any:
    """The document of a dict, JSON text/bytes or a path; InvalidInstance when unreadable."""
    if isinstance(source, Path):
        try:
            source = source.read_bytes()
        except OSError as exc:
            raise InvalidInstance([render(("unreadable", {"path": str(source),
                                                          "detail": exc.strerror}), lang)]) from exc
    if isinstance(source, str | bytes | bytearray):
        try:
            return json.loads(source)
        except (ValueError, RecursionError) as exc:
            detail = str(exc) or type(exc).__name__
            raise InvalidInstance([render(("not_json", {"detail": detail}), lang)]) from exc
    return source


def load_instance(source: Any, lang: str = "en") -> Instance:
    """Read, check and build an Instance; raises InvalidInstance listing every problem."""
    doc = parse_source(source, lang)
    errors = instance_errors(doc, lang)
    if errors:
        raise InvalidInstance(errors)
    try:
        return from_dict(doc)
    except Exception as exc:  # the checks should have caught it; say so rather than crash
        log.exception("from_dict failed on a checked instance")
        raise InvalidInstance([render(("internal", {"detail": repr(exc)[:200]}), lang)]) from exc


def document_name(doc: Any) -> str:
    """The instance's name when the document has a readable one, else ""."""
    name = doc.get("name") if isinstance(doc, dict) else None
    return name if isinstance(name, str) else ""


def invalid_solution(name: str, errors: list[str]) -> Solution:
    """The INVALID_INPUT answer: no classes, the errors."""
    return Solution(instance=name, status="INVALID_INPUT", classes=[], unserved=[],
                    errors=list(errors))
