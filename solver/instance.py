"""The instance of the contract (CONTRACT.md) as frozen dataclasses, with its slot calendar."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

FORMAT = "commune-training-instance/1"
DEFAULT_WEIGHTS = {"unserved": 1000, "class": 3000, "travel": 1}


@dataclass(frozen=True)
class Calendar:
    start: date
    end: date
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    parts: tuple[str, ...] = ("am", "pm")
    holidays: frozenset[date] = frozenset()


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    sessions: int
    min_size: int
    max_size: int
    field: str = ""
    modes: tuple[str, ...] = ("in_person",)
    prerequisites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trainer:
    id: str
    name: str
    topics: frozenset[str]
    organisation: str = ""
    unavailable: tuple[str, ...] = ()
    max_sessions_per_week: int | None = None
    max_sessions: int | None = None


@dataclass(frozen=True)
class Venue:
    id: str
    name: str
    capacity: int
    online: bool = False
    commune: str | None = None
    unavailable: tuple[str, ...] = ()


@dataclass(frozen=True)
class Commune:
    id: str
    name: str
    staff: int
    max_away: int
    travel_minutes: dict[str, int]
    kind: str | None = None
    online_capable: bool = False
    unavailable: tuple[str, ...] = ()

    def __hash__(self) -> int:
        return hash(self.id)


@dataclass(frozen=True)
class Official:
    id: str
    commune: str
    name: str = ""
    position: str = ""
    completed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Request:
    official: str
    topic: str
    priority: int = 1


@dataclass(frozen=True)
class Settings:
    max_travel_minutes: int | None = None
    weights: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))

    def __hash__(self) -> int:
        return hash((self.max_travel_minutes, tuple(sorted(self.weights.items()))))


@dataclass(frozen=True)
class Instance:
    name: str
    calendar: Calendar
    topics: tuple[Topic, ...]
    trainers: tuple[Trainer, ...]
    venues: tuple[Venue, ...]
    communes: tuple[Commune, ...]
    officials: tuple[Official, ...]
    requests: tuple[Request, ...]
    fixed_classes: tuple[Any, ...] = ()  # solution.Class
    settings: Settings = field(default_factory=Settings)

    # ---- lookups -------------------------------------------------------------------------
    @cached_property
    def topic(self) -> dict[str, Topic]:
        return {t.id: t for t in self.topics}

    @cached_property
    def trainer(self) -> dict[str, Trainer]:
        return {t.id: t for t in self.trainers}

    @cached_property
    def venue(self) -> dict[str, Venue]:
        return {v.id: v for v in self.venues}

    @cached_property
    def commune(self) -> dict[str, Commune]:
        return {c.id: c for c in self.communes}

    @cached_property
    def official(self) -> dict[str, Official]:
        return {o.id: o for o in self.officials}

    @cached_property
    def request(self) -> dict[tuple[str, str], Request]:
        """Requests keyed by (official, topic); a repeated pair keeps its first entry."""
        out: dict[tuple[str, str], Request] = {}
        for r in self.requests:
            out.setdefault((r.official, r.topic), r)
        return out

    @property
    def weights(self) -> dict[str, int]:
        return {**DEFAULT_WEIGHTS, **self.settings.weights}

    # ---- the slot calendar -----------------------------------------------------------------
    @cached_property
    def working_dates(self) -> tuple[date, ...]:
        """Dates from start to end whose weekday is listed and that are not holidays."""
        cal, out, d = self.calendar, [], self.calendar.start
        while d <= cal.end:
            if d.weekday() in cal.weekdays and d not in cal.holidays:
                out.append(d)
            d += timedelta(days=1)
        return tuple(out)

    @cached_property
    def slots(self) -> tuple[str, ...]:
        """Every slot `DATE:PART`, ordered by date, then by the order of parts."""
        parts = self.calendar.parts
        return tuple(f"{d.isoformat()}:{p}" for d in self.working_dates for p in parts)

    @cached_property
    def slot_index(self) -> dict[str, int]:
        return {s: i for i, s in enumerate(self.slots)}

    @cached_property
    def slot_week(self) -> tuple[tuple[int, int], ...]:
        """The ISO (year, week) of every slot."""
        n = len(self.calendar.parts)
        return tuple(tuple(d.isocalendar())[:2] for d in self.working_dates for _ in range(n))

    def blocked(self, items: tuple[str, ...] | list[str]) -> frozenset[int]:
        """Indices of the slots covered by a list of slots or whole dates."""
        parts, out = self.calendar.parts, set()
        for item in items:
            if ":" in item:
                if item in self.slot_index:
                    out.add(self.slot_index[item])
            else:
                for p in parts:
                    i = self.slot_index.get(f"{item}:{p}")
                    if i is not None:
                        out.add(i)
        return frozenset(out)

    def starts(self, sessions: int) -> list[int]:
        """Slots where a class of `sessions` consecutive slots can start within one ISO week."""
        weeks, n = self.slot_week, len(self.slots)
        return [s for s in range(n - sessions + 1) if weeks[s] == weeks[s + sessions - 1]]


# ---- parsing (the document is assumed valid: see solver.checks.instance_errors) -------------
def _date(s: str) -> date:
    return date.fromisoformat(s)


def from_dict(doc: dict) -> Instance:
    """Build an Instance from a contract document that has already passed the input checks."""
    from solver.solution import Class

    cal = doc["calendar"]
    settings = doc.get("settings", {})
    return Instance(
        name=doc["name"],
        calendar=Calendar(
            start=_date(cal["start"]),
            end=_date(cal["end"]),
            weekdays=tuple(cal.get("weekdays", (0, 1, 2, 3, 4))),
            parts=tuple(cal.get("parts", ("am", "pm"))),
            holidays=frozenset(_date(h) for h in cal.get("holidays", ())),
        ),
        topics=tuple(
            Topic(
                id=t["id"], name=t["name"], sessions=t["sessions"], min_size=t["min_size"],
                max_size=t["max_size"], field=t.get("field", ""),
                modes=tuple(t.get("modes", ("in_person",))),
                prerequisites=tuple(t.get("prerequisites", ())),
            )
            for t in doc["topics"]
        ),
        trainers=tuple(
            Trainer(
                id=r["id"], name=r["name"], topics=frozenset(r["topics"]),
                organisation=r.get("organisation", ""),
                unavailable=tuple(r.get("unavailable", ())),
                max_sessions_per_week=r.get("max_sessions_per_week"),
                max_sessions=r.get("max_sessions"),
            )
            for r in doc["trainers"]
        ),
        venues=tuple(
            Venue(
                id=v["id"], name=v["name"], capacity=v["capacity"], online=v.get("online", False),
                commune=v.get("commune"), unavailable=tuple(v.get("unavailable", ())),
            )
            for v in doc["venues"]
        ),
        communes=tuple(
            Commune(
                id=c["id"], name=c["name"], staff=c["staff"], max_away=c["max_away"],
                travel_minutes=dict(c["travel_minutes"]), kind=c.get("kind"),
                online_capable=c.get("online_capable", False),
                unavailable=tuple(c.get("unavailable", ())),
            )
            for c in doc["communes"]
        ),
        officials=tuple(
            Official(
                id=o["id"], commune=o["commune"], name=o.get("name", ""),
                position=o.get("position", ""), completed=frozenset(o.get("completed", ())),
            )
            for o in doc["officials"]
        ),
        requests=tuple(
            Request(official=q["official"], topic=q["topic"], priority=q.get("priority", 1))
            for q in doc["requests"]
        ),
        fixed_classes=tuple(Class.from_dict(c) for c in doc.get("fixed_classes", ())),
        settings=Settings(
            max_travel_minutes=settings.get("max_travel_minutes"),
            weights={**DEFAULT_WEIGHTS, **settings.get("weights", {})},
        ),
    )


def read_document(text: str | bytes) -> Any:
    """Parse JSON text; raises ValueError with a readable message."""
    try:
        return json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"the instance is not readable JSON: {exc}") from exc
