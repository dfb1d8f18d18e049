"""The round's timetables as documents: the instance to solve, drafts, pins, unserved requests."""

from __future__ import annotations

from sqlalchemy import select

from scheduler.extensions import db
from scheduler.planning.mapping import export_classes, export_round, store_classes
from scheduler.planning.models import TrainingClass
from scheduler.rounds.models import TrainingRound


def pinned_classes(training_round: TrainingRound) -> list[dict]:
    """Pinned draft classes, and pinned published classes the draft no longer has."""
    pinned = {c.code for c in classes_of(training_round, "draft") if c.pinned}
    draft_codes = {c.code for c in classes_of(training_round, "draft")}
    pinned_published = {c.code for c in classes_of(training_round, "published")
                        if c.pinned and c.code not in draft_codes}
    drafts = [d for d in export_classes(training_round, "draft") if d["id"] in pinned]
    published = [d for d in export_classes(training_round, "published")
                 if d["id"] in pinned_published]
    return drafts + published


def solve_instance(training_round: TrainingRound) -> dict:
    """The round as an instance whose fixed classes are exactly its pinned classes."""
    doc = export_round(training_round)
    doc["fixed_classes"] = pinned_classes(training_round)
    return doc


def classes_of(training_round: TrainingRound, state: str) -> list[TrainingClass]:
    """The round's class rows in one state."""
    return list(db.session.scalars(
        select(TrainingClass).where(TrainingClass.round_id == training_round.id,
                                    TrainingClass.state == state).order_by(TrainingClass.code)
    ))


def replace_classes(training_round: TrainingRound, classes: list[dict], state: str,
                    solve_run_id: int | None = None, pinned: set[str] = frozenset()) -> None:
    """Drop the round's classes in `state` and store `classes` there instead; flush."""
    for row in classes_of(training_round, state):
        db.session.delete(row)  # through the ORM, so sessions and seats go too on SQLite
    db.session.flush()
    for row in store_classes(training_round, classes, state=state, solve_run_id=solve_run_id):
        row.pinned = row.code in pinned
    db.session.flush()


def unserved_requests(instance_doc: dict, classes: list[dict],
                      reasons: dict[tuple[str, str], str] | None = None) -> list[dict]:
    """The requests no class serves, with the solver's reason where known."""
    served = {(o, c["topic"]) for c in classes for o in c["officials"]}
    reasons = reasons or {}
    return [{"official": r["official"], "topic": r["topic"],
             "reason": reasons.get((r["official"], r["topic"])) or "not served in the draft"}
            for r in instance_doc["requests"] if (r["official"], r["topic"]) not in served]
