"""Builders of small instance and solution documents for the solver tests."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from solver.checks import load_instance
from solver.instance import Instance
from solver.solution import Class, Unserved
from solver.validate import breaches, cost

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
