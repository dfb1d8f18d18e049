"""Load an instance document into the database, in bulk (called through mapping.import_instance)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert, select

from scheduler.communes.models import Commune, Official, Province, official_completed_topic
from scheduler.extensions import db
from scheduler.rounds.models import RoundCommune, TopicRequest, TrainingRound, round_topic
from scheduler.topics.models import Topic, topic_prerequisite
from scheduler.trainers.models import Trainer, trainer_topic
from scheduler.venues.models import TravelTime, Venue


def ids_by_code(model) -> dict[str, int]:
    """Database id of every row of a model, by its contract code."""
    return dict(db.session.execute(select(model.code, model.id)).all())


def bulk(table_or_model, rows: list[dict]) -> None:
    """One multi-row INSERT (nothing when there are no rows)."""
    if rows:
        db.session.execute(insert(table_or_model), rows)


class Importer:
    """Turns one instance document (plus registry units for coordinates) into rows."""

    def __init__(self, doc: dict, province: str, units=()):
        self.doc = doc
        self.province_name = province
        self.units = {str(u.code): u for u in units}

    def run(self, status: str, deadline: date | None) -> TrainingRound:
        """Import everything and return the round."""
        province = self.import_province()
        self.import_communes(province)
        self.import_topics()
        self.import_trainers()
        self.import_venues()
        self.import_officials()
        training_round = self.import_round(province, status, deadline)
        self.import_requests(training_round)
        if self.doc.get("fixed_classes"):
            from scheduler.planning.mapping import store_classes

            store_classes(training_round, self.doc["fixed_classes"], state="published")
        db.session.flush()
        return training_round

    def import_province(self) -> Province:
        """The province, created when missing."""
        province = db.session.scalar(select(Province).filter_by(name=self.province_name))
        if province is None:
            province = Province(name=self.province_name)
            db.session.add(province)
            db.session.flush()
        return province

    def import_communes(self, province: Province) -> None:
        """Communes with coordinates and area from the registry units where known."""
        rows = []
        for c in self.doc["communes"]:
            unit = self.units.get(c["id"])
            rows.append({
                "province_id": province.id, "code": c["id"], "name": c["name"],
                "kind": c.get("kind"), "staff": c["staff"], "max_away": c["max_away"],
                "online_capable": c.get("online_capable", False),
                "lat": getattr(unit, "lat", None), "lon": getattr(unit, "lon", None),
                "area_km2": getattr(unit, "area_km2", None),
            })
        bulk(Commune, rows)
        self.commune_ids = ids_by_code(Commune)

    def import_topics(self) -> None:
        """Topics, then their prerequisites."""
        bulk(Topic, [
            {"code": t["id"], "name": t["name"], "field": t.get("field", ""),
             "sessions": t["sessions"], "min_size": t["min_size"], "max_size": t["max_size"],
             "modes": list(t.get("modes", ["in_person"]))}
            for t in self.doc["topics"]
        ])
        self.topic_ids = ids_by_code(Topic)
        bulk(topic_prerequisite, [
            {"topic_id": self.topic_ids[t["id"]], "prerequisite_id": self.topic_ids[p]}
            for t in self.doc["topics"] for p in t.get("prerequisites", [])
        ])

    def import_trainers(self) -> None:
        """Trainers and the topics they teach."""
        bulk(Trainer, [
            {"code": r["id"], "name": r["name"], "organisation": r.get("organisation", ""),
             "unavailable": list(r.get("unavailable", [])),
             "max_sessions_per_week": r.get("max_sessions_per_week"),
             "max_sessions": r.get("max_sessions")}
            for r in self.doc["trainers"]
        ])
        trainer_ids = ids_by_code(Trainer)
        bulk(trainer_topic, [
            {"trainer_id": trainer_ids[r["id"]], "topic_id": self.topic_ids[t]}
            for r in self.doc["trainers"] for t in r["topics"]
        ])

    def import_venues(self) -> None:
        """Venues, then the travel minutes of every commune to them."""
        bulk(Venue, [
            {"code": v["id"], "name": v["name"], "capacity": v["capacity"],
             "online": v.get("online", False), "commune_id": self.commune_ids.get(v.get("commune")),
             "unavailable": list(v.get("unavailable", []))}
            for v in self.doc["venues"]
        ])
        venue_ids = ids_by_code(Venue)
        bulk(TravelTime, [
            {"commune_id": self.commune_ids[c["id"]], "venue_id": venue_ids[v],
             "minutes": minutes, "estimated": True}
            for c in self.doc["communes"] for v, minutes in c["travel_minutes"].items()
        ])

    def import_officials(self) -> None:
        """Officials, then the topics they completed earlier."""
        bulk(Official, [
            {"code": o["id"], "commune_id": self.commune_ids[o["commune"]],
             "name": o.get("name", ""), "position": o.get("position", "")}
            for o in self.doc["officials"]
        ])
        self.official_ids = ids_by_code(Official)
        bulk(official_completed_topic, [
            {"official_id": self.official_ids[o["id"]], "topic_id": self.topic_ids[t]}
            for o in self.doc["officials"] for t in o.get("completed", [])
        ])

    def import_round(self, province: Province, status: str, deadline: date | None):
        """The round with its calendar, settings, topics on offer and commune declarations."""
        from scheduler.planning.mapping import default_deadline

        cal, settings = self.doc["calendar"], self.doc.get("settings", {})
        weights = settings.get("weights", {})
        start = date.fromisoformat(cal["start"])
        training_round = TrainingRound(
            province_id=province.id, name=self.doc["name"], start_date=start,
            end_date=date.fromisoformat(cal["end"]),
            weekdays=list(cal.get("weekdays", [0, 1, 2, 3, 4])),
            parts=list(cal.get("parts", ["am", "pm"])), holidays=list(cal.get("holidays", [])),
            request_deadline_date=deadline or default_deadline(start), status=status,
            max_travel_minutes=settings.get("max_travel_minutes"),
            weight_unserved=weights.get("unserved", 1000), weight_class=weights.get("class", 3000),
            weight_travel=weights.get("travel", 1),
        )
        db.session.add(training_round)
        db.session.flush()
        bulk(round_topic, [
            {"round_id": training_round.id, "topic_id": topic_id}
            for topic_id in self.topic_ids.values()
        ])
        bulk(RoundCommune, [
            {"round_id": training_round.id, "commune_id": self.commune_ids[c["id"]],
             "online_capable": c.get("online_capable", False),
             "unavailable": list(c.get("unavailable", []))}
            for c in self.doc["communes"]
        ])
        return training_round

    def import_requests(self, training_round: TrainingRound) -> None:
        """The round's topic requests."""
        bulk(TopicRequest, [
            {"round_id": training_round.id, "official_id": self.official_ids[q["official"]],
             "topic_id": self.topic_ids[q["topic"]], "priority": q.get("priority", 1)}
            for q in self.doc["requests"]
        ])
