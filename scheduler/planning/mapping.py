"""The one place that turns database rows into a solver instance, and solutions back into rows."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import or_, select

from scheduler.communes.models import Commune, Official, official_completed_topic
from scheduler.extensions import db
from scheduler.planning.models import ClassSeat, ClassSession, TrainingClass
from scheduler.rounds.models import TopicRequest, TrainingRound
from scheduler.topics.models import Topic
from scheduler.trainers.models import Trainer
from scheduler.venues.models import TravelTime, Venue

FORMAT = "commune-training-instance/1"


# ---- rows -> instance document -------------------------------------------------------------
def export_round(training_round: TrainingRound) -> dict:
    """The round as a contract instance document (CONTRACT.md, instance.schema.json)."""
    topics = exported_topics(training_round)
    topic_codes = {t.id: t.code for t in topics}
    communes = db.session.scalars(
        select(Commune).where(Commune.province_id == training_round.province_id)
        .order_by(Commune.code)
    ).all()
    venues = db.session.scalars(
        select(Venue).outerjoin(Commune, Venue.commune_id == Commune.id)
        .where(or_(Venue.commune_id.is_(None), Commune.province_id == training_round.province_id))
        .order_by(Venue.code)
    ).all()
    return {
        "format": FORMAT,
        "name": training_round.name,
        "calendar": export_calendar(training_round),
        "topics": [export_topic(t, topic_codes) for t in topics],
        "trainers": export_trainers(topic_codes),
        "venues": [export_venue(v) for v in venues],
        "communes": export_communes(training_round, communes, venues),
        "officials": export_officials(communes, topic_codes),
        "requests": export_requests(training_round),
        "fixed_classes": export_classes(training_round, state="published"),
        "settings": export_settings(training_round),
    }


def exported_topics(training_round: TrainingRound) -> list[Topic]:
    """The topics on offer plus, transitively, their prerequisites (so every reference resolves)."""
    seen: dict[int, Topic] = {}
    stack = list(training_round.topics)
    while stack:
        topic = stack.pop()
        if topic.id not in seen:
            seen[topic.id] = topic
            stack.extend(topic.prerequisites)
    return sorted(seen.values(), key=lambda t: t.code)


def export_calendar(training_round: TrainingRound) -> dict:
    """Dates, working weekdays, day parts and holidays."""
    return {
        "start": training_round.start_date.isoformat(),
        "end": training_round.end_date.isoformat(),
        "weekdays": sorted(training_round.weekdays),
        "parts": list(training_round.parts),
        "holidays": sorted(training_round.holidays),
    }


def export_topic(topic: Topic, topic_codes: dict[int, str]) -> dict:
    """One topic."""
    return {
        "id": topic.code, "name": topic.name, "field": topic.field, "sessions": topic.sessions,
        "min_size": topic.min_size, "max_size": topic.max_size, "modes": list(topic.modes),
        "prerequisites": [p.code for p in topic.prerequisites if p.id in topic_codes],
    }


def export_trainers(topic_codes: dict[int, str]) -> list[dict]:
    """Trainers qualified for at least one exported topic, with only those topics."""
    out = []
    for trainer in db.session.scalars(select(Trainer).order_by(Trainer.code)):
        codes = [topic_codes[t.id] for t in trainer.topics if t.id in topic_codes]
        if codes:
            out.append({
                "id": trainer.code, "name": trainer.name, "organisation": trainer.organisation,
                "topics": codes, "unavailable": list(trainer.unavailable),
                "max_sessions_per_week": trainer.max_sessions_per_week,
                "max_sessions": trainer.max_sessions,
            })
    return out


def export_venue(venue: Venue) -> dict:
    """One venue; `commune` only where it has one."""
    doc = {"id": venue.code, "name": venue.name, "capacity": venue.capacity,
           "online": venue.online, "unavailable": list(venue.unavailable)}
    if venue.commune is not None:
        doc["commune"] = venue.commune.code
    return doc


def export_communes(training_round, communes: list[Commune], venues: list[Venue]) -> list[dict]:
    """Communes with their round declarations and travel minutes to in-person venues."""
    in_person = {v.id: v.code for v in venues if not v.online}
    travel: dict[int, dict[str, int]] = defaultdict(dict)
    for row in db.session.scalars(select(TravelTime).where(TravelTime.venue_id.in_(in_person))):
        travel[row.commune_id][in_person[row.venue_id]] = row.minutes
    declared = {d.commune_id: d for d in training_round.communes}
    out = []
    for c in communes:
        decl = declared.get(c.id)
        doc = {"id": c.code, "name": c.name, "staff": c.staff, "max_away": c.max_away,
               "online_capable": decl.online_capable if decl else c.online_capable,
               "unavailable": list(decl.unavailable) if decl else [],
               "travel_minutes": dict(sorted(travel[c.id].items()))}
        if c.kind:
            doc["kind"] = c.kind
        out.append(doc)
    return out


def export_officials(communes: list[Commune], topic_codes: dict[int, str]) -> list[dict]:
    """Officials of the communes, with the exported topics they completed."""
    commune_codes = {c.id: c.code for c in communes}
    completed: dict[int, list[str]] = defaultdict(list)
    for official_id, topic_id in db.session.execute(select(official_completed_topic)):
        if topic_id in topic_codes:
            completed[official_id].append(topic_codes[topic_id])
    rows = db.session.execute(
        select(Official.id, Official.code, Official.commune_id, Official.name, Official.position)
        .where(Official.commune_id.in_(commune_codes)).order_by(Official.code)
    )
    return [
        {"id": code, "commune": commune_codes[commune_id], "name": name, "position": position,
         "completed": sorted(completed[official_id])}
        for official_id, code, commune_id, name, position in rows
    ]


def export_requests(training_round: TrainingRound) -> list[dict]:
    """The round's requests for the topics on offer (a prerequisite alone gets no class)."""
    offered = [t.id for t in training_round.topics]
    rows = db.session.execute(
        select(Official.code, Topic.code, TopicRequest.priority)
        .join(Official, TopicRequest.official_id == Official.id)
        .join(Topic, TopicRequest.topic_id == Topic.id)
        .where(TopicRequest.round_id == training_round.id, TopicRequest.topic_id.in_(offered))
        .order_by(Official.code, Topic.code)
    )
    return [{"official": o, "topic": t, "priority": p} for o, t, p in rows]


