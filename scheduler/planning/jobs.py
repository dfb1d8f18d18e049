"""The background solve job: its own app context and session; results stored as the draft."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from flask import Flask

from scheduler.extensions import db
from scheduler.planning.changes import compare_classes
from scheduler.planning.mapping import export_classes
from scheduler.planning.models import SolveRun
from scheduler.planning.timetable import classes_of, replace_classes, solve_instance
from scheduler.rounds.models import TrainingRound
from solver import model
from solver.checks import InvalidInstance, load_instance

logger = logging.getLogger(__name__)
GOOD = ("OPTIMAL", "FEASIBLE")


def now() -> datetime:
    """The current time (naive UTC, as the database keeps it)."""
    return datetime.now(UTC).replace(tzinfo=None)


def make_job(app: Flask, run_id: int, time_limit: int, lang: str):
    """A runner job that solves the run's round inside its own app context."""

    def job(ctx):
        with app.app_context():
            try:
                return run_solve(run_id, time_limit, lang, ctx)
            except Exception as exc:
                db.session.rollback()
                mark_failed(run_id, f"{type(exc).__name__}: {exc}")
                raise
            finally:
                db.session.remove()

    return job


def run_solve(run_id: int, time_limit: int, lang: str, ctx) -> str:
    """Export, solve, and store the draft; return the run's final status."""
    run = db.session.get(SolveRun, run_id)
    run.status, run.started_dt = "running", now()
    db.session.commit()
    training_round = db.session.get(TrainingRound, run.round_id)
    doc = solve_instance(training_round)
    try:
        instance = load_instance(doc, lang=lang)
    except InvalidInstance as exc:
        return finish_without_draft(run, "INVALID_INPUT", "\n".join(exc.errors))
    solution = model.solve(instance, time_limit=time_limit, workers=2, seed=0,
                           progress=ctx.report, stop=ctx.stop_event, lang=lang)
    if solution.status not in GOOD:
        return finish_without_draft(run, solution.status, "\n".join(solution.errors))
    store_draft(run, training_round, solution, doc, stopped=ctx.stopped)
    db.session.commit()
    logger.info("Solve run %s stored a draft (%s)", run_id, solution.status)
    return run.status


def store_draft(run: SolveRun, training_round: TrainingRound, solution, doc: dict,
                stopped: bool) -> None:
    """Replace the round's draft with the solution and record the run's figures."""
    previous = export_classes(training_round, "draft")
    pinned = {c.code for c in classes_of(training_round, "draft") if c.pinned}
    pinned |= {c["id"] for c in doc["fixed_classes"]}
    classes = [c.to_dict() for c in solution.classes]
    replace_classes(training_round, classes, "draft", solve_run_id=run.id, pinned=pinned)
    document = solution.to_dict()
    document["changes"] = compare_classes(previous, classes)
    document["served"] = len(doc["requests"]) - len(solution.unserved)
    document["requests"] = len(doc["requests"])
    run.solution = document
    run.status = "stopped" if stopped else "finished"
    record_figures(run, solution)


def record_figures(run: SolveRun, solution) -> None:
    """Status, cost, bound, timings and a short log of a run."""
    run.result_status = solution.status
    run.objective, run.bound = solution.objective, solution.bound
    run.wall_seconds = round(solution.wall_seconds, 3)
    run.finished_dt = now()
    run.progress = 1.0
    stats = ", ".join(f"{k}={v}" for k, v in sorted((solution.stats or {}).items()))
    run.log = f"{solution.status} objective={solution.objective} bound={solution.bound} {stats}"


def finish_without_draft(run: SolveRun, status: str, errors: str) -> str:
    """A solve without a usable timetable: failed, with the solver's words; drafts untouched."""
    run.status, run.result_status = "failed", status
    run.error = errors or status
    run.finished_dt = now()
    db.session.commit()
    return run.status


def mark_failed(run_id: int, error: str) -> None:
    """Record a crashed run (in a fresh transaction); earlier drafts stay as they were."""
    run = db.session.get(SolveRun, run_id)
    if run is not None:
        run.status, run.error, run.finished_dt = "failed", error, now()
        db.session.commit()
