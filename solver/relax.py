"""A relaxation of the timetable without time: how many classes of each topic at each venue, who goes.

It drops the half-day structure (keeping only totals of venue, trainer and away capacity), so every
valid timetable is a solution of it: its proven bound is a lower bound on the contract's cost.
Its best plan also tells the class model which classes to consider at province scale.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.prep import Prep
from solver.runtime import stop_watch

log = logging.getLogger(__name__)


@dataclass
class Relaxation:
    bound: int | None = None
    value: int | None = None
    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (topic, venue) -> classes


def disjoint_classes(prep: Prep, topic: str, venue: str) -> int:
    """Most classes of the topic that fit one after another at the venue."""
    length = prep.inst.topic[topic].sessions
    count, free_from = 0, -1
    for s in prep.venue_starts.get((topic, venue), []):
        if s >= free_from:
            count, free_from = count + 1, s + length
    return count


def demand(prep: Prep) -> dict[tuple[str, str, int], int]:
    """(commune, topic, priority) -> officials who could be served."""
    out: dict[tuple[str, str, int], int] = defaultdict(int)
    for g in prep.groups:
        for t, p in g.topics.items():
            out[g.commune, t, p] += g.size
    return out


def impossible_cost(prep: Prep) -> int:
    """Cost of the requests that no timetable can serve."""
    w = prep.inst.weights["unserved"]
    return sum(w * prep.request_priority(o, t) for (o, t) in prep.impossible)


def trainer_capacity(prep: Prep, r: str) -> int:
    """Half-days the trainer can teach over the round, by availability and caps."""
    tr = prep.inst.trainer[r]
    blocked = prep.trainer_blocked[r]
    per_week: dict[int, int] = defaultdict(int)
    for q in range(prep.n_slots):
        if q not in blocked:
            per_week[prep.week_of[q]] += 1
    cap = tr.max_sessions_per_week
    total = sum(n if cap is None else min(n, cap) for n in per_week.values())
    return total if tr.max_sessions is None else min(total, tr.max_sessions)


def build_relaxation(prep: Prep):
    """The model, its class-count variables and its objective constant."""
    inst, w, m = prep.inst, prep.inst.weights, cp_model.CpModel()
    dem = demand(prep)
    k, seats_at = {}, defaultdict(list)
    unserved_terms, travel_terms = [], []
    for (c, t, p), size in dem.items():
        served = []
        for v in prep.commune_venues[c, t]:
            n = m.new_int_var(0, size, f"n_{t}_{v}_{c}_{p}")
            served.append(n)
            seats_at[t, v].append(n)
            travel_terms.append(prep.travel(c, v) * n)
        m.add(sum(served) <= size)
        unserved_terms.append(p * (size - sum(served)))
    fixed = defaultdict(int)
    for fc in inst.fixed_classes:
        fixed[fc.topic, fc.venue] += 1
    for (t, v), lst in seats_at.items():
        topic = inst.topic[t]
        ub = max(fixed[t, v], min(sum(_ub(x) for x in lst) // topic.min_size,
                                  disjoint_classes(prep, t, v)))
        k[t, v] = m.new_int_var(fixed[t, v], ub, f"k_{t}_{v}")
        m.add(sum(lst) >= topic.min_size * k[t, v])
        m.add(sum(lst) <= prep.class_capacity(t, v) * k[t, v])
    _add_capacity_limits(prep, m, k, dem)
    m.minimize(w["class"] * sum(k.values()) + w["travel"] * sum(travel_terms)
               + w["unserved"] * sum(unserved_terms))
    return m, k


def _ub(var: cp_model.IntVar) -> int:
    domain = var.proto.domain  # a protobuf container: negative indices do not work
    return domain[len(domain) - 1]


def _add_capacity_limits(prep: Prep, m: cp_model.CpModel, k: dict, dem: dict) -> None:
    """Venue half-days, trainer half-days and each commune's away half-days, in total."""
    inst = prep.inst
    for v in inst.venues:
        free = prep.n_slots - len(prep.venue_blocked[v.id])
        terms = [inst.topic[t].sessions * var for (t, vv), var in k.items() if vv == v.id]
        if terms:
            m.add(sum(terms) <= free)
    hours: dict[str, list] = defaultdict(list)
    for t in inst.topics:
        need = [t.sessions * var for (tt, _v), var in k.items() if tt == t.id]
        if not need:
            continue
        teach = []
        for r in prep.trainers_for.get(t.id, []):
            h = m.new_int_var(0, trainer_capacity(prep, r), f"h_{r}_{t.id}")
            hours[r].append(h)
            teach.append(h)
        m.add(sum(teach) >= sum(need))
    for r, hs in hours.items():
        m.add(sum(hs) <= trainer_capacity(prep, r))


def solve_relaxation(prep: Prep, time_limit: float, workers: int, seed: int,
                     stop=None) -> Relaxation:
    """Solve the relaxation; its bound is valid for the contract's problem."""
    if not prep.groups:
        return Relaxation(bound=impossible_cost(prep), value=impossible_cost(prep))
    m, k = build_relaxation(prep)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    with stop_watch(solver, stop):
        status = solver.solve(m)
    const = impossible_cost(prep)
    out = Relaxation()
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        out.value = int(round(solver.objective_value)) + const
        out.counts = {key: solver.value(var) for key, var in k.items() if solver.value(var) > 0}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.UNKNOWN):
        out.bound = math.ceil(solver.best_objective_bound - 1e-6) + const
    log.info("relaxation: status %s value %s bound %s in %.1fs", solver.status_name(status),
             out.value, out.bound, solver.wall_time)
    return out