def export_classes(training_round: TrainingRound, state: str) -> list[dict]:
    """The round's classes in one state, as solution-document classes."""
    classes = db.session.scalars(
        select(TrainingClass).where(TrainingClass.round_id == training_round.id,
                                    TrainingClass.state == state).order_by(TrainingClass.code)
    )
    return [
        {"id": c.code, "topic": c.topic.code, "trainer": c.trainer.code, "venue": c.venue.code,
         "mode": c.mode, "sessions": [s.slot for s in c.sessions],
         "officials": sorted(seat.official.code for seat in c.seats)}
        for c in classes
    ]


def export_settings(training_round: TrainingRound) -> dict:
    """Travel limit and cost weights."""
    return {
        "max_travel_minutes": training_round.max_travel_minutes,
        "weights": {"unserved": training_round.weight_unserved,
                    "class": training_round.weight_class, "travel": training_round.weight_travel},
    }


# ---- solution document -> rows ---------------------------------------------------------------
def store_classes(training_round: TrainingRound, classes: list[dict], state: str = "draft",
                  solve_run_id: int | None = None) -> list[TrainingClass]:
    """Add the classes of a solution document to the round as rows; flush, do not commit."""
    codes = CodeMaps.load()
    parts = list(training_round.parts)
    out = []
    for doc in classes:
        cls = TrainingClass(
            round_id=training_round.id, solve_run_id=solve_run_id, state=state, code=doc["id"],
            topic_id=codes.topic[doc["topic"]], trainer_id=codes.trainer[doc["trainer"]],
            venue_id=codes.venue[doc["venue"]], mode=doc["mode"],
        )
        for slot in doc["sessions"]:
            day, _sep, part = slot.partition(":")
            cls.sessions.append(ClassSession(session_date=date.fromisoformat(day), part=part,
                                             position=parts.index(part) if part in parts else 0))
        cls.seats.extend(ClassSeat(official_id=codes.official[o]) for o in doc["officials"])
        db.session.add(cls)
        out.append(cls)
    db.session.flush()
    return out


class CodeMaps:
    """Contract ids (codes) to database ids, for each kind of record."""

    def __init__(self, topic, trainer, venue, official, commune):
        self.topic, self.trainer, self.venue = topic, trainer, venue
        self.official, self.commune = official, commune

    @classmethod
    def load(cls) -> CodeMaps:
        """Read every code map from the database."""
        def pairs(model):
            return dict(db.session.execute(select(model.code, model.id)).all())

        return cls(pairs(Topic), pairs(Trainer), pairs(Venue), pairs(Official), pairs(Commune))


# ---- instance document -> rows (used by seed-demo) -------------------------------------------
def import_instance(doc: dict, province: str, units=(), status: str = "collecting",
                    deadline: date | None = None) -> TrainingRound:
    """Load a whole instance document (a province and one round) into empty tables; flush."""
    from scheduler.planning.importer import Importer

    return Importer(doc, province, units).run(status=status, deadline=deadline)


def default_deadline(start: date) -> date:
    """Requests close a week before the round starts."""
    return start - timedelta(days=7)
