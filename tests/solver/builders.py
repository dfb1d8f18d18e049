"""Builders of small instance and solution documents for the solver tests."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from solver.checks import load_instance
from solver.engine import solve
from solver.instance import Instance
from solver.solution import Class, Solution, Unserved
from solver.validate import breaches, check_document, cost

FIXTURES = Path(__file__).parent.parent / "fixtures"

# Two ISO weeks (2026-03-02 .. 2026-03-13) with Friday 2026-03-06 a holiday, two day parts.
BASE: dict[str, Any] = {
    "format": "commune-training-instance/1",
    "name": "small",
    "calendar": {"start": "2026-03-02", "end": "2026-03-13", "weekdays": [0, 1, 2, 3, 4],
                 "parts": ["am", "pm"], "holidays": ["2026-03-06"]},
    "topics": [
        {"id": "A", "name": "Chính quyền hai cấp", "sessions": 2, "min_size": 2, "max_size": 4,
         "modes": ["in_person", "online"]},
        {"id": "B", "name": "Đầu tư công", "sessions": 2, "min_size": 2, "max_size": 4,
         "prerequisites": ["A"]},
    ],
    "trainers": [
        {"id": "R1", "name": "Giảng viên 1", "topics": ["A", "B"], "max_sessions_per_week": 4,
         "max_sessions": 5},
        {"id": "R2", "name": "Giảng viên 2", "topics": ["A"], "unavailable": ["2026-03-04"]},
        {"id": "R3", "name": "Giảng viên 3", "topics": ["B"]},
    ],
    "venues": [
        {"id": "V1", "name": "Hội trường 1", "capacity": 4, "commune": "C1"},
        {"id": "V2", "name": "Hội trường 2", "capacity": 3, "unavailable": ["2026-03-05:am"]},
        {"id": "VO", "name": "Phòng trực tuyến", "capacity": 10, "online": True},
    ],
    "communes": [
        {"id": "C1", "name": "Phường Một", "staff": 10, "max_away": 3, "online_capable": True,
         "travel_minutes": {"V1": 10, "V2": 30}},
        {"id": "C2", "name": "Xã Hai", "staff": 8, "max_away": 2, "unavailable": ["2026-03-03"],
         "travel_minutes": {"V1": 40, "V2": 50}},
        {"id": "C3", "name": "Xã Ba", "staff": 6, "max_away": 2, "online_capable": True,
         "travel_minutes": {"V1": 20, "V2": 20}},
    ],
    "officials": [
        {"id": "O1", "commune": "C1"}, {"id": "O2", "commune": "C1"},
        {"id": "O3", "commune": "C1"}, {"id": "O4", "commune": "C1"},
        {"id": "O5", "commune": "C2"}, {"id": "O6", "commune": "C2", "completed": ["A"]},
        {"id": "O7", "commune": "C3"}, {"id": "O8", "commune": "C3"},
    ],
    "requests": [
        {"official": "O1", "topic": "A", "priority": 2}, {"official": "O2", "topic": "A"},
        {"official": "O3", "topic": "A"}, {"official": "O4", "topic": "A"},
        {"official": "O5", "topic": "A", "priority": 3}, {"official": "O7", "topic": "A"},
        {"official": "O8", "topic": "A", "priority": 2},
        {"official": "O1", "topic": "B", "priority": 3}, {"official": "O2", "topic": "B"},
        {"official": "O6", "topic": "B", "priority": 2},
    ],
    "settings": {"max_travel_minutes": 60},
}

# A valid timetable of BASE: K1 (topic A, Monday), K2 (topic B, Wednesday, after K1).
CLASSES: list[dict[str, Any]] = [
    {"id": "K1", "topic": "A", "trainer": "R1", "venue": "V1", "mode": "in_person",
     "sessions": ["2026-03-02:am", "2026-03-02:pm"], "officials": ["O1", "O2", "O3"]},
    {"id": "K2", "topic": "B", "trainer": "R1", "venue": "V1", "mode": "in_person",
     "sessions": ["2026-03-04:am", "2026-03-04:pm"], "officials": ["O1", "O2", "O6"]},
]
UNSERVED: list[dict[str, Any]] = [
    {"official": o, "topic": "A", "reason": "the commune's away limit is full"}
    for o in ("O4", "O5", "O7", "O8")
]


def instance_doc() -> dict[str, Any]:
    """A fresh copy of the small valid instance document."""
    return copy.deepcopy(BASE)


def tiny_doc() -> dict[str, Any]:
    """The tiny fixture instance document."""
    return json.loads((FIXTURES / "tiny-instance.json").read_text("utf-8"))


def put(record: dict, **changes: Any) -> None:
    """Update a record in place (usable inside a lambda)."""
    record.update(changes)


def find(items: list[dict], rid: str) -> dict:
    """The record of a list with the given id."""
    return next(r for r in items if r.get("id") == rid)


@dataclass
class Case:
    """An instance document with a timetable, all editable before checking."""

    doc: dict[str, Any] = field(default_factory=instance_doc)
    classes: list[dict[str, Any]] = field(default_factory=lambda: copy.deepcopy(CLASSES))
    unserved: list[dict[str, Any]] = field(default_factory=lambda: copy.deepcopy(UNSERVED))

    def rec(self, coll: str, rid: str) -> dict:
        """A record of the instance by collection and id."""
        return find(self.doc[coll], rid)

    def cls(self, rid: str) -> dict:
        """A class of the timetable by id."""
        return find(self.classes, rid)

    def serve(self, official: str, topic: str) -> None:
        """Drop a request from the unserved list (a change elsewhere now serves it)."""
        self.unserved = [u for u in self.unserved
                         if (u["official"], u["topic"]) != (official, topic)]

    def add_class(self, **fields: Any) -> None:
        """Add a class, taking its officials' requests off the unserved list."""
        self.classes.append(fields)
        for o in fields["officials"]:
            self.serve(o, fields["topic"])

    def instance(self) -> Instance:
        """The checked instance."""
        return load_instance(self.doc)

    def parts(self) -> tuple[Instance, list[Class], list[Unserved]]:
        """The instance, classes and unserved requests as dataclasses."""
        return (self.instance(), [Class.from_dict(c) for c in self.classes],
                [Unserved(**u) for u in self.unserved])

    def breaches(self) -> list[str]:
        """What the validator reports."""
        return breaches(*self.parts())

    def cost(self) -> int:
        """The validator's cost."""
        return cost(*self.parts())

    def solution_doc(self, **changes: Any) -> dict[str, Any]:
        """The solution document of this timetable, with its true objective."""
        doc = {"format": "commune-training-solution/1", "instance": self.doc["name"],
               "status": "FEASIBLE", "objective": self.cost(), "bound": None,
               "classes": self.classes, "unserved": self.unserved}
        return {**doc, **changes}


