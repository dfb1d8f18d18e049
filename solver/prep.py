"""Preprocessing shared by the greedy, the relaxation, the CP-SAT model and the reasons.

Everything here is static: which starts a class of a topic may take at a venue, which communes can
use which venues, which trainers are free when, and how officials aggregate into groups.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from solver.instance import Instance, Topic


@dataclass
class Group:
    """Interchangeable officials: same commune, same single topic and priority (or one person)."""

    id: int
    commune: str
    topics: dict[str, int]  # topic -> priority
    members: list[str]
    individual: bool  # one official with several topics (or pinned in a fixed class)

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class Prep:
    inst: Instance
    # request (official, topic) -> code of a static reason it can never be served
    impossible: dict[tuple[str, str], str] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)

    # ---- calendar ------------------------------------------------------------------------
    @cached_property
    def n_slots(self) -> int:
        return len(self.inst.slots)

    @cached_property
    def week_of(self) -> list[int]:
        """Week number (0-based, in round order) of every slot."""
        keys = sorted(set(self.inst.slot_week))
        idx = {k: i for i, k in enumerate(keys)}
        return [idx[k] for k in self.inst.slot_week]

    @cached_property
    def n_weeks(self) -> int:
        return max(self.week_of, default=-1) + 1

    def covers(self, start: int, topic: Topic) -> range:
        return range(start, start + topic.sessions)

    # ---- blocked slots --------------------------------------------------------------------
    @cached_property
    def trainer_blocked(self) -> dict[str, frozenset[int]]:
        return {r.id: self.inst.blocked(r.unavailable) for r in self.inst.trainers}

    @cached_property
    def venue_blocked(self) -> dict[str, frozenset[int]]:
        return {v.id: self.inst.blocked(v.unavailable) for v in self.inst.venues}

    @cached_property
    def commune_blocked(self) -> dict[str, frozenset[int]]:
        return {c.id: self.inst.blocked(c.unavailable) for c in self.inst.communes}

    def free(self, blocked: frozenset[int], start: int, topic: Topic) -> bool:
        return not any(q in blocked for q in self.covers(start, topic))

    # ---- topics, trainers, venues ---------------------------------------------------------
    @cached_property
    def topic_starts(self) -> dict[str, list[int]]:
        """Starts where a class of the topic fits in one ISO week."""
        return {t.id: self.inst.starts(t.sessions) for t in self.inst.topics}

    @cached_property
    def trainers_for(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for r in self.inst.trainers:
            for t in sorted(r.topics):
                out[t].append(r.id)
        return out

    @cached_property
    def trainer_starts(self) -> dict[tuple[str, str], frozenset[int]]:
        """(topic, trainer) -> starts at which the trainer is free for the whole class."""
        out = {}
        for t in self.inst.topics:
            for r in self.trainers_for.get(t.id, []):
                if self.inst.trainer[r].max_sessions == 0:
                    continue
                wk = self.inst.trainer[r].max_sessions_per_week
                if wk is not None and wk < t.sessions:
                    continue
                if self.inst.trainer[r].max_sessions is not None and (
                    self.inst.trainer[r].max_sessions < t.sessions
                ):
                    continue
                blocked = self.trainer_blocked[r]
                out[t.id, r] = frozenset(
                    s for s in self.topic_starts[t.id] if self.free(blocked, s, t)
                )
        return out

    @cached_property
    def teachable_starts(self) -> dict[str, frozenset[int]]:
        """Starts at which at least one qualified trainer is free."""
        out: dict[str, set[int]] = {t.id: set() for t in self.inst.topics}
        for (t, _r), starts in self.trainer_starts.items():
            out[t] |= starts
        return {t: frozenset(s) for t, s in out.items()}

    def mode_of(self, venue_id: str) -> str:
        return "online" if self.inst.venue[venue_id].online else "in_person"

    @cached_property
    def venue_starts(self) -> dict[tuple[str, str], list[int]]:
        """(topic, venue) -> starts where the venue is open, allowed and a trainer is free."""
        out = {}
        for t in self.inst.topics:
            for v in self.inst.venues:
                if self.mode_of(v.id) not in t.modes or v.capacity < t.min_size:
                    continue
                blocked = self.venue_blocked[v.id]
                starts = [
                    s for s in self.topic_starts[t.id]
                    if s in self.teachable_starts[t.id] and self.free(blocked, s, t)
                ]
                if starts:
                    out[t.id, v.id] = starts
        return out

    def class_capacity(self, topic_id: str, venue_id: str) -> int:
        return min(self.inst.topic[topic_id].max_size, self.inst.venue[venue_id].capacity)

    # ---- communes ---------------------------------------------------------------------------
    def usable(self, commune_id: str, venue_id: str) -> bool:
        """The commune's officials may attend classes at the venue (online kit, travel limit)."""
        c, v = self.inst.commune[commune_id], self.inst.venue[venue_id]
        if v.online:
            return c.online_capable
        minutes = c.travel_minutes.get(v.id)
        limit = self.inst.settings.max_travel_minutes
        return minutes is not None and (limit is None or minutes <= limit)

    def travel(self, commune_id: str, venue_id: str) -> int:
        if self.inst.venue[venue_id].online:
            return 0
        return self.inst.commune[commune_id].travel_minutes[venue_id]

    @cached_property
    def venue_communes(self) -> dict[str, list[str]]:
        """venue -> communes whose officials may attend classes there."""
        return {v.id: [c.id for c in self.inst.communes if self.usable(c.id, v.id)]
                for v in self.inst.venues}

    @cached_property
    def commune_venues(self) -> dict[tuple[str, str], list[str]]:
        """(commune, topic) -> venues whose classes of the topic the commune can attend."""
        out = {}
        for c in self.inst.communes:
            blocked = self.commune_blocked[c.id]
            for t in self.inst.topics:
                out[c.id, t.id] = [
                    v for (tt, v), starts in self.venue_starts.items()
                    if tt == t.id and self.usable(c.id, v)
                    and any(self.free(blocked, s, t) for s in starts)
                ]
        return out

    # ---- requests and groups ----------------------------------------------------------------
    @cached_property
    def requests_of(self) -> dict[str, dict[str, int]]:
        """official -> {topic: priority} of its requests."""
        out: dict[str, dict[str, int]] = defaultdict(dict)
        for (o, t), r in self.inst.request.items():
            out[o][t] = r.priority
        return out

    @cached_property
    def fixed_members(self) -> dict[str, list[int]]:
        """official -> indices of the fixed classes that list it."""
        out: dict[str, list[int]] = defaultdict(list)
        for i, fc in enumerate(self.inst.fixed_classes):
            for o in fc.officials:
                out[o].append(i)
        return out

    @cached_property
    def servable(self) -> dict[tuple[str, str], int]:
        """(commune, topic) -> officials whose request for the topic could be served."""
        out: dict[tuple[str, str], int] = defaultdict(int)
        for g in self.groups:
            for t in g.topics:
                out[g.commune, t] += g.size
        return dict(out)

    @cached_property
    def _reach(self) -> dict[tuple[str, bool], dict[str, int]]:
        out: dict[tuple[str, bool], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for (c, t), n in self.servable.items():
            for v in self.commune_venues[c, t]:
                out[t, False][v] += n
                out[t, True][v] += min(n, self.inst.commune[c].max_away)
        return out

    def reach(self, topic: str, capped: bool = False) -> dict[str, int]:
        """venue -> servable requests for the topic from communes that can use it (at most each
        commune's away limit when `capped`)."""
        return self._reach[topic, capped]

    def request_priority(self, official: str, topic: str) -> int:
        return self.inst.request[official, topic].priority


def _missing_prerequisites(inst: Instance, official: str, topic: str,
                           wanted: set[str]) -> list[str]:
    """Prerequisites of the topic that the official neither completed nor requests."""
    done = inst.official[official].completed
    return [p for p in inst.topic[topic].prerequisites if p not in done and p not in wanted]


def _servable_topics(prep: Prep, official: str) -> dict[str, int]:
    """The official's requests that static rules do not already rule out."""
    inst = prep.inst
    wanted = dict(prep.requests_of.get(official, {}))
    changed = True
    while changed:
        changed = False
        for t in list(wanted):
            missing = _missing_prerequisites(inst, official, t, set(wanted))
            commune = inst.official[official].commune
            if missing:
                prep.impossible[official, t] = "prerequisite"
            elif not prep.commune_venues[commune, t]:
                prep.impossible[official, t] = "no_venue"
            else:
                continue
            del wanted[t]
            changed = True
    return wanted


def build_prep(inst: Instance) -> Prep:
    """Static facts plus groups of interchangeable officials."""
    prep = Prep(inst)
    pooled: dict[tuple[str, str, int], Group] = {}
    for o in inst.officials:
        topics = _servable_topics(prep, o.id)
        if not topics:
            continue
        if len(topics) == 1 and o.id not in prep.fixed_members:
            (t, p), = topics.items()
            key = (o.commune, t, p)
            if key not in pooled:
                pooled[key] = Group(len(prep.groups), o.commune, {t: p}, [], False)
                prep.groups.append(pooled[key])
            pooled[key].members.append(o.id)
        else:
            prep.groups.append(Group(len(prep.groups), o.commune, topics, [o.id], True))
    return prep
