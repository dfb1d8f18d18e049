"""Read-only questions about solves and timetables: progress, summaries, one person's classes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from scheduler.extensions import db
from scheduler.planning import service
from scheduler.planning.models import ClassSeat, SolveRun, TrainingClass
from scheduler.planning.timetable import classes_of
from scheduler.rounds.models import TrainingRound

RECENT_RUNS = 10


def live_progress(run: SolveRun) -> dict:
    """What the progress page shows: state, elapsed, best cost, bound, requests served."""
    out = {"run": run.id, "status": run.status, "done": run.status not in ("queued", "running"),
           "elapsed": run.wall_seconds, "objective": run.objective, "bound": run.bound,
           "served": None, "requests": None, "error": run.error}
    if run.solution:
        out["served"], out["requests"] = run.solution.get("served"), run.solution.get("requests")
    if not out["done"]:
        status = service.get_runner().status(service.job_key(run.round_id))
        if status is not None:
            progress = status.progress or {}
            out["elapsed"] = round(status.elapsed, 1)
            for name in ("objective", "bound", "served", "requests"):
                out[name] = progress.get(name, out[name])
            out["phase"] = progress.get("phase")
    return out


def planning_summary(training_round: TrainingRound) -> dict:
    """Recent runs, the draft and the published timetable in figures, the last changes."""
    runs = list(db.session.scalars(
        select(SolveRun).where(SolveRun.round_id == training_round.id)
        .order_by(SolveRun.id.desc()).limit(RECENT_RUNS)
    ))
    stored = next((r for r in runs if r.status in ("finished", "stopped") and r.solution), None)
    draft = classes_of(training_round, "draft")
    return {
        "runs": runs, "stored_run": stored,
        "draft_count": len(draft), "pinned_count": sum(1 for c in draft if c.pinned),
        "published_count": len(classes_of(training_round, "published")),
        "changes": (stored.solution or {}).get("changes") if stored else None,
        "unserved": (stored.solution or {}).get("unserved", []) if stored else [],
    }


def published_classes_of_official(official_id: int) -> list[TrainingClass]:
    """The published classes an official sits in, by first half-day."""
    query = (select(TrainingClass).join(ClassSeat)
             .where(ClassSeat.official_id == official_id, TrainingClass.state == "published"))
    return sorted(db.session.scalars(query), key=first_slot)


def published_classes_of_trainer(trainer_id: int) -> list[TrainingClass]:
    """The published classes a trainer teaches, by first half-day."""
    query = select(TrainingClass).where(TrainingClass.trainer_id == trainer_id,
                                        TrainingClass.state == "published")
    return sorted(db.session.scalars(query), key=first_slot)


def first_slot(training_class: TrainingClass) -> tuple:
    """Sort key: the class's first date and part."""
    first = training_class.sessions[0] if training_class.sessions else None
    return (first.session_date, first.position) if first else (date.min, 0)