# ---- the smallest rounds, for solver tests ----------------------------------------------------
MONDAY = date(2026, 3, 2)


def mini_doc(officials: int = 3, days: int = 1, priority: int = 2) -> dict[str, Any]:
    """The smallest round: topic T (2 sessions, 3..10), trainer R, hall V 10 minutes from commune C.

    With `officials` requests for T of the given priority and `days` working days from Monday.
    """
    return {
        "format": "commune-training-instance/1", "name": "mini",
        "calendar": {"start": MONDAY.isoformat(),
                     "end": (MONDAY + timedelta(days=days - 1)).isoformat()},
        "topics": [{"id": "T", "name": "Chuyên đề T", "sessions": 2, "min_size": 3,
                    "max_size": 10}],
        "trainers": [{"id": "R", "name": "Giảng viên R", "topics": ["T"]}],
        "venues": [{"id": "V", "name": "Hội trường V", "capacity": 10}],
        "communes": [{"id": "C", "name": "Xã C", "staff": 20, "max_away": 10,
                      "travel_minutes": {"V": 10}}],
        "officials": [{"id": f"O{i}", "commune": "C"} for i in range(1, officials + 1)],
        "requests": [{"official": f"O{i}", "topic": "T", "priority": priority}
                     for i in range(1, officials + 1)],
        "settings": {"max_travel_minutes": 60},
    }


def add_topic(doc: dict, tid: str, officials: list[str], trainer: str = "R", **fields: Any) -> None:
    """Add a topic like T, taught by `trainer`, requested (priority 2) by the given officials."""
    doc["topics"].append({"id": tid, "name": f"Chuyên đề {tid}", "sessions": 2, "min_size": 3,
                          "max_size": 10, **fields})
    if not any(r["id"] == trainer for r in doc["trainers"]):
        doc["trainers"].append({"id": trainer, "name": f"Giảng viên {trainer}", "topics": []})
    find(doc["trainers"], trainer)["topics"].append(tid)
    doc["requests"] += [{"official": o, "topic": tid, "priority": 2} for o in officials]


def add_officials(doc: dict, commune: str, ids: list[str], topic: str = "T") -> None:
    """Add officials of a commune, each requesting `topic` with priority 2."""
    doc["officials"] += [{"id": o, "commune": commune} for o in ids]
    doc["requests"] += [{"official": o, "topic": topic, "priority": 2} for o in ids]


def online_room(doc: dict, capable: bool = True) -> None:
    """Add the online room VO; the commune C is online-capable or not."""
    doc["venues"].append({"id": "VO", "name": "Phòng trực tuyến", "capacity": 30, "online": True})
    find(doc["communes"], "C")["online_capable"] = capable


def assert_valid(inst: Instance, sol: Solution,
                 statuses: tuple[str, ...] = ("OPTIMAL", "FEASIBLE")) -> None:
    """The validator accepts the solution; its objective is its cost and no bound exceeds it."""
    assert sol.status in statuses, (sol.status, sol.errors)
    assert check_document(inst, sol.to_dict()) == []
    if sol.status not in ("OPTIMAL", "FEASIBLE"):
        assert sol.classes == [] and sol.errors, "a failed solve must say why and build nothing"
        return
    assert sol.objective == cost(inst, sol.classes, sol.unserved)
    if sol.bound is not None:
        assert sol.bound <= sol.objective
    if sol.status == "OPTIMAL":
        assert sol.bound == sol.objective


def solve_valid(doc: dict, time_limit: float = 5.0, **kwargs: Any) -> tuple[Instance, Solution]:
    """Load and solve a document (2 workers, seed 0); the solution has passed assert_valid."""
    statuses = kwargs.pop("statuses", ("OPTIMAL", "FEASIBLE"))
    inst = load_instance(doc)
    sol = solve(inst, time_limit=time_limit, workers=kwargs.pop("workers", 2), **kwargs)
    assert_valid(inst, sol, statuses)
    return inst, sol


def codes(sol: Solution) -> dict[tuple[str, str], str]:
    """(official, topic) -> reason code of every unserved request."""
    return {(u.official, u.topic): u.code for u in sol.unserved}
