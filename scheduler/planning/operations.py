"""The verbs of scheduling: start and stop a solve, settle an interrupted run, publish."""

from __future__ import annotations

import logging

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from scheduler.extensions import db
from scheduler.planning import service
from scheduler.planning.jobs import make_job, now
from scheduler.planning.mapping import export_classes
from scheduler.planning.models import SolveRun
from scheduler.planning.runner import AlreadyRunning
from scheduler.planning.timetable import (
    classes_of,
    replace_classes,
    solve_instance,
    unserved_requests,
)
from scheduler.review.validation import describe
from scheduler.rounds.models import TrainingRound
from scheduler.rounds.operations import RoundError, check_solvable
from solver.checks import InvalidInstance, load_instance
from solver.solution import Class, Unserved
from solver.validate import breach_records

logger = logging.getLogger(__name__)
MIN_SECONDS, MAX_SECONDS = 5, 600
ACTIVE = ("queued", "running")


class PlanningError(RoundError):
    """A refused scheduling action, with the reason in words."""


def already_running() -> PlanningError:
    """The refusal of a second solve of the same round."""
    return PlanningError(_("A solve of this round is already running; wait for it to finish "
                           "or stop it first."))


def start_solve(training_round: TrainingRound, time_limit: int) -> SolveRun:
    """Record a run and start it in the background; refuse a second one of the same round."""
    check_solvable(training_round)
    if not MIN_SECONDS <= time_limit <= MAX_SECONDS:
        raise PlanningError(_("The time limit must be between %(low)s and %(high)s seconds.",
                              low=MIN_SECONDS, high=MAX_SECONDS))
    runner, key = service.get_runner(), service.job_key(training_round.id)
    status = runner.status(key)
    if status is not None and status.running:
        raise already_running()
    run = SolveRun(round_id=training_round.id, status="queued", time_limit_seconds=time_limit)
    db.session.add(run)
    db.session.commit()  # the job reads the row from its own session
    job = make_job(current_app._get_current_object(), run.id, time_limit, str(get_locale()))
    try:
        runner.submit(key, job)
    except AlreadyRunning as exc:
        db.session.delete(run)
        db.session.commit()
        raise already_running() from exc
    logger.info("Solve run %s of round %s started", run.id, training_round.id)
    return run


def stop_solve(run: SolveRun) -> bool:
    """Ask a running solve to stop; it keeps the best timetable found so far."""
    if run.status not in ACTIVE:
        return False
    return service.get_runner().stop(service.job_key(run.round_id))


def settle_run(run: SolveRun) -> SolveRun:
    """Mark failed a run the database calls active but no job runs (e.g. the server restarted)."""
    if run.status not in ACTIVE:
        return run
    status = service.get_runner().status(service.job_key(run.round_id))
    if status is None or not status.running:
        db.session.refresh(run)
        if run.status in ACTIVE:
            run.status, run.finished_dt = "failed", now()
            run.error = _("The solve was interrupted before it finished (was the server "
                          "restarted?). The earlier timetables are unchanged.")
            db.session.commit()
    return run


def latest_run(round_id: int) -> SolveRun | None:
    """The round's most recent run."""
    query = select(SolveRun).where(SolveRun.round_id == round_id).order_by(SolveRun.id.desc())
    return db.session.scalars(query).first()


def draft_breaches(training_round: TrainingRound) -> list[str]:
    """Every hard rule the round's draft breaks, in the user's language (empty: publishable)."""
    doc = solve_instance(training_round)
    classes = export_classes(training_round, "draft")
    try:
        instance = load_instance(doc, lang=str(get_locale()))
    except InvalidInstance as exc:
        return list(exc.errors)
    run = latest_run(training_round.id)
    reasons = {(u["official"], u["topic"]): u["reason"]
               for u in ((run.solution or {}).get("unserved", []) if run else [])}
    unserved = [Unserved(u["official"], u["topic"], u["reason"])
                for u in unserved_requests(doc, classes, reasons)]
    found = breach_records(instance, [Class.from_dict(c) for c in classes], unserved)
    return [describe(b, instance) for b in found]


def publish_round(training_round: TrainingRound) -> int:
    """Make the validated draft the round's published timetable; return its class count."""
    check_solvable(training_round)
    if not classes_of(training_round, "draft"):
        raise PlanningError(_("There is no draft timetable to publish; run the solver first."))
    problems = draft_breaches(training_round)
    if problems:
        raise PlanningError(_("The draft breaks the rules and cannot be published: %(rules)s",
                              rules="; ".join(problems[:10])))
    drafts = classes_of(training_round, "draft")
    pinned = {c.code for c in drafts if c.pinned}
    replace_classes(training_round, export_classes(training_round, "draft"), "published",
                    pinned=pinned)
    training_round.status = "published"
    db.session.flush()
    logger.info("Round %s published with %s classes", training_round.id, len(drafts))
    return len(drafts)
