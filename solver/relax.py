"""A timeless relaxation of the timetable: how many classes of each topic at each venue, who goes.

It drops the half-day structure (keeping only totals of venue, trainer and away capacity), so every
valid timetable is a solution of it: its proven bound is a lower bound on the contract's cost.
Its best plan also tells the class model which classes to consider at province scale.
"""

from __future__ import annotations

import logging
import math
import time
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
    # (topic, venue group, commune) -> officials the plan seats there
    quota: dict[tuple[str, tuple, str], int] = field(default_factory=dict)
    plans: list[dict] = field(default_factory=list)  # the quotas of the last few solutions


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


def venue_groups(prep: Prep) -> dict[str, tuple]:
    """venue -> a key shared by venues no commune can tell apart (same place, same kind)."""
    out = {}
    for v in prep.inst.venues:
        row = tuple(
            (c.id, prep.travel(c.id, v.id)) for c in prep.inst.communes if prep.usable(c.id, v.id)
        )
        out[v.id] = (v.online, row)
    return out


def pools(prep: Prep) -> dict[tuple[str, tuple], list[str]]:
    """(topic, pool key) -> interchangeable venues for classes of that topic."""
    groups, out = venue_groups(prep), defaultdict(list)
    for (t, v) in prep.venue_starts:
        out[t, (groups[v], prep.class_capacity(t, v))].append(v)
    return out


def build_relaxation(prep: Prep, topics: set[str] | None = None):
    """The model (of some topics only, when given), its class counts and seat variables."""
    w, m = prep.inst.weights, cp_model.CpModel()
    helpers: dict[tuple, cp_model.IntVar] = {}  # named helper variables, for the hint
    dem = {key: n for key, n in demand(prep).items() if topics is None or key[1] in topics}
    per_ct = {key: n for key, n in prep.servable.items() if topics is None or key[1] in topics}
    pool_of = {(t, v): key for (t, key), vs in pools(prep).items() for v in vs}
    seats_at, travel_terms, served = defaultdict(list), [], defaultdict(list)
    x = {}
    for (c, t), size in per_ct.items():
        for v in prep.commune_venues[c, t]:
            key = pool_of[t, v]
            if (t, key, c) not in x:
                x[t, key, c] = m.new_int_var(0, size, f"x_{t}_{len(x)}")
                seats_at[t, key].append((c, x[t, key, c]))
                travel_terms.append(prep.travel(c, v) * x[t, key, c])
                served[c, t].append(x[t, key, c])
    unserved_terms = []
    for (c, t), xs in served.items():
        us = []
        for p in (3, 2, 1):
            if dem.get((c, t, p)):
                u = m.new_int_var(0, dem[c, t, p], f"u_{c}_{t}_{p}")
                helpers["u", c, t, p] = u
                us.append(u)
                unserved_terms.append(p * (dem[c, t, p] - u))
        m.add(sum(xs) == sum(us))
    k = _class_counts(prep, m, seats_at, per_ct, helpers)
    _add_capacity_limits(prep, m, k, helpers)
    m.minimize(w["class"] * sum(k.values()) + w["travel"] * sum(travel_terms)
               + w["unserved"] * sum(unserved_terms))
    return m, k, x, helpers


def _class_counts(prep: Prep, m: cp_model.CpModel, seats_at: dict, per_ct: dict,
                  helpers: dict) -> dict:
    """Classes per (topic, pool), with the strong 'no seat in a pool that runs no class' link."""
    inst, k = prep.inst, {}
    fixed = defaultdict(int)
    pool_list = pools(prep)
    for fc in inst.fixed_classes:
        for (t, key), vs in pool_list.items():
            if t == fc.topic and fc.venue in vs:
                fixed[t, key] += 1
    for (t, key), lst in seats_at.items():
        topic, vs = inst.topic[t], pool_list[t, key]
        cap = key[1]
        reach = sum(per_ct[c, t] for c, _ in lst)
        ub = max(fixed[t, key], min(reach // topic.min_size,
                                    sum(disjoint_classes(prep, t, v) for v in vs)))
        k[t, key] = m.new_int_var(fixed[t, key], ub, f"k_{t}_{len(k)}")
        seats = [var for _c, var in lst]
        m.add(sum(seats) >= topic.min_size * k[t, key])
        m.add(sum(seats) <= cap * k[t, key])
        if ub >= 1:
            opened = m.new_bool_var(f"open_{t}_{len(k)}")
            helpers["open", t, key] = opened
            m.add(k[t, key] >= opened)
            for c, var in lst:
                m.add(var <= min(per_ct[c, t], cap * ub) * opened)
    return k


