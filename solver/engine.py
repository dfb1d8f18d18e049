"""Solve a training round: greedy first, then the CP-SAT class model, with a proven bound.

Small rounds get every candidate class the data allow, so CP-SAT's own bound is proven for the
contract. Large rounds first solve the timeless relaxation (solver.relax): its bound is proven,
and its plan (how many classes of each topic at each venue), joined with the greedy's, decides
the candidate classes of the CP-SAT model, which then schedules them in time.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import Counter
from collections.abc import Callable

from ortools.sat.python import cp_model

from solver.greedy import Planned, greedy_plan, to_classes
from solver.instance import Instance
from solver.model import add_hint, build_class_model, make_candidates, read_classes
from solver.prep import Prep, build_prep
from solver.reasons import finish_solution
from solver.relax import disjoint_classes, impossible_cost, solve_relaxation
from solver.runtime import Progress, stop_watch
from solver.solution import Solution

log = logging.getLogger(__name__)

EXACT_CANDIDATES = 120  # at most this many candidate classes: enumerate them all (exact model)


def exact_counts(prep: Prep) -> dict[tuple[str, str], int]:
    """For each topic and venue, the most classes any valid timetable can run there."""
    reach: Counter = Counter()
    for g in prep.groups:
        for t in g.topics:
            for v in prep.commune_venues[g.commune, t]:
                reach[t, v] += g.size
    out = {}
    for (t, v), n in reach.items():
        count = min(n // prep.inst.topic[t].min_size, disjoint_classes(prep, t, v))
        if count:
            out[t, v] = count
    return out


def fixed_class_errors(inst: Instance) -> list[str]:
    """Breaches of the hard rules by the published classes alone (they cannot be changed)."""
    from solver.validate import breaches

    fixed = list(inst.fixed_classes)
    if not fixed:
        return []
    return [b for b in breaches(inst, fixed, []) if not b.startswith("rule 8")]


def _report(progress: Callable | None, **fields) -> None:
    if progress is not None:
        try:
            progress(fields)
        except Exception:  # a failing progress sink must not stop the solve
            log.exception("progress callback failed")


def _solution(prep: Prep, planned: list[Planned], lang: str) -> Solution:
    sol = Solution(instance=prep.inst.name, status="FEASIBLE", classes=to_classes(prep, planned))
    finish_solution(prep, sol, lang)
    return sol


def solve(inst: Instance, time_limit: float = 10.0, workers: int = 2, seed: int = 0,
          progress: Callable[[dict], None] | None = None, stop: threading.Event | None = None,
          lang: str = "en") -> Solution:
    """The best timetable found within the time limit, with its cost, bound and status."""
    t0 = time.perf_counter()
    errors = fixed_class_errors(inst)
    if errors:
        return Solution(instance=inst.name, status="INFEASIBLE", errors=errors,
                        wall_seconds=time.perf_counter() - t0)
    prep = build_prep(inst)
    greedy = greedy_plan(prep)
    best = _solution(prep, greedy.classes, lang)
    greedy_cost = best.objective
    first = time.perf_counter() - t0
    requests = len(inst.request)
    _report(progress, phase="greedy", elapsed=round(first, 2), objective=best.objective,
            bound=None, served=best.stats["served"], requests=requests)
    counts, relax_bound, exact = exact_counts(prep), None, True
    if sum(counts.values()) > EXACT_CANDIDATES:
        exact = False
        budget = min(max(1.0, 0.25 * (time_limit - first)), 60.0)
        relax = solve_relaxation(prep, budget, workers, seed, stop)
        relax_bound = relax.bound
        for plan in relax.plans:
            guided = greedy_plan(prep, plan)
            sol = _solution(prep, guided.classes, lang)
            if sol.objective < best.objective:
                best, greedy = sol, guided
        counts = Counter((p.topic, p.venue) for p in greedy.classes if p.fixed_id is None)
        for key, n in relax.counts.items():
            counts[key] = max(counts[key], n)
        _report(progress, phase="relaxation", elapsed=round(time.perf_counter() - t0, 2),
                objective=best.objective, bound=relax_bound, served=best.stats["served"],
                requests=requests)
    remaining = time_limit - (time.perf_counter() - t0)
    found, model_bound, proven = None, None, False
    if remaining > 0.05 and not (stop is not None and stop.is_set()):
        found, model_bound, proven = _run_model(
            prep, counts, greedy.classes, remaining, workers, seed, progress, stop, t0,
            relax_bound if not exact else None, exact)
    if found is not None:
        sol = _solution(prep, found, lang)
        if sol.objective < best.objective:
            best = sol
    bounds = [b for b in (relax_bound, model_bound if exact else None) if b is not None]
    best.bound = max(bounds) if bounds else None
    if best.bound is not None and best.bound > best.objective:
        log.error("bound %s above objective %s: dropped", best.bound, best.objective)
        best.bound = None
    best.status = "OPTIMAL" if (
        best.bound == best.objective or (exact and proven and found is not None
                                         and best.objective == model_bound)
    ) else "FEASIBLE"
    best.wall_seconds = time.perf_counter() - t0
    best.stats.update({"first_solution_seconds": round(first, 3),
                       "greedy_objective": greedy_cost, "exact_model": exact})
    return best


def _run_model(prep, counts, hint, time_limit, workers, seed, progress, stop, t0,
               bound_floor, exact):
    """Build and solve the class model; the classes found, CP-SAT's bound, proven optimal."""
    cands = make_candidates(prep, counts)
    cm = build_class_model(prep, cands)
    offset = cm.offset + impossible_cost(prep)
    if not add_hint(cm, hint):
        log.warning("the greedy timetable does not fit the candidate classes; no hint")
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = time_limit
    params.num_workers = workers
    params.random_seed = seed
    params.log_search_progress = log.isEnabledFor(logging.DEBUG)
    if not exact:  # large models: a light presolve leaves the time to the search
        params.cp_model_probing_level = 0
        params.max_presolve_iterations = 1
    cb = Progress(progress, t0, offset, sum(cm.served_terms), len(prep.inst.request),
                  bound_floor, model_bound_valid=exact)
    with stop_watch(solver, stop):
        status = solver.solve(cm.m, cb)
    log.info("class model: %d candidates, status %s, objective %s, bound %s, %.1fs",
             len(cands), solver.status_name(status), solver.objective_value + offset,
             solver.best_objective_bound + offset, solver.wall_time)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        bound = None
        if status == cp_model.UNKNOWN:
            bound = math.ceil(solver.best_objective_bound - 1e-6) + offset
        return None, bound, False
    bound = math.ceil(solver.best_objective_bound - 1e-6) + offset
    return read_classes(cm, solver.value), bound, status == cp_model.OPTIMAL
