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
from solver.hinting import add_hint, read_classes
from solver.instance import Instance
from solver.model import build_class_model, make_candidates
from solver.prep import Prep, build_prep
from solver.reasons import finish_solution
from solver.relax import disjoint_classes, impossible_cost, simple_bound, solve_relaxation
from solver.runtime import Progress, stop_watch
from solver.solution import Solution

log = logging.getLogger(__name__)

EXACT_CANDIDATES = 120  # at most this many candidate classes: enumerate them all (exact model)
MODEL_CANDIDATES = 200  # above this, the class model is too big for 2 cores and a few GB: the
# relaxation gets the whole time, and its plans (through the guided greedy) give the timetable


def exact_counts(prep: Prep) -> dict[tuple[str, str], int]:
    """For each topic and venue, the most classes any valid timetable can run there."""
    out = {}
    for t in prep.inst.topics:
        for v, n in prep.reach(t.id).items():
            count = min(n // t.min_size, disjoint_classes(prep, t.id, v))
            if count:
                out[t.id, v] = count
    return out


def fixed_class_errors(inst: Instance, lang: str = "en") -> list[str]:
    """Breaches of the hard rules by the published classes alone (they cannot be changed).

    A published class below its minimum size is no breach yet: others may still join it.
    """
    from solver import validate

    fixed = list(inst.fixed_classes)
    if not fixed:
        return []
    found = []
    for rule in (validate.shape_records, validate.trainer_records, validate.venue_records,
                 validate.officials_records, validate.commune_records):
        found.extend(rule(inst, fixed))
    found.extend(b for b in validate.size_records(inst, fixed) if b.params["n"] > b.params["max"])
    return [b.text(lang) for b in found]


FIXED_TOO_SMALL = {
    "en": "the published classes cannot all be kept: no valid timetable fills every published "
          "class to its minimum size",
    "vi": "không thể giữ mọi lớp đã công bố: không có lịch hợp lệ nào đủ sĩ số tối thiểu cho "
          "mọi lớp đã công bố",
}


def _valid_plan(prep: Prep, planned: list[Planned]) -> bool:
    """Every class of the plan has at least its minimum size (published ones may not)."""
    return all(len(p.members) >= prep.inst.topic[p.topic].min_size for p in planned)


def _report(progress: Callable | None, **fields) -> None:
    if progress is not None:
        try:
            progress(fields)
        except Exception:  # a failing progress sink must not stop the solve
            log.exception("progress callback failed")


def _solution(prep: Prep, planned: list[Planned], lang: str, reasons: bool = True) -> Solution:
    sol = Solution(instance=prep.inst.name, status="FEASIBLE", classes=to_classes(prep, planned))
    finish_solution(prep, sol, lang, reasons)
    return sol


def solve(inst: Instance, time_limit: float = 10.0, workers: int = 2, seed: int = 0,
          progress: Callable[[dict], None] | None = None, stop: threading.Event | None = None,
          lang: str = "en") -> Solution:
    """The best timetable found within the time limit, with its cost, bound and status."""
    t0 = time.perf_counter()
    errors = fixed_class_errors(inst, lang)
    if errors:
        return Solution(instance=inst.name, status="INFEASIBLE", errors=errors,
                        wall_seconds=time.perf_counter() - t0)
    prep = build_prep(inst)
    run = _Run(prep, lang, progress, t0)
    run.offer(greedy_plan(prep).classes, "greedy")
    greedy_cost = run.best.objective if run.best else None
    first = time.perf_counter() - t0 if run.best else None
    counts, relax_bound, exact = exact_counts(prep), None, True
    if sum(counts.values()) > EXACT_CANDIDATES and not _stopped(stop):
        exact = False
        left = time_limit - (time.perf_counter() - t0)
        budget = min(max(1.0, 0.25 * left), 60.0)
        if len(run.hint) > 0.75 * MODEL_CANDIDATES:  # the class model will surely be too big
            budget = max(1.0, 0.8 * left)
        relax = solve_relaxation(prep, budget, workers, seed, stop, hint=run.hint)
        relax_bound = run.bound = max(relax.bound or 0, simple_bound(prep))
        each = 0.0  # seconds one guided greedy takes: do not start one that would overrun
        for plan in relax.plans:
            started = time.perf_counter()
            if started - t0 + each > time_limit or _stopped(stop):
                break
            run.offer(greedy_plan(prep, plan).classes, "relaxation")
            each = max(each, time.perf_counter() - started)
        counts = Counter((p.topic, p.venue) for p in run.hint if p.fixed_id is None)
        for key, n in relax.counts.items():
            counts[key] = max(counts[key], n)
    remaining = time_limit - (time.perf_counter() - t0)
    found, model_bound, proven = None, None, False
    size = sum(counts.values()) + len(inst.fixed_classes)
    if size > MODEL_CANDIDATES:
        log.info("class model skipped: %d candidate classes", size)
    elif remaining > 0.05 and not _stopped(stop):
        found, model_bound, proven = _run_model(
            prep, counts, run.hint, remaining, workers, seed, progress, stop, t0,
            relax_bound, exact)
    if found is not None:
        run.offer(found, None)
    return run.finish(relax_bound, model_bound if exact else None, proven and exact,
                      {"first_solution_seconds": first, "greedy_objective": greedy_cost,
                       "exact_model": exact, "model_candidates": size})


def _stopped(stop: threading.Event | None) -> bool:
    return stop is not None and stop.is_set()


class _Run:
    """The best valid timetable so far, and what to report about it."""

    def __init__(self, prep: Prep, lang: str, progress, t0: float):
        self.prep, self.lang, self.progress, self.t0 = prep, lang, progress, t0
        self.best: Solution | None = None
        self.hint: list[Planned] = []
        self.bound: int | None = None

    def offer(self, planned: list[Planned], phase: str | None) -> None:
        """Keep a plan if it is valid and cheaper than the best so far."""
        if not _valid_plan(self.prep, planned):
            return
        sol = _solution(self.prep, planned, self.lang, reasons=False)
        if self.best is None or sol.objective < self.best.objective:
            self.best, self.hint = sol, planned
            if phase is not None:
                _report(self.progress, phase=phase,
                        elapsed=round(time.perf_counter() - self.t0, 2),
                        objective=sol.objective, bound=self.bound,
                        served=sol.stats["served"], requests=len(self.prep.inst.request))

    def finish(self, relax_bound, model_bound, proven, stats) -> Solution:
        inst = self.prep.inst
        best = self.best
        if best is None:
            status = "INFEASIBLE" if proven else "UNKNOWN"
            errors = [FIXED_TOO_SMALL[self.lang]] if proven else []
            return Solution(instance=inst.name, status=status, errors=errors,
                            wall_seconds=time.perf_counter() - self.t0)
        best = self.best = _solution(self.prep, self.hint, self.lang)  # now with the reasons
        bounds = [b for b in (relax_bound, model_bound) if b is not None]
        best.bound = max(bounds) if bounds else None
        if best.bound is not None and best.bound > best.objective:
            log.error("bound %s above objective %s: dropped", best.bound, best.objective)
            best.bound = None
        best.status = "OPTIMAL" if best.bound == best.objective else "FEASIBLE"
        best.wall_seconds = time.perf_counter() - self.t0
        best.stats.update({k: (round(v, 3) if isinstance(v, float) else v)
                           for k, v in stats.items()})
        return best


def _run_model(prep, counts, hint, time_limit, workers, seed, progress, stop, t0,
               bound_floor, exact):
    """Build and solve the class model; the classes found, CP-SAT's bound, proven optimal."""
    t_build = time.perf_counter()
    cands = make_candidates(prep, counts)
    cm = build_class_model(prep, cands)
    offset = cm.offset + impossible_cost(prep)
    if not add_hint(cm, hint):
        log.warning("the greedy timetable does not fit the candidate classes; no hint")
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = max(0.01, time_limit - (time.perf_counter() - t_build))
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
    if status == cp_model.INFEASIBLE:
        return None, None, True
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, None, False
    bound = math.ceil(solver.best_objective_bound - 1e-6) + offset
    return read_classes(cm, solver.value), bound, status == cp_model.OPTIMAL
