"""Verbs on trainers: save one, delete one nothing refers to, set availability for a round."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select

from scheduler import halfdays
from scheduler.auth.models import User
from scheduler.extensions import db
from scheduler.formfields import InUse
from scheduler.planning.models import TrainingClass
from scheduler.topics.models import Topic
from scheduler.trainers.models import Trainer


def save_trainer(trainer: Trainer | None, data: dict) -> Trainer:
    """Create a trainer, or update one, from the form's data; flush."""
    if trainer is None:
        trainer = Trainer(unavailable=[])
        db.session.add(trainer)
    trainer.code, trainer.name = data["code"].strip(), data["name"].strip()
    trainer.organisation = (data["organisation"] or "").strip()
    trainer.max_sessions_per_week = data["max_sessions_per_week"]
    trainer.max_sessions = data["max_sessions"]
    ids = data["topics"] or []
    trainer.topics = list(db.session.scalars(select(Topic).where(Topic.id.in_(ids)))) if ids else []
    db.session.flush()
    return trainer


def delete_trainer(trainer: Trainer) -> None:
    """Delete a trainer no class or login refers to; flush."""
    checks = (
        (TrainingClass.trainer_id == trainer.id, _l("classes are taught by this trainer")),
        (User.trainer_id == trainer.id, _l("a login belongs to this trainer")),
    )
    for condition, reason in checks:
        if db.session.scalar(select(exists().where(condition))):
            raise InUse(reason)
    db.session.delete(trainer)
    db.session.flush()


def set_availability(trainer: Trainer, training_round, ticked: list[str],
                     caps: dict) -> list[str]:
    """Store the ticked half-days of the round as the trainer's unavailable ones, and the caps."""
    new = halfdays.slots_to_entries(ticked, training_round)
    trainer.unavailable = halfdays.replace_within_round(list(trainer.unavailable), new,
                                                        training_round)
    trainer.max_sessions_per_week = caps["max_sessions_per_week"]
    trainer.max_sessions = caps["max_sessions"]
    db.session.flush()
    return new
