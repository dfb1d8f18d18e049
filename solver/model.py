"""The CP-SAT class model: candidate classes get a start, a trainer and their officials.

Each candidate class has a fixed topic and venue; the model chooses whether it runs, its start
(one boolean per allowed start), its trainer, and how many officials of each group sit in it.
Officials with one request are pooled by commune, topic and priority; officials with several
requests (or pinned in a published class) are modelled one by one, so their classes never clash
and prerequisites come first. Each hard rule of the contract is one function below.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.prep import Group, Prep
from solver.solution import Class

log = logging.getLogger(__name__)


@dataclass
class Candidate:
    """A class that may run: topic and venue fixed, or a published class fixed whole."""

    index: int
    topic: str
    venue: str
    starts: list[int]
    fixed: Class | None = None
    rank: int = 0  # position among the candidates of the same (topic, venue)


@dataclass
class ClassModel:
    prep: Prep
    cands: list[Candidate]
    m: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    x: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)  # (cand, start)
    run: dict[int, cp_model.IntVar] = field(default_factory=dict)
    y: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)  # (cand, trainer)
    n: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)  # (cand, pooled group)
    a: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)  # (cand, official)
    att: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)  # (cand, commune)
    interval: dict[int, cp_model.IntervalVar] = field(default_factory=dict)
    start_expr: dict[int, cp_model.LinearExpr] = field(default_factory=dict)
    seats: dict[int, list] = field(default_factory=lambda: defaultdict(list))
    commune_seats: dict[tuple[int, str], list] = field(default_factory=lambda: defaultdict(list))
    demand: dict[tuple[int, str], cp_model.IntVar] = field(default_factory=dict)
    objective_terms: list = field(default_factory=list)
    served_terms: list = field(default_factory=list)
    offset: int = 0

    def topic(self, j: int):
        return self.prep.inst.topic[self.cands[j].topic]

    def by_topic(self, topic: str) -> list[int]:
        return [c.index for c in self.cands if c.topic == topic]


# ---- candidates ---------------------------------------------------------------------------
def make_candidates(prep: Prep, counts: dict[tuple[str, str], int]) -> list[Candidate]:
    """Fixed classes first, then `counts[topic, venue]` open candidates for each pair."""
    cands: list[Candidate] = []
    for fc in prep.inst.fixed_classes:
        start = prep.inst.slot_index[fc.sessions[0]]
        cands.append(Candidate(len(cands), fc.topic, fc.venue, [start], fc))
    for (t, v), count in sorted(counts.items()):
        starts = prep.venue_starts.get((t, v), [])
        for rank in range(count if starts else 0):
            cands.append(Candidate(len(cands), t, v, starts, None, rank))
    return cands


# ---- rules ---------------------------------------------------------------------------------
def add_class_shape(cm: ClassModel) -> None:
    """Rule 1: a class that runs takes exactly one allowed start (consecutive slots, one week)."""
    for c in cm.cands:
        j = c.index
        cm.run[j] = cm.m.new_bool_var(f"run_{j}")
        for s in c.starts:
            cm.x[j, s] = cm.m.new_bool_var(f"x_{j}_{s}")
        cm.m.add(sum(cm.x[j, s] for s in c.starts) == cm.run[j])
        start = cm.m.new_int_var_from_domain(
            cp_model.Domain.from_values(sorted({0, *c.starts})), f"s_{j}")
        cm.m.add(start == sum(s * cm.x[j, s] for s in c.starts))
        cm.start_expr[j] = start
        size = cm.topic(j).sessions
        cm.interval[j] = cm.m.new_optional_fixed_size_interval_var(
            cm.start_expr[j], size, cm.run[j], f"iv_{j}")
        if c.fixed is not None:
            cm.m.add(cm.run[j] == 1)


def add_symmetry_breaking(cm: ClassModel) -> None:
    """Interchangeable candidates of one topic and venue run in order of their starts."""
    prev: dict[tuple[str, str], int] = {}
    for c in cm.cands:
        if c.fixed is not None:
            continue
        key = (c.topic, c.venue)
        if key in prev:
            p = prev[key]
            cm.m.add(cm.run[p] >= cm.run[c.index])
            cm.m.add(cm.start_expr[c.index] >= cm.start_expr[p] + cm.topic(p).sessions
                     ).only_enforce_if(cm.run[c.index])
        prev[key] = c.index


def add_trainers(cm: ClassModel) -> None:
    """Rule 2: a qualified, available trainer; one class at a time; weekly and round caps."""
    prep, m = cm.prep, cm.m
    per_trainer: dict[str, list[int]] = defaultdict(list)
    for c in cm.cands:
        j = c.index
        allowed = [c.fixed.trainer] if c.fixed else prep.trainers_for.get(c.topic, [])
        for r in allowed:
            ok = prep.trainer_starts.get((c.topic, r), frozenset())
            if c.fixed is None and not ok.intersection(c.starts):
                continue
            cm.y[j, r] = m.new_bool_var(f"y_{j}_{r}")
            per_trainer[r].append(j)
            for s in c.starts:
                if s not in ok:
                    m.add_bool_or([cm.x[j, s].Not(), cm.y[j, r].Not()])
        m.add(sum(cm.y[j, r] for r in allowed if (j, r) in cm.y) == cm.run[j])
    for r, js in per_trainer.items():
        _trainer_limits(cm, r, js)


def _trainer_limits(cm: ClassModel, r: str, js: list[int]) -> None:
    prep, m = cm.prep, cm.m
    tr = prep.inst.trainer[r]
    ivs = [m.new_optional_fixed_size_interval_var(
        cm.start_expr[j], cm.topic(j).sessions, cm.y[j, r], f"t_{j}_{r}") for j in js]
    if len(ivs) > 1:
        m.add_no_overlap(ivs)
    if tr.max_sessions is not None:
        m.add(sum(cm.topic(j).sessions * cm.y[j, r] for j in js) <= tr.max_sessions)
    cap = tr.max_sessions_per_week
    if cap is None:
        return
    for week in range(prep.n_weeks):
        terms = []
        for j in js:
            starts = [s for s in cm.cands[j].starts if prep.week_of[s] == week]
            if not starts:
                continue
            both = m.new_bool_var(f"tw_{j}_{r}_{week}")
            m.add(both >= cm.y[j, r] + sum(cm.x[j, s] for s in starts) - 1)
            terms.append(cm.topic(j).sessions * both)
        if sum(cm.topic(j).sessions for j in js) > cap and terms:
            m.add(sum(terms) <= cap)


def add_venues(cm: ClassModel) -> None:
    """Rule 3: one class at a time in a venue (closures are already left out of the starts)."""
    per_venue: dict[str, list[int]] = defaultdict(list)
    for c in cm.cands:
        per_venue[c.venue].append(c.index)
    for js in per_venue.values():
        if len(js) < 2:
            continue
        occupancy: dict[int, list] = defaultdict(list)
        for j in js:
            for s in cm.cands[j].starts:
                for q in range(s, s + cm.topic(j).sessions):
                    occupancy[q].append(cm.x[j, s])
        for terms in occupancy.values():
            if len(terms) > 1:
                cm.m.add(sum(terms) <= 1)


def _commune_ok(cm: ClassModel, j: int, commune: str) -> bool:
    c = cm.cands[j]
    if not cm.prep.usable(commune, c.venue):
        return False
    blocked = cm.prep.commune_blocked[commune]
    return any(cm.prep.free(blocked, s, cm.topic(j)) for s in c.starts)


def _attendance(cm: ClassModel, j: int, commune: str):
    """A literal true when the commune has officials in the class; blocks its blackout starts."""
    if (j, commune) not in cm.att:
        var = cm.m.new_bool_var(f"att_{j}_{commune}")
        blocked = cm.prep.commune_blocked[commune]
        for s in cm.cands[j].starts:
            if not cm.prep.free(blocked, s, cm.topic(j)):
                cm.m.add_bool_or([var.Not(), cm.x[j, s].Not()])
        cm.att[j, commune] = var
    return cm.att[j, commune]


def _needs_attendance(cm: ClassModel, j: int, commune: str) -> bool:
    blocked = cm.prep.commune_blocked[commune]
    return any(not cm.prep.free(blocked, s, cm.topic(j)) for s in cm.cands[j].starts)


def add_pooled_seats(cm: ClassModel, g: Group) -> None:
    """Rules 5-6 for officials with one request: seats per class, never above the group size."""
    (t, prio), = g.topics.items()
    w = cm.prep.inst.weights
    vars_ = []
    for j in cm.by_topic(t):
        if _commune_ok(cm, j, g.commune):
            cap = min(g.size, cm.prep.class_capacity(t, cm.cands[j].venue))
            var = cm.m.new_int_var(0, cap, f"n_{j}_{g.id}")
            if _needs_attendance(cm, j, g.commune):
                cm.m.add(var <= cap * _attendance(cm, j, g.commune))
            cm.n[j, g.id] = var
            _seat(cm, j, g.commune, var)
            vars_.append(var)
    if vars_:
        cm.m.add(sum(vars_) <= g.size)
    cm.offset += w["unserved"] * prio * g.size
    cm.objective_terms.append(-w["unserved"] * prio * sum(vars_))
    cm.served_terms.extend(vars_)


def _seat(cm: ClassModel, j: int, commune: str, var) -> None:
    w = cm.prep.inst.weights
    cm.seats[j].append(var)
    cm.commune_seats[j, commune].append(var)
    travel = cm.prep.travel(commune, cm.cands[j].venue)
    if travel:
        cm.objective_terms.append(w["travel"] * travel * var)


def add_individual(cm: ClassModel, g: Group) -> None:
    """Rules 5-6 for one official with several requests: one class per topic, no clash,
    prerequisites first, pinned seats kept."""
    _prep, m, w = cm.prep, cm.m, cm.prep.inst.weights
    (o,) = g.members
    mine: dict[str, list[int]] = {}
    for t, prio in g.topics.items():
        js = [j for j in cm.by_topic(t) if _allowed_individual(cm, j, o, g.commune)]
        for j in js:
            var = m.new_bool_var(f"a_{j}_{o}")
            cm.a[j, o] = var
            if _needs_attendance(cm, j, g.commune):
                m.add_implication(var, _attendance(cm, j, g.commune))
            _seat(cm, j, g.commune, var)
            if cm.cands[j].fixed is not None and o in cm.cands[j].fixed.officials:
                m.add(var == 1)
        m.add(sum(cm.a[j, o] for j in js) <= 1)
        mine[t] = js
        cm.offset += w["unserved"] * prio
        cm.objective_terms.append(-w["unserved"] * prio * sum(cm.a[j, o] for j in js))
        cm.served_terms.extend(cm.a[j, o] for j in js)
    _individual_timing(cm, o, mine)


def _allowed_individual(cm: ClassModel, j: int, o: str, commune: str) -> bool:
    fixed = cm.cands[j].fixed
    if fixed is not None and o in fixed.officials:
        return True
    return _commune_ok(cm, j, commune)


def _individual_timing(cm: ClassModel, o: str, mine: dict[str, list[int]]) -> None:
    """An official's classes never share a slot; a prerequisite ends before its topic starts."""
    prep, m = cm.prep, cm.m
    all_js = [j for js in mine.values() for j in js]
    if len({cm.cands[j].topic for j in all_js}) > 1:
        m.add_no_overlap([
            m.new_optional_fixed_size_interval_var(
                cm.start_expr[j], cm.topic(j).sessions, cm.a[j, o], f"o_{j}_{o}")
            for j in all_js
        ])
    done = prep.inst.official[o].completed
    for t, js in mine.items():
        for p in prep.inst.topic[t].prerequisites:
            if p in done:
                continue
            pre = mine.get(p, [])
            m.add(sum(cm.a[j, o] for j in js) <= sum(cm.a[i, o] for i in pre))
            length = prep.inst.topic[p].sessions
            for i in pre:
                for j in js:
                    m.add(cm.start_expr[j] >= cm.start_expr[i] + length).only_enforce_if(
                        [cm.a[i, o], cm.a[j, o]])


