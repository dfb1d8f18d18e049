"""The input rules beyond the schema: ids, references, dates, day parts, sizes, cycles."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from solver.checks.messages import Problem, Rec, Word, short

COLLECTIONS = ("topics", "trainers", "venues", "communes", "officials", "fixed_classes")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?::([a-z]+))?$")


def records(doc: dict, coll: str) -> list[tuple[int, dict]]:
    """The (index, record) pairs of a collection, skipping anything that is not an object."""
    items = doc.get(coll)
    if not isinstance(items, list):
        return []
    return [(i, r) for i, r in enumerate(items) if isinstance(r, dict)]


def _strs(value: Any) -> list[str]:
    """The strings of a list (anything else is the schema's business)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def id_problems(doc: dict) -> list[Problem]:
    """Ids repeated within a collection, and (official, topic) requests asked twice."""
    out: list[Problem] = []
    for coll in COLLECTIONS:
        first: dict[str, Rec] = {}
        for i, r in records(doc, coll):
            rid = r.get("id")
            if not isinstance(rid, str):
                continue
            if rid in first:
                out.append(("repeated_id", {"rec": Rec(coll, i, rid), "id": rid,
                                            "first": first[rid]}))
            else:
                first[rid] = Rec(coll, i)
    asked: dict[tuple[str, str], Rec] = {}
    for i, r in records(doc, "requests"):
        key = (r.get("official"), r.get("topic"))
        if not all(isinstance(k, str) for k in key):
            continue
        if key in asked:
            out.append(("repeated_request", {"rec": Rec("requests", i), "official": key[0],
                                             "topic": key[1], "first": asked[key]}))
        else:
            asked[key] = Rec("requests", i)
    return out


def _ids(doc: dict, coll: str) -> set[str]:
    """The string ids of a collection."""
    return {r["id"] for _, r in records(doc, coll) if isinstance(r.get("id"), str)}


def reference_problems(doc: dict) -> list[Problem]:
    """References to topics, trainers, venues, communes or officials that do not exist."""
    known = {k: _ids(doc, k + "s") for k in ("topic", "trainer", "venue", "commune", "official")}
    # (collection, field, kind of the referred record, is the field a list)
    refs = [
        ("officials", "commune", "commune", False), ("officials", "completed", "topic", True),
        ("requests", "official", "official", False), ("requests", "topic", "topic", False),
        ("trainers", "topics", "topic", True), ("topics", "prerequisites", "topic", True),
        ("venues", "commune", "commune", False), ("fixed_classes", "topic", "topic", False),
        ("fixed_classes", "trainer", "trainer", False), ("fixed_classes", "venue", "venue", False),
        ("fixed_classes", "officials", "official", True),
    ]
    out: list[Problem] = []
    for coll, field, kind, many in refs:
        for i, r in records(doc, coll):
            values = _strs(r.get(field)) if many else _strs([r.get(field)])
            for ref in values:
                if ref not in known[kind]:
                    out.append(("unknown_ref", {"rec": Rec(coll, i, r.get("id")), "field": field,
                                                "kind": Word(kind), "ref": ref}))
    for i, r in records(doc, "communes"):
        travel = r.get("travel_minutes")
        for ref in travel if isinstance(travel, dict) else ():
            if ref not in known["venue"]:
                out.append(("unknown_ref", {"rec": Rec("communes", i, r.get("id")),
                                            "field": "travel_minutes", "kind": Word("venue"),
                                            "ref": ref}))
    return out


def _date_ok(y: str, m: str, d: str) -> bool:
    """Whether year, month and day make a real date."""
    try:
        date(int(y), int(m), int(d))
    except ValueError:
        return False
    return True


def _dated_fields(doc: dict) -> list[tuple[Rec, str, list[str]]]:
    """Every (record, field, values) that holds dates or slots."""
    cal = doc.get("calendar") if isinstance(doc.get("calendar"), dict) else {}
    out = [(Rec("calendar"), f, _strs([cal.get(f)])) for f in ("start", "end")]
    out.append((Rec("calendar"), "holidays", _strs(cal.get("holidays"))))
    for coll in ("trainers", "venues", "communes"):
        for i, r in records(doc, coll):
            out.append((Rec(coll, i, r.get("id")), "unavailable", _strs(r.get("unavailable"))))
    for i, r in records(doc, "fixed_classes"):
        out.append((Rec("fixed_classes", i, r.get("id")), "sessions", _strs(r.get("sessions"))))
    return out


def date_problems(doc: dict) -> list[Problem]:
    """Impossible dates, unknown day parts, and a calendar that starts after it ends."""
    cal = doc.get("calendar") if isinstance(doc.get("calendar"), dict) else {}
    parts = _strs(cal.get("parts")) if "parts" in cal else ["am", "pm"]
    out: list[Problem] = []
    for rec, field, values in _dated_fields(doc):
        for value in values:
            m = DATE_RE.match(value)
            if not m:
                continue  # the schema reports the form
            if not _date_ok(*m.groups()[:3]):
                out.append(("bad_date", {"rec": rec, "field": field, "value": value}))
            if m.group(4) is not None and m.group(4) not in parts:
                out.append(("bad_part", {"rec": rec, "field": field, "slot": value,
                                         "part": m.group(4), "parts": short(parts)}))
    start, end = (cal.get(k) for k in ("start", "end"))
    if all(isinstance(v, str) and DATE_RE.match(v) and ":" not in v for v in (start, end)):
        if _date_ok(*start.split("-")) and _date_ok(*end.split("-")) and start > end:
            out.append(("start_after_end", {"start": start, "end": end}))
    return out


def topic_problems(doc: dict) -> list[Problem]:
    """Topics whose min_size is above max_size, and prerequisite cycles."""
    out: list[Problem] = []
    for i, t in records(doc, "topics"):
        lo, hi = t.get("min_size"), t.get("max_size")
        if _is_int(lo) and _is_int(hi) and lo > hi:
            out.append(("min_above_max", {"rec": Rec("topics", i, t.get("id")), "min": lo,
                                          "max": hi}))
    return out + cycle_problems(doc)


def _is_int(x: Any) -> bool:
    """Whether x is a JSON integer (not a boolean)."""
    return isinstance(x, int) and not isinstance(x, bool)


def cycle_problems(doc: dict) -> list[Problem]:
    """Each prerequisite cycle once, named from its first topic: T1 → T2 → T1."""
    where: dict[str, tuple[int, dict]] = {}
    for i, t in records(doc, "topics"):
        if isinstance(t.get("id"), str):
            where.setdefault(t["id"], (i, t))
    graph = {tid: [p for p in _strs(t.get("prerequisites")) if p in where]
             for tid, (_, t) in where.items()}
    out, seen = [], set()
    for cycle in find_cycles(graph):
        key = frozenset(cycle)
        if key in seen:
            continue
        seen.add(key)
        i = where[cycle[0]][0]
        text = " → ".join([*cycle, cycle[0]])
        out.append(("cycle", {"rec": Rec("topics", i, cycle[0]), "cycle": text}))
    return out


def find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Cycles met by a depth-first search (at least one per cyclic component), each rotated."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []
    cycles: list[list[str]] = []
    for root in graph:
        if root in state:
            continue
        todo = [(root, iter(graph[root]))]
        state[root] = 1
        stack.append(root)
        while todo:
            node, children = todo[-1]
            child = next(children, None)
            if child is None:
                todo.pop()
                stack.pop()
                state[node] = 2
            elif state.get(child) == 1:
                cyc = stack[stack.index(child):]
                k = cyc.index(min(cyc))
                cycles.append(cyc[k:] + cyc[:k])
            elif child not in state:
                state[child] = 1
                stack.append(child)
                todo.append((child, iter(graph[child])))
    return cycles


