"""Running CP-SAT: stopping a search from another thread, reporting progress cheaply."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager

from ortools.sat.python import cp_model

log = logging.getLogger(__name__)


@contextmanager
def stop_watch(solver: cp_model.CpSolver, stop: threading.Event | None):
    """While the block runs, a set `stop` event ends the solver's search (best solution kept)."""
    if stop is None:
        yield
        return
    done = threading.Event()
    if stop.is_set():  # a search not yet started ignores stop_search: give it no time instead
        solver.parameters.max_time_in_seconds = 0.0

    def watch() -> None:
        while not done.is_set():
            if stop.wait(0.05):  # repeat: the search may not have started at the first call
                solver.stop_search()

    thread = threading.Thread(target=watch, name="cp-sat-stop", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join(timeout=1)


class Progress(cp_model.CpSolverSolutionCallback):
    """Reports each improving solution: elapsed seconds, cost, bound, requests served."""

    def __init__(self, report: Callable[[dict], None] | None, t0: float, offset: int,
                 served, requests: int, bound_floor: int | None, model_bound_valid: bool = True):
        super().__init__()
        self.report, self.t0, self.offset = report, t0, offset
        self.served, self.requests, self.bound_floor = served, requests, bound_floor
        self.model_bound_valid = model_bound_valid
        self.first_seconds: float | None = None

    def on_solution_callback(self) -> None:
        elapsed = time.perf_counter() - self.t0
        if self.first_seconds is None:
            self.first_seconds = elapsed
        if self.report is None:
            return
        try:
            self.report(self._update(elapsed))
        except Exception:  # a failing progress sink must not end the solve
            log.exception("progress callback failed")

    def _update(self, elapsed: float) -> dict:
        bound = self.bound_floor
        if self.model_bound_valid:
            model_bound = int(self.best_objective_bound) + self.offset
            bound = max(model_bound, bound if bound is not None else 0)
        return {
            "phase": "model",
            "elapsed": round(elapsed, 2),
            "objective": int(round(self.objective_value)) + self.offset,
            "bound": bound,
            "served": int(self.value(self.served)) if self.served is not None else None,
            "requests": self.requests,
        }