def add_sizes(cm: ClassModel) -> None:
    """Rules 3-4: between min_size and the smaller of max_size and the venue's capacity."""
    for c in cm.cands:
        j, t = c.index, cm.topic(c.index)
        total = sum(cm.seats[j])
        cm.m.add(total >= t.min_size * cm.run[j])
        cm.m.add(total <= cm.prep.class_capacity(c.topic, c.venue) * cm.run[j])


def add_away_limits(cm: ClassModel) -> None:
    """Rule 6: in every slot, at most max_away of a commune's officials are in class."""
    per_commune: dict[str, list[int]] = defaultdict(list)
    for (j, commune) in cm.commune_seats:
        per_commune[commune].append(j)
    for commune, js in per_commune.items():
        cap = cm.prep.inst.commune[commune].max_away
        worst = sum(min(cap + 1, sum(_ub(v) for v in cm.commune_seats[j, commune])) for j in js)
        if worst <= cap:
            continue
        demands = []
        for j in js:
            seats = cm.commune_seats[j, commune]
            if len(seats) == 1:
                demands.append(seats[0])
                continue
            d = cm.m.new_int_var(0, sum(_ub(v) for v in seats), f"d_{j}_{commune}")
            cm.m.add(d == sum(seats))
            cm.demand[j, commune] = d
            demands.append(d)
        cm.m.add_cumulative([cm.interval[j] for j in js], demands, cap)


def _ub(var) -> int:
    if not hasattr(var, "proto"):
        return 1
    domain = var.proto.domain  # a protobuf container: negative indices do not work
    return domain[len(domain) - 1]


def add_objective(cm: ClassModel) -> None:
    """The contract's cost: unserved priorities, classes opened, travel minutes."""
    w = cm.prep.inst.weights
    cm.objective_terms.append(w["class"] * sum(cm.run.values()))
    cm.m.minimize(sum(cm.objective_terms))


def build_class_model(prep: Prep, cands: list[Candidate]) -> ClassModel:
    """The whole CP-SAT model over the given candidate classes."""
    cm = ClassModel(prep, cands)
    add_class_shape(cm)
    add_symmetry_breaking(cm)
    add_trainers(cm)
    add_venues(cm)
    for g in prep.groups:
        if g.individual:
            add_individual(cm, g)
        else:
            add_pooled_seats(cm, g)
    add_sizes(cm)
    add_away_limits(cm)
    add_objective(cm)
    return cm


def solve(instance, **kwargs):
    """Solve an instance (see solver.engine.solve for the parameters)."""
    from solver.engine import solve as run

    return run(instance, **kwargs)
