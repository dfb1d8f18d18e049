"""A fast constructive timetable: topic by topic, open the most valuable class until none pays.

It gives the first valid solution within a second or two at province scale, and serves the
CP-SAT model as a complete hint.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

from solver.instance import Instance, Topic
from solver.prep import Group, Prep, build_prep
from solver.relax import HOURS, venue_groups
from solver.solution import Class, Solution


@dataclass
class Planned:
    """A class under construction: topic, venue, start slot, trainer, seated officials."""

    topic: str
    venue: str
    start: int
    trainer: str
    members: list[str] = field(default_factory=list)
    fixed_id: str | None = None


def topic_order(inst: Instance) -> list[Topic]:
    """Topics with every prerequisite before the topics that need it."""
    done: list[Topic] = []
    seen: set[str] = set()

    def visit(t: Topic) -> None:
        if t.id in seen:
            return
        seen.add(t.id)
        for p in t.prerequisites:
            visit(inst.topic[p])
        done.append(t)

    for t in inst.topics:
        visit(t)
    return done


class State:
    """Resources used so far by the classes already placed."""

    def __init__(self, prep: Prep):
        self.prep = prep
        self.venue_busy: dict[str, set[int]] = defaultdict(set)
        self.trainer_busy: dict[str, set[int]] = defaultdict(set)
        self.trainer_week: dict[tuple[str, int], int] = defaultdict(int)
        self.trainer_total: dict[str, int] = defaultdict(int)
        self.away: dict[tuple[str, int], int] = defaultdict(int)
        self.official_busy: dict[str, set[int]] = defaultdict(set)
        self.finished: dict[tuple[str, str], int] = {}  # (official, topic) -> last slot
        self.classes: list[Planned] = []

    def trainer_free(self, r: str, start: int, topic: Topic) -> bool:
        tr = self.prep.inst.trainer[r]
        slots = self.prep.covers(start, topic)
        if any(q in self.trainer_busy[r] for q in slots):
            return False
        week = self.prep.week_of[start]
        if tr.max_sessions_per_week is not None and (
            self.trainer_week[r, week] + topic.sessions > tr.max_sessions_per_week
        ):
            return False
        return tr.max_sessions is None or self.trainer_total[r] + topic.sessions <= tr.max_sessions

    def pick_trainer(self, topic: Topic, start: int, plan: dict | None = None) -> str | None:
        """The least-loaded qualified trainer free for the whole class; with a plan, one the
        plan gives hours for this topic, else one the plan gives no hours at all."""
        free = [
            r for r in self.prep.trainers_for.get(topic.id, [])
            if start in self.prep.trainer_starts.get((topic.id, r), ())
            and self.trainer_free(r, start, topic)
        ]
        if plan is not None and any(k[0] == HOURS for k in plan):
            planned = [r for r in free if plan.get((HOURS, r, topic.id), 0) >= topic.sessions]
            spare = [r for r in free
                     if not any(k[0] == HOURS and k[1] == r and v > 0 for k, v in plan.items())]
            free = planned or spare
        return min(free, key=lambda r: self.trainer_total[r], default=None)

    def away_room(self, commune: str, start: int, topic: Topic) -> int:
        cap = self.prep.inst.commune[commune].max_away
        return cap - max(self.away[commune, q] for q in self.prep.covers(start, topic))

    def official_ok(self, o: str, start: int, topic: Topic) -> bool:
        """The official is free and has finished every prerequisite before the start."""
        if any(q in self.official_busy[o] for q in self.prep.covers(start, topic)):
            return False
        done = self.prep.inst.official[o].completed
        for p in topic.prerequisites:
            if p not in done and self.finished.get((o, p), start) >= start:
                return False
        return True

    def place(self, pc: Planned) -> None:
        topic = self.prep.inst.topic[pc.topic]
        slots = list(self.prep.covers(pc.start, topic))
        self.venue_busy[pc.venue].update(slots)
        self.trainer_busy[pc.trainer].update(slots)
        self.trainer_week[pc.trainer, self.prep.week_of[pc.start]] += topic.sessions
        self.trainer_total[pc.trainer] += topic.sessions
        self.classes.append(pc)

    def seat(self, pc: Planned, o: str) -> None:
        topic = self.prep.inst.topic[pc.topic]
        slots = list(self.prep.covers(pc.start, topic))
        commune = self.prep.inst.official[o].commune
        for q in slots:
            self.away[commune, q] += 1
        self.official_busy[o].update(slots)
        self.finished[o, pc.topic] = slots[-1]
        pc.members.append(o)


class Demand:
    """Officials still waiting for a topic, by commune, best seat value first.

    With a quota (from the relaxation's plan), a commune's officials only join classes at the
    venues the plan sends them to, and no more of them than planned.
    """

    def __init__(self, prep: Prep, topic: str, quota: dict | None = None, groups=None):
        self.prep = prep
        self.topic = topic
        self.quota = quota
        self.groups = groups
        self.by_commune: dict[str, list[tuple[int, str, Group]]] = defaultdict(list)
        for g in prep.groups:
            if topic in g.topics:
                for o in g.members:
                    self.by_commune[g.commune].append((g.topics[topic], o, g))
        for lst in self.by_commune.values():
            lst.sort(key=lambda x: -x[0])

    def take(self, o: str, commune: str, venue: str | None = None) -> None:
        lst = self.by_commune[commune]
        lst[:] = [x for x in lst if x[1] != o]
        if self.quota is not None and venue is not None:
            key = (self.topic, self.groups[venue], commune)
            self.quota[key] = self.quota.get(key, 0) - 1

    def allowance(self, commune: str, venue: str, room: int) -> int:
        """How many of the commune's officials may still join a class at the venue."""
        if self.quota is None:
            return room
        return min(room, self.quota.get((self.topic, self.groups[venue], commune), 0))


def _candidates(state: State, demand: Demand, topic: Topic, venue: str, start: int):
    """Seat values (value, official, commune) of officials who could join such a class."""
    prep, inst = state.prep, state.prep.inst
    w = inst.weights
    out = []
    for c in prep.venue_communes[venue]:
        pending = demand.by_commune.get(c)
        if not pending or not prep.free(prep.commune_blocked[c], start, topic):
            continue
        room = demand.allowance(c, venue, state.away_room(c, start, topic))
        travel = prep.travel(c, venue) * w["travel"]
        for prio, o, g in pending:
            if room <= 0:
                break
            if g.individual and not state.official_ok(o, start, topic):
                continue
            value = w["unserved"] * prio - travel
            if value > 0:
                out.append((value, o, c))
                room -= 1
    return out


def _venue_bound(state: State, demand: Demand, topic: Topic, venue: str) -> int:
    """The benefit of the best class at this venue if time did not matter."""
    prep, w = state.prep, state.prep.inst.weights
    values = []
    for c in prep.venue_communes[venue]:
        pending = demand.by_commune.get(c)
        if pending:
            travel = prep.travel(c, venue) * w["travel"]
            cap = demand.allowance(c, venue, prep.inst.commune[c].max_away)
            values.extend(w["unserved"] * prio - travel for prio, _o, _g in pending[:cap])
    values.sort(reverse=True)
    top = [x for x in values[:prep.class_capacity(topic.id, venue)] if x > 0]
    if len(top) < topic.min_size:
        return 0
    return sum(top) - w["class"]


def _best_class(state: State, demand: Demand, topic: Topic):
    """The (benefit, venue, start, trainer, seats) of the most valuable class to open now."""
    prep, w = state.prep, state.prep.inst.weights
    venues = []
    for (t, v), starts in prep.venue_starts.items():
        if t == topic.id:
            ub = _venue_bound(state, demand, topic, v)
            if ub > 0:
                venues.append((ub, v, starts))
    venues.sort(key=lambda x: -x[0])
    best = None
    for ub, v, starts in venues:
        if best is not None and ub <= best[0]:
            break
        cap = prep.class_capacity(topic.id, v)
        busy = state.venue_busy[v]
        for s in starts:
            if best is not None and ub <= best[0]:
                break
            if any(q in busy for q in prep.covers(s, topic)):
                continue
            seats = _candidates(state, demand, topic, v, s)
            if len(seats) < topic.min_size:
                continue
            seats.sort(key=lambda x: -x[0])
            seats = seats[:cap]
            benefit = sum(x[0] for x in seats) - w["class"]
            if benefit <= 0 or (best is not None and benefit <= best[0]):
                continue
            r = state.pick_trainer(topic, s, demand.quota)
            if r is not None:
                best = (benefit, v, s, r, seats)
    return best


def _fill(state: State, demand: Demand, pc: Planned) -> None:
    """Add waiting officials to a class that still has free seats."""
    topic = state.prep.inst.topic[pc.topic]
    room = state.prep.class_capacity(pc.topic, pc.venue) - len(pc.members)
    if room <= 0:
        return
    seats = sorted(_candidates(state, demand, topic, pc.venue, pc.start), key=lambda x: -x[0])
    for _value, o, c in seats[:room]:
        if state.away_room(c, pc.start, topic) > 0:
            state.seat(pc, o)
            demand.take(o, c, pc.venue)


def _place_fixed(state: State) -> None:
    inst = state.prep.inst
    for fc in inst.fixed_classes:
        pc = Planned(fc.topic, fc.venue, inst.slot_index[fc.sessions[0]], fc.trainer, [], fc.id)
        state.place(pc)
        for o in fc.officials:
            state.seat(pc, o)


def greedy_plan(prep: Prep, quota: dict | None = None) -> State:
    """Place fixed classes, then open classes topic by topic, most valuable first.

    With a quota (the relaxation's plan), each topic is first built as the plan says, then
    whoever is left joins or opens classes freely.
    """
    state = State(prep)
    _place_fixed(state)
    fixed_seated = {(o, pc.topic) for pc in state.classes for o in pc.members}
    groups = venue_groups(prep) if quota is not None else None
    for topic in topic_order(prep.inst):
        demand = Demand(prep, topic.id, dict(quota) if quota is not None else None, groups)
        for o, t in fixed_seated:
            if t == topic.id:
                demand.take(o, prep.inst.official[o].commune)
        _open_classes(state, demand, topic)
        if demand.quota is not None:
            demand.quota = None
            _open_classes(state, demand, topic)
    return state


def _open_classes(state: State, demand: Demand, topic: Topic) -> None:
    """Fill the topic's classes, then open the most valuable new class while one pays."""
    for pc in state.classes:
        if pc.topic == topic.id:
            _fill(state, demand, pc)
    while (best := _best_class(state, demand, topic)) is not None:
        _benefit, v, s, r, seats = best
        pc = Planned(topic.id, v, s, r)
        state.place(pc)
        if demand.quota is not None and (HOURS, r, topic.id) in demand.quota:
            demand.quota[HOURS, r, topic.id] -= topic.sessions
        for _value, o, c in seats:
            state.seat(pc, o)
            demand.take(o, c, v)
        _fill(state, demand, pc)


def to_classes(prep: Prep, planned: list[Planned]) -> list[Class]:
    """Contract classes from planned ones, numbered per topic in start order."""
    inst, out, count = prep.inst, [], defaultdict(int)
    fixed_ids = {fc.id for fc in inst.fixed_classes}
    for pc in sorted(planned, key=lambda p: (p.fixed_id is None, p.topic, p.start, p.venue)):
        topic = inst.topic[pc.topic]
        if pc.fixed_id is not None:
            cid = pc.fixed_id
        else:
            count[pc.topic] += 1
            cid = f"{pc.topic}-{count[pc.topic]:02d}"
            while cid in fixed_ids:
                count[pc.topic] += 1
                cid = f"{pc.topic}-{count[pc.topic]:02d}"
        out.append(Class(
            id=cid, topic=pc.topic, trainer=pc.trainer, venue=pc.venue, mode=prep.mode_of(pc.venue),
            sessions=tuple(inst.slots[q] for q in prep.covers(pc.start, topic)),
            officials=tuple(sorted(pc.members)),
        ))
    return out


def greedy_solution(inst: Instance, prep: Prep | None = None) -> Solution:
    """The greedy timetable as a complete solution (status FEASIBLE, reasons filled in)."""
    from solver.reasons import finish_solution

    t0 = time.perf_counter()
    prep = prep or build_prep(inst)
    state = greedy_plan(prep)
    classes = to_classes(prep, state.classes)
    sol = Solution(instance=inst.name, status="FEASIBLE", classes=classes)
    finish_solution(prep, sol)
    sol.wall_seconds = time.perf_counter() - t0
    return sol
