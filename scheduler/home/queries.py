"""What each role's home page shows."""

from sqlalchemy import func, select

from scheduler.communes.models import Commune, Official
from scheduler.extensions import db
from scheduler.planning.queries import published_classes_of_official, published_classes_of_trainer
from scheduler.rounds import queries as rounds
from scheduler.rounds.models import TrainingRound
from scheduler.topics.models import Topic
from scheduler.trainers.models import Trainer
from scheduler.venues.models import Venue


def count(model) -> int:
    """Rows of one model."""
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def planner_dashboard() -> dict:
    """Counts of everything, and the round in progress."""
    current = rounds.current_round()
    counts = {
        "communes": count(Commune), "officials": count(Official), "topics": count(Topic),
        "trainers": count(Trainer), "venues": count(Venue), "rounds": count(TrainingRound),
    }
    requests = rounds.count_requests(current.id) if current else 0
    return {"counts": counts, "current": current, "requests": requests}


def commune_home(commune: Commune) -> dict:
    """A focal point's commune, its official count and its requests in the current round."""
    current = rounds.current_round()
    officials = db.session.scalar(
        select(func.count(Official.id)).where(Official.commune_id == commune.id)
    )
    by_topic = rounds.request_counts_by_topic(current.id, commune.id) if current else []
    return {"commune": commune, "officials": officials, "current": current, "by_topic": by_topic}


def official_home(official: Official) -> dict:
    """An official's own record and requests."""
    return {"official": official, "requests": rounds.requests_of_official(official.id),
            "classes": published_classes_of_official(official.id)}


def trainer_home(trainer: Trainer) -> dict:
    """A trainer's topics, caps and unavailable half-days."""
    return {"trainer": trainer, "current": rounds.current_round(),
            "classes": published_classes_of_trainer(trainer.id)}
