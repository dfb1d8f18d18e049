"""The solution of the contract: classes, unserved requests, status; and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FORMAT = "commune-training-solution/1"
STATUSES = ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN", "INVALID_INPUT")


@dataclass(frozen=True)
class Class:
    id: str
    topic: str
    trainer: str
    venue: str
    mode: str
    sessions: tuple[str, ...]
    officials: tuple[str, ...]

    @classmethod
    def from_dict(cls, d: dict) -> Class:
        return cls(
            id=d["id"], topic=d["topic"], trainer=d["trainer"], venue=d["venue"], mode=d["mode"],
            sessions=tuple(d["sessions"]), officials=tuple(d["officials"]),
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id, "topic": self.topic, "trainer": self.trainer, "venue": self.venue,
            "mode": self.mode, "sessions": list(self.sessions), "officials": list(self.officials),
        }


@dataclass(frozen=True)
class Unserved:
    official: str
    topic: str
    reason: str = ""
    code: str = ""  # machine-readable reason, see solver.reasons
    params: dict[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.official, self.topic))

    def to_dict(self) -> dict:
        return {"official": self.official, "topic": self.topic, "reason": self.reason}


@dataclass
class Solution:
    instance: str
    status: str
    classes: list[Class] = field(default_factory=list)
    unserved: list[Unserved] = field(default_factory=list)
    objective: int | None = None
    bound: int | None = None
    wall_seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The solution document (solution.schema.json); extra facts go in `stats`/`reasons`."""
        doc: dict[str, Any] = {
            "format": FORMAT,
            "instance": self.instance,
            "status": self.status,
            "objective": self.objective,
            "bound": self.bound,
            "wall_seconds": round(self.wall_seconds, 3),
            "classes": [c.to_dict() for c in self.classes],
            "unserved": [u.to_dict() for u in self.unserved],
        }
        if self.errors:
            doc["errors"] = list(self.errors)
        if self.stats:
            doc["stats"] = self.stats
        if any(u.code for u in self.unserved):
            doc["reasons"] = [
                {"official": u.official, "topic": u.topic, "code": u.code, "params": u.params}
                for u in self.unserved
            ]
        return doc

    @classmethod
    def from_dict(cls, d: dict) -> Solution:
        codes = {(r["official"], r["topic"]): r for r in d.get("reasons", [])}
        return cls(
            instance=d.get("instance", ""),
            status=d.get("status", "UNKNOWN"),
            classes=[Class.from_dict(c) for c in d.get("classes", [])],
            unserved=[
                Unserved(
                    official=u["official"], topic=u["topic"], reason=u.get("reason", ""),
                    code=codes.get((u["official"], u["topic"]), {}).get("code", ""),
                    params=codes.get((u["official"], u["topic"]), {}).get("params", {}),
                )
                for u in d.get("unserved", [])
            ],
            objective=d.get("objective"),
            bound=d.get("bound"),
            wall_seconds=d.get("wall_seconds", 0.0),
            errors=list(d.get("errors", [])),
            stats=dict(d.get("stats", {})),
        )
