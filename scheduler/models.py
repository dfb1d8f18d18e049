"""Every model, imported in one place so that the metadata (and Alembic) sees them all."""

from scheduler.auth.models import User
from scheduler.communes.models import Commune, Official, Province
from scheduler.planning.models import ClassSeat, ClassSession, SolveRun, TrainingClass
from scheduler.rounds.models import RoundCommune, TopicRequest, TrainingRound
from scheduler.topics.models import Topic
from scheduler.trainers.models import Trainer
from scheduler.venues.models import TravelTime, Venue

__all__ = [
    "ClassSeat", "ClassSession", "Commune", "Official", "Province", "RoundCommune", "SolveRun",
    "Topic", "TopicRequest", "Trainer", "TrainingClass", "TrainingRound", "TravelTime", "User",
    "Venue",
]