def _ub(var: cp_model.IntVar) -> int:
    domain = var.proto.domain  # a protobuf container: negative indices do not work
    return domain[len(domain) - 1]


def _add_capacity_limits(prep: Prep, m: cp_model.CpModel, k: dict, helpers: dict) -> None:
    """Venue half-days per group of like venues, and trainers' whole classes and half-days."""
    inst = prep.inst
    groups = venue_groups(prep)
    free: dict[tuple, int] = defaultdict(int)
    for v in inst.venues:
        free[groups[v.id]] += prep.n_slots - len(prep.venue_blocked[v.id])
    use: dict[tuple, list] = defaultdict(list)
    for (t, key), var in k.items():
        use[key[0]].append(inst.topic[t].sessions * var)
    for g, terms in use.items():
        m.add(sum(terms) <= free[g])
    hours: dict[str, list] = defaultdict(list)
    for t in inst.topics:
        need = [var for (tt, _key), var in k.items() if tt == t.id]
        if not need:
            continue
        teach = []  # one trainer teaches all the sessions of a class: whole classes per trainer
        for r in prep.trainers_for.get(t.id, []):
            if not prep.trainer_starts.get((t.id, r)):
                continue
            cap = trainer_capacity(prep, r)
            n = m.new_int_var(0, cap // t.sessions, f"c_{r}_{t.id}")
            h = m.new_int_var(0, cap, f"h_{r}_{t.id}")
            m.add(h == t.sessions * n)
            helpers["h", r, t.id] = h
            hours[r].append(h)
            teach.append(n)
        m.add(sum(teach) >= sum(need))
    for r, hs in hours.items():
        m.add(sum(hs) <= trainer_capacity(prep, r))


HOURS = "#hours"  # plan key (HOURS, trainer, topic): half-days the plan gives that trainer


class PlanCollector(cp_model.CpSolverSolutionCallback):
    """Keeps the seat quotas of the last few improving solutions (each a plan to try)."""

    def __init__(self, x: dict, helpers: dict, keep: int = 4):
        super().__init__()
        self.x, self.keep, self.plans = x, keep, []
        self.hours = {(HOURS, name[1], name[2]): var for name, var in helpers.items()
                      if name[0] == "h"}

    def on_solution_callback(self) -> None:
        plan = {(t, key[0], c): v for (t, key, c), var in self.x.items() if (v := self.value(var))}
        plan.update({key: v for key, var in self.hours.items() if (v := self.value(var))})
        self.plans = (self.plans + [plan])[-self.keep:]


def spread_counts(prep: Prep, pooled: dict) -> dict[tuple[str, str], int]:
    """Classes per (topic, pool) shared out over the pool's venues, as evenly as they fit."""
    pool_list, out = pools(prep), defaultdict(int)
    for (t, key), count in pooled.items():
        vs = pool_list[t, key]
        room = {v: disjoint_classes(prep, t, v) for v in vs}
        while count > 0 and any(room.values()):
            for v in vs:
                if count > 0 and room[v] > 0:
                    out[t, v] += 1
                    room[v] -= 1
                    count -= 1
    return dict(out)


def hint_relaxation(prep: Prep, m: cp_model.CpModel, k: dict, x: dict, helpers: dict,
                    planned) -> None:
    """Hint the relaxation with a timetable's counts, so its first solution is that good."""
    pool_of = {(t, v): key for (t, key), vs in pools(prep).items() for v in vs}
    kk, xx, uu, hh = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    for pc in planned:
        key = pool_of.get((pc.topic, pc.venue))
        if key is None:
            continue
        kk[pc.topic, key] += 1
        hh[pc.trainer, pc.topic] += prep.inst.topic[pc.topic].sessions
        for o in pc.members:
            c = prep.inst.official[o].commune
            xx[pc.topic, key, c] += 1
            uu[c, pc.topic, prep.request_priority(o, pc.topic)] += 1
    for key, var in k.items():
        m.add_hint(var, kk[key])
        if ("open", *key) in helpers:
            m.add_hint(helpers["open", *key], int(kk[key] > 0))
    for key, var in x.items():
        m.add_hint(var, xx[key])
    for name, var in helpers.items():
        if name[0] == "u":
            m.add_hint(var, uu[name[1:]])
        elif name[0] == "h":
            m.add_hint(var, hh[name[1:]])


def simple_bound(prep: Prep) -> int:
    """A quick proven bound: each request costs at least the cheaper of staying unserved, or its
    shortest trip plus its share of a full class (classes x largest size >= seats)."""
    w, total = prep.inst.weights, 0.0
    for g in prep.groups:
        for t, prio in g.topics.items():
            venues = prep.commune_venues[g.commune, t]
            share = w["class"] / max(prep.class_capacity(t, v) for v in venues)
            trip = w["travel"] * min(prep.travel(g.commune, v) for v in venues)
            total += g.size * min(w["unserved"] * prio, trip + share)
    return impossible_cost(prep) + math.floor(total + 1e-9)


DECOUPLE_SEATS = 6000  # above this many (topic, pool, commune) pairs, relax topic by topic


def solve_relaxation(prep: Prep, time_limit: float, workers: int, seed: int,
                     stop=None, hint=None) -> Relaxation:
    """Solve the relaxation; its bound is valid for the contract's problem.

    Large rounds drop the few links between topics (shared venues, trainers, away totals) and
    solve one small relaxation per topic: a weaker but still valid bound, found much faster.
    """
    const = impossible_cost(prep)
    if not prep.groups:
        return Relaxation(bound=const, value=const)
    pairs = sum(len(prep.commune_venues[g.commune, t]) for g in prep.groups for t in g.topics)
    topics = sorted({t for g in prep.groups for t in g.topics})
    parts = [None] if pairs <= DECOUPLE_SEATS else [{t} for t in topics]
    deadline = time.perf_counter() + time_limit
    if parts == [None]:
        return _combine(prep, parts, time_limit, workers, seed, stop, hint, const)
    out = _combine(prep, parts, 0.6 * time_limit, workers, seed, stop, hint, const)
    left = deadline - time.perf_counter()
    if left > 1.0 and not (stop is not None and stop.is_set()):
        # the whole relaxation keeps the trainers shared between topics: a tighter bound when
        # trainers are scarce, and other plans to try
        whole = _combine(prep, [None], left, workers, seed, stop, hint, const)
        if whole.bound is not None and (out.bound is None or whole.bound > out.bound):
            out.bound = whole.bound
        out.plans = out.plans + whole.plans
    return out


def _combine(prep: Prep, parts: list, time_limit: float, workers: int, seed: int, stop, hint,
             const: int) -> Relaxation:
    """Solve the parts in turn and add up their bounds and plans."""
    out = Relaxation(bound=const, value=const, plans=[{}])
    deadline = time.perf_counter() + time_limit
    for i, part in enumerate(parts):
        share = (deadline - time.perf_counter()) / (len(parts) - i)
        if share <= 0.05 or (stop is not None and stop.is_set()):
            return Relaxation()  # no valid bound unless every part was solved
        res = _solve_part(prep, part, share, workers, seed, stop, hint)
        if res.bound is None or res.value is None:
            return Relaxation()
        out.bound += res.bound
        out.value += res.value
        out.counts.update(res.counts)
        out.quota.update(res.quota)
        if part is None:
            out.plans = res.plans
        else:
            out.plans[0].update(res.plans[-1] if res.plans else res.quota)
    log.info("relaxation (%d part(s)): value %s bound %s", len(parts), out.value, out.bound)
    return out


def _solve_part(prep: Prep, topics, time_limit, workers, seed, stop, hint) -> Relaxation:
    """Solve the relaxation of some topics (all when None), without the fixed cost."""
    m, k, x, helpers = build_relaxation(prep, topics)
    if hint:
        mine = [p for p in hint if topics is None or p.topic in topics]
        hint_relaxation(prep, m, k, x, helpers, mine)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    plans = PlanCollector(x, helpers)
    with stop_watch(solver, stop):
        status = solver.solve(m, plans)
    out = Relaxation(plans=plans.plans)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        out.value = int(round(solver.objective_value))
        out.counts = spread_counts(prep, {key: solver.value(var) for key, var in k.items()})
        out.quota = {(t, key[0], c): solver.value(var) for (t, key, c), var in x.items()
                     if solver.value(var) > 0}
        if math.isfinite(solver.best_objective_bound):
            out.bound = max(0, math.ceil(solver.best_objective_bound - 1e-6))  # costs are >= 0
    log.debug("relaxation part %s: status %s value %s bound %s in %.1fs", topics,
              solver.status_name(status), out.value, out.bound, solver.wall_time)
    return out
