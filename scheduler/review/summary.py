"""Summary figures of a timetable (served requests, travel, trainer load) and unserved requests."""

from __future__ import annotations

from collections import Counter, defaultdict

from flask_babel import gettext as _
from sqlalchemy import select

from scheduler.communes.models import Commune, Official
from scheduler.extensions import db
from scheduler.planning.models import SolveRun, TrainingClass
from scheduler.rounds.models import TopicRequest, TrainingRound
from scheduler.topics.models import Topic
from scheduler.venues.models import TravelTime
from solver.reasons import render


def requests_of(training_round: TrainingRound, commune_id=None, topic_id=None) -> list:
    """(request, official, commune, topic) rows for the topics on offer, optionally filtered."""
    offered = [t.id for t in training_round.topics]
    query = (
        select(TopicRequest, Official, Commune, Topic)
        .join(Official, TopicRequest.official_id == Official.id)
        .join(Commune, Official.commune_id == Commune.id)
        .join(Topic, TopicRequest.topic_id == Topic.id)
        .where(TopicRequest.round_id == training_round.id, TopicRequest.topic_id.in_(offered))
        .order_by(Commune.name, Official.name, Topic.code)
    )
    if commune_id:
        query = query.where(Commune.id == commune_id)
    if topic_id:
        query = query.where(Topic.id == topic_id)
    return list(db.session.execute(query))


def served_pairs(classes: list[TrainingClass]) -> set[tuple[int, int]]:
    """(official id, topic id) of every request a class serves."""
    return {(seat.official_id, c.topic_id) for c in classes for seat in c.seats}


def served_by(rows: list, served: set, which: int) -> list[dict]:
    """Requests and served requests per commune (which=2) or per topic (which=3), with a share."""
    total, done, names = Counter(), Counter(), {}
    for row in rows:
        record = row[which]
        names[record.id] = record.name if which == 2 else f"{record.code} – {record.name}"
        total[record.id] += 1
        done[record.id] += (row[1].id, row[3].id) in served
    out = [{"name": names[i], "total": total[i], "served": done[i],
            "percent": round(100 * done[i] / total[i])} for i in total]
    return sorted(out, key=lambda r: r["name"])


def travel_minutes(classes: list[TrainingClass]) -> int:
    """Total one-way minutes of every official to their in-person class."""
    rows = db.session.scalars(select(TravelTime))
    minutes = {(t.commune_id, t.venue_id): t.minutes for t in rows}
    return sum(minutes.get((seat.official.commune_id, c.venue_id), 0)
               for c in classes if c.mode != "online" for seat in c.seats)


def trainer_load(classes: list[TrainingClass]) -> list[dict]:
    """Half-days taught per trainer over the round and in their busiest week, against the caps."""
    total, weekly, trainers = Counter(), defaultdict(Counter), {}
    for c in classes:
        trainers[c.trainer_id] = c.trainer
        for s in c.sessions:
            total[c.trainer_id] += 1
            weekly[c.trainer_id][s.session_date.isocalendar()[:2]] += 1
    out = []
    for tid, trainer in trainers.items():
        cap = trainer.max_sessions
        out.append({"trainer": trainer, "sessions": total[tid], "cap": cap,
                    "week": max(weekly[tid].values()), "week_cap": trainer.max_sessions_per_week,
                    "percent": min(100, round(100 * total[tid] / cap)) if cap else None})
    return sorted(out, key=lambda r: r["trainer"].name)


def summary(training_round: TrainingRound, classes: list[TrainingClass]) -> dict:
    """Every figure of the summary page."""
    rows, served = requests_of(training_round), served_pairs(classes)
    return {
        "requests": len(rows), "served": sum((r[1].id, r[3].id) in served for r in rows),
        "classes": len(classes), "travel": travel_minutes(classes),
        "by_commune": served_by(rows, served, 2), "by_topic": served_by(rows, served, 3),
        "load": trainer_load(classes),
    }


def stored_reasons(training_round: TrainingRound, classes: list[TrainingClass]) -> dict:
    """(official, topic) codes -> (code, params, text) from the solve behind the timetable."""
    run_ids = {c.solve_run_id for c in classes if c.solve_run_id}
    query = select(SolveRun).where(SolveRun.round_id == training_round.id,
                                   SolveRun.solution.is_not(None))
    query = query.where(SolveRun.id.in_(run_ids)) if run_ids else query
    run = db.session.scalars(query.order_by(SolveRun.id.desc())).first()
    doc = (run.solution if run else None) or {}
    codes = {(r["official"], r["topic"]): r for r in doc.get("reasons", [])}
    return {(u["official"], u["topic"]): (codes.get((u["official"], u["topic"]), {}).get("code"),
                                          codes.get((u["official"], u["topic"]), {}).get("params"),
                                          u.get("reason", ""))
            for u in doc.get("unserved", [])}


def reason_text(stored: tuple | None, lang: str) -> str:
    """The reason in the user's language: rendered from its code, else the stored words."""
    if stored is None:
        return _("Not seated in any class of this timetable (it was edited after the solve).")
    code, params, text = stored
    return render(code, params or {}, lang) if code else (text or _("No reason recorded."))


def unserved(training_round: TrainingRound, classes: list[TrainingClass], lang: str,
             commune_id=None, topic_id=None) -> list[dict]:
    """The requests no class serves, with their reasons, optionally for one commune or topic."""
    served, reasons = served_pairs(classes), stored_reasons(training_round, classes)
    return [{"official": o, "commune": c, "topic": t,
             "priority": r.priority, "reason": reason_text(reasons.get((o.code, t.code)), lang)}
            for r, o, c, t in requests_of(training_round, commune_id, topic_id)
            if (o.id, t.id) not in served]
